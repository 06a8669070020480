package irq0.pit;

import irq0.bus.Line;

/**
 * SKELETON (API contract; the PIT issue replaces the body). Intel 8254 (82C54) / 8253.
 * Addresses are A1A0: 0-2 the counters, 3 the control word register.
 */
public final class Pit8254 {
    /** Which part: the 8253 has no read-back command and no status byte. */
    public enum Variant { I8253, I8254 }

    /** {@link #clocksUntilOutEdge} when OUT will not change without outside help. */
    public static final long NEVER = Long.MAX_VALUE;

    private final Variant variant;

    public Pit8254(Variant variant) {
        this.variant = variant;
    }

    public Variant variant() {
        return variant;
    }

    /** CPU read of address A1A0 (0-3). */
    public int read(int address) {
        return 0xFF;
    }

    /** CPU write of address A1A0 (0-3). */
    public void write(int address, int value) {
    }

    /** Drives GATE of counter {@code counter}; sampled at the next rising CLK edge. */
    public void setGate(int counter, boolean level) {
    }

    public boolean gate(int counter) {
        return true;
    }

    /** The level of OUT of counter {@code counter}. */
    public boolean out(int counter) {
        return false;
    }

    /** Wires OUT of {@code counter}; told of every change of level, in order. */
    public void connectOut(int counter, Line line) {
    }

    /** {@code clocks} CLK periods (rising then falling edge each), exactly as stepping one at a time. */
    public void advance(long clocks) {
    }

    /**
     * The smallest n &gt;= 1 such that OUT of {@code counter} changes during the n-th of the next
     * CLK periods, with GATE inputs held as they are; {@link #NEVER} if it will not.
     */
    public long clocksUntilOutEdge(int counter) {
        return NEVER;
    }

    /** The minimum of {@link #clocksUntilOutEdge} over the three counters. */
    public long clocksUntilNextOutEdge() {
        return NEVER;
    }
}
