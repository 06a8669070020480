package irq0.trace;

/** Combining traces. */
public final class Traces {
    private Traces() {
    }

    /** Both {@code first} and {@code second} receive every event; {@link Trace#NONE} is left out. */
    public static Trace tee(Trace first, Trace second) {
        if (first == Trace.NONE) {
            return second;
        }
        if (second == Trace.NONE) {
            return first;
        }
        return (time, kind, a, b) -> {
            first.record(time, kind, a, b);
            second.record(time, kind, a, b);
        };
    }
}
