package irq0.conformance;

/**
 * One line of a vector: its kind, up to three numeric arguments (a pin name is kept in
 * {@code name}), the line number and the line's text without its comment.
 */
public record Step(Kind kind, int line, String text, long a, long b, long c, String name) {
    /** The step words of FORMAT.md. */
    public enum Kind { DEVICE, OUT, IN, CLK, GATE, PIN, IRQ, INTA }
}
