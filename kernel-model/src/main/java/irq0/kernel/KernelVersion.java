package irq0.kernel;

/**
 * The parts of the timer path that differ between kernel releases, in one place so that another
 * release is a new constant rather than a rewrite. Only 2.2 is modelled so far.
 */
public enum KernelVersion {
    /**
     * Linux 2.2.8: bottom-half numbers from include/linux/interrupt.h (TIMER_BH 0, CONSOLE_BH 1,
     * TQUEUE_BH 2, ... NET_BH 9, SCSI_BH 10, IMMEDIATE_BH 11), queue_task linking at the head
     * (include/linux/tqueue.h), mask_and_ack_8259A with a dummy IMR read, an IMR write and a
     * non-specific EOI (arch/i386/kernel/irq.c), timer_interrupt latching counter 0 with the TSC
     * in use (arch/i386/kernel/time.c).
     */
    V2_2("2.2.8", 0, 2, 11, true, false, "Aiee, killing interrupt handler", "In swapper task - not syncing");

    private final String release;
    private final int timerBh;
    private final int tqueueBh;
    private final int immediateBh;
    private final boolean taskQueueLifo;
    private final boolean specificEoi;
    private final String killingInterruptHandler;
    private final String idleNotSyncing;

    KernelVersion(String release, int timerBh, int tqueueBh, int immediateBh, boolean taskQueueLifo,
            boolean specificEoi, String killingInterruptHandler, String idleNotSyncing) {
        this.release = release;
        this.timerBh = timerBh;
        this.tqueueBh = tqueueBh;
        this.immediateBh = immediateBh;
        this.taskQueueLifo = taskQueueLifo;
        this.specificEoi = specificEoi;
        this.killingInterruptHandler = killingInterruptHandler;
        this.idleNotSyncing = idleNotSyncing;
    }

    /** queue_task links at the head (2.2) rather than the tail (2.4's list_add_tail). */
    public boolean taskQueueLifo() {
        return taskQueueLifo;
    }

    /** mask_and_ack_8259A sends a specific EOI (0x60 + IR, as 2.4) rather than a non-specific one (0x20, as 2.2). */
    public boolean specificEoi() {
        return specificEoi;
    }

    /** What do_exit prints when an interrupt handler dies. */
    public String killingInterruptHandler() {
        return killingInterruptHandler;
    }

    /** What panic prints when the idle task panics. */
    public String idleNotSyncing() {
        return idleNotSyncing;
    }

    public String release() {
        return release;
    }

    /** TIMER_BH: run first, as every release numbers it 0. */
    public int timerBh() {
        return timerBh;
    }

    public int tqueueBh() {
        return tqueueBh;
    }

    public int immediateBh() {
        return immediateBh;
    }
}
