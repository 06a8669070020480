package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.ReferenceBoard;
import irq0.fuzz.Fuzz;
import irq0.trace.Pins;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chips composed with the real CPU: random but valid real-mode boot programs (PIT counter 0
 * and 2 programming in the periodic and one-shot modes, masks, EOIs non-specific and specific,
 * IRR/ISR reads and polls, counter latches and read-backs, IF windows, HLT, busy loops, an IRQ0
 * handler that latches the counter, reads the ISR, sometimes forgets its EOI or re-enables
 * interrupts and nests) run on Unicorn after the bundled BIOS. Every port access and INTA of the
 * run, at the PIT clock the machine did it, is then replayed on {@link ReferenceBoard}, stepped
 * one CLK pulse at a time to the same clocks: every byte the guest read (counts, status, IRR,
 * ISR, IMR, poll words, port 0x61), every vector it was given and every OUT0 edge must be what
 * the reference parts predict for the same instruction timing. Seeded: the seed is in the name.
 */
class ComposedCpuRandomTest {
    private static final String NAME = "ComposedCpuRandomTest";
    private static final int PROGRAMS = Fuzz.budget(3);

    static LongStream seeds() {
        return Fuzz.seeds(NAME, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @AfterAll
    static void report() {
        Fuzz.report(NAME);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldSeeWhatTheReferencePartsPredict(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long acknowledged = 0;
        for (int p = 0; p < PROGRAMS; p++) {
            String what = "seed " + seed + " program " + p;
            byte[] sector = program(random);
            PcMachineTest.Run run = new PcMachineTest.Run(sector, MachineOptions.defaults().withMaxSeconds(1)
                    .withMaxTimerInterrupts(400), null);
            assertThat(run.stop).as("%s: %s", what, run.message)
                    .isIn(BootMachine.Stop.GUEST_EXIT, BootMachine.Stop.LENGTH);
            acknowledged += replay(run.trace.events, what);
        }
        assertThat(acknowledged).as("seed %d: interrupts acknowledged in all its programs", seed).isPositive();
    }

    /** Replays the run on the reference board; the number of INTA cycles. */
    private static long replay(List<long[]> events, String what) {
        ReferenceBoard ref = new ReferenceBoard();
        long now = 0;
        long inta = 0;
        long steps = 0;
        for (long[] e : events) {
            long time = e[0];
            assertThat(time).as("%s: trace time", what).isGreaterThanOrEqualTo(now);
            ref.clock(time - now);
            now = time;
            int kind = (int) e[1];
            int a = (int) e[2];
            int b = (int) e[3];
            String at = what + " at clock " + time;
            if (kind == TraceEvent.PORT_OUT && ReferenceBoard.decodes(a)) {
                ref.out(a, b);
                steps++;
            } else if (kind == TraceEvent.PORT_IN && ReferenceBoard.decodes(a)) {
                assertThat(b).as("%s: in 0x%02x", at, a).isEqualTo(ref.in(a));
                steps++;
            } else if (kind == TraceEvent.INTA) {
                assertThat(a).as("%s: INTA vector", at).isEqualTo(ref.inta());
                inta++;
                steps++;
            } else if (kind == TraceEvent.PIN && a == Pins.OUT0) {
                assertThat(b == 1).as("%s: OUT0", at).isEqualTo(ref.pit.out(0));
                steps++;
            }
        }
        Fuzz.count(NAME, steps);
        return inta;
    }

    // ---- the generator: x86 real mode, from the boot sector's first byte at 0000:7C00 ----

    private static final int ORIGIN = 0x7C00;
    private static final int ROOM = 440;

    private static byte[] program(SplittableRandom random) {
        List<Integer> main = new ArrayList<>();
        // counter 0 periodic first, so that there are interrupts to see
        pit(main, 0, random.nextBoolean() ? 2 : 3, 200 + random.nextInt(3000));
        emit(main, 0xB0, 0xFE, 0xE6, 0x21); // IRQ0 only
        while (main.size() < ROOM - 60) {
            op(random, main);
        }
        emit(main, 0xB0, 0x00, 0xE6, 0xF4, 0xF4); // isa-debug-exit, then hlt
        List<Integer> handler = handler(random);
        int[] prologue = {0xFA, 0x31, 0xC0, 0x8E, 0xD8, 0x8E, 0xD0, 0xBC, 0x00, 0x7C,
            0xC7, 0x06, 0x20, 0x00, 0, 0, 0xC7, 0x06, 0x22, 0x00, 0x00, 0x00};
        int handlerAt = ORIGIN + prologue.length + main.size();
        prologue[14] = handlerAt & 0xFF;
        prologue[15] = handlerAt >> 8;
        byte[] sector = new byte[512];
        int i = 0;
        for (int v : prologue) {
            sector[i++] = (byte) v;
        }
        for (int v : main) {
            sector[i++] = (byte) v;
        }
        for (int v : handler) {
            sector[i++] = (byte) v;
        }
        assertThat(i).as("program size").isLessThanOrEqualTo(510);
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        return sector;
    }

    private static void op(SplittableRandom random, List<Integer> c) {
        switch (random.nextInt(12)) {
            case 0: { // counter 0: any of the modes a PC uses, or a one-shot
                int[] modes = {2, 3, 2, 3, 0, 4};
                pit(c, 0, modes[random.nextInt(modes.length)], 150 + random.nextInt(4000));
                break;
            }
            case 1: // the mask, IRQ0 usually open
                emit(c, 0xB0, random.nextInt(5) == 0 ? random.nextInt(256) : random.nextInt(128) & 0xFE, 0xE6, 0x21);
                break;
            case 2: // EOI: non-specific, or specific for IR0
                emit(c, 0xB0, random.nextBoolean() ? 0x20 : 0x60, 0xE6, 0x20);
                break;
            case 3: { // IRR, ISR, or a poll, and the read
                int[] ocw3 = {0x0A, 0x0B, 0x0C};
                emit(c, 0xB0, ocw3[random.nextInt(3)], 0xE6, 0x20, 0xE4, 0x20);
                break;
            }
            case 4: // latch counter 0 and read it
                emit(c, 0xB0, 0x00, 0xE6, 0x43, 0xE4, 0x40, 0xE4, 0x40);
                break;
            case 5: // read-back of counter 0: status, then count
                emit(c, 0xB0, 0xC2, 0xE6, 0x43, 0xE4, 0x40, 0xE4, 0x40, 0xE4, 0x40);
                break;
            case 6: { // an IF window
                emit(c, 0xFB);
                for (int n = random.nextInt(12); n > 0; n--) {
                    emit(c, 0x90);
                }
                emit(c, 0xFA);
                break;
            }
            case 7: // wait for an interrupt
                emit(c, 0xFB, 0xF4, 0xFA);
                break;
            case 8: { // a busy loop: mov cx, n; loop $
                int n = 1 + random.nextInt(400);
                emit(c, 0xB9, n & 0xFF, n >> 8, 0xE2, 0xFE);
                break;
            }
            case 9: // port 0x61: GATE2 and the speaker bit, then read OUT2 and the refresh toggle
                emit(c, 0xB0, random.nextInt(4), 0xE6, 0x61, 0xE4, 0x61);
                break;
            case 10: // counter 2
                pit(c, 2, random.nextInt(6), 2 + random.nextInt(3000));
                break;
            default: // the IMR
                emit(c, 0xE4, 0x21);
                break;
        }
    }

    /** Control word (LSB then MSB, binary) and count for {@code counter}. */
    private static void pit(List<Integer> c, int counter, int mode, int count) {
        emit(c, 0xB0, counter << 6 | 0x30 | mode << 1, 0xE6, 0x43,
                0xB0, count & 0xFF, 0xE6, 0x40 + counter, 0xB0, count >> 8, 0xE6, 0x40 + counter);
    }

    /** The IRQ0 handler: latch and read counter 0, maybe the ISR, usually an EOI, maybe nesting. */
    private static List<Integer> handler(SplittableRandom random) {
        List<Integer> h = new ArrayList<>();
        emit(h, 0x50); // push ax
        emit(h, 0xB0, 0x00, 0xE6, 0x43, 0xE4, 0x40, 0xE4, 0x40);
        if (random.nextBoolean()) {
            emit(h, 0xB0, 0x0B, 0xE6, 0x20, 0xE4, 0x20);
        }
        if (random.nextInt(8) != 0) {
            emit(h, 0xB0, 0x20, 0xE6, 0x20);
        }
        if (random.nextInt(4) == 0) { // interrupts on inside the handler: the next tick nests
            emit(h, 0xFB, 0xB9, 0x40, 0x00, 0xE2, 0xFE, 0xFA);
        }
        emit(h, 0x58, 0xCF); // pop ax; iret
        return h;
    }

    private static void emit(List<Integer> c, int... bytes) {
        for (int b : bytes) {
            c.add(b & 0xFF);
        }
    }
}
