package irq0.pic;

import irq0.board.PcBoard;
import irq0.bus.Line;
import irq0.trace.TraceEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 8259A data sheet's tables, one feature at a time, on a lone chip and on the PC/AT pair. */
class Pic8259Test {
    private static final int CMD = 0;
    private static final int DATA = 1;

    /** A chip through ICW1 (single, ICW4 needed, edge), ICW2 0x08, ICW4 {@code icw4}. */
    static Pic8259 single(int icw4) {
        Pic8259 pic = new Pic8259();
        pic.write(CMD, 0x13);
        pic.write(DATA, 0x08);
        pic.write(DATA, icw4);
        return pic;
    }

    /** Raises IR{@code ir} and acknowledges it, leaving the line high. */
    static int serve(Pic8259 pic, int ir) {
        pic.setIrq(ir, true);
        return pic.interruptAcknowledge();
    }

    /** The PC/AT pair wired as PcBoard wires it, initialised as the AT BIOS does. */
    static final class Pair {
        final Pic8259 master = new Pic8259();
        final Pic8259 slave = new Pic8259();

        Pair(int masterIcw4, int slaveIcw4) {
            master.attachSlave(2, slave);
            slave.connectInt(level -> master.setIrq(2, level));
            master.write(CMD, 0x11);
            master.write(DATA, 0x08);
            master.write(DATA, 0x04);
            master.write(DATA, masterIcw4);
            slave.write(CMD, 0x11);
            slave.write(DATA, 0x70);
            slave.write(DATA, 0x02);
            slave.write(DATA, slaveIcw4);
        }

        void irq(int n, boolean level) {
            if (n < 8) {
                master.setIrq(n, level);
            } else {
                slave.setIrq(n - 8, level);
            }
        }
    }

    @Nested
    class InitialisationCommandWords {
        @ParameterizedTest(name = "ICW1 {0}: writes {1} {2} {3} -> IMR {4}, vector of IR5 {5}")
        @CsvSource({
                // ICW1, three A0=1 writes, IMR read after them, vector of IR5
                "0x13, 0x40, 0x01, 0x5a, 0x5a, 0x45", // single, ICW4: ICW2, ICW4, OCW1
                "0x11, 0x40, 0x00, 0x01, 0x00, 0x45", // cascade, ICW4: ICW2, ICW3, ICW4
                "0x12, 0x40, 0x5a, 0x3c, 0x3c, 0x45", // single, no ICW4: ICW2, OCW1, OCW1
                "0x10, 0x40, 0x00, 0x5a, 0x5a, 0x45", // cascade, no ICW4: ICW2, ICW3, OCW1
        })
        void shouldTakeTheIcwsTheSequenceAsksFor(int icw1, int w1, int w2, int w3, int imr, int vector) {
            Pic8259 pic = new Pic8259();
            pic.write(CMD, icw1);
            pic.write(DATA, w1);
            pic.write(DATA, w2);
            pic.write(DATA, w3);
            assertThat(pic.initialised()).isTrue();
            assertThat(pic.read(DATA)).isEqualTo(imr);
            pic.write(DATA, 0x00);
            assertThat(serve(pic, 5)).isEqualTo(vector);
        }

        @ParameterizedTest(name = "ICW2 {0}, IR{1} -> vector {2}")
        @CsvSource({
                "0x08, 0, 0x08", "0x08, 7, 0x0f", "0x0f, 3, 0x0b", "0x77, 6, 0x76",
                "0x20, 0, 0x20", "0xff, 0, 0xf8", "0xfd, 5, 0xfd", "0x71, 1, 0x71",
        })
        void shouldIgnoreTheLowThreeBitsOfIcw2In8086Mode(int icw2, int ir, int vector) {
            Pic8259 pic = new Pic8259();
            pic.write(CMD, 0x17); // ADI set: no effect in 8086 mode
            pic.write(DATA, icw2);
            pic.write(DATA, 0x01);
            assertThat(serve(pic, ir)).isEqualTo(vector);
        }

