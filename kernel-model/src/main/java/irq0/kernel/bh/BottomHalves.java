package irq0.kernel.bh;

import irq0.kernel.KernelContext;
import irq0.trace.TraceEvent;

/**
 * Bottom halves as a release runs them: 2.2's 32 bottom halves run by do_bottom_half
 * ({@link BottomHalves22}), or 2.4's, which are hi-priority tasklets run by do_softirq
 * ({@link BottomHalves24}). The kernel makes the one its release needs once, at boot; the
 * interrupt path calls {@link #pending} and {@link #doBottomHalf} as do_IRQ does at its end.
 */
public abstract class BottomHalves {
    /** {@code init_bh}: installs routine {@code nr} and enables it. */
    public abstract void initBh(int nr, BottomHalf routine);

    /** {@code mark_bh}. */
    public abstract void markBh(int nr);

    /** {@code disable_bh}: nests. */
    public abstract void disableBh(int nr);

    /** {@code enable_bh}: the last of the nested enables allows it again; it runs nothing itself. */
    public abstract void enableBh(int nr);

    /** Is there anything the end of do_IRQ would run (2.2: bh_active &amp; bh_mask; 2.4: softirq_pending)? */
    public abstract boolean pending();

    /** The bottom halves marked and not yet run, a bit each (2.2: bh_active; 2.4: the tasklets' SCHED bits). */
    public abstract int bhActive();

    /** The end of do_IRQ: 2.2's do_bottom_half, 2.4's do_softirq. */
    public abstract void doBottomHalf();

    /**
     * Process context has just lowered local_bh_count ({@code end_bh_atomic}): 2.2.8's only drops
     * the count; 2.4.22's is {@code local_bh_enable}, which runs do_softirq when the count reaches
     * 0 with softirqs pending.
     */
    public abstract void localBhEnabled();

    /** What schedule() runs of them before it picks a process (2.2: tq_scheduler and handle_bh; 2.4: ksoftirqd). */
    public abstract void runFromSchedule();

    /**
     * Calls bottom half {@code nr}'s routine, if one is installed, in a frame of its own (the
     * Oops's stack shows it): 2.2's do_bottom_half and 2.4's bh_action both end so.
     */
    static void runRoutine(KernelContext kernel, int nr, BottomHalf routine) {
        kernel.trace(TraceEvent.BH_RUN, nr, 0);
        if (routine != null) {
            kernel.enterBottomHalf(nr);
            routine.run();
            kernel.leaveFrame();
        }
    }
}
