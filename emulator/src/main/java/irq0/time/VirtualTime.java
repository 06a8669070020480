package irq0.time;

/**
 * Virtual time is counted in periods of the PIT's input clock: the PC's 14.31818 MHz crystal
 * divided by 12, taken as 1,193,182 Hz (the crystal's 1,193,181.67 Hz rounded; Linux's
 * CLOCK_TICK_RATE of 1,193,180 is what the kernel <em>believes</em>, which is why its LATCH is
 * computed from that number while time here advances at this one). A long of such periods lasts
 * 245,000 years: time never wraps and never drifts, because nothing is ever rounded into it.
 */
public final class VirtualTime {
    /** PIT input clock periods per virtual second. */
    public static final long PIT_HZ = 1_193_182L;

    private VirtualTime() {
    }

    /** Nanoseconds since power-on, truncated, for display. Exact integer arithmetic. */
    public static long toNanos(long clocks) {
        long seconds = clocks / PIT_HZ;
        long rest = clocks % PIT_HZ;
        return seconds * 1_000_000_000L + rest * 1_000_000_000L / PIT_HZ;
    }

    /** Microseconds since power-on, truncated. */
    public static long toMicros(long clocks) {
        long seconds = clocks / PIT_HZ;
        long rest = clocks % PIT_HZ;
        return seconds * 1_000_000L + rest * 1_000_000L / PIT_HZ;
    }

    /** dmesg's stamp, "[    1.230000]": seconds with six decimals, right-aligned in 5 places. */
    public static String dmesgStamp(long clocks) {
        long us = toMicros(clocks);
        return String.format("[%5d.%06d]", us / 1_000_000L, us % 1_000_000L);
    }
}
