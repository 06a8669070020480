package irq0.pit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import irq0.fuzz.Fuzz;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The O(1) chip against the one-pulse-at-a-time {@link ReferencePit}: random programmes bring
 * both to the same state (every mode, BCD, one- and two-byte counts, latches, read-backs, GATE
 * changes, short runs of CLK), then the chip jumps N pulses with {@link Pit8254#advance} while
 * the reference steps N times; OUT, rising-edge counts, the status and the count read back must
 * agree, and {@link Pit8254#clocksUntilOutEdge} must name the pulse where the reference's OUT
 * first changes. Seeded: the seed is in each test's name and in every failure.
 */
class Pit8254DifferentialTest {
    private static final String NAME = "Pit8254DifferentialTest";
    private static final int RUNS = Fuzz.budget(10_000);

    static LongStream referenceSeeds() {
        return Fuzz.seeds(NAME + ".reference", 8254L);
    }

    static LongStream edgeSeeds() {
        return Fuzz.seeds(NAME + ".edges", 1193182L);
    }

    static LongStream predictionSeeds() {
        return Fuzz.seeds(NAME + ".predictions", 82540L);
    }

    @AfterAll
    static void report() {
        Fuzz.report(NAME);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("referenceSeeds")
    void shouldMatchTheOneClockReferenceOverRandomStates(long seed) {
        runAll(seed, false);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("edgeSeeds")
    void shouldReportEveryEdgeInOrderToConnectedLines(long seed) {
        runAll(seed, true);
    }

    /**
     * The chip remembers clocksUntilOutEdge between inputs and counts it down as pulses pass:
     * after each of several jumps in a row (short, long, exactly to an edge, separated only by
     * latches and reads, which keep what it remembers) the prediction must still name the
     * reference's next OUT change.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("predictionSeeds")
    void shouldPredictTheNextEdgeAgainAfterEveryJump(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < RUNS / 10; run++) {
            Scenario s = new Scenario(random, seed, run, random.nextBoolean());
            s.programme();
            int jumps = 2 + random.nextInt(8);
            for (int j = 0; j < jumps; j++) {
                if (random.nextInt(3) == 0) {
                    s.jumpToNextEdge();
                } else {
                    s.checkJump();
                }
            }
        }
    }

    private static void runAll(long seed, boolean listen) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] modesSeen = new int[8];
        int bcdRuns = 0;
        for (int run = 0; run < RUNS; run++) {
            Scenario s = new Scenario(random, seed, run, listen);
            s.programme();
            s.checkJump();
            for (int c = 0; c < 3; c++) {
                modesSeen[s.mode[c]]++;
                if (s.bcd[c]) {
                    bcdRuns++;
                }
            }
        }
        for (int m = 0; m < 6; m++) {
            assertThat(modesSeen[m]).as("counters left in mode %d", m).isGreaterThan(RUNS / 20);
        }
        assertThat(bcdRuns).as("counters left counting in BCD").isGreaterThan(RUNS / 10);
    }

    /** One random programme, replayed on both models. */
    private static final class Scenario {
        final SplittableRandom random;
        final long seed;
        final int run;
        final Pit8254.Variant variant;
        final Pit8254 fast;
        final ReferencePit ref;
        final int[] rw = {3, 3, 3};
        final int[] mode = new int[3];
        final boolean[] bcd = new boolean[3];
        final boolean listen;
        final List<String> fastEdges = new ArrayList<>();
        final List<String> refEdges = new ArrayList<>();
        final boolean[] fastConnected = new boolean[3];
        long now;

        Scenario(SplittableRandom random, long seed, int run, boolean listen) {
            this.random = random;
            this.seed = seed;
            this.run = run;
            this.listen = listen;
            variant = random.nextInt(3) == 0 ? Pit8254.Variant.I8253 : Pit8254.Variant.I8254;
            fast = new Pit8254(variant);
            ref = new ReferencePit(variant);
            if (listen) {
                for (int c = 0; c < 3; c++) {
                    if (random.nextBoolean()) {
                        final int counter = c;
                        fastConnected[c] = true;
                        fast.connectOut(c, level -> fastEdges.add(edge(counter, level, fast.outRisingEdges(0),
                                fast.outRisingEdges(1), fast.outRisingEdges(2), fast.out(0), fast.out(1), fast.out(2))));
                    } else {
                        fast.connectOut(c, null);
                    }
                }
            }
        }

        private static String edge(int c, boolean level, long r0, long r1, long r2, boolean o0, boolean o1, boolean o2) {
            return "OUT" + c + "=" + (level ? 1 : 0) + " rising " + r0 + "/" + r1 + "/" + r2 + " outs " + o0 + o1 + o2;
        }

        private String where() {
            return "seed " + seed + " run " + run + " (" + variant + ") at pulse " + now;
        }

        void programme() {
            for (int c = 0; c < 3; c++) {
                controlWord(c);
                writeCount(c);
            }
            int ops = 1 + random.nextInt(30);
            for (int i = 0; i < ops; i++) {
                int c = random.nextInt(3);
                switch (random.nextInt(10)) {
                    case 0:
                        controlWord(c);
                        break;
                    case 1:
                    case 2:
                        writeCount(c);
                        break;
                    case 3:
                        both(3, c << 6); // counter latch
                        break;
                    case 4:
                        both(3, 0xC0 | random.nextInt(0x40)); // read-back (ignored by the 8253)
                        break;
                    case 5:
                        readBoth(c);
                        break;
                    case 6:
                        both(c, random.nextInt(256)); // a stray byte: exercises the write flip-flop
                        break;
                    case 7:
                        gate(c, random.nextInt(4) != 0);
                        break;
                    default:
                        clocks(random.nextInt(40));
                        break;
                }
            }
        }

        void controlWord(int c) {
            int r = 1 + random.nextInt(3);
            int m = random.nextInt(8);
            boolean b = random.nextInt(4) == 0;
            rw[c] = r;
            mode[c] = m > 5 ? m - 4 : m;
            bcd[c] = b;
            both(3, (c << 6) | (r << 4) | (m << 1) | (b ? 1 : 0));
        }

        void writeCount(int c) {
            int count;
            switch (random.nextInt(6)) {
                case 0:
                    count = 0;
                    break;
                case 1:
                    count = 1 + random.nextInt(6);
                    break;
                case 2:
                    count = 2 + random.nextInt(40);
                    break;
                case 3:
                    count = random.nextInt(0x10000);
                    break;
                default:
                    count = 2 + random.nextInt(600);
                    break;
            }
            if (bcd[c] && random.nextInt(8) != 0) {
                count = toBcd(count % 10000);
            }
            if (rw[c] != 2) {
                both(c, count & 0xFF);
            }
            if (rw[c] != 1) {
                if (rw[c] == 3 && random.nextInt(6) == 0) {
                    clocks(random.nextInt(5)); // pulses between the two bytes
                }
                both(c, count >> 8);
            }
        }

        private static int toBcd(int v) {
            return (v % 10) | ((v / 10 % 10) << 4) | ((v / 100 % 10) << 8) | ((v / 1000 % 10) << 12);
        }

        void both(int a, int v) {
            Fuzz.count(NAME, 1);
            fast.write(a, v);
            ref.write(a, v);
            refReport();
        }

        void readBoth(int c) {
            Fuzz.count(NAME, 1);
            int f = fast.read(c);
            int r = ref.read(c);
            assertThat(f).as("read of counter %d, %s", c, where()).isEqualTo(r);
        }

        void gate(int c, boolean level) {
            Fuzz.count(NAME, 1);
            fast.setGate(c, level);
            ref.setGate(c, level);
            refReport();
        }

        void clocks(long n) {
            Fuzz.count(NAME, 1);
            jump(n);
            for (long i = 0; i < n; i++) {
                ref.clock();
                now++;
                refReport();
            }
            compareOuts();
        }

        /**
         * n pulses on the chip: in every other run through {@link Pit8254#advanceThroughEdges},
         * the halted CPU's entry point, which must give exactly what {@link Pit8254#advance} gives.
         */
        void jump(long n) {
            if ((run & 1) == 0) {
                fast.advance(n);
            } else {
                fast.advanceThroughEdges(n);
            }
        }

        /** OUT of the reference as last reported; both models power up with OUT low. */
        private final boolean[] refLast = new boolean[3];

        /** The reference's OUT changes, as the chip's connected lines must report them. */
        void refReport() {
            if (!listen) {
                return;
            }
            for (int c = 0; c < 3; c++) {
                boolean o = ref.out(c);
                if (o != refLast[c]) {
                    refLast[c] = o;
                    if (connected(c)) {
                        refEdges.add(edge(c, o, ref.risingEdges(0), ref.risingEdges(1), ref.risingEdges(2),
                                ref.out(0), ref.out(1), ref.out(2)));
                    }
                }
            }
        }

        private boolean connected(int c) {
            return fastConnected[c];
        }

        void compareOuts() {
            for (int c = 0; c < 3; c++) {
                assertThat(fast.out(c)).as("OUT%d, %s", c, where()).isEqualTo(ref.out(c));
                assertThat(fast.outRisingEdges(c)).as("rising edges of OUT%d, %s", c, where()).isEqualTo(ref.risingEdges(c));
            }
        }

        /** A jump of exactly the pulses until the nearest predicted OUT edge, when there is one. */
        void jumpToNextEdge() {
            long next = fast.clocksUntilNextOutEdge();
            if (next == Pit8254.NEVER || next > 200_000) {
                checkJump();
                return;
            }
            checkJump(next);
        }

        void checkJump() {
            long n;
            // one jump in 20 past a full binary count (65,536 pulses), which costs the pulse-at-a-
            // time reference most of the test's time; a fifth of them a few pulses only
            int kind = random.nextInt(20);
            if (kind == 0) {
                n = 1 + random.nextInt(140_000);
            } else if (kind <= 4) {
                n = 1 + random.nextInt(5);
            } else {
                n = 1 + random.nextInt(3000);
            }
            checkJump(n);
        }

        void checkJump(long n) {
            Fuzz.count(NAME, 1);
            long[] predicted = new long[3];
            long[] seen = {-1, -1, -1};
            boolean[] start = new boolean[3];
            for (int c = 0; c < 3; c++) {
                predicted[c] = fast.clocksUntilOutEdge(c);
                start[c] = ref.out(c);
            }
            assertThat(fast.clocksUntilNextOutEdge())
                    .isEqualTo(Math.min(predicted[0], Math.min(predicted[1], predicted[2])));
            jump(n);
            for (long i = 1; i <= n; i++) {
                ref.clock();
                now++;
                refReport();
                for (int c = 0; c < 3; c++) {
                    if (seen[c] < 0 && ref.out(c) != start[c]) {
                        seen[c] = i;
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                if (seen[c] > 0) {
                    assertThat(predicted[c]).as("clocksUntilOutEdge(%d), %s, mode %d", c, where(), mode[c]).isEqualTo(seen[c]);
                } else {
                    assertThat(predicted[c]).as("clocksUntilOutEdge(%d) beyond %d, %s, mode %d", c, n, where(), mode[c])
                            .isGreaterThan(n);
                }
            }
            compareOuts();
            // what the CPU can see: status (8254) and count, through the ports
            if (variant == Pit8254.Variant.I8254) {
                both(3, 0xC0 | 0x0E); // read-back: count and status of all three
                for (int c = 0; c < 3; c++) {
                    readBoth(c);
                }
            }
            for (int c = 0; c < 3; c++) {
                both(3, c << 6);
                readBoth(c);
                readBoth(c);
                readBoth(c);
            }
            if (listen) {
                assertThat(fastEdges).as("edges told to the lines, %s", where()).isEqualTo(refEdges);
            }
        }

    }
}
