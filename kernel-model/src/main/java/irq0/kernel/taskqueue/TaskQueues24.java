package irq0.kernel.taskqueue;

import irq0.kernel.KernelContext;
import irq0.trace.KernelSlice;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.trace.TraceEvent;

/**
 * Task queues of Linux 2.4.22 (include/linux/tqueue.h, kernel/softirq.c): a task_queue is a
 * {@code struct list_head}; {@code queue_task} is test_and_set_bit on sync, then
 * {@code list_add_tail} under tqueue_lock (FIFO); {@code __run_task_queue} splices the whole
 * list onto a list_head on its stack ({@code list_add(&head, list); list_del_init(list)}), then
 * for each task reads next, routine and data, clears sync and calls the routine if it is not 0.
 * The splice's first write is the first task's {@code list.prev}: a task left queued in freed
 * memory faults there, a write (error code 2), not 2.2's read of p-&gt;data.
 *
 * <p>The queue heads are kernel data and the spliced head is on the stack; neither is modelled
 * memory, so their words are Java fields, reached through {@link #read}/{@link #write} by their
 * addresses like every other word. No interrupt can come between the steps (the model takes no
 * time here), which is what tqueue_lock with interrupts off gives 2.4.
 */
public final class TaskQueues24 extends TaskQueues {
    /** Where tq_timer, tq_immediate and the unused third head are in the model's kernel data. */
    public static final int TQ_TIMER_ADDRESS = 0xc0255f40;
    public static final int TQ_IMMEDIATE_ADDRESS = 0xc0255f48;
    public static final int TQ_UNUSED_ADDRESS = 0xc0255f50;
    /** The list_head __run_task_queue splices onto, in its stack frame. */
    public static final int STACK_HEAD = 0xc0213f60;

    private static final int NEXT_WORD = TqStruct24.LIST_NEXT >>> 2;
    private static final int PREV_WORD = TqStruct24.LIST_PREV >>> 2;
    private static final int SYNC_WORD = TqStruct24.SYNC >>> 2;
    private static final int ROUTINE_WORD = TqStruct24.ROUTINE >>> 2;
    private static final int DATA_WORD = TqStruct24.DATA >>> 2;

    private int stackNext;
    private int stackPrev;

    public TaskQueues24(KernelContext kernel, KernelMemory memory) {
        super(kernel, memory,
                new TaskQueue(TaskQueue.TQ_TIMER, "tq_timer", KernelText.RUN_TASK_QUEUE_24, TQ_TIMER_ADDRESS),
                new TaskQueue(TaskQueue.TQ_IMMEDIATE, "tq_immediate", KernelText.RUN_TASK_QUEUE_24, TQ_IMMEDIATE_ADDRESS),
                new TaskQueue(TaskQueue.TQ_SCHEDULER, "tq_scheduler", KernelText.RUN_TASK_QUEUE_24, TQ_UNUSED_ADDRESS));
    }

    private TaskQueue headAt(int address) {
        if (address == tqTimer.address) {
            return tqTimer;
        }
        if (address == tqImmediate.address) {
            return tqImmediate;
        }
        return address == tqScheduler.address ? tqScheduler : null;
    }

    /** The word at {@code address}: a list head's field, or modelled memory (which may fault at {@code eip}). */
    private int read(int address, int eip) {
        TaskQueue q = headAt(address & ~4);
        if (q != null) {
            return (address & 4) == 0 ? q.head : q.tail;
        }
        if ((address & ~4) == STACK_HEAD) {
            return (address & 4) == 0 ? stackNext : stackPrev;
        }
        return kernel.readWord(address, eip);
    }

    private void write(int address, int value, int eip) {
        TaskQueue q = headAt(address & ~4);
        if (q != null) {
            if ((address & 4) == 0) {
                q.head = value;
            } else {
                q.tail = value;
            }
            return;
        }
        if ((address & ~4) == STACK_HEAD) {
            if ((address & 4) == 0) {
                stackNext = value;
            } else {
                stackPrev = value;
            }
            return;
        }
        kernel.writeWord(address, value, eip);
    }

