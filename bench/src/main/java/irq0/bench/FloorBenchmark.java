package irq0.bench;

import java.util.concurrent.TimeUnit;

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
 * The floor under {@link HotPathBenchmark}: the same timer interrupt, written as directly as Java
 * allows, so that the report can state HotPath/Floor as a ratio.
 *
 * <p>One op is one timer interrupt: counter 0's period ends (the rate generator reloads and OUT0
 * rises), the rising edge sets an IRR bit, the priority resolver picks the lowest set unmasked bit
 * that no in-service level blocks, the acknowledge moves it to the ISR and yields the vector;
 * do_IRQ masks the line and sends the EOI (mask_and_ack_8259A), timer_interrupt/do_timer count
 * jiffies and mark TIMER_BH (and TQUEUE_BH when tq_timer is not empty), the line is unmasked, and
 * do_bottom_half runs the active, enabled halves: run_task_queue(&amp;tq_timer) detaches the list
 * and runs each of the {@code tasks} tasks, each of which re-queues itself for the next tick.
 * All state is primitive fields and int arrays: no interfaces, no ports, no objects per task.
 *
 * <p>What could fool it: the work is perfectly periodic, so every branch is predicted (the hot
 * path enjoys the same luck, so the ratio stays fair); the task list is an int array walked in
 * index order, which is friendlier to the cache than a linked list of objects, and that difference
 * is part of what the ratio is meant to show. Every result (the vector, jiffies, the task runs)
 * reaches the Blackhole and all state lives in fields, so the JIT can neither drop the work nor
 * fold one interrupt into the next.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {
    /** LATCH for HZ=1000: (1193182 + 500) / 1000, as Linux's timex.h computes it. */
    static final int LATCH = 1193;
    static final int VECTOR_BASE = 0x20;
    static final int TIMER_BH = 1 << 0;
    static final int TQUEUE_BH = 1 << 1;
    static final int NIL = -1;

    /** How many self-re-queuing tasks are on tq_timer. */
    @Param({"0", "1", "16", "256"})
    public int tasks;

    // counter 0, mode 2 (rate generator): the count left in the present period
    private int count;
    // the master 8259A, bit n = IRn
    private int irr;
    private int isr;
    private int imr;
    private long jiffies;
    private int bhActive;
    private int bhMask;
    private long timerBhRuns;
    // tq_timer: a singly linked list threaded through next[], NIL-terminated, newest first
    private int tqTimer;
    private int[] next;
    private boolean[] queued;
    private long[] runs;

    @Setup(Level.Trial)
    public void setUp() {
        count = LATCH;
        irr = 0;
        isr = 0;
        imr = 0xFE; // only IR0 unmasked, as after init_IRQ and setup_irq(0)
        jiffies = 0;
        bhActive = 0;
        bhMask = TIMER_BH | TQUEUE_BH;
        timerBhRuns = 0;
        next = new int[tasks];
        queued = new boolean[tasks];
        runs = new long[tasks];
        tqTimer = NIL;
        for (int t = 0; t < tasks; t++) {
            queueTask(t);
        }
    }

    @Benchmark
    public void timerInterrupt(Blackhole bh) {
        // the PIT: skip ahead by the clocks left in the period; OUT0 rises as the count reloads
        int clocks = count;
        count -= clocks;
        if (count == 0) {
            count = LATCH;
            irr |= 1;
        }
        // the PIC: highest-priority unmasked request that no in-service level blocks
        int pending = irr & ~imr;
        if (pending == 0) {
            return;
        }
        int level = Integer.numberOfTrailingZeros(pending);
        if (isr != 0 && Integer.numberOfTrailingZeros(isr) <= level) {
            return;
        }
        // INTA: IRR bit to ISR bit, the vector on the bus
        irr &= ~(1 << level);
        isr |= 1 << level;
        int vector = VECTOR_BASE + level;
        // do_IRQ: mask_and_ack (IMR bit set, EOI clears the ISR bit)
        int irq = vector - VECTOR_BASE;
        imr |= 1 << irq;
        isr &= ~(1 << irq);
        // timer_interrupt -> do_timer
        jiffies++;
        bhActive |= TIMER_BH;
        if (tqTimer != NIL) {
            bhActive |= TQUEUE_BH;
        }
        // the handler is done: unmask (enable_8259A_irq)
        imr &= ~(1 << irq);
        // irq_exit -> do_bottom_half
        int active = bhActive & bhMask;
        bhActive &= ~active;
        if ((active & TIMER_BH) != 0) {
            timerBhRuns++;
        }
        if ((active & TQUEUE_BH) != 0) {
            runTaskQueue();
        }
        bh.consume(vector);
        bh.consume(jiffies);
    }

    /** run_task_queue: detach the whole list first, so a task that re-queues runs on the next tick. */
    private void runTaskQueue() {
        int t = tqTimer;
        tqTimer = NIL;
        while (t != NIL) {
            int following = next[t];
            queued[t] = false;
            runs[t]++; // the routine's own work: count the tick
            queueTask(t); // and re-queue itself
            t = following;
        }
    }

    /** queue_task: a no-op for a task already queued; otherwise it goes to the head. */
    private void queueTask(int t) {
        if (!queued[t]) {
            queued[t] = true;
            next[t] = tqTimer;
            tqTimer = t;
        }
    }

    /** For the smoke test: ticks so far. */
    long jiffies() {
        return jiffies;
    }

    long runsOf(int task) {
        return runs[task];
    }

    long timerBhRuns() {
        return timerBhRuns;
    }
}
