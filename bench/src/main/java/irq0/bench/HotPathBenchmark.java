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
 * The hot path: one op is one timer interrupt with no CPU, through every part as the machine
 * runs it ({@link NoCpuMachine#tick}): the idle loop's HLT skips the PIT to counter 0's OUT0 edges
 * (mode 2, LATCH 1193, HZ=1000), the rising edge raises IR0 on the master 8259A, INT is
 * acknowledged (INTA, vector 0x20) and the gate enters the kernel: do_IRQ, mask_and_ack_8259A
 * (IMR read, OCW1, EOI through the ports), timer_interrupt (the counter latched and read back),
 * do_timer (jiffies, TIMER_BH, TQUEUE_BH), enable_8259A_irq, do_bottom_half, timer_bh and
 * run_task_queue(&amp;tq_timer) with P tasks of {@link RequeueModule} that re-queue themselves,
 * and the idle loop's schedule(). Reported as AverageTime and SampleTime (p50, p99, p99.9), and
 * with {@code -prof gc} the bytes allocated per interrupt, which should be 0.
 *
 * <p>What could fool it: the machine is otherwise idle, so every interrupt takes the same branches
 * (as on an idle PC); P tasks live in the modelled kernel memory, each field a bounds-checked
 * word read, which is the model's real cost and not an artefact. SampleTime samples are timed
 * with System.nanoTime and carry its cost and granularity (compare them with {@link FloorBenchmark}'s).
 * Set-up checks that interrupts really arrive and every task runs once per tick (so a PIT or PIC
 * that never fires cannot pass for a fast one); jiffies reaches the Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {
    /** How many self-re-queuing tasks are on tq_timer. */
    @Param({"0", "1", "16", "256"})
    public int tasks;

    private BootedKernel booted;
    private NoCpuMachine machine;

    @Setup(Level.Trial)
    public void setUp() {
        booted = BootedKernel.withTasks(tasks, version());
        machine = booted.machine;
    }

    /** The kernel release modelled: 2.2.8 here ({@link HotPath24Benchmark} runs 2.4.22). */
    KernelVersion version() {
        return KernelVersion.V2_2;
    }

    @Benchmark
    public void timerInterrupt(Blackhole bh) {
        machine.tick();
        bh.consume(booted.kernel.jiffies());
    }
}
