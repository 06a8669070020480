package irq0.board;

import irq0.pic.ReferencePic;
import irq0.pit.Pit8254;
import irq0.pit.ReferencePit;

/**
 * The reference parts wired as the PC/AT wires them (FORMAT.md, device {@code board}):
 * {@link ReferencePit} one CLK pulse at a time with OUT0 on master IR0 after every pulse, two
 * {@link ReferencePic}s with the slave's INT on master IR2, port 0x61 bit 0 on GATE2, bit 5 OUT2
 * and bit 4 toggled by every rising edge of OUT1 (the AT's refresh flip-flop). Ports outside the
 * PIT, the PICs and 0x61 are not its business.
 */
public final class ReferenceBoard {
    public final ReferencePit pit = new ReferencePit(Pit8254.Variant.I8254);
    public final ReferencePic master = new ReferencePic();
    public final ReferencePic slave = new ReferencePic();
    int port61 = 0x01; // every GATE starts high

    public ReferenceBoard() {
        master.attachSlave(slave);
        wires();
    }

    /** OUT0 on IR0, the slave's INT on IR2: levels, as the wires carry them. */
    void wires() {
        master.setIrq(0, pit.out(0));
        master.setIrq(PcBoard.CASCADE_IR, slave.intOut());
    }

    /** Whether {@link #in} and {@link #out} model {@code port}. */
    public static boolean decodes(int port) {
        return (port >= 0x40 && port <= 0x43) || port == 0x20 || port == 0x21 || port == 0xA0 || port == 0xA1
                || port == 0x61;
    }

    public int in(int port) {
        switch (port) {
            case 0x40: case 0x41: case 0x42: case 0x43:
                return pit.read(port - 0x40);
            case 0x20: case 0x21:
                return answer(master.read(port & 1));
            case 0xA0: case 0xA1:
                return answer(slave.read(port & 1));
            default: // 0x61
                return (port61 & 0x0F) | (int) (pit.risingEdges(1) & 1) << 4 | (pit.out(2) ? 0x20 : 0);
        }
    }

    private int answer(int value) {
        wires(); // a poll read acknowledges
        return value;
    }

    public void out(int port, int value) {
        switch (port) {
            case 0x40: case 0x41: case 0x42: case 0x43:
                pit.write(port - 0x40, value);
                break;
            case 0x20: case 0x21:
                master.write(port & 1, value);
                break;
            case 0xA0: case 0xA1:
                slave.write(port & 1, value);
                break;
            default: // 0x61: bits 0-3 as written, GATE2 from bit 0
                port61 = value & 0x0F;
                pit.setGate(2, (value & 1) != 0);
                break;
        }
        wires();
    }

    public void irq(int irq, boolean level) {
        if (irq < 8) {
            master.setIrq(irq, level);
        } else {
            slave.setIrq(irq - 8, level);
        }
        wires();
    }

    public int inta() {
        int vector = master.inta();
        wires();
        return vector;
    }

    public void clock(long n) {
        for (long i = 0; i < n; i++) {
            pit.clock();
            wires();
        }
    }
}
