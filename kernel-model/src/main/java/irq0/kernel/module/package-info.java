/**
 * Loadable modules: the service interface, the image layout in vmalloc space, insmod/rmmod/lsmod as kernel/module.c and modutils do them.
 */
package irq0.kernel.module;
