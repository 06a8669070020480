package irq0.bus;

/**
 * The receiving end of a wire: an output pin of one part drives it, the board decides what it is
 * connected to. Parts call {@link #set} only when their output level changes, so a listener sees
 * edges, never repeats.
 */
@FunctionalInterface
public interface Line {
    /** A wire connected to nothing. */
    Line NONE = level -> { };

    void set(boolean level);
}
