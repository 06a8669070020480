package irq0.kernel;

import irq0.board.PcBoard;
import irq0.kernel.sched.Process;
import irq0.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * A booted kernel for timeline tests. {@link #tick()} enters the timer interrupt gate directly
 * and then lets the idle loop run, so these tests depend only on the kernel; {@link #machineTick()}
 * goes through the PIT, the PIC and the CPU-less machine instead.
 */
final class KernelRig {
    final List<long[]> events = new ArrayList<>();
    final Trace trace;
    final PcBoard board;
    final List<String> console = new ArrayList<>();
    final Kernel kernel;
    final NoCpuMachine machine;

    KernelRig() {
        this(new Kernel.Config());
    }

    KernelRig(Kernel.Config config) {
        this(config, true);
    }

    /** Without tracing, nothing in the rig allocates per event (for allocation tests). */
    KernelRig(Kernel.Config config, boolean tracing) {
        trace = tracing ? (time, kind, a, b) -> events.add(new long[] {time, kind, a, b}) : Trace.NONE;
        board = new PcBoard(trace);
        kernel = new Kernel(board, trace, config.console(console::add));
        machine = new NoCpuMachine(board, trace, kernel);
        machine.boot();
        kernel.idle();
    }

    static KernelRig withHz(int hz) {
        return new KernelRig(new Kernel.Config().hz(hz));
    }

    /** One timer interrupt through the gate (IRQ0), then the idle loop's schedule(). */
    void tick() {
        kernel.interrupt(0);
        kernel.idle();
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    /** One timer interrupt from the PIT edge through the PIC and the machine. */
    void machineTick() {
        machine.tick();
        kernel.idle();
    }

    /** Starts a command and runs process context until it exits or sleeps. */
    Process run(String command) {
        Process p = kernel.shell().spawnCommand(command);
        kernel.idle();
        return p;
    }

    /** The console lines since the last call. */
    List<String> output() {
        List<String> out = new ArrayList<>();
        for (String[] l : drain()) {
            out.add(l[0]);
        }
        return out;
    }

    /** Console lines since the last call without the kernel log's lines. */
    List<String> commandOutput() {
        List<String> out = new ArrayList<>();
        for (String[] l : drain()) {
            if (l[1] == null) {
                out.add(l[0]);
            }
        }
        return out;
    }

    private int logLinesSeen;

    /**
     * The console lines since the last call, each marked (non-null second element) when it is a
     * kernel log line: the console gets each log line as it is written, in the log's order, so
     * the next unseen log line is the next console line that is one.
     */
    private List<String[]> drain() {
        List<String> log = kernel.log().lines();
        List<String[]> out = new ArrayList<>();
        for (String l : console) {
            boolean isLog = logLinesSeen < log.size() && l.equals(log.get(logLinesSeen));
            if (isLog) {
                logLinesSeen++;
            }
            out.add(new String[] {l, isLog ? "log" : null});
        }
        console.clear();
        return out;
    }

    /** Kernel log lines (the rig's kernels print no time stamps unless a test asks for them). */
    List<String> logText() {
        return kernel.log().lines();
    }

    int jiffies() {
        return kernel.jiffies();
    }
}
