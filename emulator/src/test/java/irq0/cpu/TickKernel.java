package irq0.cpu;

import irq0.board.PcBoard;

/**
 * A minimal kernel for CPU-level tests: what Linux 2.2's init_IRQ/time_init and do_IRQ do to the
 * hardware, through the board's ports, and nothing else. Stops after {@code limit} timer ticks.
 */
final class TickKernel implements KernelGate {
    private final PcBoard board;
    private final long limit;
    long started;
    long ticks;
    long idles;
    long otherIrqs;

    TickKernel(PcBoard board, long limit) {
        this.board = board;
        this.limit = limit;
    }

    @Override
    public void startKernel(InterruptGates gates) {
        started++;
        int[] icw = {0x11, 0x20, 0x04, 0x01};
        int[] slave = {0x11, 0x28, 0x02, 0x01};
        for (int i = 0; i < 4; i++) {
            board.out(i == 0 ? 0x20 : 0x21, icw[i]);
            board.out(i == 0 ? 0xA0 : 0xA1, slave[i]);
        }
        board.out(0x21, 0xFA);
        board.out(0xA1, 0xFF);
        board.out(0x43, 0x34); // counter 0, LSB/MSB, mode 2: LATCH = 1193 (HZ = 1000)
        board.out(0x40, 1193 & 0xFF);
        board.out(0x40, 1193 >> 8);
        gates.setInterruptGate(0x20, 0);
    }

    @Override
    public void interrupt(int irq) {
        if (irq == 0) {
            ticks++;
        } else {
            otherIrqs++;
        }
        board.out(0x20, 0x20);
    }

    @Override
    public void idle() {
        idles++;
    }

    @Override
    public boolean running() {
        return ticks < limit;
    }

    @Override
    public int exitStatus() {
        return 0;
    }
}
