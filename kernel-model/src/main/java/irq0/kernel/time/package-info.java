/**
 * jiffies, the PIT programming, timer_interrupt and do_timer (arch/i386/kernel/time.c, kernel/sched.c).
 */
package irq0.kernel.time;