    /** queue_task: test_and_set_bit(0, &amp;sync), then list_add_tail(&amp;task-&gt;list, list). */
    @Override
    public int queueTask(int task, TaskQueue list) {
        int eip = kernel.currentText();
        int[] words = memory.pageWords(task);
        if (words != null && wholeInPage(task, TqStruct24.SIZE) && !kernel.stopped()) {
            // the task's own fields cannot fault: test_and_set_bit and its half of list_add_tail
            // on the page's words, with one page lookup; prev->next is the head or another task
            int w = (task & (KernelMemory.PAGE_SIZE - 1)) >>> 2;
            if (testAndSetSync(words, w + SYNC_WORD)) {
                return 0;
            }
            int prev = list.tail;
            list.tail = task;
            words[w + NEXT_WORD] = list.address;
            words[w + PREV_WORD] = prev;
            write(prev + TqStruct24.LIST_NEXT, task, eip);
            return kernel.stopped() ? 0 : 1;
        }
        int sync = read(task + TqStruct24.SYNC, eip);
        if (kernel.stopped()) {
            return 0;
        }
        write(task + TqStruct24.SYNC, sync | 1, eip);
        if ((sync & 1) != 0 || kernel.stopped()) {
            return 0;
        }
        // __list_add(new, head->prev, head): next->prev = new; new->next = next; new->prev = prev; prev->next = new
        int prev = list.tail;
        list.tail = task;
        write(task + TqStruct24.LIST_NEXT, list.address, eip);
        write(task + TqStruct24.LIST_PREV, prev, eip);
        write(prev + TqStruct24.LIST_NEXT, task, eip);
        return kernel.stopped() ? 0 : 1;
    }

    /** run_task_queue: if TQ_ACTIVE, __run_task_queue. */
    @Override
    public void runTaskQueue(TaskQueue list) {
        if (list.isEmpty()) {
            return;
        }
        kernel.enter(KernelSlice.RUN_TASK_QUEUE, list.id);
        int saved = kernel.enterText(list.runnerAddress);
        int frame = kernel.enterCallSite();
        runTasks(list, frame);
        kernel.leaveCallSite(frame, saved);
        if (!kernel.stopped()) {
            kernel.leave(KernelSlice.RUN_TASK_QUEUE, list.id);
        }
    }

    private void runTasks(TaskQueue list, int frame) {
        int eip = list.runnerAddress;
        // list_add(&head, list): the first task's prev now points at the stack's head
        int next = list.head;
        kernel.setRegisters(next, 0, STACK_HEAD, list.address, 0);
        write(next + TqStruct24.LIST_PREV, STACK_HEAD, eip + KernelText.RUNNER24_WRITE_FIRST_PREV);
        if (kernel.stopped()) {
            return;
        }
        stackNext = next;
        stackPrev = list.address;
        list.head = STACK_HEAD;
        // list_del_init(list): the last task's next now points at the stack's head; list empty
        int prev = list.tail;
        stackPrev = prev;
        write(prev + TqStruct24.LIST_NEXT, STACK_HEAD, eip + KernelText.RUNNER24_WRITE_LAST_NEXT);
        if (kernel.stopped()) {
            return;
        }
        list.head = list.address;
        list.tail = list.address;
        int n = stackNext;
        int ran = 0;
        while (n != STACK_HEAD) {
            if (++ran > LOCKUP_TASKS) {
                lockup(list, n);
                return;
            }
            int p = n;
            int f;
            int data;
            int[] words = memory.pageWords(p);
            if (words != null && wholeInPage(p, TqStruct24.SIZE)) {
                // no field of this task can fault: next, routine and data read and sync cleared
                // with one page lookup (the registers before the reads matter only for a fault)
                int w = (p & (KernelMemory.PAGE_SIZE - 1)) >>> 2;
                n = words[w + NEXT_WORD];
                f = words[w + ROUTINE_WORD];
                data = words[w + DATA_WORD];
                words[w + SYNC_WORD] = 0;
            } else {
                kernel.setRegisters(n, 0, STACK_HEAD, 0, p);
                n = read(p + TqStruct24.LIST_NEXT, eip + KernelText.RUNNER24_READ_NEXT);
                if (kernel.stopped()) {
                    return;
                }
                f = read(p + TqStruct24.ROUTINE, eip + KernelText.RUNNER24_READ_ROUTINE);
                data = read(p + TqStruct24.DATA, eip + KernelText.RUNNER24_READ_DATA);
                write(p + TqStruct24.SYNC, 0, eip + KernelText.RUNNER24_WRITE_SYNC);
                if (kernel.stopped()) {
                    return;
                }
            }
            kernel.setRegisters(n, data, STACK_HEAD, f, p);
            if (f != 0) { // 2.4 tests the routine, 2.2 does not
                kernel.trace(TraceEvent.TASK_RUN, f, list.id);
                call(list, frame, f, data);
                if (kernel.stopped()) {
                    return;
                }
                kernel.leave(KernelSlice.TASK, f);
            }
        }
    }
}
