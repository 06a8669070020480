package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.kernel.taskqueue.TaskQueue;
import irq0.kernel.taskqueue.TaskQueues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stage: run_task_queue(&amp;tq_timer) alone, with P tasks of {@link RequeueModule} that re-queue
 * themselves (so the queue is full again after every op): detach the list, and for each task read
 * data, routine and next from the modelled memory, clear sync, call the routine, which counts and
 * calls queue_task. The per-task slope of {@link HotPathBenchmark} should be this one's.
 *
 * <p>What could fool it: it runs outside an interrupt (the bottom half would run it with
 * interrupts enabled and local_bh_count raised, which costs nothing here); the routine is the
 * same for every task, so the call through the module's function table is always the same
 * target. The head of the queue reaches the Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskQueueBenchmark {
    @Param({"0", "1", "16", "256"})
    public int tasks;

    private TaskQueues queues;
    private TaskQueue tqTimer;

    @Setup(Level.Trial)
    public void setUp() {
        queues = BootedKernel.withTasks(tasks).kernel.taskQueues();
        tqTimer = queues.tqTimer;
    }

    @Benchmark
    public void runTaskQueue(Blackhole bh) {
        queues.runTaskQueue(tqTimer);
        bh.consume(tqTimer.head());
    }
}
