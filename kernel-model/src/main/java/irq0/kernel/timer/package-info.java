/**
 * Kernel timers on 2.2's five-level timer wheel (kernel/sched.c).
 */
package irq0.kernel.timer;
