package irq0.pit;

import irq0.bus.Line;

/**
 * One counter of the 8254 (82C54) or 8253, with the registers the datasheet names in its
 * "Functional Description" (82C54 datasheet, Figure 5 "Internal Block Diagram of a Counter"):
 * the count register CR (CRM:CRL), the counting element CE, the output latch OL, the status
 * latch, NULL COUNT, and the control word bits that programme the counter.
 *
 * <p>The counter is a plain state machine driven by {@link Pit8254}. {@link #clock()} is one CLK
 * pulse exactly as the datasheet's "Mode Definitions" define it ("a rising edge, then a falling
 * edge, in that order"): GATE and the trigger flip-flop are sampled on the rising edge, loading,
 * counting and OUT changes happen on the falling edge ("Operation Common to All Modes": "New counts
 * are loaded and Counters are decremented on the falling edge of CLK"). {@link #advanceQuietly}
 * is the same for any number of pulses in O(1): it steps the at most one pulse that can carry a
 * pending event (a count to load, a trigger) and jumps over the rest, where GATE is constant and
 * the counter follows its mode's periodic or one-shot waveform.
 *
 * <p>OUT changes made by {@link #clock()} and {@link #advanceQuietly} are not reported here; the
 * chip compares OUT before and after and drives the OUT line, so that it can report edges of
 * several counters in time order.
 */
final class Counter {
    /** Binary counting wraps at 2^16, BCD counting at 10^4 ("Operation Common to All Modes"). */
    private static final int BINARY_MODULUS = 0x10000;
    private static final int BCD_MODULUS = 10000;

    private final boolean i8253;

    /** D5-D0 of the last control word, as written: RW1 RW0 M2 M1 M0 BCD (the status byte's low bits). */
    int controlWord;
    /** The mode, 0-5; M2 M1 M0 = 110 and 111 select modes 2 and 3 (82C54 datasheet, Figure 8). */
    int mode;
    /** RW1 RW0: 1 LSB only, 2 MSB only, 3 LSB then MSB. */
    int rw;
    boolean bcd;

    /** CR, CRM:CRL: where the CPU's count goes before it is loaded into CE. */
    int cr;
    /** CE, the counting element (16 bits; 4 BCD digits when counting in BCD). */
    int ce;
    /** OL, the output latch, while a count is latched. */
    int ol;
    boolean olLatched;
    int status;
    boolean statusLatched;
    /** The read flip-flop of an LSB-then-MSB counter: the next read returns the MSB. */
    boolean readMsb;
    /** The write flip-flop of an LSB-then-MSB counter: the next write is the MSB. */
    boolean writeMsb;
    boolean nullCount;

    boolean out;
    boolean gate = true;
    /** The edge-sensitive flip-flop set by a rising edge of GATE ("Operation Common to All Modes: GATE"). */
    boolean trigger;

    /** A count was written that is transferred to CE on the next CLK pulse whatever GATE is. */
    boolean loadPending;
    /** A count has been written since the control word: a trigger can load it (modes 1, 2, 3, 5). */
    boolean armed;
    /** CE holds a count loaded since the control word and is counting (not stopped). */
    boolean counting;
    /** Modes 4 and 5: the count loaded last has expired and OUT has strobed. */
    boolean strobed;
    /** 8254 mode 3: the count loaded last was odd (CE holds it minus one). */
    boolean oddCount;

    /** OUT low-to-high transitions since power-on. */
    long risingEdges;

    // ---- the chip's bookkeeping for this counter (Pit8254), not registers of the datasheet ----

    /** The CLK pulse up to which this counter has been told of time (Pit8254's lazy catch-up). */
    long syncedAt;
    /** The CLK pulse at which OUT next changes ({@link Pit8254#NEVER} if it will not), while {@link #edgeKnown}. */
    long edgeAt;
    boolean edgeKnown;
    /** What OUT is wired to, and the level it was last told. */
    Line line = Line.NONE;
    boolean reported;

    Counter(boolean i8253) {
        this.i8253 = i8253;
        // Power-on state, which the datasheet leaves undefined ("Prior to initialization, the
        // mode, count, and output of all Counters is undefined"): the model chooses the state a
        // control word "LSB then MSB, mode 0, binary" leaves, with CE = 0.
        programme(0x30);
    }

