package irq0.bench;

import irq0.board.PcBoard;
import irq0.kernel.Kernel;
import irq0.kernel.KernelVersion;
import irq0.kernel.NoCpuMachine;
import irq0.trace.Trace;

/**
 * A booted kernel on the CPU-less machine, as the kernel-side benchmarks start from: the board, the
 * Linux 2.2 (or 2.4) model at HZ=1000 (init_IRQ, the PIT at LATCH 1193, IRQ0), and {@link RequeueModule}
 * with P tasks loaded by the shell's insmod, then a few ticks so that the path is known to work.
 * Nothing is traced ({@link Trace#NONE}) and the console goes nowhere.
 */
final class BootedKernel {
    static final int HZ = 1000;
    /** Ticks run at set-up to check the path; not part of any measurement. */
    static final int CHECK_TICKS = 16;

    final PcBoard board;
    final Kernel kernel;
    final NoCpuMachine machine;
    final RequeueModule module;

    private BootedKernel(int tasks, KernelVersion version) {
        board = new PcBoard(Trace.NONE);
        kernel = new Kernel(board, Trace.NONE, new Kernel.Config().version(version).hz(HZ));
        machine = new NoCpuMachine(board, Trace.NONE, kernel);
        machine.boot();
        kernel.idle();
        RequeueModule[] loaded = new RequeueModule[1];
        kernel.modules().addProvider(() -> loaded[0] = new RequeueModule(tasks));
        kernel.shell().spawnCommand("insmod " + RequeueModule.NAME);
        kernel.idle();
        module = loaded[0];
        if (module == null || kernel.modules().findModule(RequeueModule.NAME) == null) {
            throw new IllegalStateException("insmod " + RequeueModule.NAME + " did not load the module");
        }
    }

    /**
     * Boots and checks that {@link #CHECK_TICKS} timer interrupts go the whole way: jiffies moves
     * by one per tick and every task runs once per tick. A benchmark that measured a path where
     * the PIT never fires or the PIC never delivers would measure nothing, so this refuses.
     */
    static BootedKernel withTasks(int tasks) {
        return withTasks(tasks, KernelVersion.V2_2);
    }

    /** {@link #withTasks(int)} on the model of kernel release {@code version}. */
    static BootedKernel withTasks(int tasks, KernelVersion version) {
        BootedKernel b = new BootedKernel(tasks, version);
        int jiffies = b.kernel.jiffies();
        int runs = b.module.runs();
        for (int i = 0; i < CHECK_TICKS; i++) {
            b.machine.tick();
        }
        int ticked = b.kernel.jiffies() - jiffies;
        int ran = b.module.runs() - runs;
        if (ticked != CHECK_TICKS || ran != CHECK_TICKS * tasks || !b.kernel.running()) {
            throw new IllegalStateException("the timer path does not work: " + CHECK_TICKS + " ticks moved jiffies by "
                    + ticked + " and ran " + ran + " task routines (expected " + CHECK_TICKS * tasks + ")");
        }
        return b;
    }
}
