package irq0.board;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.fuzz.Fuzz;
import irq0.trace.Trace;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole board against {@link ReferenceBoard}, the reference parts wired as the PC/AT wires
 * them. Random
 * steps (PIT and PIC programming through the ports, well-formed and arbitrary, reads, request
 * lines, INTA cycles, jumps of the clock) are applied to both; every read and INTA must answer
 * alike and after every step the registers, INT and the three OUTs must agree. Seeded: the seed
 * is in the test's name and in every failure.
 */
class PcBoardRandomTest {
    private static final String NAME = "PcBoardRandomTest";
    private static final int STEPS = Fuzz.budget(25_000);

    static LongStream seeds() {
        return Fuzz.seeds(NAME, 1L, 2L, 0x61L, 0x1234DEL, 8254L, 8259L, 19840814L, 1193182L);
    }

    @AfterAll
    static void report() {
        Fuzz.report(NAME);
    }

    private static final int[] PORTS = {0x40, 0x41, 0x42, 0x43, 0x20, 0x21, 0xA0, 0xA1, 0x61};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldMatchTheReferencePartsWiredAsAnAt(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PcBoard board = new PcBoard(Trace.NONE);
        ReferenceBoard ref = new ReferenceBoard();
        // the AT BIOS's programming, so that the run starts with interrupts flowing
        int[][] init = {{0x20, 0x11}, {0x21, 0x08}, {0x21, 0x04}, {0x21, 0x01}, {0xA0, 0x11}, {0xA1, 0x70},
            {0xA1, 0x02}, {0xA1, 0x01}, {0x43, 0x34}, {0x40, 7 + random.nextInt(60)}, {0x40, 0}};
        for (int[] w : init) {
            board.out(w[0], w[1]);
            ref.out(w[0], w[1]);
        }
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + " step " + step;
            int choice = random.nextInt(100);
            if (choice < 25) {
                long n = random.nextInt(10) == 0 ? 1 + random.nextInt(3000) : 1 + random.nextInt(40);
                // every other step as a halted CPU takes it (advanceHalted): the same clocks
                if ((step & 1) == 0) {
                    board.advance(n);
                } else {
                    board.advanceHalted(n);
                }
                ref.clock(n);
            } else if (choice < 45) {
                int port = PORTS[random.nextInt(PORTS.length)];
                int value = value(random, port);
                board.out(port, value);
                ref.out(port, value);
            } else if (choice < 60) {
                int port = PORTS[random.nextInt(PORTS.length)];
                assertThat(board.in(port)).as("%s: in 0x%02x", what, port).isEqualTo(ref.in(port));
            } else if (choice < 80) {
                int irq = random.nextInt(14) + 2;
                irq = irq == 2 ? 1 : irq; // 0 is OUT0's and 2 the cascade's
                boolean level = random.nextBoolean();
                board.setIrq(irq, level);
                ref.irq(irq, level);
            } else {
                assertThat(board.acknowledge()).as("%s: INTA vector", what).isEqualTo(ref.inta());
            }
            compare(board, ref, what);
        }
        Fuzz.count(NAME, STEPS);
    }

    /** Mostly the values a PC writes to that port, sometimes any byte. */
    private static int value(SplittableRandom random, int port) {
        if (random.nextInt(8) == 0) {
            return random.nextInt(256);
        }
        switch (port) {
            case 0x43: { // counter, format, mode (6 and 7 too), BCD now and then; or a latch
                int c = random.nextInt(3);
                if (random.nextInt(4) == 0) {
                    return c << 6;
                }
                return c << 6 | (1 + random.nextInt(3)) << 4 | random.nextInt(8) << 1 | (random.nextInt(6) == 0 ? 1 : 0);
            }
            case 0x20:
            case 0xA0: { // OCW2 commands and OCW3 reads, rarely an ICW1
                int[] commands = {0x20, 0x20, 0x60, 0xA0, 0xE0, 0xC0, 0x0A, 0x0B, 0x0C, 0x68, 0x48, 0x11, 0x19};
                int v = commands[random.nextInt(commands.length)];
                return (v & 0xF0) == 0x60 || (v & 0xE0) == 0xE0 || (v & 0xE0) == 0xC0 ? v | random.nextInt(8) : v;
            }
            case 0x61:
                return random.nextInt(16);
            default: // counts, masks, ICW2-4
                return random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(64);
        }
    }

    private static void compare(PcBoard board, ReferenceBoard ref, String what) {
        assertThat(board.master().irr()).as("%s: master IRR", what).isEqualTo(ref.master.irr());
        assertThat(board.master().isr()).as("%s: master ISR", what).isEqualTo(ref.master.isr());
        assertThat(board.master().imr()).as("%s: master IMR", what).isEqualTo(ref.master.imr());
        assertThat(board.slave().irr()).as("%s: slave IRR", what).isEqualTo(ref.slave.irr());
        assertThat(board.slave().isr()).as("%s: slave ISR", what).isEqualTo(ref.slave.isr());
        assertThat(board.slave().imr()).as("%s: slave IMR", what).isEqualTo(ref.slave.imr());
        assertThat(board.interruptRequested()).as("%s: INT", what).isEqualTo(ref.master.intOut());
        for (int c = 0; c < 3; c++) {
            assertThat(board.pit().out(c)).as("%s: OUT%d", what, c).isEqualTo(ref.pit.out(c));
        }
    }
}
