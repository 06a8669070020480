/**
 * The shell that runs a script of commands as processes in the model.
 */
package irq0.kernel.shell;
