package irq0.kernel.sched;

/** What a {@link ProcessCode} step ended with: exit, or sleep and continue later. */
public final class Step {
    final boolean exit;
    final int status;
    final ProcessCode resume;

    private Step(boolean exit, int status, ProcessCode resume) {
        this.exit = exit;
        this.status = status;
        this.resume = resume;
    }

    /** The process (or the code it was running) has finished with {@code status}. */
    public static Step exit(int status) {
        return new Step(true, status, null);
    }

    /**
     * The process went to sleep (its state and wait queue already set by sleep_on or
     * schedule_timeout); {@code resume} runs when it is scheduled again.
     */
    public static Step sleep(ProcessCode resume) {
        return new Step(false, 0, resume);
    }

    public int status() {
        return status;
    }

    /** Runs {@code then} after this step's code has finished, keeping any sleep in between. */
    public Step andThen(java.util.function.IntFunction<Step> then) {
        if (exit) {
            return then.apply(status);
        }
        ProcessCode r = resume;
        return sleep(p -> r.run(p).andThen(then));
    }
}