    void copyFrom(Counter o) {
        controlWord = o.controlWord;
        mode = o.mode;
        rw = o.rw;
        bcd = o.bcd;
        cr = o.cr;
        ce = o.ce;
        ol = o.ol;
        olLatched = o.olLatched;
        status = o.status;
        statusLatched = o.statusLatched;
        readMsb = o.readMsb;
        writeMsb = o.writeMsb;
        nullCount = o.nullCount;
        out = o.out;
        gate = o.gate;
        trigger = o.trigger;
        loadPending = o.loadPending;
        armed = o.armed;
        counting = o.counting;
        strobed = o.strobed;
        oddCount = o.oddCount;
        risingEdges = o.risingEdges;
    }

    // ---- the CPU's side ("Programming the 82C54", "Read Operations") ----

    /**
     * A control word for this counter (RW1 RW0 != 00). "When a Control Word is written to a
     * Counter, all Control Logic is immediately reset and OUT goes to a known initial state; no
     * CLK pulses are required for this" ("Operation Common to All Modes"); "CRM and CRL are
     * cleared when the Counter is programmed" ("Functional Description: Counter"); a latched count
     * is held "until it is read by the CPU (or until the Counter is reprogrammed)" ("Counter Latch
     * Command"); NULL COUNT is set ("Read-Back Command", the NULL COUNT table, A).
     * A latched status is kept: the datasheet says only that it is held until read.
     */
    void programme(int value) {
        controlWord = value & 0x3F;
        rw = (value >> 4) & 3;
        int m = (value >> 1) & 7;
        mode = m > 5 ? m - 4 : m;
        bcd = (value & 1) != 0;
        cr = 0;
        olLatched = false;
        readMsb = false;
        writeMsb = false;
        nullCount = true;
        trigger = false;
        loadPending = false;
        armed = false;
        counting = false;
        strobed = false;
        oddCount = false;
        // Mode 0: "OUT is initially low"; every other mode: "OUT will initially be high".
        setOut(mode != 0);
    }

    /** Counter Latch Command, or the COUNT part of a read-back: ignored while a count is latched. */
    void latchCount() {
        if (!olLatched) {
            ol = ce;
            olLatched = true;
        }
    }

    /**
     * The Counter Latch Command at pulse {@code now}, from the count as last synced, without
     * catching up: possible where {@link #advanceMode2} would only have decremented CE, that is
     * in mode 2, binary, counting (GATE high), nothing pending, with CE still above 1 at
     * {@code now} (so OUT and the reload are not on the way). That is timer_interrupt's latch of
     * counter 0 between two OUT0 edges. Returns false, changing nothing, where the counter must
     * catch up first.
     */
    boolean latchCountAt(long now) {
        if (mode != 2 || bcd || !counting || !gate || eventPending()) {
            return false;
        }
        long pulses = now - syncedAt;
        if (pulses >= effective(ce) - 1) {
            return false;
        }
        if (!olLatched) {
            ol = (int) ((ce - pulses) & 0xFFFF);
            olLatched = true;
        }
        return true;
    }

    /**
     * The STATUS part of a read-back (82C54 only): OUTPUT, NULL COUNT, then D5-D0 of the control
     * word. "If multiple status latch operations of the Counter(s) are performed without reading
     * the status, all but the first are ignored."
     */
    void latchStatus() {
        if (!statusLatched) {
            status = (out ? 0x80 : 0) | (nullCount ? 0x40 : 0) | controlWord;
            statusLatched = true;
        }
    }

    /** True when the next {@link #read} returns a latched status or count, not CE. */
    boolean readsLatch() {
        return statusLatched || olLatched;
    }

    /**
     * A CPU read of the counter. "If both COUNT and STATUS of a Counter are latched, the first read
     * operation of that Counter will return the latched status, regardless of which was latched
     * first. The next one or two reads ... return the latched count." Without a latch the read
     * returns CE as it is at that moment (OL "follows" CE), byte by byte: an unlatched two-byte
     * read may mix two counts, as the datasheet warns ("Read Operations").
     */
    int read() {
        if (statusLatched) {
            statusLatched = false;
            return status;
        }
        int value = olLatched ? ol : ce;
        switch (rw) {
            case 1:
                olLatched = false;
                return value & 0xFF;
            case 2:
                olLatched = false;
                return value >>> 8;
            default:
                if (!readMsb) {
                    readMsb = true;
                    return value & 0xFF;
                }
                readMsb = false;
                olLatched = false;
                return value >>> 8;
        }
    }

