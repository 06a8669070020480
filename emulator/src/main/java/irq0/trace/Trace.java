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

    /**
     * A number for {@code text} that events may carry in place of it ({@link TraceEvent#SYMBOL},
     * process names): the same number for the same text. -1 when nothing keeps text. Not for the
     * hot path: names are made when a module is loaded or a process created.
     */
    default int intern(String text) {
        return -1;
    }
}
