package irq0.pit;

/**
 * An 82C54 / 8253 written from the datasheets in a different form from {@link Counter}, as the
 * yardstick the O(1) {@link Pit8254} is checked against: one CLK pulse at a time, and what a
 * falling CLK edge does kept as a table, one row list per mode ({@link #EDGE}), each row a
 * condition, what happens to CE and what happens to OUT, in the words of the mode descriptions of
 * the 82C54 datasheet ("Mode Definitions"). The first row whose condition holds acts. The CPU's
 * side is decoded from the control word format table (Figure 7) and the read-back command format
 * (Figure 11). Where the datasheets are silent it makes the choices {@link Pit8254}'s class
 * comment lists; it shares no code with {@link Counter}.
 */
public final class ReferencePit {
    /** When a row applies, from the state sampled at the rising edge of the pulse. */
    private enum When {
        /** a count was written that the next CLK pulse loads */
        COUNT_WRITTEN,
        /** GATE rose (trigger flip-flop set) and a count has been written since the control word */
        TRIGGERED,
        COUNT_WRITTEN_OR_TRIGGERED,
        /** CE holds a loaded count */
        COUNTING,
        COUNTING_AND_GATE_HIGH,
        /** mode 2: CE is 1, the end of the period */
        PERIOD_OVER,
        /** mode 3: the half-cycle's count has expired */
        HALF_CYCLE_OVER,
        ALWAYS
    }

    /** What the pulse does to CE. */
    private enum Ce { LOAD, DECREMENT, HALF_CYCLE_STEP, NOTHING }

    /** What the pulse does to OUT, after CE has changed. */
    private enum Out { KEEP, HIGH, LOW, TOGGLE, HIGH_AT_ZERO, LOW_AT_ONE, STROBE_AT_ZERO }

    private record Row(When when, Ce ce, Out out) {
    }

    private static Row row(When when, Ce ce, Out out) {
        return new Row(when, ce, out);
    }

    /** The falling CLK edge by mode: "Mode Definitions" of the 82C54 datasheet. */
    private static final Row[][] EDGE = {
        { // mode 0, interrupt on terminal count: loaded on the pulse after the count is written;
          // "counting is disabled" while GATE is low; OUT goes high when the count reaches 0
            row(When.COUNT_WRITTEN, Ce.LOAD, Out.KEEP),
            row(When.COUNTING_AND_GATE_HIGH, Ce.DECREMENT, Out.HIGH_AT_ZERO),
        },
        { // mode 1, hardware retriggerable one-shot: "OUT will go low on the CLK pulse following a
          // trigger"; GATE's level does not matter; OUT high again at 0
            row(When.TRIGGERED, Ce.LOAD, Out.LOW),
            row(When.COUNTING, Ce.DECREMENT, Out.HIGH_AT_ZERO),
        },
        { // mode 2, rate generator: low for one pulse at 1, then reloaded, OUT high
            row(When.COUNT_WRITTEN_OR_TRIGGERED, Ce.LOAD, Out.HIGH),
            row(When.PERIOD_OVER, Ce.LOAD, Out.HIGH),
            row(When.COUNTING_AND_GATE_HIGH, Ce.DECREMENT, Out.LOW_AT_ONE),
        },
        { // mode 3, square wave: each expired half-cycle reloads and flips OUT
            row(When.COUNT_WRITTEN_OR_TRIGGERED, Ce.LOAD, Out.HIGH),
            row(When.HALF_CYCLE_OVER, Ce.LOAD, Out.TOGGLE),
            row(When.COUNTING_AND_GATE_HIGH, Ce.HALF_CYCLE_STEP, Out.KEEP),
        },
        { // mode 4, software triggered strobe: low for one pulse when the count expires
            row(When.COUNT_WRITTEN, Ce.LOAD, Out.HIGH),
            row(When.COUNTING_AND_GATE_HIGH, Ce.DECREMENT, Out.STROBE_AT_ZERO),
            row(When.ALWAYS, Ce.NOTHING, Out.HIGH),
        },
        { // mode 5, hardware triggered strobe: as mode 4, started by a trigger, GATE level ignored
            row(When.TRIGGERED, Ce.LOAD, Out.HIGH),
            row(When.COUNTING, Ce.DECREMENT, Out.STROBE_AT_ZERO),
            row(When.ALWAYS, Ce.NOTHING, Out.HIGH),
        },
    };

    private final boolean i8253;
    private final Unit[] units = {new Unit(), new Unit(), new Unit()};

    public ReferencePit(Pit8254.Variant variant) {
        i8253 = variant == Pit8254.Variant.I8253;
        for (Unit u : units) {
            u.program(0x30); // power-on: as "LSB then MSB, mode 0, binary", CE 0, OUT low
        }
    }

    // ---- the CPU's side ----

    public int read(int address) {
        if (address == 3) {
            return 0xFF; // "No-Operation (3-State)": the PC's bus floats high
        }
        return units[address].read();
    }

