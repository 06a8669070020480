package irq0.conformance;

/** A vector file that does not follow FORMAT.md; the message names file:line and what is wrong. */
public final class VectorFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public VectorFormatException(String message) {
        super(message);
    }
}