    /**
     * A CPU write of a count byte, in the programmed format. CRL and CRM are separate registers
     * written one at a time ("The Control Logic allows one register at a time to be loaded from
     * the internal bus"); the count is complete with the only byte (LSB only / MSB only) or the
     * second byte (LSB then MSB), and only then is NULL COUNT set (the NULL COUNT table, note 2).
     */
    void writeCount(int value) {
        value &= 0xFF;
        switch (rw) {
            case 1:
                cr = (cr & 0xFF00) | value;
                firstByte();
                countWritten();
                break;
            case 2:
                cr = (cr & 0x00FF) | (value << 8);
                firstByte();
                countWritten();
                break;
            default:
                if (!writeMsb) {
                    writeMsb = true;
                    cr = (cr & 0xFF00) | value;
                    firstByte();
                } else {
                    writeMsb = false;
                    cr = (cr & 0x00FF) | (value << 8);
                    countWritten();
                }
                break;
        }
    }

    /**
     * Mode 0, first byte of a new count: "OUT is set low immediately (no clock pulse required)".
     * The 8253 stops counting ("Write 1st byte stops the current counting"); the 82C54 stops it
     * only while the count is in progress: "writing a new LSB before the counter has counted down
     * to 0 and rolled over to FFFFh, WILL stop the counter. However, if the LSB is loaded AFTER the
     * counter has rolled over ... the counter WILL NOT stop" (82C54 datasheet, Mode 0, note 3).
     * In mode 0 OUT is high exactly from terminal count on, so OUT tells which case applies.
     * In mode 4 "Writing the first byte has no effect on counting"; in modes 1, 2, 3, 5 a new
     * count never disturbs the current sequence.
     */
    private void firstByte() {
        if (mode != 0) {
            return;
        }
        if (i8253 || !out) {
            counting = false;
        }
        setOut(false);
    }

    private void countWritten() {
        nullCount = true;
        switch (mode) {
            case 0: // "If a new count is written to the Counter, it will be loaded on the next CLK pulse"
            case 4: // "If a new count is written during counting, it will be loaded on the next CLK pulse"
                loadPending = true;
                break;
            case 2:
            case 3:
                // "After writing a Control Word and initial count, the Counter will be loaded on the
                // next CLK pulse"; later counts wait for the end of the period (half-cycle) or a trigger.
                armed = true;
                if (!counting) {
                    loadPending = true;
                }
                break;
            default: // modes 1 and 5: loaded on "the CLK pulse after a trigger"
                armed = true;
                break;
        }
    }

    /**
     * GATE input. A rising edge sets the trigger flip-flop, sampled at the next rising CLK edge.
     * Modes 2 and 3: "If GATE goes low during an output pulse, OUT is set high immediately" /
     * "If GATE goes low while OUT is low, OUT is set high immediately; no CLK pulse is required."
     */
    void setGate(boolean level) {
        if (level && !gate) {
            trigger = true;
        }
        gate = level;
        if (!level && (mode == 2 || mode == 3)) {
            setOut(true);
        }
    }

    private void setOut(boolean level) {
        if (level && !out) {
            risingEdges++;
        }
        out = level;
    }

    // ---- the CLK side ----

    /** The transfer CR -> CE ("COUNTER LOADING"), which clears NULL COUNT. */
    private void load() {
        // 82C54 mode 3, odd counts: "The initial count minus one (an even number) is loaded".
        ce = (mode == 3 && !i8253) ? (cr & ~1) : cr;
        oddCount = (cr & 1) != 0;
        nullCount = false;
        loadPending = false;
        counting = true;
        strobed = false;
    }

