package irq0.kernel.timer;

/** {@code void (*function)(unsigned long data)} of a {@code struct timer_list}. */
@FunctionalInterface
public interface TimerFunction {
    void expire(int data);
}
