package irq0.cpu;

import irq0.board.PcBoard;

/**
 * What {@code irq0 boot} runs: the PC with the Unicorn CPU ({@link PcMachine}) or the CPU-less
 * stand-in of the kernel model. One interface, so that lengths, progress, the summary and exit
 * codes are the same code for both.
 */
public interface BootMachine extends AutoCloseable {
    /** Why a run returned. */
    public enum Stop {
        /** The requested number of timer interrupts or virtual seconds was reached. */
        LENGTH,
        /** The guest wrote port 0xF4 (isa-debug-exit). */
        GUEST_EXIT,
        /** The kernel stopped the machine ({@link KernelGate#running()} false). */
        KERNEL_STOPPED,
        /** The guest cannot go on. */
        FAULT,
        /** {@link #runUntil}'s bound was reached; run again to go on. */
        PAUSED,
        /** irq0 itself failed (an exception in a Unicorn hook): a bug, not the guest's doing. */
        INTERNAL_ERROR
    }

    /**
     * Runs until a stop condition, or returns {@link BootMachine.Stop#PAUSED} when virtual time
     * reaches {@code clock} (PIT clocks) or when a timer interrupt beyond the first
     * {@code timerInterrupts} would be taken (before its acknowledge: INT is up, INTA not yet run).
     * Slicing a run this way does not change what the machine does.
     */
    BootMachine.Stop runUntil(long clock, long timerInterrupts);

    PcBoard board();

    /** Hardware interrupts delivered. */
    long interrupts();

    /** Those of them that came from IRQ0. */
    long timerInterrupts();

    /** Guest instructions executed (0 without a CPU). */
    long instructions();

    /** BIOS calls the firmware does not serve (0 without a CPU, which has no BIOS). */
    default long unsupportedBiosCalls() {
        return 0;
    }

    /** The exit status of a {@link BootMachine.Stop#GUEST_EXIT} or {@link BootMachine.Stop#KERNEL_STOPPED}. */
    int exitStatus();

    /** One line on why a {@link BootMachine.Stop#FAULT} happened. */
    String message();

    @Override
    default void close() {
    }
}