    /** One CLK pulse. */
    void clock() {
        // rising edge: sample GATE and the trigger flip-flop, which "is reset immediately after it is sampled"
        boolean g = gate;
        boolean t = trigger;
        trigger = false;
        // falling edge
        switch (mode) {
            case 0:
                if (loadPending) {
                    load();
                } else if (counting && g) {
                    ce = decrement(ce, 1);
                    if (ce == 0) {
                        setOut(true); // "OUT then goes high and remains high until a new count ..."
                    }
                }
                break;
            case 1:
                if (t && armed) {
                    load();
                    setOut(false); // "OUT will go low on the CLK pulse following a trigger"
                } else if (counting) {
                    ce = decrement(ce, 1);
                    if (ce == 0) {
                        setOut(true);
                    }
                }
                break;
            case 2:
                if ((t && armed) || loadPending) {
                    load();
                    setOut(true);
                } else if (counting && g) {
                    if (ce == 1) {
                        load(); // "OUT then goes high again, the Counter reloads the initial count"
                        setOut(true);
                    } else {
                        ce = decrement(ce, 1);
                        if (ce == 1) {
                            setOut(false); // "When the initial count has decremented to 1, OUT goes low for one CLK pulse"
                        }
                    }
                }
                break;
            case 3:
                if ((t && armed) || loadPending) {
                    load();
                    setOut(true);
                } else if (counting && g) {
                    clockMode3();
                }
                break;
            default: // modes 4 and 5
                if (!out) {
                    setOut(true); // the strobe lasts one CLK pulse; "GATE has no effect on OUT"
                }
                if (mode == 4 ? loadPending : (t && armed)) {
                    load();
                } else if (counting && (g || mode == 5)) {
                    ce = decrement(ce, 1);
                    if (ce == 0 && !strobed) {
                        strobed = true; // "When the initial count expires, OUT will go low for one CLK pulse"
                        setOut(false);
                    }
                }
                break;
        }
    }

    /**
     * Mode 3, counting. 82C54: even counts are decremented by two and "When the count expires,
     * OUT changes value and the Counter is reloaded"; for odd counts the count minus one is
     * loaded, and "One CLK pulse after the count expires, OUT goes low" while in the low half
     * "When the count expires, OUT goes high again". 8253: "If the count is odd and the output is
     * high, the first clock pulse (after the count is loaded) decrements the count by 1 ... The
     * first clock pulse (following the reload) decrements the counter by 3"; the half ends when
     * the count reaches 0 ("time-out").
     */
    private void clockMode3() {
        if (i8253) {
            int w = weight(ce);
            int d = (w & 1) == 0 ? 2 : (out ? 1 : 3);
            if (effective(w) <= d) {
                load();
                setOut(!out);
            } else {
                ce = decrement(ce, d);
            }
        } else if ((oddCount && ce == 0) || (ce == 2 && !(oddCount && out))) {
            load();
            setOut(!out);
        } else {
            ce = decrement(ce, 2);
        }
    }

    // ---- counting arithmetic ----

    private int modulus() {
        return bcd ? BCD_MODULUS : BINARY_MODULUS;
    }

    /**
     * How many single decrements take CE (raw bits) to zero: the value itself in binary; in BCD the
     * digits at their decimal weights. A BCD digit above 9 (the datasheet defines only 0-9) counts
     * down through 9 like the others, so it is taken at its weight too (documented choice).
     */
    int weight(int raw) {
        if (!bcd) {
            return raw;
        }
        return (raw & 0xF) + 10 * ((raw >> 4) & 0xF) + 100 * ((raw >> 8) & 0xF) + 1000 * ((raw >> 12) & 0xF);
    }

    /** Clocks of single decrements until a count of weight w reaches zero: 0 stands for 2^16 or 10^4. */
    long effective(int w) {
        return w == 0 ? modulus() : w;
    }

    /**
     * CE decremented k times (k >= 0). Binary wraps at 2^16. BCD works digit by digit, as a chain
     * of decades: a digit at 0 becomes 9 and borrows from the next, 0000 becomes 9999; a digit
     * above 9 just counts down. Closed form, so that a jump costs the same as one decrement.
     */
    int decrement(int raw, long k) {
        if (!bcd) {
            return (int) ((raw - k) & 0xFFFF);
        }
        int result = 0;
        long borrow = k;
        for (int shift = 0; shift < 16; shift += 4) {
            int digit = (raw >> shift) & 0xF;
            int newDigit;
            if (borrow <= digit) {
                newDigit = (int) (digit - borrow);
                borrow = 0;
            } else {
                long rest = borrow - digit - 1;
                newDigit = 9 - (int) (rest % 10);
                borrow = 1 + rest / 10;
            }
            result |= newDigit << shift;
        }
        return result;
    }

