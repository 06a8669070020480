package irq0.pic;

import irq0.fuzz.Fuzz;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random walks of port writes (any byte, plus well-formed ICW sequences and OCWs),
 * reads, request-line changes and INTA cycles, on one chip and on the PC/AT pair, each step
 * checked against {@link ReferencePic} and against invariants stated from the data sheet:
 * <ul>
 * <li>nothing throws, whatever the guest writes;</li>
 * <li>an IS bit is only ever set by an acknowledge (INTA or a poll read);</li>
 * <li>INT is "some unmasked IRR bit ranks above the highest IS bit that blocks" (SMM: masked IS
 * bits do not block; SFNM: a master's slave line may be served again);</li>
 * <li>an OCW1 reads back as written, and registers read back unchanged while nothing moves;</li>
 * <li>the INT line sees alternating edges only, ending at {@link Pic8259#intOut()}.</li>
 * </ul>
 */
class Pic8259RandomTest {
    private static final String NAME = "Pic8259RandomTest";
    private static final int STEPS = Fuzz.budget(40_000);

    static LongStream seeds() {
        return Fuzz.seeds(NAME, 1L, 2L, 3L, 8259L, 0x20L, 0xA0L, 19840101L, 424242L);
    }

    @AfterAll
    static void report() {
        Fuzz.report(NAME);
    }

    /** Records INT edges and fails on a repeated level. */
    private static final class IntProbe implements irq0.bus.Line {
        boolean level;
        boolean repeated;
        int edges;

        @Override
        public void set(boolean l) {
            if (l == level) {
                repeated = true;
            }
            level = l;
            edges++;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldMatchTheReferenceOnASingleChipForSeed(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Pic8259 pic = new Pic8259();
        ReferencePic ref = new ReferencePic();
        IntProbe probe = new IntProbe();
        pic.connectInt(probe);
        initialise(random, pic, ref, 0x08, false);
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + " step " + step;
            int isrBefore = pic.isr();
            boolean mayAcknowledge = stepOn(random, pic, ref, what, null, null);
            compare(pic, ref, what);
            if (!mayAcknowledge) {
                assertThat(pic.isr() & ~isrBefore).as(what + ": IS bit set without an acknowledge").isZero();
            }
            assertThat(probe.repeated).as(what + ": INT line told the same level twice").isFalse();
            assertThat(probe.level).as(what + ": INT line").isEqualTo(pic.intOut());
        }
        Fuzz.count(NAME, STEPS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldMatchTheReferenceOnThePcAtPairForSeed(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Pic8259 master = new Pic8259();
        Pic8259 slave = new Pic8259();
        master.attachSlave(2, slave);
        slave.connectInt(level -> master.setIrq(2, level));
        IntProbe probe = new IntProbe();
        master.connectInt(probe);
        ReferencePic refMaster = new ReferencePic();
        ReferencePic refSlave = new ReferencePic();
        refMaster.slave = refSlave;
        refSlave.strappedSlave = true;
        refSlave.intWiredTo = refMaster;
        initialise(random, master, refMaster, 0x08, true);
        initialise(random, slave, refSlave, 0x70, true);
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + " step " + step;
            int isrBefore = master.isr() | slave.isr() << 8;
            boolean mayAcknowledge;
            if (random.nextInt(3) == 0) {
                mayAcknowledge = stepOn(random, slave, refSlave, what + " (slave)", null, null);
            } else {
                mayAcknowledge = stepOn(random, master, refMaster, what + " (master)", slave, refSlave);
            }
            refMaster.setIrq(2, refSlave.intOut());
            compare(master, refMaster, what + " master");
            compare(slave, refSlave, what + " slave");
            if (!mayAcknowledge) {
                int isrAfter = master.isr() | slave.isr() << 8;
                assertThat(isrAfter & ~isrBefore).as(what + ": IS bit set without an acknowledge").isZero();
            }
            assertThat(probe.repeated).as(what + ": INT line told the same level twice").isFalse();
            assertThat(probe.level).as(what + ": INT line").isEqualTo(master.intOut());
        }
        Fuzz.count(NAME, STEPS);
    }

    /** A well-formed initialisation, usually the PC's, sometimes with other modes. */
    private static void initialise(SplittableRandom random, Pic8259 pic, ReferencePic ref, int base, boolean cascade) {
        int icw1 = 0x11 | (cascade ? 0 : 0x02) | (random.nextInt(4) == 0 ? 0x08 : 0);
        write(pic, ref, 0, icw1);
        write(pic, ref, 1, base | random.nextInt(8));
        if (cascade) {
            write(pic, ref, 1, base == 0x70 ? 0x02 : 0x04);
        }
        int icw4 = 0x01 | (random.nextInt(4) == 0 ? 0x02 : 0) | (random.nextInt(6) == 0 ? 0x10 : 0);
        write(pic, ref, 1, icw4);
    }

    private static void write(Pic8259 pic, ReferencePic ref, int a0, int value) {
        pic.write(a0, value);
        ref.write(a0, value);
    }

    /**
     * One random step on {@code pic}; returns whether it may have acknowledged (INTA or a read
     * that could be a poll). {@code slave} is given when {@code pic} is the master of the pair.
     */
    private static boolean stepOn(SplittableRandom random, Pic8259 pic, ReferencePic ref, String what,
                                  Pic8259 slave, ReferencePic refSlave) {
        int choice = random.nextInt(100);
        if (choice < 30) {
            int ir = random.nextInt(8);
            if (slave != null && ir == 2) {
                return false; // the cascade line belongs to the slave's INT
            }
            boolean level = random.nextBoolean();
            pic.setIrq(ir, level);
            ref.setIrq(ir, level);
            return false;
        }
        if (choice < 45) {
            int vector = pic.interruptAcknowledge();
            int expected = ref.inta();
            assertThat(vector).as(what + ": INTA vector").isEqualTo(expected);
            return true;
        }
        if (choice < 60) {
            int a0 = random.nextInt(2);
            int value = pic.read(a0);
            int expected = ref.read(a0);
            assertThat(value).as(what + ": read A0=" + a0).isEqualTo(expected);
            return true;
        }
        if (choice < 70) {
            int ocw1 = random.nextInt(256);
            boolean ready = ref.expecting == 0;
            write(pic, ref, 1, ocw1);
            if (ready) {
                assertThat(pic.imr()).as(what + ": OCW1 reads back").isEqualTo(ocw1);
            }
            return false;
        }
        if (choice < 80) {
            int[] commands = {0x20, 0x60, 0xa0, 0xc0, 0xe0, 0x80, 0x00, 0x40};
            write(pic, ref, 0, commands[random.nextInt(commands.length)] | random.nextInt(8));
            return false;
        }
        if (choice < 90) {
            int[] commands = {0x0a, 0x0b, 0x0c, 0x68, 0x48, 0x08, 0x0e, 0x6b};
            write(pic, ref, 0, commands[random.nextInt(commands.length)]);
            return false;
        }
        if (choice < 93) {
            boolean cascade = slave != null || ref.strappedSlave;
            initialise(random, pic, ref, ref.strappedSlave ? 0x70 : 0x08, cascade);
            return false;
        }
        if (choice < 96) {
            // Reads that do not move anything give back the same answer twice.
            if (!ref.poll) {
                int a = pic.read(0);
                int b = pic.read(0);
                ref.read(0);
                ref.read(0);
                assertThat(b).as(what + ": repeated read").isEqualTo(a);
            }
            return false;
        }
        write(pic, ref, random.nextInt(2), random.nextInt(256)); // any byte at all
        return false;
    }

    private static void compare(Pic8259 pic, ReferencePic ref, String what) {
        assertThat(pic.irr()).as(what + ": IRR").isEqualTo(ref.irr());
        assertThat(pic.isr()).as(what + ": ISR").isEqualTo(ref.isr());
        assertThat(pic.imr()).as(what + ": IMR").isEqualTo(ref.imr());
        assertThat(pic.lowestPriority()).as(what + ": lowest priority").isEqualTo(ref.lowest());
        assertThat(pic.intOut()).as(what + ": INT").isEqualTo(ref.intOut());
        assertThat(pic.intOut()).as(what + ": INT from the registers").isEqualTo(intFromRegisters(pic, ref));
    }

    /**
     * The INT invariant from the peeks alone: an unmasked IRR bit ranking above the highest
     * blocking IS bit; SMM drops masked IS bits; SFNM lets a master's slave line at the same rank.
     */
    private static boolean intFromRegisters(Pic8259 pic, ReferencePic ref) {
        int pending = pic.irr() & ~pic.imr();
        int blocking = ref.smm ? pic.isr() & ~pic.imr() : pic.isr();
        for (int rank = 0; rank < 8; rank++) {
            int ir = (pic.lowestPriority() + 1 + rank) & 7;
            if ((blocking >> ir & 1) != 0) {
                return (pending >> ir & 1) != 0 && ref.sfnm && ref.isSlaveLine(ir);
            }
            if ((pending >> ir & 1) != 0) {
                return true;
            }
        }
        return false;
    }
}
