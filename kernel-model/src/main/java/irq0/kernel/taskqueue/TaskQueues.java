package irq0.kernel.taskqueue;

import irq0.kernel.KernelContext;
import irq0.kernel.KernelFunction;
import irq0.kernel.mm.KernelMemory;

/**
 * {@code queue_task} and {@code run_task_queue} on tasks that live in the modelled memory, with
 * the standard queues. How a release links and runs them differs (2.2: a singly linked LIFO
 * list, {@link TaskQueues22}; 2.4: a list_head FIFO spliced off before the run,
 * {@link TaskQueues24}); the kernel makes the one its release needs once, at boot.
 */
public abstract class TaskQueues {
    /**
     * Tasks one run_task_queue pass may run before the model calls it a lockup. Linux has no
     * bound: a task whose next pointer leads back to itself makes the bottom half loop for ever
     * and the machine hangs; the model stops it instead of hanging.
     */
    public static final int LOCKUP_TASKS = 1 << 20;

    protected final KernelContext kernel;
    protected final KernelMemory memory;
    public final TaskQueue tqTimer;
    public final TaskQueue tqImmediate;
    /** 2.2's tq_scheduler, run by schedule(); 2.4 has none (schedule() never runs it there). */
    public final TaskQueue tqScheduler;

    protected TaskQueues(KernelContext kernel, KernelMemory memory, TaskQueue tqTimer, TaskQueue tqImmediate, TaskQueue tqScheduler) {
        this.kernel = kernel;
        this.memory = memory;
        this.tqTimer = tqTimer;
        this.tqImmediate = tqImmediate;
        this.tqScheduler = tqScheduler;
    }

    /**
     * {@code queue_task}: test_and_set_bit(0, &amp;task-&gt;sync); if it was clear, link the task
     * in. Returns 1 if the task was queued (2.4's return value; 2.2's is void), 0 otherwise.
     */
    public abstract int queueTask(int task, TaskQueue list);

    /** {@code run_task_queue}: run every task queued now; tasks queued meanwhile wait for the next run. */
    public abstract void runTaskQueue(TaskQueue list);

    /**
     * A word-aligned tq_struct of {@code size} bytes at {@code task} that does not cross a page
     * boundary: one page holds all its fields, so once that page is mapped no field can fault.
     */
    protected static boolean wholeInPage(int task, int size) {
        return (task & 3) == 0 && (task & (KernelMemory.PAGE_SIZE - 1)) <= KernelMemory.PAGE_SIZE - size;
    }

    /** {@code test_and_set_bit(0, &sync)} on the word {@code words[sync]}: the bit as it was. */
    protected static boolean testAndSetSync(int[] words, int sync) {
        int old = words[sync];
        words[sync] = old | 1;
        return (old & 1) != 0;
    }

    /**
     * {@code (*f)(arg)} from the runner of {@code queue}, from a call site of that queue's own,
     * whose type profile the JIT keeps apart. In 2.2, run_task_queue is an inline function, so each
     * runner (tqueue_bh, immediate_bh, schedule's pass over tq_scheduler) has its own call
     * instruction too; 2.4's __run_task_queue is one function, and there the separate sites are
     * only the model's. With one shared site, the command line's modules (sched on tq_timer, jiq
     * on tq_immediate, a benchmark's module) made it megamorphic and no routine could be inlined;
     * apart, tq_timer's sees at most the few modules that queue on it.
     */
    protected final void call(TaskQueue queue, int frame, int address, int data) {
        KernelFunction f = kernel.callFrom(frame, address, data);
        if (f == null) {
            return;
        }
        switch (queue.id) {
            case TaskQueue.TQ_TIMER:
                callFromTqTimer(f, data);
                break;
            case TaskQueue.TQ_IMMEDIATE:
                callFromTqImmediate(f, data);
                break;
            default:
                callFromTqScheduler(f, data);
                break;
        }
        kernel.returnedTo(frame);
    }

    /**
     * {@link #call} of the routine the task before this one called, whose function {@code f} the
     * lookaside still holds: the same frame and stack, from a second call site per runner. Only a
     * run of tasks sharing a routine reaches it, so its type profile is the benchmarks' kind of
     * load, not that of the one-task queues of the command line's modules (sched's routine,
     * which wakes its cleanup and so calls out of the loop); the JIT can inline what it sees here
     * and keep the loop around it free of calls.
     */
    protected final void callAgain(TaskQueue queue, int frame, int address, KernelFunction f, int data) {
        kernel.callFromAgain(frame, address, data);
        switch (queue.id) {
            case TaskQueue.TQ_TIMER:
                f.call(data);
                break;
            case TaskQueue.TQ_IMMEDIATE:
                f.call(data);
                break;
            default:
                f.call(data);
                break;
        }
        kernel.returnedTo(frame);
    }

    // three copies of one call on purpose: one call site, and so one type profile, per runner

    private static void callFromTqTimer(KernelFunction f, int data) {
        f.call(data);
    }

    private static void callFromTqImmediate(KernelFunction f, int data) {
        f.call(data);
    }

    private static void callFromTqScheduler(KernelFunction f, int data) {
        f.call(data);
    }

    protected final void lockup(TaskQueue list, int p) {
        kernel.lockup("run_task_queue(&" + list.name + ") has run " + LOCKUP_TASKS
                + " tasks in one pass: the list loops (task " + String.format("%08x", p) + ")");
    }
}
