package irq0.kernel.taskqueue;

import irq0.kernel.KernelContext;
import irq0.kernel.KernelFunction;
import irq0.trace.KernelSlice;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.trace.TraceEvent;

/**
 * {@code queue_task} and {@code run_task_queue} of Linux 2.2 (include/linux/tqueue.h) on tasks
 * that live in the modelled memory, with the three standard queues. Because each field is read
 * from memory, a task left queued by a removed module faults exactly where 2.2 does: reading
 * {@code p->data}, the first field run_task_queue touches; and a task queue made to point into a
 * module loaded later runs whatever that module's bytes say.
 */
public final class TaskQueues22 extends TaskQueues {

    private static final int NEXT_WORD = TqStruct.NEXT >>> 2;
    private static final int SYNC_WORD = TqStruct.SYNC >>> 2;
    private static final int ROUTINE_WORD = TqStruct.ROUTINE >>> 2;
    private static final int DATA_WORD = TqStruct.DATA >>> 2;

    public TaskQueues22(KernelContext kernel, KernelMemory memory) {
        super(kernel, memory,
                new TaskQueue(TaskQueue.TQ_TIMER, "tq_timer", KernelText.TQUEUE_BH, 0),
                new TaskQueue(TaskQueue.TQ_IMMEDIATE, "tq_immediate", KernelText.IMMEDIATE_BH, 0),
                new TaskQueue(TaskQueue.TQ_SCHEDULER, "tq_scheduler", KernelText.SCHEDULE_TQ_SCHEDULER, 0));
    }

    /**
     * {@code queue_task}: {@code test_and_set_bit(0, &task->sync)}; if it was clear, link the task
     * at the head of the list (2.2 is LIFO). A task already queued is left where it is. Returns 1
     * if the task was queued (2.4's return value; 2.2's is void), 0 otherwise.
     */
    @Override
    public int queueTask(int task, TaskQueue list) {
        int[] words = memory.pageWords(task);
        if (words != null && wholeInPage(task, TqStruct.SIZE) && !kernel.stopped()) {
            // the whole tq_struct is in one mapped page, so no field access can fault: the same
            // test_and_set_bit and head insertion on the page's words, with one page lookup
            int w = (task & (KernelMemory.PAGE_SIZE - 1)) >>> 2;
            if (testAndSetSync(words, w + SYNC_WORD)) {
                return 0;
            }
            words[w + NEXT_WORD] = list.head;
            list.head = task;
            return 1;
        }
        return queueTaskSlowly(task, list);
    }

    /**
     * queue_task field by field, each access able to fault: a task that is not in one mapped
     * page. Out of line so that the fast path inlines.
     */
    private int queueTaskSlowly(int task, TaskQueue list) {
        int sync = kernel.readWord(task + TqStruct.SYNC, kernel.currentText());
        if (kernel.stopped()) {
            return 0;
        }
        kernel.writeWord(task + TqStruct.SYNC, sync | 1, kernel.currentText());
        if ((sync & 1) != 0) {
            return 0;
        }
        kernel.writeWord(task + TqStruct.NEXT, list.head, kernel.currentText());
        list.head = task;
        return 1;
    }

    /**
     * {@code run_task_queue}: detach the whole list, then for each task read data, routine and
     * next, clear sync, and call the routine, whatever its value. A task queued again by its routine goes on the now
     * empty list and runs the next time the queue runs.
     */
    @Override
    public void runTaskQueue(TaskQueue list) {
        int p = list.head;
        if (p == 0) {
            return;
        }
        list.head = 0;
        // the routines are called from the runner's code: their return address is in it
        kernel.enter(KernelSlice.RUN_TASK_QUEUE, list.id);
        int saved = kernel.enterText(list.runnerAddress);
        int frame = kernel.enterCallSite();
        runTasks(list, p, frame);
        kernel.leaveCallSite(frame, saved);
        if (!kernel.stopped()) {
            kernel.leave(KernelSlice.RUN_TASK_QUEUE, list.id);
        }
    }

