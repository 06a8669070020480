package irq0.kernel.irq;

/** {@code struct irqaction} (include/linux/interrupt.h): one handler on an IRQ line's chain. */
public final class IrqAction {
    final IrqHandler handler;
    final int flags;
    final String name;
    final Object devId;
    IrqAction next;
    /** The trace's number for {@link #name} ({@link irq0.trace.KernelSlice#IRQ_ACTION}), set by setup_x86_irq. */
    int traceName = -1;

    public IrqAction(IrqHandler handler, int flags, String name, Object devId) {
        this.handler = handler;
        this.flags = flags;
        this.name = name;
        this.devId = devId;
    }

    public String name() {
        return name;
    }
}
