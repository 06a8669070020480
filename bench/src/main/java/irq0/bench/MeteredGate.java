package irq0.bench;

import irq0.cpu.KernelGate;

/**
 * A {@link KernelGate} between the CPU and a kernel that (1) lets the machine run for a given
 * number of timer interrupts and then reports the kernel as stopped, which makes
 * {@code PcMachine.run} return, so that one benchmark op can be one interrupt; and (2) adds up the
 * host time spent inside the kernel's gates (the Java side of each interrupt), read with
 * System.nanoTime around each call.
 */
final class MeteredGate implements KernelGate {
    private final KernelGate kernel;
    private long budget;
    private long kernelNanos;

    MeteredGate(KernelGate kernel) {
        this.kernel = kernel;
    }

    /** Lets the machine run until {@code timerInterrupts} more IRQ0 gates have been entered. */
    void allow(long timerInterrupts) {
        budget = timerInterrupts;
    }

    long kernelNanos() {
        return kernelNanos;
    }

    @Override
    public void startKernel(InterruptGates gates) {
        long t = System.nanoTime();
        kernel.startKernel(gates);
        kernelNanos += System.nanoTime() - t;
    }

    @Override
    public void interrupt(int irq) {
        long t = System.nanoTime();
        kernel.interrupt(irq);
        kernelNanos += System.nanoTime() - t;
        if (irq == 0) {
            budget--;
        }
    }

    @Override
    public void idle() {
        long t = System.nanoTime();
        kernel.idle();
        kernelNanos += System.nanoTime() - t;
    }

    @Override
    public boolean running() {
        return budget > 0 && kernel.running();
    }

    @Override
    public int exitStatus() {
        return kernel.exitStatus();
    }
}
