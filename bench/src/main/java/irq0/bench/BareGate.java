package irq0.bench;

import irq0.board.PcBoard;
import irq0.cpu.KernelGate;

/**
 * The least a kernel can do and still take timer interrupts: at start, what Linux 2.2's set-up and
 * init_IRQ do to the hardware (the 8259A pair at vector bases 0x20/0x28, IR0 and the cascade
 * unmasked, counter 0 in mode 2 with LATCH 1193 for HZ=1000) and the IRQ0 gate; at each interrupt,
 * the EOI. With it, a boot benchmark measures the CPU and the machine without the kernel model.
 */
final class BareGate implements KernelGate {
    private final PcBoard board;

    BareGate(PcBoard board) {
        this.board = board;
    }

    @Override
    public void startKernel(InterruptGates gates) {
        board.out(0x20, 0x11);
        board.out(0xA0, 0x11);
        board.out(0x21, 0x20);
        board.out(0xA1, 0x28);
        board.out(0x21, 0x04);
        board.out(0xA1, 0x02);
        board.out(0x21, 0x01);
        board.out(0xA1, 0x01);
        board.out(0xA1, 0xFF);
        board.out(0x21, 0xFA);
        board.out(0x43, 0x34);
        board.out(0x40, FloorBenchmark.LATCH & 0xFF);
        board.out(0x40, FloorBenchmark.LATCH >>> 8);
        gates.setInterruptGate(0x20, 0);
    }

    @Override
    public void interrupt(int irq) {
        board.out(0x20, 0x20);
    }

    @Override
    public void idle() {
        // nothing runs in process context
    }

    @Override
    public boolean running() {
        return true;
    }

    @Override
    public int exitStatus() {
        return 0;
    }
}
