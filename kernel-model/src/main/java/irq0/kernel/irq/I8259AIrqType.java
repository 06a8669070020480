package irq0.kernel.irq;

import irq0.trace.KernelSlice;

/**
 * {@code struct hw_interrupt_type i8259A_irq_type}, "XT-PIC": how a release drives the 8259A pair
 * for one interrupt. 2.2.8's type has a {@code handle} member, {@code do_8259A_IRQ}, that acks,
 * runs the chain and unmasks ({@link I8259AIrqType22}); 2.4.22's has {@code ack}
 * ({@code mask_and_ack_8259A}) and {@code end} ({@code end_8259A_irq}), and do_IRQ itself runs the
 * chain in its IRQ_PENDING loop ({@link I8259AIrqType24}). The kernel makes the one its release
 * needs once, at boot ({@link irq0.kernel.KernelVersion#newIrqType}), and keeps it in a final
 * field: the tick calls one implementation only.
 */
public abstract class I8259AIrqType {
    final Irq irq;

    I8259AIrqType(Irq irq) {
        this.irq = irq;
    }

    /** What do_IRQ does between counting the interrupt and the bottom halves. */
    abstract void handle(int line);

    /** The release's mask_and_ack_8259A, as the trace's slice. */
    final void ack(int line) {
        irq.kernel.enter(KernelSlice.MASK_AND_ACK, line);
        maskAndAck8259A(line);
        irq.kernel.leave(KernelSlice.MASK_AND_ACK, line);
    }

    /** mask_and_ack_8259A: mask the line, then the release's EOI. */
    abstract void maskAndAck8259A(int line);

    /**
     * {@code enable_irq}'s last nested enable: the line's DISABLED bit is already clear; unmask it
     * as the release does.
     */
    abstract void enableLastDepth(int line);

    /** The lines /proc/interrupts prints after the IRQ lines: NMI (no NMI is modelled), and on 2.4 ERR. */
    abstract void procInterruptsTail(StringBuilder b);

    /** irq_err_count (2.4): spurious interrupts seen; 2.2 has none. */
    abstract int irqErrCount();
}
