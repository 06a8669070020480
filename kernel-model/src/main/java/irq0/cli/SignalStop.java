package irq0.cli;

import irq0.cpu.BootRunner;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM, while a boot runs, ask the {@link BootRunner} to end the run at
 * its next slice, so that outputs are closed and the summary printed before irq0 exits with
 * 128 + the signal's number. Without this the JVM would exit at once, mid-write. A second signal
 * of the same kind ends the process at once, for a run that does not come back.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle a signal
 * without ending the process; shutdown hooks run only once the JVM is already exiting.
 */
final class SignalStop implements AutoCloseable {
    private final Signal[] signals = {new Signal("INT"), new Signal("TERM")};
    private final SignalHandler[] previous = new SignalHandler[signals.length];

    private SignalStop(BootRunner runner) {
        for (int i = 0; i < signals.length; i++) {
            String name = "SIG" + signals[i].getName();
            int code = signals[i].getName().equals("TERM") ? BootRunner.EXIT_SIGTERM : BootRunner.EXIT_SIGINT;
            boolean[] seen = new boolean[1];
            previous[i] = Signal.handle(signals[i], s -> {
                if (seen[0]) {
                    Runtime.getRuntime().halt(code);
                }
                seen[0] = true;
                runner.requestStop(name);
            });
        }
    }

    static SignalStop install(BootRunner runner) {
        return new SignalStop(runner);
    }

    /** The handlers that were there before. */
    @Override
    public void close() {
        for (int i = 0; i < signals.length; i++) {
            Signal.handle(signals[i], previous[i]);
        }
    }
}
