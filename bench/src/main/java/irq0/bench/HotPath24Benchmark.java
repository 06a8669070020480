package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.kernel.KernelVersion;
import irq0.kernel.NoCpuMachine;
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
 * {@link HotPathBenchmark}'s interrupt on the Linux 2.4.22 model: the same machine, PIT, PIC and
 * {@link RequeueModule} with P tasks (laid out as 2.4's 20-byte tq_struct), through 2.4's
 * mask_and_ack_8259A, timer_interrupt and do_timer, TIMER_BH and TQUEUE_BH run by the hi tasklet
 * (bh_action), and 2.4's run_task_queue: the list spliced off onto the stack's list_head, each
 * task's next, routine and data read, sync cleared and a routine of 0 skipped, each access a
 * checked word of the modelled memory. One op is one timer interrupt; with {@code -prof gc} the
 * bytes allocated per interrupt, which should be 0 as on 2.2.
 *
 * <p>What could fool it: as HotPath (an idle machine takes the same branches every tick). 2.4's
 * queue is FIFO and its runner touches every field through a separate checked access, so the
 * per-task cost is not 2.2's: compare it with HotPath at the same P to see what the release
 * costs, not with Floor, which models 2.2. Set-up checks that every task runs once per tick.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPath24Benchmark {
    /** How many self-re-queuing tasks are on tq_timer. */
    @Param({"0", "1", "16", "256"})
    public int tasks;

    private BootedKernel booted;
    private NoCpuMachine machine;

    @Setup(Level.Trial)
    public void setUp() {
        booted = BootedKernel.withTasks(tasks, KernelVersion.V2_4);
        machine = booted.machine;
    }

    @Benchmark
    public void timerInterrupt(Blackhole bh) {
        machine.tick();
        bh.consume(booted.kernel.jiffies());
    }
}
