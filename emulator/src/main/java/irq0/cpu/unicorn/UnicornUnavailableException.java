package irq0.cpu.unicorn;

/** The Unicorn library could not be loaded; the message names the package that provides it. */
public final class UnicornUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnicornUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
