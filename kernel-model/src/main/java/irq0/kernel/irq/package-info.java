/**
 * Hardware interrupt entry (arch/i386/kernel/irq.c, 2.2): irq_desc, request_irq/free_irq, do_IRQ and the 8259A handler type, all through the board's ports.
 */
package irq0.kernel.irq;
