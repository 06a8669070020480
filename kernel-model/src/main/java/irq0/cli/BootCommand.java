package irq0.cli;

import irq0.board.PcBoard;
import irq0.cpu.MachineOptions;
import irq0.cpu.PcMachine;
import irq0.cpu.UnicornBoot;
import irq0.kernel.Kernel;
import irq0.kernel.NoCpuMachine;
import irq0.time.VirtualTime;
import irq0.trace.OutputFile;
import irq0.trace.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code irq0 boot}: the board and the Linux 2.2 kernel model, driven by a CPU or, with
 * {@code --cpu none}, by the CPU-less stand-in; prints the kernel log (virtual-time stamps) and
 * the output of each scripted command.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {
            "Boot the PC/AT board and the Linux 2.2 kernel model and run shell commands in process context.",
            "With no FIRMWARE, the bundled BIOS runs POST and hands over to the kernel model; with a boot image "
                    + "(a 512-byte boot sector ending in 55 AA, or a disk image whose first sector is one), the BIOS "
                    + "loads it at 0000:7C00 instead and no kernel runs (so --run is refused).",
            "Length: --ticks N timer interrupts, or --seconds S of virtual time; with neither, the run ends when the "
                    + "--run script is done (at most " + UnicornBoot.MAX_SCRIPT_SECONDS + " virtual seconds), or after "
                    + BootCommand.DEFAULT_SECONDS + " virtual second without a script; a boot image runs until it "
                    + "writes to port 0xF4 (at most " + BootCommand.BOOT_IMAGE_SECONDS + " virtual seconds).",
            "Shell commands: insmod NAME, rmmod NAME, lsmod, cat FILE, sleep SECONDS, echo WORDS. "
                    + "Modules: sched, sched_unsafe, jiq, jitimer (and any on the class path).",
            "Output: the firmware's console (port 0xE9) and the kernel's log on stdout; a progress bar (on a terminal) "
                    + "and a closing summary on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run ended normally",
            "1:the kernel oopsed or panicked (the machine stopped)",
            "2:bad usage",
            "3:the CPU asked for is not available (install libunicorn2: ./setup)",
            "4:a scripted command failed",
            "5:the run length ended before the script did",
            "6:the kernel locked up (a real machine would hang)",
            "7:the boot image cannot be used (missing, empty, a directory, too large, no 55 AA signature)",
            "8:an output file (--trace, --vcd) could not be written (one line per output says what is left of it)",
            "10:the guest faulted (a register dump is printed)",
            "odd:a boot image wrote V to port 0xF4 (isa-debug-exit): (V << 1) | 1"})
