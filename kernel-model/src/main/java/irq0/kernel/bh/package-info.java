/**
 * The 32 bottom halves of 2.2 (kernel/softirq.c): mark, mask, run in bit order from a snapshot, never nested.
 */
package irq0.kernel.bh;
