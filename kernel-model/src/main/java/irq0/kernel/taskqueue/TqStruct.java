package irq0.kernel.taskqueue;

/**
 * The layout of 2.2's {@code struct tq_struct} (include/linux/tqueue.h) in the modelled memory,
 * i386 words: a task is its address, and every field access is a memory access that can fault.
 */
public final class TqStruct {
    /** {@code struct tq_struct *next}: the next task on the queue. */
    public static final int NEXT = 0;
    /** {@code unsigned long sync}: bit 0 set while queued (queue_task's test_and_set_bit). */
    public static final int SYNC = 4;
    /** {@code void (*routine)(void *)}. */
    public static final int ROUTINE = 8;
    /** {@code void *data}: the routine's argument. */
    public static final int DATA = 12;
    public static final int SIZE = 16;

    private TqStruct() {
    }
}