public final class BootCommand implements Callable<Integer> {
    static final int DEFAULT_SECONDS = 1;
    /**
     * A boot image ends its own run through isa-debug-exit, as it does on QEMU; with no length
     * given, this many virtual seconds bound one that never does.
     */
    static final int BOOT_IMAGE_SECONDS = 60;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NO_CPU = 3;
    static final int EXIT_SCRIPT_UNFINISHED = 5;
    static final int EXIT_OUTPUT = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--cpu", defaultValue = "unicorn", paramLabel = "none|unicorn",
            description = "what runs the firmware and enters the kernel: unicorn (x86 through Unicorn) or none (the CPU-less stand-in). Default: ${DEFAULT-VALUE}")
    String cpu;

    @Option(names = "--hz", defaultValue = "100", paramLabel = "HZ",
            description = "timer interrupts per second (19-10000; LATCH = (1193180 + HZ/2) / HZ). Default: ${DEFAULT-VALUE}")
    int hz;

    @Option(names = "--run", paramLabel = "COMMAND", description = "a shell command run after boot, in order (repeatable)")
    List<String> run = new ArrayList<>();

    @Option(names = "--ticks", paramLabel = "N", description = "stop after N timer interrupts")
    Long ticks;

    @Option(names = "--seconds", paramLabel = "S", description = "stop after S seconds of virtual time (fractions allowed)")
    String seconds;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FIRMWARE",
            description = "a boot image to boot instead of the kernel (default: the bundled BIOS and the kernel model)")
    Path firmware;

    @Option(names = "--cpu-hz", defaultValue = "" + MachineOptions.DEFAULT_CPU_HZ, paramLabel = "HZ",
            description = "the x86's clock in Hz (unicorn). Default: ${DEFAULT-VALUE}")
    long cpuHz;

    @Option(names = {"--cpi", "--cycles-per-instruction"}, defaultValue = "" + MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION,
            paramLabel = "N", description = "cycles charged for every instruction (unicorn). Default: ${DEFAULT-VALUE}")
    int cyclesPerInstruction;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no closing summary")
    boolean quiet;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    KernelOptions kernelOptions;

    @Option(names = "--json", description = "print the closing summary as one JSON object on stdout (the console goes to stderr)")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (ticks != null && seconds != null) {
            err.println("irq0 boot: give --ticks or --seconds, not both");
            return EXIT_USAGE;
        }
        if (ticks != null && ticks < 0) {
            err.println("irq0 boot: --ticks must be >= 0: " + ticks);
            return EXIT_USAGE;
        }
        long limitClocks = -1;
        if (seconds != null) {
            BigDecimal s;
            try {
                s = new BigDecimal(seconds);
            } catch (NumberFormatException e) {
                err.println("irq0 boot: --seconds is not a number: " + seconds);
                return EXIT_USAGE;
            }
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                err.println("irq0 boot: --seconds must be between 0 and 1e9: " + seconds);
                return EXIT_USAGE;
            }
            limitClocks = s.multiply(BigDecimal.valueOf(VirtualTime.PIT_HZ)).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        }
        if (hz < 19 || hz > 10_000) {
            err.println("irq0 boot: --hz must be between 19 and 10000: " + hz);
            return EXIT_USAGE;
        }
        if (!cpu.equals("none") && !cpu.equals("unicorn")) {
            err.println("irq0 boot: unknown --cpu '" + cpu + "' (none or unicorn)");
            return EXIT_USAGE;
        }
        if (cpu.equals("none") && firmware != null) {
            err.println("irq0 boot: a boot image needs a CPU: drop --cpu none");
            return EXIT_USAGE;
        }
        TraceOutputs outputs;
        try {
            outputs = TraceOutputs.open(outputOptions);
        } catch (OutputFile.OpenException e) {
            err.println(e.getMessage());
            return e.isUsageError() ? EXIT_USAGE : EXIT_OUTPUT;
        }
        int status;
        try {
            status = cpu.equals("none")
                    ? bootWithoutCpu(out, err, limitClocks, outputs)
                    : bootOnUnicorn(out, err, limitClocks, outputs);
        } catch (RuntimeException | Error e) {
            outputs.discard();
            throw e;
        }
        List<String> failed = outputs.finish();
        failed.forEach(err::println);
        return failed.isEmpty() ? status : EXIT_OUTPUT;
    }

    private int bootOnUnicorn(PrintWriter out, PrintWriter err, long limitClocks, TraceOutputs outputs) {
        Trace trace = outputs.trace();
        if (firmware != null && !run.isEmpty()) {
            err.println("irq0 boot: shell commands need the kernel, and a boot image replaces it: drop --run or " + firmware);
            return EXIT_USAGE;
        }
        UnicornBoot.Request request = new UnicornBoot.Request();
        request.image = firmware;
        request.limitClocks = firmware != null && limitClocks < 0 && ticks == null
                ? BOOT_IMAGE_SECONDS * VirtualTime.PIT_HZ
                : limitClocks;
        request.limitTicks = ticks == null ? -1 : ticks;
        request.untilKernelStops = firmware == null && !run.isEmpty();
        request.cpuHz = cpuHz;
        request.cyclesPerInstruction = cyclesPerInstruction;
        request.quiet = quiet;
        request.json = json;
        request.progress = System.console() != null;
        Kernel[] kernel = new Kernel[1];
        PcBoard board = new PcBoard(trace);
        outputs.attach(board);
        UnicornBoot.Outcome outcome = UnicornBoot.boot(request, board, b -> {
            // with --json, stdout carries only the summary: the kernel's log goes with the console to stderr
            PrintWriter log = json ? err : out;
            kernel[0] = new Kernel(b, trace, kernelOptions.applyTo(new Kernel.Config()).hz(hz).script(run).console(log::println));
            return kernel[0];
        }, trace, out, err);
        if (outcome.stop == PcMachine.Stop.LENGTH && kernel[0] != null && kernel[0].running() && !run.isEmpty()) {
            err.println("irq0 boot: the run ended before the script did");
            return EXIT_SCRIPT_UNFINISHED;
        }
        return outcome.exitCode;
    }

    private int bootWithoutCpu(PrintWriter out, PrintWriter err, long limitClocks, TraceOutputs outputs) {
        Trace trace = outputs.trace();
        PcBoard board = new PcBoard(trace);
        outputs.attach(board);
        Kernel kernel = new Kernel(board, trace, kernelOptions.applyTo(new Kernel.Config()).hz(hz).script(run).console(out::println));
        NoCpuMachine machine = new NoCpuMachine(board, trace, kernel);
        machine.boot();
        if (ticks != null) {
            machine.runTicks(ticks);
        } else if (limitClocks >= 0) {
            machine.runUntil(limitClocks);
        } else if (!run.isEmpty()) {
            machine.runToCompletion();
        } else {
            machine.runUntil(DEFAULT_SECONDS * VirtualTime.PIT_HZ);
        }
        out.flush();
        if (kernel.running()) {
            if (!run.isEmpty()) {
                err.println("irq0 boot: the run ended before the script did");
                return EXIT_SCRIPT_UNFINISHED;
            }
            return 0;
        }
        return kernel.exitStatus();
    }
}
