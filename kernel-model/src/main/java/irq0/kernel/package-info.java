/**
 * The Java model of Linux 2.2's timer-interrupt path on the PC/AT board: {@link irq0.kernel.Kernel} (the {@link irq0.cpu.KernelGate}), the CPU-less {@link irq0.kernel.NoCpuMachine}, printk and the per-release {@link irq0.kernel.KernelVersion}.
 */
package irq0.kernel;
