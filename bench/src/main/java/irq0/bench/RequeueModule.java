package irq0.bench;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.sched.WaitQueue;
import irq0.kernel.taskqueue.TaskQueue;

/**
 * The load of the benchmarks: LKMPG's sched.c (example 11-1) with P tasks instead of one. Each
 * {@code struct tq_struct} in the module's data has the one routine and its own address as data;
 * the routine counts the tick and re-queues its task on tq_timer, so every timer interrupt runs
 * all P tasks once. As in sched.c, cleanup_module must not return while a task is queued: it sets
 * Stopping and sleeps until the last task has run without re-queuing and woken it.
 * <pre>
 * static int Runs, Stopping, Queued;
 * static struct wait_queue *WaitQ;
 * static struct tq_struct Tasks[P] = { { NULL, 0, requeue_routine, &amp;Tasks[i] }, ... };
 * static void requeue_routine(void *task) {
 *     Runs++;
 *     if (Stopping) { if (--Queued == 0) wake_up(&amp;WaitQ); }
 *     else queue_task(task, &amp;tq_timer);
 * }
 * </pre>
 */
public final class RequeueModule extends KernelModule {
    public static final String NAME = "requeue";

    private final int tasks;
    private final WaitQueue waitQ = new WaitQueue();
    private int routine;
    private Variable runs;
    private Variable stopping;
    private Variable queued;
    private int taskArray;
    /** sizeof(struct tq_struct) in the release loaded into: 16 in 2.2, 20 in 2.4. */
    private int taskSize;
    /** tq_timer, as the object file's relocation to the kernel's symbol: resolved once at init. */
    private TaskQueue tqTimer;

    public RequeueModule(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be >= 0: " + tasks);
        }
        this.tasks = tasks;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void layout(ModuleLayout image) {
        routine = image.function("requeue_routine", 0x40, this::requeueRoutine);
        image.function("init_module", 0x30);
        image.function("cleanup_module", 0x30);
        runs = image.variable("Runs");
        stopping = image.variable("Stopping");
        queued = image.variable("Queued");
        taskSize = image.tqStructSize();
        taskArray = image.data("Tasks", Math.max(1, tasks) * taskSize);
        for (int t = 0; t < tasks; t++) {
            int task = taskArray + t * taskSize;
            image.initPointer(task + image.tqRoutine(), routine);
            image.initPointer(task + image.tqData(), task);
        }
    }

    private void requeueRoutine(int task) {
        runs.set(runs.get() + 1);
        if (stopping.get() != 0) {
            int left = queued.get() - 1;
            queued.set(left);
            if (left == 0) {
                kernel().wakeUp(waitQ);
            }
        } else {
            kernel().queueTask(task, tqTimer);
        }
    }

    @Override
    protected int initModule(Process current) {
        tqTimer = kernel().tqTimer();
        for (int t = 0; t < tasks; t++) {
            kernel().queueTask(address(taskArray + t * taskSize), tqTimer);
        }
        queued.set(tasks);
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        if (tasks == 0) {
            return Step.exit(0);
        }
        stopping.set(1);
        return kernel().sleepOn(waitQ, p -> Step.exit(0));
    }

    /** Task routines run so far (Runs). */
    public int runs() {
        return runs.get();
    }

    public int tasks() {
        return tasks;
    }
}
