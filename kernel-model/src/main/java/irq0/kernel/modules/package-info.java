/**
 * The example modules: LKMPG's sched (and its unsafe variant), LDD2's jiq (tq_immediate) and jitimer (a re-armed timer).
 */
package irq0.kernel.modules;
