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
        List<String> out = new ArrayList<>(console);
        console.clear();
        return out;
    }

    /** Console lines without the dmesg-stamped kernel log lines. */
    List<String> commandOutput() {
        List<String> out = new ArrayList<>();
        for (String l : output()) {
            if (!l.startsWith("[")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Kernel log lines with the stamp cut off. */
    List<String> logText() {
        List<String> out = new ArrayList<>();
        for (String l : kernel.log().lines()) {
            out.add(l.substring(l.indexOf(']') + 2));
        }
        return out;
    }

    int jiffies() {
        return kernel.jiffies();
    }
}