    // ---- jumping ahead ----

    /** True when the next CLK pulse carries an event the closed forms below do not cover. */
    private boolean eventPending() {
        return loadPending || trigger;
    }

    /** Does CE count on the coming pulses, GATE held as it is? */
    private boolean countsSteadily() {
        if (!counting) {
            return false;
        }
        return gate || mode == 1 || mode == 5;
    }

    /**
     * True when no CLK pulse can change this counter, so that jumping over pulses may skip it:
     * nothing is counting, no count is waiting to be loaded, no trigger is latched, and OUT is not
     * in a mode 4/5 strobe (which ends on the next pulse). Every branch of {@link #clock()} and
     * {@link #advanceSteadily} is then a no-op. A counter the kernel never programs (counters 1
     * and 2 without a BIOS) stays so.
     */
    boolean dormant() {
        return !counting && !loadPending && !trigger && (out || mode < 4);
    }

    /** {@code clocks} CLK pulses, exactly as {@link #clock()} that many times. OUT changes are not reported. */
    void advanceQuietly(long clocks) {
        // the closed forms below for the steady pulses, also for one pulse: clock() is too large
        // for the JIT to inline, and mode 2's single pulses (the rising edge, the CPU's clocks
        // around an interrupt) are a decrement or a reload there
        while (clocks > 0 && eventPending()) {
            clock();
            clocks--;
        }
        if (clocks > 0) {
            advanceSteadily(clocks);
        }
    }

    /**
     * The smallest n &gt;= 1 such that OUT changes during the n-th coming CLK pulse, GATE held;
     * {@link Pit8254#NEVER} if it will not. {@code scratch} is a spare counter to try the next
     * pulse on when it carries an event.
     */
    long clocksUntilOutEdge(Counter scratch) {
        if (!eventPending()) {
            return steadyClocksUntilOutEdge();
        }
        scratch.copyFrom(this);
        scratch.clock();
        if (scratch.out != out) {
            return 1;
        }
        long rest = scratch.steadyClocksUntilOutEdge();
        return rest == Pit8254.NEVER ? Pit8254.NEVER : rest + 1;
    }

    private long steadyClocksUntilOutEdge() {
        switch (mode) {
            case 0:
            case 1:
                return countsSteadily() && !out ? effective(weight(ce)) : Pit8254.NEVER;
            case 2:
                if (!countsSteadily()) {
                    return Pit8254.NEVER;
                }
                if (ce == 1) {
                    if (!out) {
                        return 1;
                    }
                    long period = effective(weight(cr));
                    return period == 1 ? Pit8254.NEVER : period;
                }
                return effective(weight(ce)) - 1;
            case 3:
                return countsSteadily() ? clocksToHalfCycleEnd() : Pit8254.NEVER;
            default:
                if (!out) {
                    return 1;
                }
                return countsSteadily() && !strobed ? effective(weight(ce)) : Pit8254.NEVER;
        }
    }

    /**
     * Pulses OUT stays low after its next falling edge, where the mode fixes it and nothing is
     * pending that could change the trajectory first; 0 when only stepping would tell. Mode 2,
     * counting steadily: one ("When the initial count has decremented to 1, OUT goes low for one
     * CLK pulse"; the reload on the next pulse raises it).
     */
    long lowPulsesAfterFall() {
        return mode == 2 && !eventPending() && countsSteadily() ? 1 : 0;
    }

    /** Jump over {@code n} pulses with no load or trigger pending. */
    private void advanceSteadily(long n) {
        switch (mode) {
            case 0:
            case 1:
                if (countsSteadily()) {
                    long toZero = effective(weight(ce));
                    ce = decrement(ce, n);
                    if (!out && n >= toZero) {
                        setOut(true);
                    }
                }
                break;
            case 2:
                if (countsSteadily()) {
                    advanceMode2(n);
                }
                break;
            case 3:
                if (countsSteadily()) {
                    advanceMode3(n);
                }
                break;
            default:
                advanceStrobe(n);
                break;
        }
    }

