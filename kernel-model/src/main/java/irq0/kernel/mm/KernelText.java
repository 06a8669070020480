package irq0.kernel.mm;

/**
 * Addresses the model gives to kernel functions and objects that appear in an Oops (EIP, the
 * process's stack page). They lie in the kernel image range 0xc0100000.. as in a 2.2 System.map,
 * but they are the model's own layout, not those of a particular compiled kernel.
 */
public final class KernelText {
    /** tqueue_bh, where run_task_queue(&amp;tq_timer) is inlined. */
    public static final int TQUEUE_BH = 0xc0116f10;
    /** immediate_bh, where run_task_queue(&amp;tq_immediate) is inlined. */
    public static final int IMMEDIATE_BH = 0xc0116f50;
    /** schedule(), where run_task_queue(&amp;tq_scheduler) is inlined and "Scheduling in interrupt" writes to NULL. */
    public static final int SCHEDULE = 0xc0110a2c;
    /** timer_bh / run_timer_list. */
    public static final int TIMER_BH = 0xc0117a40;
    /** process_timeout, the function of schedule_timeout's timer. */
    public static final int PROCESS_TIMEOUT = 0xc01105c4;
    /** init_task_union: the idle task's task_struct and kernel stack (8 KB). */
    public static final int INIT_TASK_UNION = 0xc0212000;

    private KernelText() {
    }
}
