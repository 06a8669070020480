package irq0.trace;

/**
 * The stretch of virtual time an output keeps ({@code --trace-from}/{@code --trace-to}): events
 * at clocks {@code from} to {@code to}, both included. Outputs still see every event, so that a
 * waveform or a timeline starts the window with the levels and open slices it had.
 */
public final class Window {
    public static final Window ALL = new Window(0, Long.MAX_VALUE);

    public final long from;
    public final long to;

    public Window(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("window must have 0 <= from <= to: " + from + ".." + to);
        }
        this.from = from;
        this.to = to;
    }

    public boolean contains(long time) {
        return time >= from && time <= to;
    }
}
