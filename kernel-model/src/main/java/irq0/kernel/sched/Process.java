package irq0.kernel.sched;

/** A {@code task_struct} as far as the model needs one: pid, comm, state, what it runs next. */
public final class Process {
    public static final int TASK_RUNNING = 0;
    public static final int TASK_INTERRUPTIBLE = 1;
    public static final int TASK_UNINTERRUPTIBLE = 2;
    public static final int TASK_ZOMBIE = 4;

    final int pid;
    /** The parent's pid (the shell for its commands; 0 for a process the kernel started). */
    final int ppid;
    final String comm;
    int state = TASK_RUNNING;
    ProcessCode next;
    int exitStatus;
    /** The wait queue it sleeps on, if any (for removal when it runs again: SLEEP_ON_TAIL). */
    WaitQueue waitingOn;
    /** Woken when this process exits (the parent's wait4). */
    final WaitQueue exitWait = new WaitQueue();

    Process(int pid, int ppid, String comm, ProcessCode code) {
        this.pid = pid;
        this.ppid = ppid;
        this.comm = comm;
        this.next = code;
    }

    public int pid() {
        return pid;
    }

    public int ppid() {
        return ppid;
    }

    /**
     * The state as fs/proc/array.c's task_state_array names it (2.2): "R (running)", "S
     * (sleeping)", "D (disk sleep)", "Z (zombie)".
     */
    public String stateName() {
        switch (state) {
            case TASK_RUNNING: return "R (running)";
            case TASK_INTERRUPTIBLE: return "S (sleeping)";
            case TASK_UNINTERRUPTIBLE: return "D (disk sleep)";
            default: return "Z (zombie)";
        }
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
