package irq0.pit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chip's API as the board uses it: jumps, edge counts, lines, and the next edge. */
class Pit8254Test {
    private static final long ONE_SECOND = 1_193_182;

    private static Pit8254 programmed(int counter, int controlWord, int count) {
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8254);
        programme(pit, counter, controlWord, count);
        return pit;
    }

    private static void programme(Pit8254 pit, int counter, int controlWord, int count) {
        pit.write(3, (counter << 6) | controlWord);
        pit.write(counter, count & 0xFF);
        pit.write(counter, count >> 8);
    }

    @Test
    void shouldCountTheRefreshRequestsOfOneSecondInOneJump() {
        // The PC/AT BIOS programmes counter 1 in mode 2 with 18: the count loads on pulse 1, OUT
        // falls on pulse 18 (count 1) and rises on pulse 19, then every 18 pulses.
        Pit8254 pit = programmed(1, 0x34, 18);
        pit.advance(ONE_SECOND);
        long expected = 1 + (ONE_SECOND - 19) / 18 + 1; // the control word's OUT high, from the power-on low
        assertThat(pit.outRisingEdges(1)).isEqualTo(expected);
    }

    @Test
    void shouldCountRisingEdgesOfASquareWaveAcrossJumpsOfAnyLength() {
        // mode 3, N = 65536 (count 0): OUT falls after 32768 pulses (pulse 32769 from the write),
        // rises 32768 later; one rising edge per 65536 pulses from pulse 65537.
        Pit8254 pit = programmed(0, 0x36, 0);
        long now = 0;
        long[] jumps = {1, 32767, 1, 32768, 65536 * 3, 12345, 1};
        for (long j : jumps) {
            pit.advance(j);
            now += j;
            long expected = 1 + (now >= 65537 ? (now - 65537) / 65536 + 1 : 0); // 1: the control word's OUT high
            assertThat(pit.outRisingEdges(0)).as("at pulse %d", now).isEqualTo(expected);
        }
    }

    @Test
    void shouldTellAConnectedLineOfEachEdgeAtItsOwnPulse() {
        // counter 2 in mode 0 from 0xFFFF is the test's clock: after p pulses it holds 0x10000 - p
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8254);
        programme(pit, 2, 0x30, 0xFFFF);
        programme(pit, 0, 0x34, 5); // mode 2, N = 5, written at pulse 0
        List<String> seen = new ArrayList<>();
        pit.connectOut(0, level -> {
            pit.write(3, 0x80); // latch counter 2 from inside the callback
            int ce = pit.read(2) | (pit.read(2) << 8);
            seen.add((level ? "rise" : "fall") + " at pulse " + (0x10000 - ce));
        });
        pit.advance(16);
        // loaded at pulse 1, count 1 (OUT low) at pulse 5, reload (OUT high) at 6, then every 5
        assertThat(seen).containsExactly("fall at pulse 5", "rise at pulse 6", "fall at pulse 10", "rise at pulse 11",
                "fall at pulse 15", "rise at pulse 16");
    }

    @Test
    void shouldTellTheLineAtOnceWhenGateLowForcesOutHigh() {
        Pit8254 pit = programmed(2, 0x36, 4); // mode 3, N = 4: OUT low on pulses 3-4
        List<Boolean> seen = new ArrayList<>();
        pit.connectOut(2, seen::add);
        pit.advance(3);
        assertThat(seen).containsExactly(false);
        pit.setGate(2, false); // "If GATE goes low while OUT is low, OUT is set high immediately"
        assertThat(seen).containsExactly(false, true);
        assertThat(pit.outRisingEdges(2)).as("the control word's OUT high, then GATE's").isEqualTo(2);
        assertThat(pit.clocksUntilOutEdge(2)).isEqualTo(Pit8254.NEVER);
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', textBlock = """
        # CW   | count | pulses run | next edge | why
        0x30   | 10    | 0          | 11        | mode 0: OUT high N+1 pulses after the write
        0x30   | 10    | 1          | 10        | mode 0: counting from N after the load
        0x30   | 10    | 11         | -1        | mode 0: high until a new count or control word
        0x32   | 10    | 5          | -1        | mode 1: nothing happens without a trigger
        0x34   | 10    | 0          | 10        | mode 2: OUT low N pulses after the write
        0x34   | 10    | 10         | 1         | mode 2: high again on the next pulse
        0x34   | 1     | 3          | -1        | mode 2: count 1 is illegal; the model keeps OUT high
        0x36   | 7     | 0          | 5         | mode 3, odd (82C54): OUT low (N+1)/2 pulses after the load
        0x36   | 0     | 1          | 32768     | mode 3, count 0 = 65536: half a period
        0x38   | 3     | 0          | 4         | mode 4: the strobe N+1 pulses after the write
        0x38   | 3     | 4          | 1         | mode 4: the strobe lasts one pulse
        0x38   | 3     | 5          | -1        | mode 4: one strobe per count
        """)
    void shouldKnowHowManyPulsesUntilTheNextOutEdge(String controlWord, int count, int pulses, long next, String why) {
        Pit8254 pit = programmed(0, Integer.decode(controlWord), count);
        pit.advance(pulses);
        assertThat(pit.clocksUntilOutEdge(0)).as(why).isEqualTo(next < 0 ? Pit8254.NEVER : next);
        assertThat(pit.clocksUntilNextOutEdge()).as("the other counters are idle in mode 0 before a count")
                .isEqualTo(next < 0 ? Pit8254.NEVER : next);
    }

    @Test
    void shouldSeeAPendingTriggerInTheNextEdge() {
        Pit8254 pit = programmed(1, 0x32, 3); // mode 1, N = 3
        pit.setGate(1, false);
        pit.setGate(1, true);
        assertThat(pit.clocksUntilOutEdge(1)).as("OUT low on the pulse after the trigger").isEqualTo(1);
        pit.advance(1);
        assertThat(pit.clocksUntilOutEdge(1)).as("high again when the count reaches 0").isEqualTo(3);
    }

    @Test
    void shouldIgnoreTheReadBackCommandOnThe8253() {
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8253);
        programme(pit, 0, 0x34, 0x1234);
        pit.advance(1);
        pit.write(3, 0xC2); // read-back count and status of counter 0 on an 8254; "illegal" on the 8253
        assertThat(pit.read(0)).as("no status byte: the live count").isEqualTo(0x34);
        assertThat(pit.read(0)).isEqualTo(0x12);
        pit.advance(1);
        assertThat(pit.read(0)).as("nothing was latched").isEqualTo(0x33);
    }

    @ParameterizedTest(name = "mode 2, N = 4, {0} pulses after the count: OUT rises in {1}")
    @CsvSource({
        // a load is pending: the closed forms wait for it, and answer the fall (pulse 4)
        "0, 4",
        // CE 4 loaded, OUT high: CE reaches 1 on pulse 4 (OUT low for one pulse), the reload on pulse 5 raises it
        "1, 4",
        "3, 2",
        // CE 1, OUT low: the reload is the next pulse
        "4, 1",
        "5, 4",
    })
    void shouldAnswerTheRiseAfterModeTwosOneLowPulse(long pulses, long rises) {
        Pit8254 pit = programmed(0, 0x34, 4);
        pit.advance(pulses);
        assertThat(pit.clocksUntilOutRises(0)).isEqualTo(rises);
    }

    @Test
    void shouldAnswerNeverForTheRiseOfAnOutThatWillNotChange() {
        Pit8254 pit = programmed(0, 0x30, 3); // mode 0: OUT rises at terminal count, then stays high
        pit.advance(10);
        assertThat(pit.out(0)).isTrue();
        assertThat(pit.clocksUntilOutRises(0)).isEqualTo(Pit8254.NEVER);
    }

    @ParameterizedTest(name = "control word {0}, count {1}")
    @CsvSource({"0x34, 4", "0x34, 2", "0x36, 5", "0x36, 4", "0x32, 3", "0x38, 3", "0x35, 0x0012"})
    void shouldNeverAnswerARisePastTheNextRiseNorBeforeTheNextEdge(String controlWord, String count) {
        int cw = Integer.decode(controlWord);
        int n = Integer.decode(count);
        for (int offset = 0; offset < 24; offset++) {
            Pit8254 pit = programmed(0, cw, n);
            Pit8254 stepped = programmed(0, cw, n);
            pit.advance(offset);
            stepped.advance(offset);
            long rises = pit.clocksUntilOutRises(0);
            long edge = pit.clocksUntilOutEdge(0);
            // the same chip stepped one pulse at a time: where does OUT next rise?
            long rose = Pit8254.NEVER;
            boolean low = !stepped.out(0);
            for (long p = 1; p <= 100; p++) {
                stepped.advance(1);
                boolean out = stepped.out(0);
                if (low && out) {
                    rose = p;
                    break;
                }
                low = !out;
            }
            assertThat(rises).as("offset %d: not before the next edge", offset).isGreaterThanOrEqualTo(edge);
            assertThat(rises).as("offset %d: not past the next rise", offset).isLessThanOrEqualTo(rose);
        }
    }

    @Test
    void shouldRefuseCounterNumbersOutsideZeroToTwo() {
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8254);
        assertThatThrownBy(() -> pit.setGate(3, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter must be 0, 1 or 2: 3");
        assertThatThrownBy(() -> pit.advance(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clocks must be >= 0: -1");
    }

    @Test
    void shouldAllocateNothingPerJumpPortAccessOrEdge() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8254);
        long[] edges = new long[1];
        pit.connectOut(0, level -> edges[0]++);
        programme(pit, 0, 0x34, 100);
        programme(pit, 1, 0x34, 18);
        programme(pit, 2, 0x36, 1331);
        long thread = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        // the first rounds load classes and get compiled, which allocates; the least of five is the chip's own
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = threads.getThreadAllocatedBytes(thread);
            exercise(pit, 20_000);
            least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertThat(least).as("bytes allocated by 20,000 rounds of jumps, edges and port accesses").isZero();
        assertThat(edges[0]).isGreaterThan(0);
    }

    private static void exercise(Pit8254 pit, int rounds) {
        for (int i = 0; i < rounds; i++) {
            pit.advance(pit.clocksUntilNextOutEdge());
            pit.advance(97);
            pit.write(3, 0xCE);
            pit.read(0);
            pit.read(0);
            pit.read(0);
            pit.write(3, 0x40);
            pit.read(1);
            pit.read(1);
            pit.setGate(2, (i & 1) == 0);
            pit.write(2, 0x33);
            pit.write(2, 0x05);
        }
    }
}
