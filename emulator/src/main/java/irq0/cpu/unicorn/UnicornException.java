package irq0.cpu.unicorn;

/** A Unicorn call returned an error; the message is {@code uc_strerror}'s text for its code. */
public final class UnicornException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int error;
    private final String function;

    UnicornException(String function, int error, String text) {
        super(function + ": " + text + " (uc_err " + error + ")");
        this.function = function;
        this.error = error;
    }

    /** The {@code uc_err} code. */
    public int error() {
        return error;
    }

    /** The Unicorn function that failed. */
    public String function() {
        return function;
    }
}
