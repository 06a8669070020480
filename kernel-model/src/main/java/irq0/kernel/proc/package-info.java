/**
 * /proc's root directory: proc_register/proc_unregister and read handlers that may sleep.
 */
package irq0.kernel.proc;