        @Test
        void shouldResetWhatTheDataSheetListsWhenIcw1ArrivesMidOperation() {
            Pic8259 pic = single(0x01);
            pic.write(CMD, 0xc3); // IR3 lowest
            serve(pic, 6);
            pic.write(DATA, 0x81);
            pic.write(CMD, 0x68); // special mask mode
            pic.write(CMD, 0x0b); // read ISR
            pic.setIrq(1, true); // held high through ICW1

            pic.write(CMD, 0x13);

            assertThat(pic.imr()).as("IMR cleared").isZero();
            assertThat(pic.isr()).as("ISR cleared (master clear, Figure 9)").isZero();
            assertThat(pic.irr()).as("edge sense reset: lines held high are no request").isZero();
            assertThat(pic.lowestPriority()).as("IR7 assigned priority 7").isEqualTo(7);
            assertThat(pic.initialised()).isFalse();
            pic.write(DATA, 0x08);
            pic.write(DATA, 0x01);
            pic.setIrq(1, false);
            pic.setIrq(1, true);
            assertThat(pic.read(CMD)).as("status read set to IRR").isEqualTo(0x02);
            assertThat(pic.interruptAcknowledge()).isEqualTo(0x09);
            pic.write(DATA, 0x02); // mask IR1, in service
            pic.setIrq(4, true);
            assertThat(pic.intOut()).as("special mask mode cleared: IR1 still blocks IR4").isFalse();
        }

        @Test
        void shouldKeepALevelTriggeredLineAsARequestThroughIcw1() {
            Pic8259 pic = new Pic8259();
            pic.write(CMD, 0x1b);
            pic.write(DATA, 0x08);
            pic.write(DATA, 0x01);
            pic.setIrq(4, true);
            pic.write(CMD, 0x1b);
            assertThat(pic.irr()).isEqualTo(0x10);
        }

        @ParameterizedTest(name = "ICW1 {0}, ICW4 {1} -> 8080-mode diagnostics {2}")
        @CsvSource({"0x13, 0x01, 0", "0x13, 0x00, 1", "0x13, 0x02, 1", "0x12, -1, 1", "0x13, 0x1f, 0"})
        void shouldReportMcs8085ModeOncePerInitialisation(int icw1, int icw4, int reports) {
            List<Integer> codes = new ArrayList<>();
            Pic8259 pic = new Pic8259();
            pic.setDiagnosticListener(codes::add);
            pic.write(CMD, icw1);
            pic.write(DATA, 0x08);
            if (icw4 >= 0) {
                pic.write(DATA, icw4);
            }
            pic.write(DATA, 0x00); // OCW1: not an ICW, no second report
            assertThat(codes).hasSize(reports).allMatch(c -> c == Pic8259.DIAG_8080_MODE);
            // the model answers INTA as in 8086 mode whatever uPM says
            assertThat(serve(pic, 3)).isEqualTo(0x0b);
        }

        @Test
        void shouldAutomaticallyEndTheInterruptWhenAeoiIsSet() {
            Pic8259 pic = single(0x03);
            assertThat(serve(pic, 5)).isEqualTo(0x0d);
            assertThat(pic.isr()).isZero();
            assertThat(serve(pic, 6)).as("nothing in service blocks a lower level").isEqualTo(0x0e);
        }
    }

    @Nested
    class OperationCommandWords {
        @ParameterizedTest(name = "OCW2 {0} with IR1, IR3, IR6 in service -> ISR {1}, lowest {2}")
        @CsvSource({
                "0x20, 0x48, 7", // non-specific EOI: IR1
                "0x27, 0x48, 7", // level bits unused with SL=0
                "0x63, 0x42, 7", // specific EOI IR3
                "0x65, 0x4a, 7", // specific EOI of a clear bit
                "0xa0, 0x48, 1", // rotate on non-specific EOI: IR1 becomes lowest
                "0xe6, 0x0a, 6", // rotate on specific EOI IR6
                "0xc4, 0x4a, 4", // set priority: IR4 lowest, ISR untouched
                "0x40, 0x4a, 7", // no operation
                "0x80, 0x4a, 7", // rotate in AEOI set: no EOI
                "0x00, 0x4a, 7", // rotate in AEOI clear
        })
        void shouldExecuteOcw2(int ocw2, int isr, int lowest) {
            Pic8259 pic = single(0x01);
            serve(pic, 6);
            serve(pic, 3);
            serve(pic, 1);
            pic.write(CMD, ocw2);
            assertThat(pic.isr()).isEqualTo(isr);
            assertThat(pic.lowestPriority()).isEqualTo(lowest);
        }

