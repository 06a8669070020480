/**
 * Task queues (include/linux/tqueue.h, 2.2) on tq_structs that live in the modelled memory.
 */
package irq0.kernel.taskqueue;
