package irq0.cpu;

/**
 * How x86 code enters the Java kernel model. The machine (the Unicorn CPU, or the kernel model's
 * CPU-less stand-in) calls these at the points where a real kernel's code would run: once when the
 * firmware hands over, at every hardware interrupt that reaches one of the kernel's interrupt
 * gates, and whenever the idle loop wakes from HLT. While a call runs, the CPU is frozen and no
 * virtual time passes unless the kernel itself advances the board.
 */
public interface KernelGate {
    /**
     * The firmware's POST is done. The kernel initialises as Linux's {@code init_IRQ} and
     * {@code time_init} do, through port I/O on the board, and installs its interrupt gates
     * (Linux's {@code set_intr_gate}) through {@code gates}.
     */
    void startKernel(InterruptGates gates);

    /**
     * The interrupt gate of hardware IRQ {@code irq} was entered: the CPU has acknowledged the PIC,
     * pushed FLAGS, CS and IP and cleared IF, as for Linux's {@code IRQ0_interrupt} stub that calls
     * {@code do_IRQ}. On return the stub executes IRET.
     */
    void interrupt(int irq);

    /**
     * The idle task's loop woke from HLT ({@code cpu_idle}): run process context (the shell's
     * commands, sleepers that were woken) until every process sleeps again.
     */
    void idle();

    /** False once the kernel has stopped the machine (a panic, or the shell's script ran out). */
    boolean running();

    /** The process exit status the kernel asks for when it stops: 0 normal, non-zero after a panic. */
    int exitStatus();

    /**
     * Hardware interrupts the kernel took itself, without the machine: those a busy wait
     * ({@code udelay}) or an {@code sti} in process context found pending. The machine counts
     * them with its own, so that lengths in ticks and the summary see every interrupt.
     */
    default long interruptsTakenInside() {
        return 0;
    }

    /** Those of {@link #interruptsTakenInside} that were IRQ0's. */
    default long timerInterruptsTakenInside() {
        return 0;
    }

    /** Where the kernel installs its interrupt gates. */
    @FunctionalInterface
    interface InterruptGates {
        /** Points interrupt vector {@code vector} at the gate stub that enters {@link #interrupt} with {@code irq}. */
        void setInterruptGate(int vector, int irq);
    }
}
