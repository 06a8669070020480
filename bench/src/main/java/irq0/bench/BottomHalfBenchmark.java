package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.kernel.Kernel;
import irq0.kernel.bh.BottomHalves;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stage: bottom-half dispatch as do_timer leaves it: mark_bh(TIMER_BH) and mark_bh(TQUEUE_BH),
 * then do_bottom_half (softirq_trylock, sti, run_bottom_halves over bh_active &amp; bh_mask,
 * cli): timer_bh runs the timer list (empty) and tqueue_bh runs tq_timer (empty: the module is
 * loaded with no tasks), so what is left is the dispatch itself.
 *
 * <p>What could fool it: with both halves empty the bodies are trivial and the JIT may inline
 * both through the bh_base table, as it may on the hot path too; bh_active reaches the Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BottomHalfBenchmark {
    private Kernel kernel;
    private BottomHalves bottomHalves;
    private int timerBh;
    private int tqueueBh;

    @Setup(Level.Trial)
    public void setUp() {
        kernel = BootedKernel.withTasks(0).kernel;
        bottomHalves = kernel.bottomHalves();
        timerBh = kernel.version().timerBh();
        tqueueBh = kernel.version().tqueueBh();
    }

    @Benchmark
    public void markAndRun(Blackhole bh) {
        kernel.markBh(timerBh);
        kernel.markBh(tqueueBh);
        bottomHalves.doBottomHalf();
        bh.consume(bottomHalves.bhActive());
    }
}
