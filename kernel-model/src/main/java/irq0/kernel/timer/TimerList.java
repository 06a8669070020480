package irq0.kernel.timer;

/**
 * {@code struct timer_list} (include/linux/timer.h, 2.2): expires in jiffies, function, data,
 * and the list links the wheel uses. {@code prev != null} means pending, as 2.2's
 * {@code timer_pending} tests.
 */
public final class TimerList {
    TimerList next;
    /** The previous timer, or the slot's sentinel {@link Timers#slotHead} when first. */
    Object prev;
    public int expires;
    public int data;
    public TimerFunction function;
    /** Where the function is in the modelled address space, for messages (0 if not known). */
    public int functionAddress;

    public TimerList() {
    }

    public TimerList(TimerFunction function, int functionAddress) {
        this.function = function;
        this.functionAddress = functionAddress;
    }

    /** {@code timer_pending}. */
    public boolean pending() {
        return prev != null;
    }
}
