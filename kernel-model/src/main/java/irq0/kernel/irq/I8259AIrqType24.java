package irq0.kernel.irq;

/**
 * 2.4.22's i8259A_irq_type (arch/i386/kernel/i8259.c) and the do_IRQ that drives it
 * (arch/i386/kernel/irq.c). do_IRQ acks with {@code mask_and_ack_8259A}, marks the line
 * IRQ_PENDING ("we _want_ to handle it") and, unless it is DISABLED or already INPROGRESS,
 * commits to handling it: PENDING off, INPROGRESS on, then {@code handle_IRQ_event} again for as
 * long as a nested interrupt of the same line (taken while a handler ran with interrupts on, the
 * line unmasked by enable_irq) set PENDING anew. The nested do_IRQ itself runs nothing: it leaves
 * PENDING for the loop. {@code end_8259A_irq} then unmasks the line unless it is DISABLED or still
 * INPROGRESS (the nested case). {@code mask_and_ack_8259A} sends a specific EOI, and for a line
 * already masked in cached_irq_mask first asks the ISR whether the interrupt is spurious.
 */
public final class I8259AIrqType24 extends I8259AIrqType {
    /** spurious_irq_mask: the lines already reported spurious (once each). */
    private int spuriousIrqMask;
    private int irqErrCount;

    public I8259AIrqType24(Irq irq) {
        super(irq);
    }

    @Override
    void handle(int line) {
        ack(line);
        int st = (irq.status[line] & ~(Irq.IRQ_REPLAY | Irq.IRQ_WAITING)) | Irq.IRQ_PENDING;
        IrqAction a = null;
        if ((st & (Irq.IRQ_DISABLED | Irq.IRQ_INPROGRESS)) == 0) {
            a = irq.action[line];
            st = (st & ~Irq.IRQ_PENDING) | Irq.IRQ_INPROGRESS; // we commit to handling
        }
        irq.status[line] = st;
        if (a != null) {
            while (true) {
                irq.handleIrqEvent(line, a);
                if (irq.kernel.stopped()) {
                    return;
                }
                if ((irq.status[line] & Irq.IRQ_PENDING) == 0) {
                    break;
                }
                irq.status[line] &= ~Irq.IRQ_PENDING;
            }
            irq.status[line] &= ~Irq.IRQ_INPROGRESS;
        }
        end8259AIrq(line);
    }

    /** end_8259A_irq: "the ->end() handler has to deal with interrupts which got disabled while the handler was running". */
    private void end8259AIrq(int line) {
        if ((irq.status[line] & (Irq.IRQ_DISABLED | Irq.IRQ_INPROGRESS)) == 0) {
            irq.enable8259AIrq(line);
        }
    }

    /**
     * mask_and_ack_8259A: a line already masked takes the slow path first (spurious_8259A_irq);
     * then the IMR with this line masked after a dummy read, and a specific EOI (0x60 + IR; a
     * slave line: the slave's, then 0x62 for IR2 to the master).
     */
    @Override
    void maskAndAck8259A(int line) {
        int mask = 1 << line;
        if ((irq.cachedIrqMask & mask) != 0) {
            spurious8259AIrq(line);
        }
        irq.cachedIrqMask |= mask;
        if ((line & 8) != 0) {
            irq.board.in(0xA1);
            irq.out(0xA1, irq.cachedIrqMask >>> 8);
            irq.out(0xA0, 0x60 + (line & 7));
            irq.out(0x20, 0x62);
        } else {
            irq.board.in(0x21);
            irq.out(0x21, irq.cachedIrqMask & 0xFF);
            irq.out(0x20, 0x60 + line);
        }
    }

    /**
     * spurious_8259A_irq: i8259A_irq_real reads the ISR (OCW3 0x0B, then 0x0A back to the IRR); if
     * the line is in service the interrupt is real after all. Otherwise "spurious 8259A
     * interrupt: IRQ%d." once per line, irq_err_count counts it, and it is handled anyway
     * ("in Linux this does not cause problems and is simpler for us").
     */
    private void spurious8259AIrq(int line) {
        int cmd = (line & 8) != 0 ? 0xA0 : 0x20;
        irq.out(cmd, 0x0B);
        int inService = irq.board.in(cmd) & (1 << (line & 7));
        irq.out(cmd, 0x0A);
        if (inService != 0) {
            return;
        }
        if ((spuriousIrqMask & (1 << line)) == 0) {
            irq.kernel.printk("spurious 8259A interrupt: IRQ" + line + ".");
            spuriousIrqMask |= 1 << line;
        }
        irqErrCount++;
    }

    /**
     * 2.4.22's enable_irq, depth 1: a PENDING line not yet replayed is marked IRQ_REPLAY and
     * hw_resend_irq called (empty for the 8259A without an IO-APIC), then the line is unmasked,
     * in progress or not.
     */
    @Override
    void enableLastDepth(int line) {
        int st = irq.status[line];
        if ((st & (Irq.IRQ_PENDING | Irq.IRQ_REPLAY)) == Irq.IRQ_PENDING) {
            irq.status[line] = st | Irq.IRQ_REPLAY;
        }
        irq.enable8259AIrq(line);
    }

    /**
     * 2.4.22's get_irq_list: "NMI: " and "%10u " per CPU, then the newline (so the line ends in a
     * blank), no LOC line without a local APIC, then "ERR: %10u\n" with irq_err_count.
     */
    @Override
    void procInterruptsTail(StringBuilder b) {
        b.append(String.format("NMI: %10d %n", 0));
        b.append(String.format("ERR: %10d%n", irqErrCount));
    }

    @Override
    int irqErrCount() {
        return irqErrCount;
    }
}
