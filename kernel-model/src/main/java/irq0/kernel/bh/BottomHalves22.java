package irq0.kernel.bh;

import irq0.kernel.KernelContext;
import irq0.trace.KernelSlice;

/**
 * The 32 bottom halves of Linux 2.2 (include/linux/interrupt.h, include/asm-i386/softirq.h,
 * kernel/softirq.c): {@code bh_base}, {@code bh_active}, {@code bh_mask} and
 * {@code bh_mask_count}. {@code do_bottom_half} runs them with interrupts enabled, never nested
 * (softirq_trylock on local_bh_count), from one snapshot of {@code bh_active & bh_mask} in
 * ascending bit order; a bit marked while a pass runs waits for the next run point.
 */
public final class BottomHalves22 extends BottomHalves {
    private final KernelContext kernel;
    private final irq0.kernel.taskqueue.TaskQueues taskQueues;
    /** taskQueues.tqScheduler, which every schedule() tests. */
    private final irq0.kernel.taskqueue.TaskQueue tqScheduler;
    private final BottomHalf[] bhBase = new BottomHalf[32];
    private final int[] bhMaskCount = new int[32];
    private int bhActive;
    private int bhMask;

    public BottomHalves22(KernelContext kernel, irq0.kernel.taskqueue.TaskQueues taskQueues) {
        this.kernel = kernel;
        this.taskQueues = taskQueues;
        this.tqScheduler = taskQueues.tqScheduler;
    }

    /** {@code init_bh}: installs routine {@code nr} and enables it. */
    @Override
    public void initBh(int nr, BottomHalf routine) {
        bhBase[nr] = routine;
        bhMaskCount[nr] = 0;
        bhMask |= 1 << nr;
    }

    /** {@code mark_bh}: sets the bit; marking an already active bottom half changes nothing. */
    @Override
    public void markBh(int nr) {
        bhActive |= 1 << nr;
    }

    /** {@code disable_bh}: clears the mask bit and counts the nesting. */
    @Override
    public void disableBh(int nr) {
        bhMask &= ~(1 << nr);
        bhMaskCount[nr]++;
    }

    /** {@code enable_bh}: the last of the nested enables sets the mask bit again. */
    @Override
    public void enableBh(int nr) {
        if (--bhMaskCount[nr] == 0) {
            bhMask |= 1 << nr;
        }
    }

    /** {@code bh_active & bh_mask}: is there anything do_bottom_half would run? */
    @Override
    public boolean pending() {
        return (bhActive & bhMask) != 0;
    }

    /**
     * {@code do_bottom_half}: if no bottom half runs already (softirq_trylock) and no hardware
     * interrupt handler is running (hardirq_trylock), sti, run_bottom_halves, cli.
     */
    @Override
    public void doBottomHalf() {
        if (kernel.localBhCount() != 0) {
            return;
        }
        kernel.localBhEnter();
        kernel.enterDoBottomHalf();
        kernel.enter(KernelSlice.DO_BOTTOM_HALF, 0);
        if (kernel.localIrqCount() == 0) {
            boolean wasEnabled = kernel.interruptsEnabled();
            kernel.sti();
            runBottomHalves();
            if (kernel.stopped()) {
                return;
            }
            if (!wasEnabled) {
                kernel.cli();
            }
        }
        kernel.leave(KernelSlice.DO_BOTTOM_HALF, 0);
        kernel.leaveFrame();
        kernel.localBhExit();
    }

    /** {@code run_bottom_halves}: snapshot and clear the active bits, run them lowest first. */
    private void runBottomHalves() {
        int active = bhActive & bhMask;
        bhActive &= ~active;
        int nr = 0;
        while (active != 0) {
            if ((active & 1) != 0) {
                runRoutine(kernel, nr, bhBase[nr]);
                if (kernel.stopped()) {
                    return;
                }
                kernel.leave(KernelSlice.BOTTOM_HALF, nr);
            }
            nr++;
            active >>>= 1;
        }
    }

    /**
     * What 2.2's schedule() runs before it picks a process: tq_scheduler
     * (run_task_queue(&amp;tq_scheduler)), then handle_bh: do_bottom_half if any is active and enabled.
     */
    @Override
    public void runFromSchedule() {
        if (!tqScheduler.isEmpty()) {
            taskQueues.runTaskQueue(tqScheduler);
            if (kernel.stopped()) {
                return;
            }
        }
        if (pending()) {
            doBottomHalf();
        }
    }

    @Override
    public int bhActive() {
        return bhActive;
    }

    /** 2.2.8's end_bh_atomic only drops the count: what it held runs at the next do_IRQ or schedule(). */
    @Override
    public void localBhEnabled() {
    }
}
