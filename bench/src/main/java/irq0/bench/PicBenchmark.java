package irq0.bench;

import irq0.board.PcBoard;
import irq0.pit.Pit8254;
import irq0.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What one interrupt costs in the PIC pair of a {@link PcBoard}, with the tracing switched off
 * ({@link Trace#NONE}) as in a benchmark run of the kernel model.
 *
 * <ul>
 * <li>{@link #irq0RaiseAcknowledgeEoi}: IR0 rises (master.setIrq, the wire OUT0 drives), the CPU's
 * INTA cycle ({@link PcBoard#acknowledge}: priority resolution, IS bit, vector), the handler's
 * non-specific EOI through the port bus (0x20 &lt;- 0x20), and IR0 falls again so that the next
 * operation is a fresh edge. Four chip state changes, each re-evaluating INT.</li>
 * <li>{@link #irq14ThroughTheCascade}: the same for a slave line: IRQ14 rises on the slave, whose
 * INT edge reaches master IR2; INTA runs the master and, through CAS, the slave; Linux 2.2's
 * mask_and_ack EOIs (0x62 to the master, 0x20 to the slave).</li>
 * <li>{@link #pitPeriodToVector}: counter 0 in mode 2 with a short period: the board jumps to the
 * next OUT0 edge ({@link PcBoard#clocksUntilNextEvent}, {@link PcBoard#advance}) until INT is up,
 * which takes the falling and the rising edge of OUT0, then INTA and EOI. This is the whole tick
 * path of an idle machine, PIT included; it needs the 8254 model.</li>
 * </ul>
 *
 * What could fool these numbers: the vector is returned so that JMH sinks it (otherwise the JIT
 * could drop the acknowledge); the board is built once per trial, not per invocation, so no setup
 * is timed; the state returns to where it began after each operation, so every operation does the
 * same work (a missed EOI would make later INTAs cheap spurious ones: {@link #check} at the end of
 * each iteration fails the run if a vector is wrong). With Trace.NONE every trace call goes to one
 * no-op and may be inlined away: a real trace recorder costs more. Allocation should be
 * 0 B/op (-prof gc): anything else means boxing or a lambda per event crept into the hot path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PicBenchmark {
    private static final int MASTER_CMD = 0x20;
    private static final int SLAVE_CMD = 0xA0;

    private PcBoard board;
    private int lastIrq0Vector;
    private int lastIrq14Vector;
    private int lastTickVector = 0x20;

    @Setup(Level.Trial)
    public void setUp() {
        board = new PcBoard(Trace.NONE);
        // counter 0 first, then the pair, as in the board vectors: ICW1 forgets the level OUT0 has
        board.out(0x43, 0x34); // counter 0, LSB/MSB, mode 2
        board.out(0x40, 16); // a 16-CLK period keeps pitPeriodToVector about the path, not the count
        board.out(0x40, 0);
        board.out(0x20, 0x11);
        board.out(0x21, 0x20);
        board.out(0x21, 0x04);
        board.out(0x21, 0x01);
        board.out(0xA0, 0x11);
        board.out(0xA1, 0x28);
        board.out(0xA1, 0x02);
        board.out(0xA1, 0x01);
        lastIrq0Vector = 0x20;
        lastIrq14Vector = 0x2E;
    }

    @Benchmark
    public int irq0RaiseAcknowledgeEoi() {
        board.master().setIrq(0, true);
        int vector = board.acknowledge();
        board.out(MASTER_CMD, 0x20);
        board.master().setIrq(0, false);
        lastIrq0Vector = vector;
        return vector;
    }

    @Benchmark
    public int irq14ThroughTheCascade() {
        board.setIrq(14, true);
        int vector = board.acknowledge();
        board.out(MASTER_CMD, 0x62);
        board.out(SLAVE_CMD, 0x20);
        board.setIrq(14, false);
        lastIrq14Vector = vector;
        return vector;
    }

    @Benchmark
    public int pitPeriodToVector() {
        while (!board.interruptRequested()) {
            long clocks = board.clocksUntilNextEvent();
            if (clocks == Pit8254.NEVER) {
                throw new IllegalStateException("the 8254 model makes no OUT0 edge: no tick to measure");
            }
            board.advance(clocks);
        }
        int vector = board.acknowledge();
        board.out(MASTER_CMD, 0x20);
        lastTickVector = vector;
        return vector;
    }

    /** Fails the run if an operation stopped delivering the vector it should. */
    @TearDown(Level.Iteration)
    public void check() {
        if (lastIrq0Vector != 0x20 || lastIrq14Vector != 0x2E || lastTickVector != 0x20) {
            throw new IllegalStateException("wrong vector: IRQ0 0x" + Integer.toHexString(lastIrq0Vector)
                    + ", IRQ14 0x" + Integer.toHexString(lastIrq14Vector)
                    + ", tick 0x" + Integer.toHexString(lastTickVector));
        }
    }
}
