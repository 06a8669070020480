package irq0.conformance;

import irq0.board.PcBoard;
import irq0.pic.Pic8259;
import irq0.pit.Pit8254;
import irq0.trace.Trace;

/** The part (or parts) a vector drives, behind the steps of FORMAT.md. */
abstract class Rig {
    abstract void out(int port, int value);

    abstract int in(int port);

    void clk(long n) {
        throw new IllegalStateException("no clock");
    }

    void gate(int counter, boolean level) {
        throw new IllegalStateException("no gate inputs");
    }

    abstract boolean pin(String name);

    void irq(int line, boolean level) {
        throw new IllegalStateException("no request lines");
    }

    int inta() {
        throw new IllegalStateException("no PIC");
    }

    static Rig of(DeviceKind kind) {
        switch (kind) {
            case PIT8254: return new PitRig(Pit8254.Variant.I8254);
            case PIT8253: return new PitRig(Pit8254.Variant.I8253);
            case PIC8259: return new PicRig();
            case PIC8259X2: return new PicPairRig();
            case BOARD: return new BoardRig();
            default: throw new IllegalArgumentException(kind.toString());
        }
    }

    /** One 8254 or 8253 at 0x40-0x43. */
    static final class PitRig extends Rig {
        private final Pit8254 pit;

        PitRig(Pit8254.Variant variant) {
            pit = new Pit8254(variant);
        }

        @Override
        void out(int port, int value) {
            pit.write(port & 3, value);
        }

        @Override
        int in(int port) {
            return pit.read(port & 3);
        }

        @Override
        void clk(long n) {
            pit.advance(n);
        }

        @Override
        void gate(int counter, boolean level) {
            pit.setGate(counter, level);
        }

        @Override
        boolean pin(String name) {
            return pit.out(name.charAt(3) - '0');
        }
    }

    /** One 8259A at 0x20/0x21 with nothing on its cascade lines (PC/XT). */
    static final class PicRig extends Rig {
        private final Pic8259 pic = new Pic8259();

        @Override
        void out(int port, int value) {
            pic.write(port & 1, value);
        }

        @Override
        int in(int port) {
            return pic.read(port & 1);
        }

        @Override
        boolean pin(String name) {
            return pic.intOut();
        }

        @Override
        void irq(int line, boolean level) {
            pic.setIrq(line, level);
        }

        @Override
        int inta() {
            return pic.interruptAcknowledge();
        }
    }

    /** The PC/AT pair as the board wires it, without the PIT: every request line is free but 2. */
    static final class PicPairRig extends Rig {
        private final Pic8259 master = new Pic8259();
        private final Pic8259 slave = new Pic8259();

        PicPairRig() {
            master.attachSlave(PcBoard.CASCADE_IR, slave);
            slave.connectInt(level -> master.setIrq(PcBoard.CASCADE_IR, level));
        }

        @Override
        void out(int port, int value) {
            (port >= 0xA0 ? slave : master).write(port & 1, value);
        }

        @Override
        int in(int port) {
            return (port >= 0xA0 ? slave : master).read(port & 1);
        }

        @Override
        boolean pin(String name) {
            return master.intOut();
        }

        @Override
        void irq(int line, boolean level) {
            if (line < 8) {
                master.setIrq(line, level);
            } else {
                slave.setIrq(line - 8, level);
            }
        }

        @Override
        int inta() {
            return master.interruptAcknowledge();
        }
    }

    /** The whole PC/AT board. */
    static final class BoardRig extends Rig {
        private final PcBoard board = new PcBoard(Trace.NONE);

        @Override
        void out(int port, int value) {
            board.out(port, value);
        }

        @Override
        int in(int port) {
            return board.in(port);
        }

        @Override
        void clk(long n) {
            board.advance(n);
        }

        @Override
        boolean pin(String name) {
            if (name.equals("INT")) {
                return board.interruptRequested();
            }
            return board.pit().out(name.charAt(3) - '0');
        }

        @Override
        void irq(int line, boolean level) {
            board.setIrq(line, level);
        }

        @Override
        int inta() {
            return board.acknowledge();
        }
    }
}