        @ParameterizedTest(name = "bottom level {0}: service order {1}")
        @CsvSource({
                "7, 01234567", "2, 34567012", "0, 12345670", "5, 67012345",
        })
        void shouldServeInRotatedPriorityOrder(int bottom, String order) {
            Pic8259 pic = single(0x01);
            pic.write(CMD, 0xc0 | bottom);
            pic.write(DATA, 0xff);
            for (int ir = 0; ir < 8; ir++) {
                pic.setIrq(ir, true);
            }
            pic.write(DATA, 0x00);
            StringBuilder served = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                served.append(pic.interruptAcknowledge() - 0x08);
                pic.write(CMD, 0x20);
            }
            assertThat(served).hasToString(order);
        }

        @Test
        void shouldRotateOnEachAutomaticEoiOnlyWhileRotateInAeoiIsSet() {
            Pic8259 pic = single(0x03);
            pic.write(CMD, 0x80);
            serve(pic, 4);
            assertThat(pic.lowestPriority()).isEqualTo(4);
            pic.write(CMD, 0x00);
            serve(pic, 6);
            assertThat(pic.lowestPriority()).isEqualTo(4);
        }

        @ParameterizedTest(name = "OCW3 {0} -> read at A0=0 gives {1}")
        @CsvSource({
                "0x0a, 0x24", // RR=1 RIS=0: IRR (IR2, IR5 requesting)
                "0x0b, 0x08", // RR=1 RIS=1: ISR (IR3 in service)
                "0x08, 0x24", // RR=0: unchanged (IRR after initialisation)
                "0x09, 0x24", // RR=0 RIS=1: unchanged
                "0x68, 0x24", // special mask mode set, RR=0: unchanged
        })
        void shouldSelectTheRegisterReadAtA0Zero(int ocw3, int value) {
            Pic8259 pic = single(0x01);
            serve(pic, 3);
            pic.setIrq(2, true);
            pic.write(DATA, 0x04); // IR2 masked: the IRR is not affected by the IMR
            pic.setIrq(5, true);
            pic.write(CMD, ocw3);
            assertThat(pic.read(CMD)).isEqualTo(value);
            assertThat(pic.read(CMD)).as("the selection persists").isEqualTo(value);
            assertThat(pic.read(DATA)).as("A0=1 reads the IMR").isEqualTo(0x04);
        }

        @Test
        void shouldAnswerAPollAsAnAcknowledge() {
            Pic8259 pic = single(0x01);
            pic.write(CMD, 0x0c);
            assertThat(pic.read(CMD) & 0x80).as("no request: I=0").isZero();
            pic.setIrq(6, true);
            pic.setIrq(3, true);
            pic.write(CMD, 0x0c);
            assertThat(pic.read(CMD)).isEqualTo(0x83);
            assertThat(pic.isr()).isEqualTo(0x08);
            assertThat(pic.irr()).isEqualTo(0x40);
            assertThat(pic.read(CMD)).as("poll is one read only").isEqualTo(0x40);
            pic.write(CMD, 0x0c);
            assertThat(pic.read(CMD) & 0x80).as("IR6 blocked by IR3").isZero();
            assertThat(pic.isr()).isEqualTo(0x08);
        }

