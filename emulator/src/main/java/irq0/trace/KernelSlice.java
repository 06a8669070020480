package irq0.trace;

/**
 * The kernel functions the model reports entering and leaving ({@link TraceEvent#ENTER},
 * {@link TraceEvent#LEAVE}; {@link TraceEvent#DO_IRQ}, {@link TraceEvent#BH_RUN} and
 * {@link TraceEvent#TASK_RUN} are the entries of {@link #DO_IRQ}, {@link #BOTTOM_HALF} and
 * {@link #TASK}), named as in Linux 2.2's sources (and 2.4's, where 2.4 has functions of its own), with what their
 * argument {@code b} holds.
 */
public final class KernelSlice {
    /** common_interrupt → do_IRQ's caller, the interrupt's whole stay in the kernel: b = irq. */
    public static final int INTERRUPT = 1;
    /** do_IRQ (arch/i386/kernel/irq.c): b = irq. */
    public static final int DO_IRQ = 2;
    /** mask_and_ack_8259A: b = irq. */
    public static final int MASK_AND_ACK = 3;
    /** handle_IRQ_event: b = irq. */
    public static final int HANDLE_IRQ_EVENT = 4;
    /** One irqaction's handler: b = irq | (interned action name, e.g. "timer") &lt;&lt; 8. */
    public static final int IRQ_ACTION = 5;
    /** timer_interrupt (arch/i386/kernel/time.c). */
    public static final int TIMER_INTERRUPT = 6;
    /** do_timer (kernel/sched.c). */
    public static final int DO_TIMER = 7;
    /** do_bottom_half (kernel/softirq.c). */
    public static final int DO_BOTTOM_HALF = 8;
    /** One bottom half's routine: b = its number ({@link TraceEvent#BH_NAME} names it). */
    public static final int BOTTOM_HALF = 9;
    /** run_task_queue (include/linux/tqueue.h): b = queue id (0 tq_timer, 1 tq_immediate, 2 tq_scheduler). */
    public static final int RUN_TASK_QUEUE = 10;
    /** One task's routine: b = its address ({@link TraceEvent#SYMBOL} names it). */
    public static final int TASK = 11;
    /** One timer_list function run by run_timer_list: b = its address. */
    public static final int TIMER = 12;
    /** A process runs in process context until it sleeps or exits: b = pid. */
    public static final int PROCESS = 13;
    /** do_softirq (kernel/softirq.c, 2.4): what 2.4 runs at the end of do_IRQ instead of do_bottom_half. */
    public static final int DO_SOFTIRQ = 14;
    /** tasklet_hi_action (2.4): HI_SOFTIRQ's action, which runs the hi-priority tasklets. */
    public static final int TASKLET_HI_ACTION = 15;
    /** bh_action (2.4): the tasklet function of a bottom half: b = its number. */
    public static final int BH_ACTION = 16;
    public static final int COUNT = 17;

    private KernelSlice() {
    }

    /** The function's name in the kernel's sources. */
    public static String name(int slice) {
        switch (slice) {
            case INTERRUPT: return "IRQ entry";
            case DO_IRQ: return "do_IRQ";
            case MASK_AND_ACK: return "mask_and_ack_8259A";
            case HANDLE_IRQ_EVENT: return "handle_IRQ_event";
            case IRQ_ACTION: return "irqaction";
            case TIMER_INTERRUPT: return "timer_interrupt";
            case DO_TIMER: return "do_timer";
            case DO_BOTTOM_HALF: return "do_bottom_half";
            case BOTTOM_HALF: return "bottom half";
            case RUN_TASK_QUEUE: return "run_task_queue";
            case TASK: return "task";
            case TIMER: return "timer function";
            case PROCESS: return "process";
            case DO_SOFTIRQ: return "do_softirq";
            case TASKLET_HI_ACTION: return "tasklet_hi_action";
            case BH_ACTION: return "bh_action";
            default: return "slice" + slice;
        }
    }

    /** The task queue named by a {@link #RUN_TASK_QUEUE} argument. */
    public static String queueName(int id) {
        switch (id) {
            case 0: return "tq_timer";
            case 1: return "tq_immediate";
            case 2: return "tq_scheduler";
            default: return "queue" + id;
        }
    }
}
