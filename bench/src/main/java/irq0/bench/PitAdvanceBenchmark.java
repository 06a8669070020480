package irq0.bench;

import irq0.pit.Pit8254;
import irq0.time.VirtualTime;
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
 * What one virtual second of the PIT costs: counter 0 programmed as Linux 2.2 programs it for
 * HZ = 100 (LATCH = 11932, mode 2; and mode 3, as the BIOS leaves it), advanced across
 * 1,193,182 CLK pulses either event by event (jump to each OUT edge with clocksUntilOutEdge, as
 * the board does: 200 jumps a second) or one pulse at a time (1,193,182 calls of advance(1)).
 *
 * <p>OUT0 is wired to a line that counts its rising edges, as the board wires it to IR0: the chip
 * then has to find each edge at its pulse. With nothing connected the 8254 model owes a counter
 * its pulses and catches up in one jump when asked, so {@code advance(1)} became an increment and
 * the JIT folded the million calls into one add (0.07 ns a call, 2026-12-06).
 *
 * <p>Each operation is one virtual second; the chip's state carries over from one operation to the
 * next, which is fair because both modes are periodic (every second holds the same 100 periods).
 * OUT at each edge and the rising-edge count at the end go to the Blackhole, so the work cannot be
 * dropped as dead code; the rising-edge count depends on every pulse.
 *
 * <p>What could fool it: the JIT sees one mode and one count for the whole run and may
 * specialise the switch in Counter for it; a board with OUT1 listened to at every refresh
 * request (every 18 pulses) would make the event-driven figure ~3,700 times larger, which is why
 * the board reads outRisingEdges instead; counters 1 and 2 are unconnected here, so they are owed
 * their pulses (an add each per step) and never counted; with a higher HZ the event-driven cost grows linearly with the
 * number of edges, the pulse-by-pulse cost does not change.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PitAdvanceBenchmark {
    /** Linux 2.2, include/linux/timex.h: LATCH = (CLOCK_TICK_RATE + HZ/2) / HZ with HZ = 100. */
    private static final int LATCH = 11932;

    @Param({"2", "3"})
    public int mode;

    private Pit8254 pit;
    private long risingEdges;

    @Setup(Level.Trial)
    public void programme() {
        pit = new Pit8254(Pit8254.Variant.I8254);
        pit.connectOut(0, level -> {
            if (level) {
                risingEdges++;
            }
        });
        pit.write(3, 0x30 | (mode << 1)); // counter 0, LSB then MSB, binary
        pit.write(0, LATCH & 0xFF);
        pit.write(0, LATCH >> 8);
    }

    @Benchmark
    public void eventDriven(Blackhole bh) {
        long left = VirtualTime.PIT_HZ;
        while (left > 0) {
            long step = Math.min(pit.clocksUntilOutEdge(0), left);
            pit.advance(step);
            left -= step;
            bh.consume(pit.out(0));
        }
        bh.consume(risingEdges);
    }

    @Benchmark
    public void oneClockAtATime(Blackhole bh) {
        for (long i = 0; i < VirtualTime.PIT_HZ; i++) {
            pit.advance(1);
        }
        bh.consume(risingEdges);
    }
}
