package irq0.kernel.bh;

import irq0.kernel.taskqueue.TaskQueue;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.timer.Timers;

/**
 * The bottom halves sched_init installs (kernel/sched.c, 2.2): {@code timer_bh} (update_times is
 * folded into do_timer here, run_old_timers has no timers, then run_timer_list), and
 * {@code tqueue_bh} and {@code immediate_bh}, each a run_task_queue of its queue. One class for
 * the three, so that do_bottom_half's call through {@code bh_base[nr]} sees a single receiver and
 * the JIT inlines it, however many of them a run has used (three lambdas made the call site
 * megamorphic once a module used tq_immediate).
 */
public final class KernelBottomHalf implements BottomHalf {
    private final Timers timers;
    private final TaskQueues taskQueues;
    private final TaskQueue queue;

    private KernelBottomHalf(Timers timers, TaskQueues taskQueues, TaskQueue queue) {
        this.timers = timers;
        this.taskQueues = taskQueues;
        this.queue = queue;
    }

    /** {@code timer_bh}. */
    public static KernelBottomHalf timerBh(Timers timers) {
        return new KernelBottomHalf(timers, null, null);
    }

    /** {@code tqueue_bh} or {@code immediate_bh}: run_task_queue(&amp;{@code queue}). */
    public static KernelBottomHalf runTaskQueue(TaskQueues taskQueues, TaskQueue queue) {
        return new KernelBottomHalf(null, taskQueues, queue);
    }

    @Override
    public void run() {
        if (queue == null) {
            timers.runTimerList();
        } else {
            taskQueues.runTaskQueue(queue);
        }
    }
}
