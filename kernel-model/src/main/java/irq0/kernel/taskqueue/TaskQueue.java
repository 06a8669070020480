package irq0.kernel.taskqueue;

/**
 * A {@code task_queue} variable ({@code typedef struct tq_struct *task_queue}): the address of
 * the first queued task, 0 when empty. The heads live in the kernel's own data, which is never
 * freed, so they are plain fields rather than modelled memory.
 */
public final class TaskQueue {
    /** Queue ids for {@link irq0.trace.TraceEvent#TASK_RUN}. */
    public static final int TQ_TIMER = 0;
    public static final int TQ_IMMEDIATE = 1;
    public static final int TQ_SCHEDULER = 2;

    final int id;
    final String name;
    /** Where the bottom half that runs this queue is, for the Oops's EIP. */
    final int runnerAddress;
    int head;

    public TaskQueue(int id, String name, int runnerAddress) {
        this.id = id;
        this.name = name;
        this.runnerAddress = runnerAddress;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The task at the head, 0 when the queue is empty ({@code if (tq_timer)}). */
    public int head() {
        return head;
    }

    public boolean isEmpty() {
        return head == 0;
    }
}
