package irq0.kernel.bh;

/** A bottom-half routine, {@code void (*bh_base[nr])(void)}. */
@FunctionalInterface
public interface BottomHalf {
    void run();
}