    public void write(int address, int value) {
        value &= 0xFF;
        if (address < 3) {
            units[address].writeByte(value);
            return;
        }
        // Figure 7: SC1 SC0 | RW1 RW0 | M2 M1 M0 | BCD
        int sc = value >>> 6;
        int rw = (value >>> 4) & 3;
        if (sc == 3) {
            if (!i8253) {
                readBack(value);
            }
            return;
        }
        if (rw == 0) {
            units[sc].latchCount();
            return;
        }
        units[sc].program(value & 0x3F);
    }

    /** Figure 11: 1 1 COUNT STATUS CNT2 CNT1 CNT0 0, COUNT and STATUS active low. */
    private void readBack(int value) {
        boolean count = (value & 0x20) == 0;
        boolean status = (value & 0x10) == 0;
        for (int c = 0; c < 3; c++) {
            if ((value & (2 << c)) == 0) {
                continue;
            }
            if (count) {
                units[c].latchCount();
            }
            if (status) {
                units[c].latchStatus();
            }
        }
    }

    public void setGate(int c, boolean level) {
        units[c].gate(level);
    }

    public boolean out(int c) {
        return units[c].out;
    }

    public long risingEdges(int c) {
        return units[c].rising;
    }

    /** One CLK pulse on all three counters. */
    public void clock() {
        for (Unit u : units) {
            u.pulse();
        }
    }

    private final class Unit {
        int rw;
        int mode;
        boolean bcd;
        /** the control word's D5-D0, for the status byte */
        int format;

        /** CRM:CRL */
        int countRegister;
        int ce;
        boolean outputLatched;
        int outputLatch;
        boolean statusLatched;
        int statusByte;
        /** LSB-then-MSB formats: which byte the next read / write is */
        boolean nextReadIsMsb;
        boolean nextWriteIsMsb;
        boolean nullCount;

        boolean out;
        long rising;
        boolean gateLevel = true;
        boolean gateRose;

        boolean loadOnNextPulse;
        boolean countSinceControlWord;
        boolean loaded;
        boolean strobeGiven;
        /** the count loaded last was odd (mode 3) */
        boolean oddCount;

        void drive(boolean level) {
            if (level && !out) {
                rising++;
            }
            out = level;
        }

        /** A control word's D5-D0 for this counter: RW1 RW0 M2 M1 M0 BCD. */
        void program(int bits) {
            format = bits; // the status byte gives them back as written
            rw = bits >>> 4;
            int m = (bits >>> 1) & 7;
            mode = m >= 6 ? m - 4 : m; // M2 M1 M0 = X10 and X11 are modes 2 and 3
            bcd = (bits & 1) != 0;
            countRegister = 0;
            outputLatched = false;
            nextReadIsMsb = false;
            nextWriteIsMsb = false;
            nullCount = true;
            gateRose = false;
            loadOnNextPulse = false;
            countSinceControlWord = false;
            loaded = false;
            strobeGiven = false;
            oddCount = false;
            drive(mode != 0); // mode 0: "OUT is initially low"; the others: "initially high"
        }

        void latchCount() {
            if (!outputLatched) {
                outputLatched = true;
                outputLatch = ce;
            }
        }

        void latchStatus() {
            if (!statusLatched) {
                statusLatched = true;
                statusByte = (out ? 0x80 : 0) | (nullCount ? 0x40 : 0) | format;
            }
        }

        int read() {
            if (statusLatched) {
                statusLatched = false;
                return statusByte;
            }
            int value = outputLatched ? outputLatch : ce;
            boolean msb = rw == 0b10 || (rw == 0b11 && nextReadIsMsb);
            boolean last = rw != 0b11 || nextReadIsMsb;
            if (rw == 0b11) {
                nextReadIsMsb = !nextReadIsMsb;
            }
            if (last) {
                outputLatched = false;
            }
            return msb ? value >>> 8 : value & 0xFF;
        }

        void writeByte(int value) {
            boolean msb = rw == 0b10 || (rw == 0b11 && nextWriteIsMsb);
            boolean first = rw != 0b11 || !nextWriteIsMsb;
            boolean complete = rw != 0b11 || nextWriteIsMsb;
            if (rw == 0b11) {
                nextWriteIsMsb = !nextWriteIsMsb;
            }
            countRegister = msb ? (countRegister & 0x00FF) | (value << 8) : (countRegister & 0xFF00) | value;
            if (first && mode == 0) {
                // "OUT is set low immediately"; the 8253 stops counting at the first byte, the
                // 82C54 only before the count has rolled over (Mode 0, note), when OUT is low
                if (i8253 || !out) {
                    loaded = false;
                }
                drive(false);
            }
            if (complete) {
                nullCount = true;
                countSinceControlWord = true;
                // modes 0 and 4 load a new count on the next pulse; modes 2 and 3 only the first
                // count (later ones wait for the period's end); modes 1 and 5 wait for a trigger
                if (mode == 0 || mode == 4 || ((mode == 2 || mode == 3) && !loaded)) {
                    loadOnNextPulse = true;
                }
            }
        }

