package irq0.cli;

import irq0.board.PcBoard;
import irq0.cpu.BootMachine;
import irq0.cpu.BootRunner;
import irq0.cpu.MachineOptions;
import irq0.cpu.UnicornBoot;
import irq0.kernel.Kernel;
import irq0.kernel.NoCpuMachine;
import irq0.time.VirtualTime;
import irq0.trace.OutputFile;
import irq0.trace.Trace;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
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
 * {@code irq0 boot}: the board and the Linux 2.2 kernel model, driven by the Unicorn CPU or, with
 * {@code --cpu none}, by the CPU-less stand-in, or a boot image on the Unicorn CPU. Both CPUs run
 * through one {@link BootRunner}: lengths, the progress bar, Ctrl-C, the summary and exit codes
 * mean the same on both.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {
            "Boot the PC/AT board and the Linux 2.2 kernel model (2.4 with --kernel 2.4) and run shell commands "
                    + "in process context.",
            "With no FIRMWARE, the bundled BIOS runs POST and hands over to the kernel model; with a boot image "
                    + "(a 512-byte boot sector ending in 55 AA, or a disk image whose first sector is one), the BIOS "
                    + "loads its first sector at 0000:7C00 instead and no kernel runs (so --run and --hz are refused).",
            "Length: --ticks N delivers exactly N timer interrupts and ends where the next one would be taken; "
                    + "--seconds S ends at S seconds of virtual time. The machine idles on after a script that ends "
                    + "early; a script still running at the end is exit 5. With neither, the run ends with the "
                    + "--run script, or after " + BootRunner.DEFAULT_SECONDS + " virtual second without one; "
                    + "a boot image runs until it writes to port 0xF4. Either way at most " + BootRunner.MAX_SECONDS
                    + " virtual seconds (exit 5 for a script, 12 for a boot image).",
            "Shell commands: insmod NAME [symbol=value ...], rmmod NAME, lsmod, cat FILE, sleep SECONDS, ps, "
                    + "echo WORDS, CMD & (in the background), wait. Modules: sched, sched-2001, sched_unsafe, jiq, "
                    + "jitimer, irqoff, bhoff, bhorder, pitcount, pitread (and any on the class path).",
            "Output: the firmware's console (port 0xE9) and the kernel's log on stdout; a progress bar (on a terminal) "
                    + "and a closing summary on stderr. Ctrl-C ends the run cleanly: outputs closed, summary printed, "
                    + "exit 130 (SIGTERM: 143)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run ended normally",
            "1:the kernel oopsed or panicked (the machine stopped)",
            "2:bad usage",
            "3:the CPU asked for is not available (install libunicorn2: ./setup)",
            "4:a scripted command failed",
            "5:the run ended before the script did",
            "6:the kernel locked up (a real machine would hang)",
            "7:the boot image cannot be used (missing, not a regular file, too large, no 55 AA signature)",
            "8:an output file (--trace, --vcd, --timeline, --ftrace, --svg) could not be written (one line per output says what is left of it)",
            "10:the guest faulted (a register dump is printed)",
            "12:a boot image ran " + BootRunner.MAX_SECONDS + " virtual seconds without writing to port 0xF4",
            "70:internal error (a bug in irq0)",
            "130:interrupted (Ctrl-C)",
            "143:terminated (SIGTERM)",
            "odd:a boot image wrote V to port 0xF4 (isa-debug-exit): (V << 1) | 1"})
public final class BootCommand implements Callable<Integer> {
    static final int EXIT_USAGE = 2;
    static final int EXIT_SCRIPT_UNFINISHED = 5;
    static final int EXIT_OUTPUT_FAILED = 8;
    static final int EXIT_IMAGE_NEVER_EXITED = 12;

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

    @Option(names = "--ticks", paramLabel = "N",
            description = "deliver N timer interrupts, ending where the next would be taken (0: none)")
    Long ticks;

