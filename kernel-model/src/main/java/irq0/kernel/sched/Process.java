package irq0.kernel.sched;

/** A {@code task_struct} as far as the model needs one: pid, comm, state, what it runs next. */
public final class Process {
    public static final int TASK_RUNNING = 0;
    public static final int TASK_INTERRUPTIBLE = 1;
    public static final int TASK_UNINTERRUPTIBLE = 2;
    public static final int TASK_ZOMBIE = 4;

    final int pid;
    final String comm;
    int state = TASK_RUNNING;
    ProcessCode next;
    int exitStatus;
    /** The wait queue it sleeps on, if any (for removal when it runs again: SLEEP_ON_TAIL). */
    WaitQueue waitingOn;
    /** Woken when this process exits (the parent's wait4). */
    final WaitQueue exitWait = new WaitQueue();

    Process(int pid, String comm, ProcessCode code) {
        this.pid = pid;
        this.comm = comm;
        this.next = code;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public int state() {
        return state;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public boolean exited() {
        return state == TASK_ZOMBIE;
    }

    public WaitQueue exitWait() {
        return exitWait;
    }
}
