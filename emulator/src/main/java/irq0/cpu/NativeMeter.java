package irq0.cpu;

/**
 * Host time a {@link PcMachine} spends in native calls into Unicorn, by kind, while it is
 * attached ({@link PcMachine#meterNativeCalls}): {@code uc_emu_start}, which is the CPU slice
 * (the guest's instructions, and Unicorn's own set-up and tear-down of a run), and the batched
 * register reads and writes around it. Each call is timed with {@link System#nanoTime}, whose own
 * cost (tens of ns) is in every figure; a caller that wants the split of an unmetered run attaches
 * the meter to a sample of its work only.
 */
public final class NativeMeter {
    private long emulateCalls;
    private long emulateNanos;
    private long registerCalls;
    private long registerNanos;

    void emulated(long nanos) {
        emulateCalls++;
        emulateNanos += nanos;
    }

    void registersMoved(long nanos) {
        registerCalls++;
        registerNanos += nanos;
    }

    /** Calls of {@code uc_emu_start}. */
    public long emulateCalls() {
        return emulateCalls;
    }

    /** Host ns inside {@code uc_emu_start}: the CPU slice. */
    public long emulateNanos() {
        return emulateNanos;
    }

    /** Batched register reads and writes ({@code uc_reg_read_batch}, {@code uc_reg_write_batch}). */
    public long registerCalls() {
        return registerCalls;
    }

    public long registerNanos() {
        return registerNanos;
    }

    public void clear() {
        emulateCalls = 0;
        emulateNanos = 0;
        registerCalls = 0;
        registerNanos = 0;
    }
}
