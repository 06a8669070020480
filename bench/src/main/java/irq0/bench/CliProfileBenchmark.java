package irq0.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import irq0.board.PcBoard;
import irq0.cli.Irq0;
import irq0.kernel.Kernel;
import irq0.kernel.NoCpuMachine;
import irq0.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import picocli.CommandLine;

/**
 * {@link HotPathBenchmark}'s interrupt in a JVM whose JIT has seen what the command line makes it
 * see. Before measuring, set-up runs {@code irq0 boot --cpu none} in-process as a user would: once
 * with {@code --trace} and {@code --vcd} and {@code --ticks 0}, so that the trace recorder, both
 * sinks and the waveform's OUT1/OUT2 lines are constructed, wired and used for the boot, then
 * closed before any interrupt is taken (constructed, but off for the interrupt path, as the issue
 * that asked for this benchmark puts it); then with every bundled module loaded once (sched,
 * jiq's tq_immediate and IMMEDIATE_BH, jitimer's timer list, sched_unsafe's Oops), untraced.
 * Then it boots a machine as {@code BootCommand} does for {@code --cpu none} without outputs,
 * loads {@link RequeueModule} with P tasks, and one op is one timer interrupt through
 * {@link NoCpuMachine#runUntil(long, long)}, the loop {@code irq0 boot} drives: it takes the
 * interrupt that was pending, idles (schedule(), HLT to the next OUT0 edges) and pauses before
 * the next acknowledge.
 *
 * <p>No set-up line takes an interrupt with the trace on: an {@code irq0 boot} process traces all
 * of its run or none of it, and a traced interrupt (recording about 1.4 KB) is another path, not
 * this one with a wider profile. Until 2026-12-06 the sched line ran traced for 3,000 interrupts,
 * which compiled the recorder into the untraced interrupt's path; DEVELOPERS.md has what that
 * cost.
 *
 * <p>What could fool it: the JIT may compile HotPath's path before the CLI runs widen its call
 * sites; set-up runs the command line first, then the machine, so what is measured is what a
 * long {@code irq0 boot} run sees. Compare with HotPath at the same P in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CliProfileBenchmark {
    /** The command lines set-up runs first: {@code VCD} and {@code TRACE} stand for temporary files. */
    static final List<List<String>> COMMAND_LINES = List.of(
            List.of("boot", "--cpu", "none", "--ticks", "0", "--trace", "TRACE", "--vcd", "VCD"),
            List.of("boot", "--cpu", "none", "--hz", "1000", "--ticks", "3000",
                    "--run", "insmod sched", "--run", "sleep 1", "--run", "cat /proc/sched", "--run", "rmmod sched"),
            List.of("boot", "--cpu", "none", "--hz", "1000", "--ticks", "3000",
                    "--run", "insmod jiq", "--run", "cat /proc/jiqimmed", "--run", "rmmod jiq"),
            List.of("boot", "--cpu", "none", "--hz", "1000", "--ticks", "3000",
                    "--run", "insmod jitimer", "--run", "cat /proc/jitimer", "--run", "rmmod jitimer"),
            List.of("boot", "--cpu", "none", "--hz", "1000",
                    "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe", "--run", "sleep 1"));

    /** How many self-re-queuing tasks are on tq_timer, as in HotPath. */
    @Param({"0", "1", "16", "256"})
    public int tasks;

    private Kernel kernel;
    private NoCpuMachine machine;

    @Setup(Level.Trial)
    public void setUp() {
        runCommandLines();
        PcBoard board = new PcBoard(Trace.NONE);
        kernel = new Kernel(board, Trace.NONE, new Kernel.Config().hz(BootedKernel.HZ).console(line -> { }));
        machine = new NoCpuMachine(board, Trace.NONE, kernel);
        machine.boot();
        RequeueModule[] loaded = new RequeueModule[1];
        kernel.modules().addProvider(() -> loaded[0] = new RequeueModule(tasks));
        kernel.shell().spawnCommand("insmod " + RequeueModule.NAME);
        int runs = -1;
        for (int i = 0; i < BootedKernel.CHECK_TICKS; i++) {
            timerInterrupt(null);
            if (i == 1) {
                runs = loaded[0].runs(); // insmod ran in the first turn of the idle loop
            }
        }
        int ran = loaded[0] == null ? -1 : loaded[0].runs() - runs;
        if (!kernel.running() || ran != (BootedKernel.CHECK_TICKS - 2) * tasks) {
            throw new IllegalStateException("the timer path does not work as the CLI runs it: "
                    + ran + " task routines ran in " + (BootedKernel.CHECK_TICKS - 2) + " ticks");
        }
    }

    /** Each command line once, in this JVM, its output kept from the benchmark's. */
    static void runCommandLines() {
        Path dir;
        try {
            dir = Files.createTempDirectory("irq0-cli-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (List<String> line : COMMAND_LINES) {
                String[] args = line.stream()
                        .map(a -> a.equals("VCD") ? dir.resolve("run.vcd").toString()
                                : a.equals("TRACE") ? dir.resolve("run.trace").toString() : a)
                        .toArray(String[]::new);
                StringWriter out = new StringWriter();
                CommandLine cl = Irq0.commandLine();
                cl.setOut(new PrintWriter(out));
                cl.setErr(new PrintWriter(out));
                int code = cl.execute(args);
                boolean oops = line.contains("insmod sched_unsafe");
                if (code != (oops ? Kernel.EXIT_PANIC : 0)) {
                    throw new IllegalStateException("irq0 " + String.join(" ", line) + " exited " + code + ":\n" + out);
                }
            }
            // the sinks line must have built and used both sinks, or the profile lacks them
            requireWritten(dir.resolve("run.trace"), " kernel-start HZ=");
            requireWritten(dir.resolve("run.vcd"), " OUT1 $end");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is not the benchmark's concern
            }
        }
    }

    private static void requireWritten(Path file, String text) {
        try {
            if (!Files.readString(file).contains(text)) {
                throw new IllegalStateException(file + " does not hold \"" + text.strip() + "\": the sinks did not run");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public void timerInterrupt(Blackhole bh) {
        machine.runUntil(Long.MAX_VALUE, machine.timerInterrupts() + 1);
        if (bh != null) {
            bh.consume(kernel.jiffies());
        }
    }
}
