package irq0.trace;

/**
 * Where the machine reports what happened, with the virtual time (PIT clocks) it happened at.
 * Every event is four primitives, so reporting allocates nothing; {@link #NONE} costs one
 * interface call. Kinds and the meaning of {@code a} and {@code b} are in {@link TraceEvent}.
 */
@FunctionalInterface
public interface Trace {
    Trace NONE = (time, kind, a, b) -> { };

    void record(long time, int kind, int a, int b);
}
