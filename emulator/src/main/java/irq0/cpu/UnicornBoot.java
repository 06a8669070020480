package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.UnicornException;
import irq0.cpu.unicorn.UnicornUnavailableException;
import irq0.time.VirtualTime;
import irq0.trace.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Unicorn path of {@code irq0 boot}: loads the bundled BIOS (and a boot image, if one is
 * given), runs the machine for the requested length with an optional progress bar, prints the
 * guest's console and a closing summary, and turns every outcome into an exit code. The command
 * line (picocli, in irq0.cli) parses options and hands them here.
 *
 * <p>Output: the guest's debug console (port 0xE9) on {@code out} as it is written; the progress
 * bar (only when {@code err} is a terminal) and the text summary on {@code err}, so that
 * {@code out} holds only what the machine printed; with {@link Request#json} the summary is one
 * JSON object on {@code out} instead, and the guest's console goes to {@code err}, so that
 * {@code out} is exactly that object.
 */
public final class UnicornBoot {
    /** The boot image cannot be used (missing, empty, a directory, too large, not a boot sector). */
    public static final int EXIT_BAD_IMAGE = 7;
    /** libunicorn is not installed. */
    public static final int EXIT_NO_CPU = 3;
    /** The guest faulted (a register dump is printed). */
    public static final int EXIT_FAULT = PcMachine.EXIT_FAULT;
    /** Virtual seconds a boot lasts when nothing else ends it: no length, no script. */
    public static final long DEFAULT_SECONDS = 1;
    /** The longest a boot waits for the kernel's script to finish when no length is given. */
    public static final long MAX_SCRIPT_SECONDS = 3600;

    /** What to boot and how. */
    public static final class Request {
        /** A boot image file; null boots the bundled BIOS into the kernel. */
        public Path image;
        /** Stop at this virtual time (PIT clocks); -1 for no such limit. */
        public long limitClocks = -1;
        /** Stop after this many timer interrupts; -1 for no such limit. */
        public long limitTicks = -1;
        /**
         * With no length given, run until the kernel stops (its script is done), for at most
         * {@link UnicornBoot#MAX_SCRIPT_SECONDS}; otherwise {@link UnicornBoot#DEFAULT_SECONDS}.
         */
        public boolean untilKernelStops;
        public long cpuHz = MachineOptions.DEFAULT_CPU_HZ;
        public int cyclesPerInstruction = MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION;
        /** No summary and no progress bar. */
        public boolean quiet;
        /** The summary as one JSON object on stdout. */
        public boolean json;
        /** Draw a progress bar on stderr (the caller sets it when stderr is a terminal). */
        public boolean progress;
    }

    /** The outcome of a boot, for the summary and for tests. */
    public static final class Outcome {
        public int exitCode;
        public PcMachine.Stop stop;
        public long clocks;
        public long interrupts;
        public long timerInterrupts;
        public long instructions;
        public long hostNanos;
        /** CPU time the running thread used (the JIT and GC threads not included). */
        public long cpuNanos;
    }

    private UnicornBoot() {
    }

    /**
     * Boots. {@code kernelFactory} builds the kernel on the board (called only when no boot image
     * is given; it may be null for a BIOS without kernel).
     */
    public static Outcome boot(Request request, PcBoard board, Function<PcBoard, KernelGate> kernelFactory,
            Trace trace, PrintWriter out, PrintWriter err) {
        Outcome outcome = new Outcome();
        MachineOptions options;
        try {
            options = MachineOptions.defaults().withCpuHz(request.cpuHz)
                    .withCyclesPerInstruction(request.cyclesPerInstruction);
        } catch (IllegalArgumentException e) {
            err.println("irq0 boot: " + e.getMessage());
            outcome.exitCode = 2;
            return outcome;
        }
        KernelGate kernel = null;
        if (request.image != null) {
            try {
                options = options.withBootImage(BootImage.readBootImage(request.image));
            } catch (BootImage.ImageException e) {
                err.println("irq0 boot: " + e.getMessage());
                outcome.exitCode = EXIT_BAD_IMAGE;
                return outcome;
            }
        }
        long limitClocks = request.limitClocks;
        if (limitClocks < 0 && request.limitTicks < 0) {
            limitClocks = (request.untilKernelStops ? MAX_SCRIPT_SECONDS : DEFAULT_SECONDS) * VirtualTime.PIT_HZ;
        }
        if (limitClocks >= 0) {
            // a zero-length run still stops: the limit check precedes the first instruction
            options = options.withMaxClocks(Math.max(limitClocks, 1));
        }
        if (request.limitTicks >= 0) {
            options = options.withMaxTimerInterrupts(Math.max(request.limitTicks, 1));
        }
        PrintWriter console = request.json ? err : out;
        board.setConsole(b -> console.write(b));
        PcMachine machine;
        try {
            if (request.image == null && kernelFactory != null) {
                kernel = kernelFactory.apply(board);
            }
            machine = new PcMachine(board, BootImage.bundled(BootImage.BUNDLED_FIRMWARE), kernel, options, trace);
        } catch (UnicornUnavailableException e) {
            err.println("irq0 boot: " + e.getMessage());
            outcome.exitCode = EXIT_NO_CPU;
            return outcome;
        } catch (UnicornException e) {
            err.println("irq0 boot: the CPU could not be set up: " + e.getMessage());
            outcome.exitCode = EXIT_NO_CPU;
            return outcome;
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        try (machine) {
            PcMachine.Stop stop = run(machine, limitClocks, request, err);
            outcome.hostNanos = System.nanoTime() - t0;
            outcome.cpuNanos = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() - c0 : 0;
            outcome.stop = stop;
            outcome.clocks = board.now();
            outcome.interrupts = machine.interrupts();
            outcome.timerInterrupts = machine.timerInterrupts();
            outcome.instructions = machine.instructions();
            console.flush();
            switch (stop) {
                case FAULT:
                    err.println("irq0 boot: " + machine.message());
                    outcome.exitCode = EXIT_FAULT;
                    break;
                case GUEST_EXIT:
                case KERNEL_STOPPED:
                    outcome.exitCode = machine.exitStatus();
                    break;
                default:
                    outcome.exitCode = 0;
            }
        }
        if (request.json) {
            out.println(json(outcome));
        } else if (!request.quiet) {
            err.println(summary(outcome));
        }
        out.flush();
        err.flush();
        return outcome;
    }

    private static PcMachine.Stop run(PcMachine machine, long limitClocks, Request request, PrintWriter err) {
        if (!request.progress || request.quiet || request.json) {
            return machine.run();
        }
        long total = limitClocks > 0 ? limitClocks : 0;
        long slice = total > 0 ? Math.max(1, total / 50) : VirtualTime.PIT_HZ / 10;
        long until = slice;
        PcMachine.Stop stop;
        do {
            stop = machine.runUntil(until);
            until += slice;
            err.print(progressBar(machine.board().now(), total, machine.interrupts()));
            err.flush();
        } while (stop == PcMachine.Stop.PAUSED);
        err.print("\r\033[K");
        err.flush();
        return stop;
    }

    /** "\r[#####.....]  50%  0.500/1.000 s virtual, 500 interrupts". */
    static String progressBar(long clocks, long total, long interrupts) {
        StringBuilder sb = new StringBuilder("\r[");
        int width = 30;
        int filled = total > 0 ? (int) Math.min(width, clocks * width / total) : 0;
        for (int i = 0; i < width; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        sb.append("] ");
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "%3d%% %s/%s s", Math.min(100, clocks * 100 / total),
                    seconds(clocks), seconds(total)));
        } else {
            sb.append(seconds(clocks)).append(" s");
        }
        sb.append(" virtual, ").append(interrupts).append(" interrupts");
        return sb.toString();
    }

    /** Virtual seconds with six decimals, exact (integer arithmetic). */
    static String seconds(long clocks) {
        long us = VirtualTime.toMicros(clocks);
        return String.format(Locale.ROOT, "%d.%06d", us / 1_000_000L, us % 1_000_000L);
    }

    /** The closing summary line. */
    public static String summary(Outcome o) {
        double host = o.hostNanos / 1e9;
        double virtual = o.clocks / (double) VirtualTime.PIT_HZ;
        return String.format(Locale.ROOT,
                "irq0 boot: %s after %s s virtual: %d interrupts (%d timer), %d instructions; host %.3f s, "
                        + "%.1fx real time, %.0f interrupts per host second",
                stopName(o.stop), seconds(o.clocks), o.interrupts, o.timerInterrupts, o.instructions, host,
                host > 0 ? virtual / host : 0.0, host > 0 ? o.interrupts / host : 0.0);
    }

    /** The summary as one JSON object. */
    public static String json(Outcome o) {
        double host = o.hostNanos / 1e9;
        double virtual = o.clocks / (double) VirtualTime.PIT_HZ;
        return String.format(Locale.ROOT,
                "{\"stop\":\"%s\",\"exitCode\":%d,\"virtualSeconds\":%s,\"pitClocks\":%d,\"interrupts\":%d,"
                        + "\"timerInterrupts\":%d,\"instructions\":%d,\"hostSeconds\":%.6f,\"speed\":%.3f,"
                        + "\"interruptsPerHostSecond\":%.1f,\"cpuSeconds\":%.6f}",
                o.stop.name().toLowerCase(Locale.ROOT), o.exitCode, seconds(o.clocks), o.clocks, o.interrupts, o.timerInterrupts,
                o.instructions, host, host > 0 ? virtual / host : 0.0, host > 0 ? o.interrupts / host : 0.0,
                o.cpuNanos / 1e9);
    }

    private static String stopName(PcMachine.Stop stop) {
        switch (stop) {
            case LENGTH: return "length reached";
            case GUEST_EXIT: return "guest exit";
            case KERNEL_STOPPED: return "kernel stopped";
            case FAULT: return "guest fault";
            default: return stop.name().toLowerCase(Locale.ROOT);
        }
    }
}
