package irq0.cli;

import irq0.board.PcBoard;
import irq0.kernel.Kernel;
import irq0.kernel.NoCpuMachine;
import irq0.time.VirtualTime;
import irq0.trace.Trace;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
            "Length: --ticks N timer interrupts, or --seconds S of virtual time; with neither, the run ends when the "
                    + "--run script is done, or after " + BootCommand.DEFAULT_SECONDS + " virtual second without a script.",
            "Shell commands: insmod NAME, rmmod NAME, lsmod, cat FILE, sleep SECONDS, echo WORDS. "
                    + "Modules: sched, sched_unsafe, jiq, jitimer (and any on the class path)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run ended normally",
            "1:the kernel oopsed or panicked (the machine stopped)",
            "2:bad usage",
            "3:the CPU asked for is not available",
            "4:a scripted command failed",
            "5:the run length ended before the script did",
            "6:the kernel locked up (a real machine would hang)"})
public final class BootCommand implements Callable<Integer> {
    static final int DEFAULT_SECONDS = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NO_CPU = 3;
    static final int EXIT_SCRIPT_UNFINISHED = 5;

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
        switch (cpu) {
            case "none":
                return bootWithoutCpu(out, err, limitClocks);
            case "unicorn":
                err.println("irq0 boot: the unicorn CPU is not available in this build yet; use --cpu none");
                return EXIT_NO_CPU;
            default:
                err.println("irq0 boot: unknown --cpu '" + cpu + "' (none or unicorn)");
                return EXIT_USAGE;
        }
    }

    private int bootWithoutCpu(PrintWriter out, PrintWriter err, long limitClocks) {
        PcBoard board = new PcBoard(Trace.NONE);
        Kernel kernel = new Kernel(board, Trace.NONE, new Kernel.Config().hz(hz).script(run).console(out::println));
        NoCpuMachine machine = new NoCpuMachine(board, Trace.NONE, kernel);
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
