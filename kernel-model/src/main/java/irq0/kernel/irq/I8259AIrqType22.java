package irq0.kernel.irq;

/**
 * 2.2.8's i8259A_irq_type (arch/i386/kernel/irq.c): its handle member {@code do_8259A_IRQ} acks
 * with {@code mask_and_ack_8259A} (a non-specific EOI), takes the action unless the line is
 * DISABLED or INPROGRESS, runs it, and unmasks the line unless a handler disabled it. An
 * interrupt that arrives while the line is INPROGRESS finds no action and is dropped: 2.2 has no
 * IRQ_PENDING.
 */
public final class I8259AIrqType22 extends I8259AIrqType {
    public I8259AIrqType22(Irq irq) {
        super(irq);
    }

    @Override
    void handle(int line) {
        ack(line);
        int st = irq.status[line] & ~Irq.IRQ_REPLAY;
        IrqAction a = null;
        if ((st & (Irq.IRQ_DISABLED | Irq.IRQ_INPROGRESS)) == 0) {
            a = irq.action[line];
        }
        irq.status[line] = st | Irq.IRQ_INPROGRESS;
        if (a == null) {
            return;
        }
        irq.handleIrqEvent(line, a);
        if (irq.kernel.stopped()) {
            return;
        }
        st = irq.status[line] & ~Irq.IRQ_INPROGRESS;
        irq.status[line] = st;
        if ((st & Irq.IRQ_DISABLED) == 0) {
            irq.enable8259AIrq(line);
        }
    }

    /**
     * {@code mask_and_ack_8259A}: "mask it first, then send the EOI, and the order of EOI to the
     * two 8259s is important": a dummy read of the IMR, the IMR with this line masked, then a
     * non-specific EOI (a slave line: a specific EOI for IR2 to the master, then a non-specific
     * one to the slave).
     */
    @Override
    void maskAndAck8259A(int line) {
        irq.cachedIrqMask |= 1 << line;
        if ((line & 8) != 0) {
            irq.board.in(0xA1);
            irq.out(0xA1, irq.cachedIrqMask >>> 8);
            irq.out(0x20, 0x62);
            irq.out(0xA0, 0x20);
        } else {
            irq.board.in(0x21);
            irq.out(0x21, irq.cachedIrqMask & 0xFF);
            irq.out(0x20, 0x20);
        }
    }

    /** The model's 2.2 enable_irq unmasks only a line that is not in progress (do_8259A_IRQ's end unmasks it then). */
    @Override
    void enableLastDepth(int line) {
        if ((irq.status[line] & Irq.IRQ_INPROGRESS) == 0) {
            irq.enable8259AIrq(line);
        }
    }

    /** 2.2.8's get_irq_list: "NMI: %10u\n" of nmi_counter; ERR only on SMP (ipi_count). */
    @Override
    void procInterruptsTail(StringBuilder b) {
        b.append(String.format("NMI: %10d%n", 0));
    }

    @Override
    int irqErrCount() {
        return 0;
    }
}
