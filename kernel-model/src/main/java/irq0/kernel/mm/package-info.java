/**
 * The modelled kernel address space: vmalloc pages that fault once freed, and the addresses of kernel text an Oops names.
 */
package irq0.kernel.mm;