    /**
     * The tasks from {@code first} on while each is whole in one mapped page: data, routine and
     * next read and sync cleared with one page lookup (the order of the accesses matters only for
     * a fault, and none can fault here). At the first task that is not, the rest of the list goes
     * {@link #runTasksFieldByField}. Small enough (under C2's FreqInlineSize, 325 bytes) to be
     * compiled into the bottom half that runs the queue rather than called from it.
     */
    private void runTasks(TaskQueue list, int first, int frame) {
        int p = first;
        int ran = 0;
        boolean tracing = kernel.tracing();
        while (p != 0) {
            if (++ran > LOCKUP_TASKS) {
                lockup(list, p);
                return;
            }
            int[] words = memory.pageWords(p);
            if (words == null || !wholeInPage(p, TqStruct.SIZE)) {
                runTasksFieldByField(list, p, frame, ran);
                return;
            }
            int w = (p & (KernelMemory.PAGE_SIZE - 1)) >>> 2;
            int saveP = p;
            int arg = words[w + DATA_WORD];
            int f = words[w + ROUTINE_WORD];
            p = words[w + NEXT_WORD];
            words[w + SYNC_WORD] = 0;
            if (!runRoutine(list, frame, arg, p, saveP, f)) {
                return;
            }
            if (tracing || p == 0) {
                continue;
            }
            long rest = runSameRoutine(list, frame, f, p, ran);
            p = (int) rest;
            ran = (int) (rest >>> 32);
        }
    }

    /**
     * Calls the task's routine as run_task_queue does: %eax..%edx as the model's code keeps them,
     * then {@code (*f)(arg)} unconditionally, as include/linux/tqueue.h's run_task_queue does (a
     * routine of 0, a stale task in zero-filled memory, is a jump to address 0). False when the
     * kernel stopped in it.
     */
    private boolean runRoutine(TaskQueue list, int frame, int arg, int next, int saveP, int f) {
        kernel.taskQueueRegisters(arg, next, saveP, f);
        kernel.trace(TraceEvent.TASK_RUN, f, list.id);
        call(list, frame, f, arg);
        if (kernel.stopped()) {
            return false;
        }
        kernel.leave(KernelSlice.TASK, f);
        return true;
    }

    /**
     * After a task whose routine is {@code f}, the tasks from {@code first} on that call the same
     * routine, whole in a mapped page, while the lookaside still holds the routine: the same
     * reads, sync and call, in a loop of their own with a call site of their own (callAgain). A
     * queue of one task, like each of the command line's modules', never gets here, so what the
     * JIT learns from those modules (calls out of sched's routine, the trace) stays out of this
     * loop, and it can compile free of calls. Untraced only: tracing, every task takes the loop
     * of {@link #runTasks}. Returns the task to go on from (0 when the pass ends) and the tasks
     * run in the pass so far, {@code ran}, as {@code (long) ran << 32 | next}: two ints, returned
     * without an object on a path that allocates nothing.
     */
    private long runSameRoutine(TaskQueue list, int frame, int f, int first, int ranBefore) {
        int p = first;
        int ran = ranBefore;
        KernelFunction routine = memory.cachedFunction(f);
        while (routine != null && p != 0 && ran < LOCKUP_TASKS) {
            int[] page = memory.pageWords(p);
            if (page == null || !wholeInPage(p, TqStruct.SIZE)) {
                break;
            }
            int w = (p & (KernelMemory.PAGE_SIZE - 1)) >>> 2;
            if (page[w + ROUTINE_WORD] != f) {
                break;
            }
            ran++;
            int task = p;
            int arg = page[w + DATA_WORD];
            p = page[w + NEXT_WORD];
            page[w + SYNC_WORD] = 0;
            kernel.taskQueueRegisters(arg, p, task, f);
            callAgain(list, frame, f, routine, arg);
            if (kernel.stopped()) {
                return (long) ran << 32; // next 0: the pass ends
            }
            routine = memory.cachedFunction(f);
        }
        return (long) ran << 32 | (p & 0xFFFFFFFFL);
    }

    /**
     * The rest of a pass from task {@code first} (counted in {@code ranBefore} already), field by
     * field, each access at its own instruction of the model's run_task_queue
     * ({@link KernelText#code}) and able to fault: from a task that is not whole in one mapped
     * page (a stale tq_struct in freed memory, or one across a page boundary) to the end.
     */
    private void runTasksFieldByField(TaskQueue list, int first, int frame, int ranBefore) {
        int p = first;
        int eip = list.runnerAddress;
        int ran = ranBefore;
        while (true) {
            int saveP = p;
            kernel.taskQueuePointer(p);
            int arg = kernel.readWord(p + TqStruct.DATA, eip + KernelText.RUNNER_READ_DATA);
            if (kernel.stopped()) {
                return;
            }
            int f = kernel.readWord(p + TqStruct.ROUTINE, eip + KernelText.RUNNER_READ_ROUTINE);
            p = kernel.readWord(p + TqStruct.NEXT, eip + KernelText.RUNNER_READ_NEXT);
            kernel.writeWord(saveP + TqStruct.SYNC, 0, eip + KernelText.RUNNER_WRITE_SYNC);
            if (kernel.stopped() || !runRoutine(list, frame, arg, p, saveP, f) || p == 0) {
                return;
            }
            if (++ran > LOCKUP_TASKS) {
                lockup(list, p);
                return;
            }
        }
    }
}