        void gate(boolean level) {
            if (level && !gateLevel) {
                gateRose = true;
            }
            gateLevel = level;
            if (!level && (mode == 2 || mode == 3)) {
                drive(true); // "OUT is set high immediately; no CLK pulse is required"
            }
        }

        void pulse() {
            // rising edge: GATE and the trigger flip-flop are sampled, the flip-flop reset
            boolean gateHigh = gateLevel;
            boolean triggered = gateRose && countSinceControlWord;
            gateRose = false;
            // falling edge: the first row of the mode's table whose condition holds
            for (Row r : EDGE[mode]) {
                if (holds(r.when(), gateHigh, triggered)) {
                    act(r.ce());
                    act(r.out());
                    return;
                }
            }
        }

        private boolean holds(When when, boolean gateHigh, boolean triggered) {
            switch (when) {
                case COUNT_WRITTEN:
                    return loadOnNextPulse;
                case TRIGGERED:
                    return triggered;
                case COUNT_WRITTEN_OR_TRIGGERED:
                    return loadOnNextPulse || triggered;
                case COUNTING:
                    return loaded;
                case COUNTING_AND_GATE_HIGH:
                    return loaded && gateHigh;
                case PERIOD_OVER:
                    return loaded && gateHigh && ce == 1;
                case HALF_CYCLE_OVER:
                    return loaded && gateHigh && halfCycleOver();
                default:
                    return true;
            }
        }

        /**
         * 82C54: an even count expires when the next decrement by two would reach 0; an odd count
         * (loaded minus one) stays high one pulse longer, expiring at 0 ("One CLK pulse after the
         * count expires, OUT goes low"), and a count of 1 (loaded as 0) expires every pulse.
         * 8253: the half ends when what is left is no more than this pulse's decrement.
         */
        private boolean halfCycleOver() {
            if (i8253) {
                return remaining() <= step8253();
            }
            if (oddCount && out) {
                return ce == 0;
            }
            return ce == 2 || (oddCount && ce == 0);
        }

        /** 8253 mode 3: odd and high, -1 first; odd and low, -3 first; even, -2. */
        private int step8253() {
            if ((ce & 1) == 0) {
                return 2;
            }
            return out ? 1 : 3;
        }

        private void act(Ce what) {
            switch (what) {
                case LOAD:
                    ce = countRegister;
                    if (mode == 3 && !i8253) {
                        ce &= ~1; // "the initial count minus one (an even number) is loaded"
                    }
                    oddCount = (countRegister & 1) != 0;
                    nullCount = false;
                    loadOnNextPulse = false;
                    loaded = true;
                    strobeGiven = false;
                    break;
                case DECREMENT:
                    ce = minusOne(ce);
                    break;
                case HALF_CYCLE_STEP: {
                    int by = i8253 ? step8253() : 2;
                    for (int i = 0; i < by; i++) {
                        ce = minusOne(ce);
                    }
                    break;
                }
                default:
                    break;
            }
        }

        private void act(Out what) {
            switch (what) {
                case HIGH:
                    drive(true);
                    break;
                case LOW:
                    drive(false);
                    break;
                case TOGGLE:
                    drive(!out);
                    break;
                case HIGH_AT_ZERO:
                    if (ce == 0) {
                        drive(true);
                    }
                    break;
                case LOW_AT_ONE:
                    if (ce == 1) {
                        drive(false);
                    }
                    break;
                case STROBE_AT_ZERO:
                    drive(true); // a strobe lasts one pulse
                    if (ce == 0 && !strobeGiven) {
                        strobeGiven = true;
                        drive(false);
                    }
                    break;
                default:
                    break;
            }
        }

        /** CE as a number of single decrements to 0, where 0 stands for the full range. */
        private int remaining() {
            int v = bcd ? decimal(ce) : ce;
            return v == 0 ? (bcd ? 10000 : 0x10000) : v;
        }

        /** One decrement: binary wraps 0 to FFFF; BCD is four decades, each borrowing from the next. */
        private int minusOne(int value) {
            if (!bcd) {
                return value == 0 ? 0xFFFF : value - 1;
            }
            int[] digits = {value & 0xF, (value >> 4) & 0xF, (value >> 8) & 0xF, (value >> 12) & 0xF};
            for (int d = 0; d < 4; d++) {
                if (digits[d] != 0) {
                    digits[d]--;
                    break;
                }
                digits[d] = 9;
            }
            return digits[0] | digits[1] << 4 | digits[2] << 8 | digits[3] << 12;
        }

        private int decimal(int value) {
            return (value & 0xF) + 10 * ((value >> 4) & 0xF) + 100 * ((value >> 8) & 0xF) + 1000 * ((value >> 12) & 0xF);
        }
    }
}
