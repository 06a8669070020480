package irq0.kernel.taskqueue;

/**
 * The layout of 2.4's {@code struct tq_struct} (include/linux/tqueue.h, 2.4.22) in the modelled
 * memory, i386 words: {@code struct list_head list} (next, prev), then sync, routine, data.
 */
public final class TqStruct24 {
    /** {@code list.next}. */
    public static final int LIST_NEXT = 0;
    /** {@code list.prev}. */
    public static final int LIST_PREV = 4;
    /** {@code unsigned long sync}: bit 0 set while queued. */
    public static final int SYNC = 8;
    public static final int ROUTINE = 12;
    public static final int DATA = 16;
    public static final int SIZE = 20;

    private TqStruct24() {
    }
}
