package irq0.cpu;

import irq0.time.VirtualTime;

/**
 * What taking a hardware interrupt in the kernel's idle loop costs the CPU: the cycles
 * {@link PcMachine} charges, which the CPU-less machine charges too, so that both CPUs acknowledge,
 * enter the kernel and return to process context at the same PIT clocks.
 *
 * <p>INT rises; a CPU halted in {@code sti; hlt} leaves the HLT at once and runs the two INTA bus
 * cycles (80286: each a bus cycle of two processor clocks, plus the wait state and the idle
 * clocks the IBM AT inserts between them for the 8259A), charged as {@link #INTA_CYCLES}; then
 * the real-mode entry and the gate stub's HLT (one instruction each), the kernel's handler, the
 * stub's IRET and the idle gate's HLT (one each), and process context. INT is therefore high
 * for a visible time before INTA: one PIT clock at the default 8 MHz.
 */
public final class InterruptTiming {
    /** The two INTA bus cycles with the AT's wait and idle states, in CPU cycles. */
    public static final int INTA_CYCLES = 8;
    /** Instructions from the acknowledge to the kernel's handler: the entry and the gate's HLT. */
    public static final int INSTRUCTIONS_TO_KERNEL = 2;
    /** Instructions from the handler's end to process context: the IRET and the idle gate's HLT. */
    public static final int INSTRUCTIONS_TO_IDLE = 2;

    private InterruptTiming() {
    }

    /**
     * PIT clocks from INT rising, for a CPU woken from HLT (no cycle remainder) at {@code cpuHz}
     * with {@code cyclesPerInstruction}, to: [0] the acknowledge, [1] the kernel's handler,
     * [2] the IRET's end, [3] process context.
     */
    public static long[] clocksFromWake(long cpuHz, int cyclesPerInstruction) {
        long toKernel = INTA_CYCLES + (long) INSTRUCTIONS_TO_KERNEL * cyclesPerInstruction;
        long toIret = toKernel + cyclesPerInstruction;
        long toIdle = toKernel + (long) INSTRUCTIONS_TO_IDLE * cyclesPerInstruction;
        return new long[] {clocks(INTA_CYCLES, cpuHz), clocks(toKernel, cpuHz), clocks(toIret, cpuHz),
            clocks(toIdle, cpuHz)};
    }

    private static long clocks(long cycles, long cpuHz) {
        return cycles * VirtualTime.PIT_HZ / cpuHz;
    }
}
