package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.board.PcBoard;
import irq0.pit.Pit8254;
import irq0.trace.Trace;
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
 * Stage: the PIT's share of one timer interrupt. One op is one whole period of counter 0 in mode 2
 * (rate generator) with LATCH = 1193 (HZ=1000), as Linux's time_init programs it: the count runs
 * down, OUT0 goes low for one clock and rises again as the count reloads.
 *
 * <ul>
 * <li>{@code skipAhead}: {@link Pit8254#advance} over the whole period in one call (the O(1)
 * jump the design asks for);</li>
 * <li>{@code oneClockAtATime}: the same period as 1193 calls of {@code advance(1)}, the cost a
 * naive emulator pays and the reason the jump exists;</li>
 * <li>{@code boardAdvance}: {@link PcBoard#advance} over the period, which splits the jump at both
 * OUT0 edges so that each reaches the PIC at its exact clock (the wiring's cost included).</li>
 * </ul>
 *
 * <p>What could fool it: the period is constant, so a PIT that caches "the next edge" sees the
 * same answer every time (as it does on a real idle machine); OUT0's listener only counts edges,
 * so the PIC's work is not in {@code skipAhead} or {@code oneClockAtATime} (it is in
 * {@code boardAdvance}, with the master not initialised: the IR0 edge is latched and nothing
 * more). The rising-edge count reaches the Blackhole, so no advance can be dropped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PitPeriodBenchmark {
    static final int LATCH = FloorBenchmark.LATCH;

    private Pit8254 pit;
    private PcBoard board;
    private long risingEdges;

    @Setup(Level.Trial)
    public void setUp() {
        pit = new Pit8254(Pit8254.Variant.I8254);
        pit.connectOut(0, level -> {
            if (level) {
                risingEdges++;
            }
        });
        programRateGenerator(pit);
        board = new PcBoard(Trace.NONE);
        programRateGenerator(board.pit());
    }

    /** Counter 0, LSB then MSB, mode 2, binary (control word 0x34), count LATCH; then the load clock. */
    static void programRateGenerator(Pit8254 pit) {
        pit.write(3, 0x34);
        pit.write(0, LATCH & 0xFF);
        pit.write(0, LATCH >>> 8);
        pit.advance(1);
    }

    @Benchmark
    public void skipAhead(Blackhole bh) {
        pit.advance(LATCH);
        bh.consume(risingEdges);
    }

    @Benchmark
    public void oneClockAtATime(Blackhole bh) {
        for (int i = 0; i < LATCH; i++) {
            pit.advance(1);
        }
        bh.consume(risingEdges);
    }

    @Benchmark
    public void boardAdvance(Blackhole bh) {
        board.advance(LATCH);
        bh.consume(board.now());
    }
}
