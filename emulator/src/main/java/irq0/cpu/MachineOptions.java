package irq0.cpu;

import irq0.time.VirtualTime;

/**
 * How a {@link PcMachine} runs: the CPU's clock, the cycles charged per instruction, and when to
 * stop. Immutable; built with the {@code with...} methods.
 *
 * <p>Defaults: an 8 MHz CPU (the IBM PC/AT's 80286) charged 4 cycles per instruction (about a
 * 286's average for the register and short-branch instructions firmware is made of), so one
 * instruction lasts 0.5 us; no length limit (the caller sets one).
 */
public final class MachineOptions {
    public static final long DEFAULT_CPU_HZ = 8_000_000L;
    public static final int DEFAULT_CYCLES_PER_INSTRUCTION = 4;
    /** CPU exceptions in a row without progress before the machine stops, as a triple fault would. */
    public static final int DEFAULT_FAULT_LIMIT = 8;

    private final long cpuHz;
    private final int cyclesPerInstruction;
    private final long maxTimerInterrupts;
    private final long maxClocks;
    private final int faultLimit;
    private final byte[] bootImage;

    private MachineOptions(long cpuHz, int cyclesPerInstruction, long maxTimerInterrupts, long maxClocks,
            int faultLimit, byte[] bootImage) {
        if (cpuHz < 1 || cpuHz > 100_000_000_000L) {
            throw new IllegalArgumentException("CPU clock must be 1 Hz to 100 GHz: " + cpuHz);
        }
        if (cyclesPerInstruction < 1 || cyclesPerInstruction > 1_000) {
            throw new IllegalArgumentException("cycles per instruction must be 1 to 1000: " + cyclesPerInstruction);
        }
        if (maxTimerInterrupts < 0 || maxClocks < 0) {
            throw new IllegalArgumentException("a run length cannot be negative");
        }
        if (faultLimit < 1) {
            throw new IllegalArgumentException("fault limit must be at least 1: " + faultLimit);
        }
        this.cpuHz = cpuHz;
        this.cyclesPerInstruction = cyclesPerInstruction;
        this.maxTimerInterrupts = maxTimerInterrupts;
        this.maxClocks = maxClocks;
        this.faultLimit = faultLimit;
        this.bootImage = bootImage;
    }

    public static MachineOptions defaults() {
        return new MachineOptions(DEFAULT_CPU_HZ, DEFAULT_CYCLES_PER_INSTRUCTION, 0, 0, DEFAULT_FAULT_LIMIT, null);
    }

    public MachineOptions withCpuHz(long hz) {
        return new MachineOptions(hz, cyclesPerInstruction, maxTimerInterrupts, maxClocks, faultLimit, bootImage);
    }

    public MachineOptions withCyclesPerInstruction(int cycles) {
        return new MachineOptions(cpuHz, cycles, maxTimerInterrupts, maxClocks, faultLimit, bootImage);
    }

    /** Stop once this many IRQ0 (timer) interrupts have been delivered; 0 = no such limit. */
    public MachineOptions withMaxTimerInterrupts(long n) {
        return new MachineOptions(cpuHz, cyclesPerInstruction, n, maxClocks, faultLimit, bootImage);
    }

    /** Stop when virtual time reaches this many PIT clocks; 0 = no such limit. */
    public MachineOptions withMaxClocks(long clocks) {
        return new MachineOptions(cpuHz, cyclesPerInstruction, maxTimerInterrupts, clocks, faultLimit, bootImage);
    }

    /** Stop after this many virtual seconds. */
    public MachineOptions withMaxSeconds(long seconds) {
        return withMaxClocks(Math.multiplyExact(seconds, VirtualTime.PIT_HZ));
    }

    public MachineOptions withFaultLimit(int limit) {
        return new MachineOptions(cpuHz, cyclesPerInstruction, maxTimerInterrupts, maxClocks, limit, bootImage);
    }

    /** A boot image (see {@link BootImage}) the firmware loads at 0000:7C00 instead of starting the kernel. */
    public MachineOptions withBootImage(byte[] image) {
        return new MachineOptions(cpuHz, cyclesPerInstruction, maxTimerInterrupts, maxClocks, faultLimit,
                image == null ? null : image.clone());
    }

    public long cpuHz() {
        return cpuHz;
    }

    public int cyclesPerInstruction() {
        return cyclesPerInstruction;
    }

    public long maxTimerInterrupts() {
        return maxTimerInterrupts;
    }

    public long maxClocks() {
        return maxClocks;
    }

    public int faultLimit() {
        return faultLimit;
    }

    byte[] bootImage() {
        return bootImage;
    }
}