    @Option(names = "--seconds", paramLabel = "S", description = "end at S seconds of virtual time (fractions allowed)")
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
        String usage = usageError();
        if (usage != null) {
            err.println("irq0 boot: " + usage);
            return EXIT_USAGE;
        }
        BootRunner.Request request;
        try {
            request = lengthRequest();
        } catch (IllegalArgumentException e) {
            err.println("irq0 boot: " + e.getMessage());
            return EXIT_USAGE;
        }
        TraceOutputs outputs;
        try {
            outputs = TraceOutputs.open(outputOptions);
        } catch (OutputFile.OpenException e) {
            err.println(e.getMessage());
            return e.isUsageError() ? EXIT_USAGE : EXIT_OUTPUT_FAILED;
        }
        Trace trace = outputs.trace();
        PcBoard board = new PcBoard(trace);
        outputs.attach(board);
        // with --json, stdout carries only the summary: console and kernel log go to stderr
        PrintWriter console = json ? err : out;
        board.setConsole(b -> console.write(b));
        boolean withKernel = firmware == null;
        Kernel.Config config = kernelOptions.applyTo(new Kernel.Config()).hz(hz).script(run).console(console::println)
                .cpu(cpuHz, cyclesPerInstruction)
                // with a length, the machine idles on after the script, as a booted kernel does
                .stopWhenScriptEnds(request.limitClocks < 0 && request.limitTicks < 0);
        Kernel[] kernel = new Kernel[1];
        BootMachine machine;
        if (cpu.equals("none")) {
            kernel[0] = new Kernel(board, trace, config);
            NoCpuMachine noCpu = new NoCpuMachine(board, trace, kernel[0]);
            noCpu.boot();
            machine = noCpu;
        } else {
            UnicornBoot.Request unicorn = new UnicornBoot.Request();
            unicorn.image = firmware;
            unicorn.cpuHz = cpuHz;
            unicorn.cyclesPerInstruction = cyclesPerInstruction;
            unicorn.limitClocks = request.limitClocks; // the machine ends its runs of Unicorn at the length
            unicorn.limitTicks = request.limitTicks;
            try {
                machine = UnicornBoot.open(unicorn, board, b -> kernel[0] = new Kernel(b, trace, config), trace);
            } catch (UnicornBoot.Refused e) {
                outputs.discard();
                err.println("irq0 boot: " + e.getMessage());
                return e.exitCode;
            }
        }
        BootRunner runner = new BootRunner();
        try (machine; SignalStop signals = SignalStop.install(runner)) {
            BootRunner.Outcome outcome = runner.run(machine, request,
                    (o, code, e) -> verdict(o, code, e, withKernel ? kernel[0] : null, outputs), out, err);
            return outcome.exitCode;
        } catch (RuntimeException | Error e) {
            outputs.discard();
            throw e;
        }
    }

    /** What is wrong with the options, or null. */
    private String usageError() {
        if (ticks != null && seconds != null) {
            return "give --ticks or --seconds, not both";
        }
        if (ticks != null && ticks < 0) {
            return "--ticks must be >= 0: " + ticks;
        }
        if (hz < 19 || hz > 10_000) {
            return "--hz must be between 19 and 10000: " + hz;
        }
        if (!cpu.equals("none") && !cpu.equals("unicorn")) {
            return "unknown --cpu '" + cpu + "' (none or unicorn)";
        }
        if (cpu.equals("none") && firmware != null) {
            return "a boot image needs a CPU: drop --cpu none";
        }
        if (cpu.equals("none") && (given("--cpu-hz") || given("--cpi"))) {
            return "--cpu-hz and --cpi set the x86's clock, and --cpu none has no x86: drop them or --cpu none";
        }
        if (firmware != null && !run.isEmpty()) {
            return "shell commands need the kernel, and a boot image replaces it: drop --run or " + firmware;
        }
        if (firmware != null && given("--hz")) {
            return "--hz is the kernel's, and a boot image replaces the kernel: drop --hz or " + firmware;
        }
        return null;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The run's length as the runner takes it; a bad --seconds is an IllegalArgumentException. */
    private BootRunner.Request lengthRequest() {
        BootRunner.Request request = new BootRunner.Request();
        request.quiet = quiet;
        request.json = json;
        request.progress = System.console() != null;
        if (ticks != null) {
            request.limitTicks = ticks;
        } else if (seconds != null) {
            BigDecimal s;
            try {
                s = new BigDecimal(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seconds is not a number: " + seconds);
            }
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new IllegalArgumentException("--seconds must be between 0 and 1e9: " + seconds);
            }
            request.limitClocks = s.multiply(BigDecimal.valueOf(VirtualTime.PIT_HZ))
                    .setScale(0, RoundingMode.CEILING).longValueExact();
        } else if (firmware == null && run.isEmpty()) {
            request.limitClocks = BootRunner.DEFAULT_SECONDS * VirtualTime.PIT_HZ;
        }
        return request;
    }

    /**
     * The exit code of a run that has stopped: the kernel's view of its script, the boot image's
     * limit, then the outputs, which are closed here so that the summary reports the final code.
     */
    private int verdict(BootRunner.Outcome o, int code, PrintWriter err, Kernel kernel, TraceOutputs outputs) {
        if (o.signal == null && o.stop == BootMachine.Stop.LENGTH) {
            if (kernel != null && !run.isEmpty() && !kernel.scriptFinished()) {
                err.println(o.capReached
                        ? "irq0 boot: the script did not end within " + BootRunner.MAX_SECONDS + " virtual seconds"
                        : "irq0 boot: the run ended before the script did");
                code = EXIT_SCRIPT_UNFINISHED;
            } else if (kernel != null && kernel.scriptFailures() > 0) {
                code = Kernel.EXIT_COMMAND_FAILED;
            } else if (kernel == null && o.capReached) {
                err.println("irq0 boot: the boot image ran " + BootRunner.MAX_SECONDS
                        + " virtual seconds without writing to port 0xF4 (give --seconds or --ticks to bound it)");
                code = EXIT_IMAGE_NEVER_EXITED;
            }
        }
        List<String> lines = o.signal != null ? outputs.abandon("interrupted by " + o.signal) : outputs.finish();
        lines.forEach(err::println);
        return o.signal == null && !lines.isEmpty() ? EXIT_OUTPUT_FAILED : code;
    }
}
