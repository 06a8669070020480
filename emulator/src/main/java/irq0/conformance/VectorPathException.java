package irq0.conformance;

import java.io.IOException;

/** A path given to the runner that cannot be replayed: the message is one line for a person. */
public final class VectorPathException extends IOException {
    private static final long serialVersionUID = 1L;

    public VectorPathException(String message) {
        super(message);
    }
}
