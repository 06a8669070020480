/**
 * Processes as resumable steps, the run queue, schedule(), wait queues, sleep_on/wake_up and schedule_timeout.
 */
package irq0.kernel.sched;
