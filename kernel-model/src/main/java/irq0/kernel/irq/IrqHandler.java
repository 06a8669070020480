package irq0.kernel.irq;

/** An interrupt handler: {@code void (*handler)(int irq, void *dev_id, struct pt_regs *regs)}. */
@FunctionalInterface
public interface IrqHandler {
    void handle(int irq, Object devId);
}