        @Test
        void shouldLetLowerLevelsInUnderSpecialMaskMode() {
            Pic8259 pic = single(0x01);
            serve(pic, 2);
            pic.write(DATA, 0x04);
            pic.setIrq(5, true);
            assertThat(pic.intOut()).isFalse();
            pic.write(CMD, 0x68);
            assertThat(pic.intOut()).isTrue();
            assertThat(pic.interruptAcknowledge()).isEqualTo(0x0d);
            pic.write(CMD, 0x20);
            assertThat(pic.isr()).as("the masked IS bit survives a non-specific EOI").isEqualTo(0x04);
            pic.write(CMD, 0x48);
            pic.write(CMD, 0x20);
            assertThat(pic.isr()).isZero();
        }
    }

    @Nested
    class Requests {
        @Test
        void shouldLatchEdgesAndRearmOnlyWhenTheLineGoesLow() {
            Pic8259 pic = single(0x01);
            serve(pic, 4);
            pic.write(CMD, 0x20);
            assertThat(pic.intOut()).as("line held high: no second request").isFalse();
            pic.setIrq(4, false);
            pic.setIrq(4, true);
            assertThat(pic.intOut()).isTrue();
        }

        @Test
        void shouldFollowTheLineInLevelMode() {
            Pic8259 pic = new Pic8259();
            pic.write(CMD, 0x1b);
            pic.write(DATA, 0x08);
            pic.write(DATA, 0x01);
            serve(pic, 4);
            assertThat(pic.irr()).isEqualTo(0x10);
            pic.write(CMD, 0x20);
            assertThat(pic.intOut()).isTrue();
            pic.setIrq(4, false);
            assertThat(pic.intOut()).isFalse();
        }

        @Test
        void shouldAnswerIr7WithoutAnIsBitWhenTheRequestIsGone() {
            Pic8259 pic = single(0x01);
            pic.setIrq(3, true);
            pic.setIrq(3, false);
            assertThat(pic.interruptAcknowledge()).isEqualTo(0x0f);
            assertThat(pic.lastAcknowledgeSpurious()).isTrue();
            assertThat(pic.isr()).isZero();
            assertThat(serve(pic, 7)).isEqualTo(0x0f);
            assertThat(pic.lastAcknowledgeSpurious()).isFalse();
            assertThat(pic.isr()).isEqualTo(0x80);
        }

        @Test
        void shouldFireTheIntLineOnlyOnChange() {
            List<Boolean> edges = new ArrayList<>();
            Pic8259 pic = new Pic8259();
            pic.connectInt(edges::add);
            pic.write(CMD, 0x13);
            pic.write(DATA, 0x08);
            pic.write(DATA, 0x01);
            pic.setIrq(5, true);
            pic.setIrq(3, true); // INT already high
            pic.write(DATA, 0x00); // no change of INT
            pic.interruptAcknowledge(); // IR3: IR5 still blocked
            pic.write(CMD, 0x20); // IR5 now
            pic.interruptAcknowledge();
            pic.write(CMD, 0x20);
            assertThat(edges).containsExactly(true, false, true, false);
        }
    }

    @Nested
    class Cascade {
        @Test
        void shouldHoldMasterIr2InServiceWhenTheSlaveAnswersItsDefaultIr7() {
            // The slave's INT is not wired here, so master IR2 can be high while the slave has
            // nothing to serve: the slave answers IR15's vector, the master keeps IS2.
            Pic8259 master = new Pic8259();
            Pic8259 slave = new Pic8259();
            master.attachSlave(2, slave);
            master.write(CMD, 0x11);
            master.write(DATA, 0x08);
            master.write(DATA, 0x04);
            master.write(DATA, 0x01);
            slave.write(CMD, 0x11);
            slave.write(DATA, 0x70);
            slave.write(DATA, 0x02);
            slave.write(DATA, 0x01);
            master.setIrq(2, true);
            assertThat(master.interruptAcknowledge()).isEqualTo(0x77);
            assertThat(master.lastAcknowledgeSpurious()).isTrue();
            assertThat(master.isr()).isEqualTo(0x04);
            assertThat(slave.isr()).isZero();
        }

        @Test
        void shouldFloatTheBusWhenNoSlaveHasTheCascadeAddress() {
            List<Integer> codes = new ArrayList<>();
            Pair pair = new Pair(0x01, 0x01);
            pair.master.setDiagnosticListener(codes::add);
            pair.slave.write(CMD, 0x11);
            pair.slave.write(DATA, 0x70);
            pair.slave.write(DATA, 0x03); // ID 3: not the address the master sends for IR2
            pair.slave.write(DATA, 0x01);
            pair.irq(9, true);
            assertThat(pair.master.interruptAcknowledge()).isEqualTo(0xff);
            assertThat(codes).containsExactly(Pic8259.DIAG_CASCADE_NO_SLAVE);
            assertThat(pair.slave.isr()).isZero();
        }

        @Test
        void shouldLetAHigherSlaveLevelThroughInSpecialFullyNestedMode() {
            Pair pair = new Pair(0x11, 0x01);
            pair.irq(12, true);
            assertThat(pair.master.interruptAcknowledge()).isEqualTo(0x74);
            pair.irq(9, true);
            assertThat(pair.master.intOut()).isTrue();
            assertThat(pair.master.interruptAcknowledge()).isEqualTo(0x71);
            assertThat(pair.slave.isr()).isEqualTo(0x12);
            pair.irq(3, true);
            assertThat(pair.master.intOut()).as("IR3 below IR2 in service").isFalse();
        }

        @Test
        void shouldNeedAnEoiOnEachChip() {
            Pair pair = new Pair(0x01, 0x01);
            pair.irq(14, true);
            assertThat(pair.master.interruptAcknowledge()).isEqualTo(0x76);
            pair.master.write(CMD, 0x62);
            pair.slave.write(CMD, 0x20);
            assertThat(pair.master.isr()).isZero();
            assertThat(pair.slave.isr()).isZero();
        }

        @Test
        void shouldClearMasterIr2ByAeoiWhileTheSlaveKeepsItsIsBit() {
            Pair pair = new Pair(0x03, 0x01);
            pair.irq(10, true);
            assertThat(pair.master.interruptAcknowledge()).isEqualTo(0x72);
            assertThat(pair.master.isr()).isZero();
            assertThat(pair.slave.isr()).isEqualTo(0x04);
        }
    }

    @Nested
    class OnThePcAtBoard {
        @ParameterizedTest(name = "master ICW4 {0}, IRQ {1} raised: INTA trace says spurious={2}")
        @CsvSource({
                "0x01, 1, 0",  // normal EOI: IS bit set
                "0x03, 1, 0",  // AEOI: IS bit set and reset in the same cycle, still a real IRQ1
                "0x01, -1, 1", // nothing requesting: default IR7
                "0x03, -1, 1",
        })
        void shouldTraceWhetherTheAcknowledgeWasADefaultIr7(int icw4, int irq, int spurious) {
            int[] inta = new int[2];
            PcBoard board = new PcBoard((time, kind, a, b) -> {
                if (kind == TraceEvent.INTA) {
                    inta[0] = a;
                    inta[1] = b;
                }
            });
            board.out(0x20, 0x11);
            board.out(0x21, 0x08);
            board.out(0x21, 0x04);
            board.out(0x21, icw4);
            if (irq >= 0) {
                board.setIrq(irq, true);
            }
            int vector = board.acknowledge();
            assertThat(inta[0]).isEqualTo(vector).isEqualTo(irq >= 0 ? 0x08 + irq : 0x0f);
            assertThat(inta[1]).isEqualTo(spurious);
        }
    }

    @Test
    void shouldNotAllocateOnPortAccessRequestChangeOrAcknowledge() {
        Pair pair = new Pair(0x01, 0x01);
        Line line = level -> { };
        pair.master.connectInt(line);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int sink = exercise(pair, 20_000); // warm up, JIT included
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += exercise(pair, 20_000);
        long after = threads.getCurrentThreadAllocatedBytes();
        assertThat(sink).isNotZero();
        assertThat(after - before).isZero();
    }

    private static int exercise(Pair pair, int rounds) {
        int sink = 0;
        for (int i = 0; i < rounds; i++) {
            int irq = (i % 2 == 0) ? 0 : 10;
            pair.irq(irq, true);
            sink += pair.master.interruptAcknowledge();
            if (irq >= 8) {
                pair.slave.write(CMD, 0x20);
            }
            pair.master.write(CMD, 0x20);
            pair.irq(irq, false);
            pair.master.write(CMD, 0x0b);
            sink += pair.master.read(CMD) + pair.slave.read(DATA);
            pair.master.write(CMD, 0x0c);
            sink += pair.master.read(CMD);
            pair.master.write(DATA, 0x00);
        }
        return sink;
    }
}
