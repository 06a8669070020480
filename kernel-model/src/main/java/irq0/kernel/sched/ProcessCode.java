package irq0.kernel.sched;

/**
 * Process-context code that may sleep, written as a resumable step: it runs until it finishes
 * ({@link Step#exit}) or goes to sleep ({@link Step#sleep}), naming the code that continues it
 * once it is woken. This is how the model runs processes without threads: one step at a time,
 * always on the caller's thread, so every run is deterministic.
 */
@FunctionalInterface
public interface ProcessCode {
    Step run(Process current);
}
