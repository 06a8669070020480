package irq0.kernel.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * A 2.2 {@code struct wait_queue *} variable. Besides its sleepers it remembers whether anything
 * was ever added: in 2.2 the pointer is NULL until the first __add_wait_queue and afterwards
 * never NULL again (an emptied queue points at its own head, WAIT_QUEUE_HEAD), which is what code
 * like LKMPG's {@code if (WaitQ != NULL)} tests.
 */
public final class WaitQueue {
    final List<Process> sleepers = new ArrayList<>(2);
    boolean everUsed;

    /** What {@code WaitQ != NULL} evaluates to in 2.2. */
    public boolean pointerNonNull() {
        return everUsed;
    }
}
