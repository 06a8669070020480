package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor must do the work it claims, or the HotPath/Floor ratio means nothing: every op is one
 * tick, runs TIMER_BH once, and runs each self-re-queuing task once (run_task_queue detaches the
 * list, so a task re-queued by its own routine waits for the next tick).
 */
class FloorBenchmarkTest {
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @ParameterizedTest(name = "P={0}")
    @ValueSource(ints = {0, 1, 16, 256})
    void shouldRunEveryTaskOncePerTick(int tasks) {
        FloorBenchmark floor = new FloorBenchmark();
        floor.tasks = tasks;
        floor.setUp();
        int ticks = 1000;
        for (int i = 0; i < ticks; i++) {
            floor.timerInterrupt(BLACKHOLE);
        }
        assertThat(floor.jiffies()).isEqualTo(ticks);
        assertThat(floor.timerBhRuns()).isEqualTo(ticks);
        for (int t = 0; t < tasks; t++) {
            assertThat(floor.runsOf(t)).as("runs of task %d", t).isEqualTo(ticks);
        }
    }
}
