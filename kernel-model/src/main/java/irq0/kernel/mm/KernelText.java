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
    /** Where the model's 2.2 run_task_queue, inlined in schedule(), runs tq_scheduler. */
    public static final int SCHEDULE_TQ_SCHEDULER = 0xc0110990;
    /** In schedule(), after its handle_bh call of do_bottom_half: a return address. */
    public static final int SCHEDULE_AFTER_BH = 0xc0110a1b;
    /** In do_IRQ, after its call of do_bottom_half: a return address. */
    public static final int DO_IRQ_AFTER_BH = 0xc010a2e7;
    /** In do_bottom_half, after the call of a bottom half's routine: a return address. */
    public static final int DO_BOTTOM_HALF_AFTER_CALL = 0xc0116d52;
    /** ret_from_intr (entry.S): common_interrupt pushes it as do_IRQ's return address. */
    public static final int RET_FROM_INTR = 0xc0109a1c;
    /** cpu_idle, after its hlt: where an interrupt of the idle task returns to. */
    public static final int CPU_IDLE_AFTER_HLT = 0xc01070d7;
    /** In start_kernel, after its call of cpu_idle: the bottom of the idle task's stack. */
    public static final int START_KERNEL_AFTER_CPU_IDLE = 0xc021f80a;
    /** system_call (entry.S), after the call through sys_call_table: a process's kernel entry. */
    public static final int SYSTEM_CALL_AFTER_CALL = 0xc0109904;
    /** _stext and _etext: the kernel text the Oops's Call Trace recognises. */
    public static final int STEXT = 0xc0100000;
    public static final int ETEXT = 0xc01d0000;
    /**
     * How far after a queue runner's address (the read of p-&gt;data) its call of the routine returns:
     * the model's encoding of the inlined run_task_queue (see {@link #code}).
     */
    public static final int RUNNER_CALL_RETURN = 0x14;

    /*
     * The code bytes an Oops shows at an address of the model's kernel text. The queue runners
     * (tqueue_bh, immediate_bh, schedule's tq_scheduler pass) are run_task_queue inlined, encoded
     * as the model's own i386 code with p in %ebx: arg = p->data (mov 0xc(%ebx),%eax), f =
     * p->routine (mov 0x8(%ebx),%edx), save_p = p (mov %ebx,%ecx), p = p->next (mov (%ebx),%ebx),
     * save_p->sync = 0 (movl $0,0x4(%ecx)), then (*f)(arg) (push %eax; call *%edx; add $4,%esp),
     * and round again while p (test %ebx,%ebx; jne back); pop %ebx; ret. The field accesses are
     * at offsets 0, 3, 8 and 10, which is the EIP of a fault on each.
     */
    private static final byte[] RUN_TASK_QUEUE = bytes(
            0x8b, 0x43, 0x0c, 0x8b, 0x53, 0x08, 0x89, 0xd9, 0x8b, 0x1b,
            0xc7, 0x41, 0x04, 0x00, 0x00, 0x00, 0x00, 0x50, 0xff, 0xd2,
            0x83, 0xc4, 0x04, 0x85, 0xdb, 0x75, 0xe5, 0x5b, 0xc3, 0x90);
    /** schedule()'s "Scheduling in interrupt" path: *(int *)0 = 0 (movl $0,0x0), then more of schedule. */
    private static final byte[] SCHEDULE_NULL_WRITE = bytes(
            0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x8b, 0x15, 0x44, 0x20, 0x21, 0xc0, 0x85, 0xd2, 0x74, 0x09);
    /** 2.4: in bh_action, after its call of bh_base[nr]: a return address. */
    public static final int BH_ACTION_AFTER_CALL = 0xc011d0a6;
    /** 2.4: in tasklet_hi_action, after its call of t-&gt;func. */
    public static final int TASKLET_HI_ACTION_AFTER_CALL = 0xc011cf3d;
    /** 2.4: in do_softirq, after its call of h-&gt;action. */
    public static final int DO_SOFTIRQ_AFTER_CALL = 0xc011cd8b;
    /** 2.4.22's __run_task_queue (kernel/softirq.c), called from tqueue_bh and immediate_bh. */
    public static final int RUN_TASK_QUEUE_24 = 0xc0121a60;
    /*
     * The model's i386 encoding of 2.4's __run_task_queue, list in %edx, the stack's head in
     * %ecx: list_add(&head, list) (next = list->next; next->prev = &head; head.next = next;
     * head.prev = list; list->next = &head), list_del_init(list) (prev = list->prev; next =
     * list->next; next->prev = prev; prev->next = next; list->next = list->prev = list), then the
     * loop over p in %esi: next = p->list.next, f = p->routine, data = p->data, p->sync = 0, and
     * if (f) f(data).
     */
    private static final byte[] RUN_TASK_QUEUE_24_CODE = bytes(
            0x8b, 0x02, 0x89, 0x48, 0x04, 0x89, 0x01, 0x89, 0x51, 0x04,
            0x89, 0x0a, 0x8b, 0x42, 0x04, 0x8b, 0x1a, 0x89, 0x43, 0x04,
            0x89, 0x18, 0x89, 0x12, 0x89, 0x52, 0x04, 0x8b, 0x01, 0x39,
            0xc8, 0x74, 0x1d, 0x89, 0xc6, 0x8b, 0x06, 0x8b, 0x56, 0x0c,
            0x8b, 0x5e, 0x10, 0xc7, 0x46, 0x08, 0x00, 0x00, 0x00, 0x00,
            0x85, 0xd2, 0x74, 0x06, 0x53, 0xff, 0xd2, 0x83, 0xc4, 0x04,
            0xeb, 0xdf, 0x5b, 0x5e, 0xc3, 0x90, 0x90, 0x90, 0x90, 0x90,
            0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90);
    /** Offsets of the accesses that can fault in {@link #RUN_TASK_QUEUE_24_CODE}. */
    public static final int RUNNER24_WRITE_FIRST_PREV = 2;
    public static final int RUNNER24_WRITE_LAST_NEXT = 20;
    public static final int RUNNER24_READ_NEXT = 35;
    public static final int RUNNER24_READ_ROUTINE = 37;
    public static final int RUNNER24_READ_DATA = 40;
    public static final int RUNNER24_WRITE_SYNC = 43;
    /** Where 2.4's __run_task_queue's call of a routine returns. */
    public static final int RUNNER24_CALL_RETURN = 57;

    /** Offsets of run_task_queue's field accesses in {@link #RUN_TASK_QUEUE}. */
    public static final int RUNNER_READ_DATA = 0;
    public static final int RUNNER_READ_ROUTINE = 3;
    public static final int RUNNER_READ_NEXT = 8;
    public static final int RUNNER_WRITE_SYNC = 10;

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /**
     * The 20 code bytes at {@code eip} if it is one of the places in the model's kernel text where
     * a fault can happen, or null.
     */
    public static byte[] code(int eip) {
        for (int runner : new int[] {TQUEUE_BH, IMMEDIATE_BH, SCHEDULE_TQ_SCHEDULER}) {
            int off = eip - runner;
            if (off == RUNNER_READ_DATA || off == RUNNER_READ_ROUTINE || off == RUNNER_READ_NEXT || off == RUNNER_WRITE_SYNC) {
                return java.util.Arrays.copyOfRange(RUN_TASK_QUEUE, off, off + 20);
            }
        }
        int off = eip - RUN_TASK_QUEUE_24;
        if (off >= 0 && off <= 60) {
            return java.util.Arrays.copyOfRange(RUN_TASK_QUEUE_24_CODE, off, off + 20);
        }
        if (eip == SCHEDULE) {
            return SCHEDULE_NULL_WRITE.clone();
        }
        return null;
    }

    /** Is {@code address} in the kernel text (_stext.._etext)? */
    public static boolean isKernelText(int address) {
        return Integer.compareUnsigned(address, STEXT) >= 0 && Integer.compareUnsigned(address, ETEXT) <= 0;
    }

    private KernelText() {
    }
}
