package irq0.kernel.taskqueue;

/**
 * A {@code task_queue} variable: in 2.2 {@code typedef struct tq_struct *task_queue}, the address
 * of the first queued task, 0 when empty; in 2.4 {@code typedef struct list_head task_queue}. The
 * heads live in the kernel's own data, which is never freed, so they are plain fields rather than
 * modelled memory.
 */
public final class TaskQueue {
    /** Queue ids for {@link irq0.trace.TraceEvent#TASK_RUN}. */
    public static final int TQ_TIMER = 0;
    public static final int TQ_IMMEDIATE = 1;
    public static final int TQ_SCHEDULER = 2;

    final int id;
    final String name;
    /** Where the code that runs this queue is, for the Oops's EIP. */
    final int runnerAddress;
    /**
     * Where the variable is in kernel data: 0 for 2.2's pointer (whose empty value is NULL); for
     * 2.4's {@code struct list_head} its own address, which an empty list's pointers hold.
     */
    final int address;
    /** 2.2: the first task, 0 when empty. 2.4: list.next, {@link #address} when empty. */
    int head;
    /** 2.4: list.prev, {@link #address} when empty (unused in 2.2). */
    int tail;

    public TaskQueue(int id, String name, int runnerAddress, int address) {
        this.id = id;
        this.name = name;
        this.runnerAddress = runnerAddress;
        this.address = address;
        this.head = address;
        this.tail = address;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** 2.2: the task at the head, 0 when the queue is empty. 2.4: list.next. */
    public int head() {
        return head;
    }

    /** 2.2's {@code if (tq_timer)} negated, 2.4's {@code !TQ_ACTIVE(tq_timer)}: nothing queued. */
    public boolean isEmpty() {
        return head == address;
    }
}