    private void advanceMode2(long n) {
        int w = weight(ce);
        long toReload = w == 1 ? 1 : effective(w);
        if (n < toReload) {
            ce = decrement(ce, n);
            if (ce == 1) {
                setOut(false);
            }
            return;
        }
        // at toReload: CR -> CE and OUT high; it was low on the pulse before, unless CE was
        // already 1 with OUT high (GATE forced it high, or the illegal count 1)
        if (w != 1 || !out) {
            risingEdges++;
        }
        out = true;
        long period = effective(weight(cr));
        long since = n - toReload;
        nullCount = false;
        loadPending = false;
        counting = true;
        if (period == 1) {
            // a count of 1 is illegal in mode 2; CE reloads 1 on every pulse and never decrements to 1
            ce = cr;
            return;
        }
        long cycles = 0;
        long phase = since;
        if (since >= period) {
            // (the usual step ends at the reload itself: no division for it)
            cycles = since / period;
            phase = since % period;
        }
        // each whole period holds one low pulse (its last clock) and one rise (the reload after it)
        risingEdges += cycles;
        ce = decrement(cr, phase);
        out = phase != period - 1;
    }

    /** Mode 3: the length of a half-cycle begun by loading CR, OUT being {@code high} during it. */
    private long halfCycle(boolean high) {
        long p = effective(weight(cr));
        if ((p & 1) == 0) {
            return p / 2;
        }
        if (p == 1) {
            return 1; // count 1 is below mode 3's minimum of 2: a square wave of period 2 (documented choice)
        }
        return high ? (p + 1) / 2 : (p - 1) / 2;
    }

    /** Mode 3: pulses until the current half-cycle ends (OUT toggles and CR is loaded). */
    private long clocksToHalfCycleEnd() {
        int w = weight(ce);
        if (i8253) {
            if ((w & 1) != 0) {
                int first = out ? 1 : 3;
                return w <= first ? 1 : 1 + (w - first) / 2;
            }
            return effective(w) / 2;
        }
        if (oddCount) {
            if (ce == 0) {
                return 1;
            }
            return out ? w / 2 + 1 : w / 2;
        }
        return effective(w) / 2;
    }

    /** Mode 3: CE after {@code j} pulses of a half-cycle that began by loading CR with OUT {@code high}. */
    private int ceInHalfCycle(boolean high, long j) {
        if (!i8253) {
            return decrement(cr & ~1, 2 * j);
        }
        if (j == 0) {
            return cr;
        }
        int first = (cr & 1) == 0 ? 2 : (high ? 1 : 3);
        return decrement(cr, first + 2 * (j - 1));
    }

    private void advanceMode3(long n) {
        long toEnd = clocksToHalfCycleEnd();
        if (n < toEnd) {
            if (i8253 && (weight(ce) & 1) != 0) {
                ce = decrement(ce, (out ? 1 : 3) + 2 * (n - 1));
            } else {
                ce = decrement(ce, 2 * n);
            }
            return;
        }
        boolean first = !out;
        long firstLength = halfCycle(first);
        long secondLength = halfCycle(!first);
        long cycle = firstLength + secondLength;
        long since = n - toEnd;
        long cycles = since / cycle;
        long phase = since % cycle;
        long toggles = 1 + 2 * cycles;
        boolean level;
        long j;
        if (phase < firstLength) {
            level = first;
            j = phase;
        } else {
            level = !first;
            j = phase - firstLength;
            toggles++;
        }
        // toggles alternate, beginning with the one to `first`
        risingEdges += first ? (toggles + 1) / 2 : toggles / 2;
        out = level;
        oddCount = (cr & 1) != 0;
        nullCount = false;
        loadPending = false;
        counting = true;
        ce = ceInHalfCycle(level, j);
    }

    /** Modes 4 and 5: count down, strobe once when the count expires. */
    private void advanceStrobe(long n) {
        if (!out) {
            setOut(true);
        }
        if (!countsSteadily()) {
            return;
        }
        long toZero = effective(weight(ce));
        ce = decrement(ce, n);
        if (!strobed && n >= toZero) {
            strobed = true;
            if (n == toZero) {
                out = false;
            } else {
                risingEdges++; // low for the pulse at toZero, high again on the next
            }
        }
    }
}
