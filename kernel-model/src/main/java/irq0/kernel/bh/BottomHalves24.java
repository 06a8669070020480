package irq0.kernel.bh;

import irq0.kernel.KernelContext;
import irq0.trace.KernelSlice;

/**
 * Bottom halves of Linux 2.4.22 (kernel/softirq.c, include/linux/interrupt.h): each is the
 * hi-priority tasklet {@code bh_task_vec[nr]} whose function is {@code bh_action(nr)}.
 * {@code mark_bh} is tasklet_hi_schedule: if the tasklet's SCHED bit was clear, it goes on the
 * head of {@code tasklet_hi_vec}'s list and HI_SOFTIRQ is raised. So of TIMER_BH and TQUEUE_BH
 * marked in that order by do_timer, TQUEUE_BH runs first: the reverse of 2.2.
 *
 * <p>{@code do_softirq} runs at the end of do_IRQ unless in_interrupt(): it takes the pending
 * bits, runs their actions with interrupts enabled, and goes round again only for bits that were
 * not in the first set; bits left over wake ksoftirqd, which runs do_softirq from schedule().
 * {@code tasklet_hi_action} takes the whole list; a disabled tasklet (disable_bh, count &gt; 0) goes
 * back on it with HI_SOFTIRQ raised again. {@code bh_action} takes global_bh_lock (a uniprocessor
 * trylock never fails) and hardirq_trylock, then runs bh_base[nr]. ksoftirqd spins on a list that
 * holds only disabled tasklets; with no time passing in process context the model lets it run
 * one pass per schedule() instead.
 */
public final class BottomHalves24 extends BottomHalves {
    private static final int HI_SOFTIRQ = 1;
    private static final int NONE = -1;

    private final KernelContext kernel;
    private final BottomHalf[] bhBase = new BottomHalf[32];
    /** tasklet count (disable_bh nesting) per bottom half. */
    private final int[] count = new int[32];
    /** TASKLET_STATE_SCHED per bottom half, as a bit mask. */
    private int scheduled;
    /** tasklet_hi_vec's list: its first bottom half, each one's next. */
    private int hiList = NONE;
    private final int[] next = new int[32];
    private int softirqPending;
    private boolean ksoftirqdWoken;

    public BottomHalves24(KernelContext kernel) {
        this.kernel = kernel;
    }

    @Override
    public void initBh(int nr, BottomHalf routine) {
        bhBase[nr] = routine;
    }

    /** mark_bh = tasklet_hi_schedule(bh_task_vec + nr). */
    @Override
    public void markBh(int nr) {
        if ((scheduled & (1 << nr)) != 0) {
            return;
        }
        scheduled |= 1 << nr;
        next[nr] = hiList;
        hiList = nr;
        softirqPending |= HI_SOFTIRQ;
    }

    /** disable_bh = tasklet_disable. */
    @Override
    public void disableBh(int nr) {
        count[nr]++;
    }

    /** enable_bh = tasklet_enable: the count only. */
    @Override
    public void enableBh(int nr) {
        count[nr]--;
    }

    @Override
    public int bhActive() {
        return scheduled;
    }

    @Override
    public boolean pending() {
        return softirqPending != 0;
    }

    /** do_softirq. */
    @Override
    public void doBottomHalf() {
        if (kernel.inInterrupt()) {
            return;
        }
        boolean wasEnabled = kernel.interruptsEnabled();
        kernel.cli();
        int pendingNow = softirqPending;
        if (pendingNow != 0) {
            int mask = ~pendingNow;
            kernel.localBhEnter();
            kernel.enterDoBottomHalf();
            kernel.enter(KernelSlice.DO_SOFTIRQ, 0);
            while (true) {
                softirqPending = 0;
                kernel.sti();
                if ((pendingNow & HI_SOFTIRQ) != 0) {
                    taskletHiAction();
                    if (kernel.stopped()) {
                        return;
                    }
                }
                kernel.cli();
                pendingNow = softirqPending;
                if ((pendingNow & mask) == 0) {
                    break;
                }
                mask &= ~pendingNow;
            }
            kernel.leave(KernelSlice.DO_SOFTIRQ, 0);
            kernel.leaveFrame();
            kernel.localBhExit();
            if (pendingNow != 0) {
                ksoftirqdWoken = true; // wakeup_softirqd
            }
        }
        if (wasEnabled) {
            kernel.sti();
        }
    }

    /** tasklet_hi_action. */
    private void taskletHiAction() {
        kernel.enter(KernelSlice.TASKLET_HI_ACTION, 0);
        int list = hiList;
        hiList = NONE;
        while (list != NONE) {
            int nr = list;
            list = next[nr];
            if (count[nr] == 0) {
                scheduled &= ~(1 << nr);
                bhAction(nr);
                if (kernel.stopped()) {
                    return;
                }
                continue;
            }
            next[nr] = hiList;
            hiList = nr;
            softirqPending |= HI_SOFTIRQ;
        }
        kernel.leave(KernelSlice.TASKLET_HI_ACTION, 0);
    }

    /** bh_action: global_bh_lock and hardirq_trylock succeed here (uniprocessor, do_IRQ has exited). */
    private void bhAction(int nr) {
        if (kernel.localIrqCount() != 0) {
            markBh(nr);
            return;
        }
        kernel.enter(KernelSlice.BH_ACTION, nr);
        runRoutine(kernel, nr, bhBase[nr]);
        if (!kernel.stopped()) {
            kernel.leave(KernelSlice.BOTTOM_HALF, nr);
            kernel.leave(KernelSlice.BH_ACTION, nr);
        }
    }

    /** ksoftirqd, if do_softirq woke it: one do_softirq pass. 2.4's schedule() runs no bottom half itself. */
    @Override
    public void runFromSchedule() {
        if (ksoftirqdWoken) {
            ksoftirqdWoken = false;
            doBottomHalf();
        }
    }

    /**
     * local_bh_enable (include/asm-i386/softirq.h, 2.4.22), which end_bh_atomic is: the count
     * back at 0 with softirq_pending set calls do_softirq at once, in process context.
     */
    @Override
    public void localBhEnabled() {
        if (softirqPending != 0 && kernel.localBhCount() == 0) {
            doBottomHalf();
        }
    }
}
