package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.UnicornException;
import irq0.cpu.unicorn.UnicornUnavailableException;
import irq0.trace.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The Unicorn machine of {@code irq0 boot}: the bundled BIOS (and a boot image, if one is given)
 * on a {@link PcMachine}, or the reason it cannot be built as an exit code. {@link BootRunner}
 * runs it.
 */
public final class UnicornBoot {
    /** The boot image cannot be used (missing, not a regular file, too large, not a boot sector). */
    public static final int EXIT_BAD_IMAGE = 7;
    /** libunicorn is not installed. */
    public static final int EXIT_NO_CPU = 3;
    /** A CPU option is out of range. */
    public static final int EXIT_USAGE = 2;

    /** What to boot and how. */
    public static final class Request extends BootRunner.Request {
        /** A boot image file; null boots the bundled BIOS into the kernel. */
        public Path image;
        public long cpuHz = MachineOptions.DEFAULT_CPU_HZ;
        public int cyclesPerInstruction = MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION;
    }

    /** The machine cannot be built: a one-line message and the exit code it means. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        public final int exitCode;

        Refused(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    private UnicornBoot() {
    }

    /**
     * The machine for {@code request}. {@code kernelFactory} builds the kernel on the board (only
     * when no boot image is given; it may be null for a BIOS without kernel). The console of
     * the board must be set by the caller.
     */
    public static PcMachine open(Request request, PcBoard board, Function<PcBoard, KernelGate> kernelFactory,
            Trace trace) throws Refused {
        MachineOptions options;
        try {
            options = MachineOptions.defaults().withCpuHz(request.cpuHz)
                    .withCyclesPerInstruction(request.cyclesPerInstruction);
        } catch (IllegalArgumentException e) {
            throw new Refused(EXIT_USAGE, e.getMessage());
        }
        if (request.image != null) {
            try {
                options = options.withBootImage(BootImage.readBootImage(request.image));
            } catch (BootImage.ImageException e) {
                throw new Refused(EXIT_BAD_IMAGE, e.getMessage());
            }
        }
        // The length is also the machine's own: it ends a run of Unicorn exactly there, so that the
        // runner's pause points need not (a pause waits for the run it falls in; see CpuClock).
        long length = request.limitClocks >= 0 ? request.limitClocks
                : request.limitTicks < 0 ? BootRunner.MAX_SECONDS * irq0.time.VirtualTime.PIT_HZ : 0;
        if (length > 0) {
            options = options.withMaxClocks(length);
        }
        try {
            KernelGate kernel = request.image == null && kernelFactory != null ? kernelFactory.apply(board) : null;
            return new PcMachine(board, BootImage.bundled(BootImage.BUNDLED_FIRMWARE), kernel, options, trace);
        } catch (UnicornUnavailableException e) {
            throw new Refused(EXIT_NO_CPU, e.getMessage());
        } catch (UnicornException e) {
            throw new Refused(EXIT_NO_CPU, "the CPU could not be set up: " + e.getMessage());
        }
    }

    /**
     * Builds the machine and runs it, the console on {@code out} (on {@code err} with JSON); a
     * machine that cannot be built is one line on {@code err} and an outcome with its exit code.
     */
    public static BootRunner.Outcome boot(Request request, PcBoard board, Function<PcBoard, KernelGate> kernelFactory,
            Trace trace, PrintWriter out, PrintWriter err) {
        PrintWriter console = request.json ? err : out;
        board.setConsole(b -> console.write(b));
        PcMachine machine;
        try {
            machine = open(request, board, kernelFactory, trace);
        } catch (Refused e) {
            err.println("irq0 boot: " + e.getMessage());
            BootRunner.Outcome o = new BootRunner.Outcome();
            o.exitCode = e.exitCode;
            return o;
        }
        try (machine) {
            return new BootRunner().run(machine, request, null, out, err);
        }
    }
}
