package irq0.pit;

import irq0.bus.Line;

/**
 * Intel 8254 (82C54) programmable interval timer, with the 8253 as a variant. Addresses are
 * A1A0: 0-2 the counters, 3 the control word register (82C54 datasheet, Figure 14 "Read/Write
 * Operations Summary").
 *
 * <h2>Timing</h2>
 * A CLK pulse is "a rising edge, then a falling edge, in that order" ("Mode Definitions"). GATE
 * is sampled on the rising edge, loading, counting and OUT changes happen on the falling edge
 * ("Operation Common to All Modes"). {@link #setGate} between pulses is seen at the next rising
 * edge; its immediate effects (modes 2 and 3: GATE low forces OUT high) happen at once.
 * {@link #advance} jumps any number of pulses in O(1) per counter, or O(1) per OUT edge of a
 * counter whose OUT is {@linkplain #connectOut connected}, reporting each edge at its exact
 * pulse, the chip consistent at that pulse when the line is told.
 *
 * <h2>Modes</h2>
 * Waveforms below: one character per CLK pulse, the count in CE after the pulse's falling edge,
 * W the pulse after the count (or its last byte) is written, T a trigger (GATE rising edge)
 * sampled at the pulse, N the count. "-" OUT high, "_" OUT low.
 * <pre>
 * Mode 0, interrupt on terminal count (N = 3), GATE level: low stops counting, OUT unaffected.
 *   CW  W   pulse:  1   2   3   4   5
 *   CE:  ?  ?       3   2   1   0   FFFF ...     (count loaded on the first pulse, no decrement)
 *   OUT: ___________________/------------        high N+1 pulses after the write, until a new
 *                                                count (OUT low at its first byte) or mode 0 CW
 *
 * Mode 1, hardware retriggerable one-shot (N = 3), GATE rising edge only.
 *   CW W  T  pulse: 1   2   3   4
 *   CE:             3   2   1   0   FFFF ...
 *   OUT: ----------\____________/--------        low N pulses from the pulse after the trigger;
 *                                                a retrigger reloads CE, a new count waits for one
 *
 * Mode 2, rate generator (N = 4), GATE level (low stops, forces OUT high) and edge (reload).
 *   pulse:  1   2   3   4   5   6   7   8   9
 *   CE:     4   3   2   1   4   3   2   1   4
 *   OUT:   -----------\___/-----------\___/--    low for the one pulse where CE is 1; period N;
 *                                                a new count is used from the next reload
 *
 * Mode 3, square wave (N = 5, 82C54: N-1 loaded, by two; one more pulse high than low).
 *   pulse:  1   2   3   4   5   6   7   8   9   10
 *   CE:     4   2   0   4   2   4   2   0   4   2
 *   OUT:   -----------\_______/-----------\_______/
 *   8253 (N = 5: loaded as is, -1 then -2 high, -3 then -2 low):
 *   CE:     5   4   2   5   2   5   4   2   5   2
 *   Even N: N/2 pulses high, N/2 low, CE N, N-2, ... 2. A new count is used from the next
 *   half-cycle; GATE as in mode 2.
 *
 * Mode 4, software triggered strobe (N = 3), GATE level: low stops counting.
 *   W   pulse:  1   2   3   4   5
 *   CE:         3   2   1   0   FFFF
 *   OUT: ------------------\___/------           one low pulse N+1 pulses after the write
 *
 * Mode 5, hardware triggered strobe (N = 3), GATE rising edge only.
 *   T   pulse:  1   2   3   4   5
 *   CE:         3   2   1   0   FFFF
 *   OUT: ------------------\___/------           one low pulse N+1 pulses after the trigger
 * </pre>
 *
 * <h2>Choices where the datasheets are silent</h2>
 * <ul>
 * <li>Power-on: every counter as after control word "LSB then MSB, mode 0, binary" with CE = 0,
 * OUT low ("Prior to initialization, the mode, count, and output of all Counters is undefined").</li>
 * <li>Illegal counts: 1 in mode 2 reloads on every pulse and never drops OUT; 1 in mode 3 gives
 * a square wave of period 2 (one pulse high, one low) on both parts.</li>
 * <li>A trigger before any count is written after the control word is ignored in modes 1, 2, 3,
 * 5 (the counter is not "armed"); a control word clears the trigger flip-flop ("all Control
 * Logic is immediately reset").</li>
 * <li>A BCD digit above 9 counts down through 9 like the other digits (a chain of decades).</li>
 * <li>Mode 4 and 5 strobe once per load or trigger; CE wraps on without strobing again.</li>
 * <li>8253: a byte written to the control word register with SC1 SC0 = 11 ("Illegal" in the 8253
 * datasheet's control word format) is ignored and changes nothing.</li>
 * <li>A read of address 3 answers 0xFF: the datasheet lists it as "No-Operation (3-State)", and a
 * floating data bus reads as all ones on the PC.</li>
 * </ul>
 */
public final class Pit8254 {
    /** Which part: the 8253 has no read-back command and no status byte. */
    public enum Variant { I8253, I8254 }

    /** {@link #clocksUntilOutEdge} when OUT will not change without outside help. */
    public static final long NEVER = Long.MAX_VALUE;

    private final Variant variant;
    private final Counter[] counters = new Counter[3];
    /** counters[0], whose OUT0 is the PC's IRQ0: the timer interrupt's path reaches it without the array. */
    private final Counter counter0;
    private final Counter scratch;
    /** Bit n set: OUTn has a line other than {@link Line#NONE}. */
    private int connected;
    /**
     * The pulse of the next edge of a connected OUT as {@link #advance} last found it ({@link #NEVER}
     * if none is due), or 0 when a write, a GATE change or a new line may have moved it: a step of
     * time that ends before it cannot reach an edge anyone listens to.
     */
    private long nextStop;
    /** CLK pulses since power-on: the time a line is told of an edge at is the pulse of that edge. */
    private long clocks;

    public Pit8254(Variant variant) {
        if (variant == null) {
            throw new IllegalArgumentException("variant must not be null");
        }
        this.variant = variant;
        boolean i8253 = variant == Variant.I8253;
        for (int c = 0; c < 3; c++) {
            counters[c] = new Counter(i8253);
            counters[c].reported = counters[c].out;
        }
        counter0 = counters[0];
        scratch = new Counter(i8253);
    }

    public Variant variant() {
        return variant;
    }

    /**
     * CPU read of address A1A0 (0-3). A latched status or count is read from its latch, so the
     * counter catches up only for a read of CE as it is now (timer_interrupt reads only what it
     * latched). A read changes no OUT, and catching up crosses no edge its line has not heard of
     * (time stops at each edge of a connected OUT, {@link #advance}): there is nothing to report.
     */
    public int read(int address) {
        int a = address & 3;
        if (a == 3) {
            return 0xFF;
        }
        Counter counter = counter(a);
        if (!counter.readsLatch()) {
            sync(counter);
        }
        return counter.read();
    }

    /**
     * CPU write of address A1A0 (0-3). The Counter Latch Command (a control word with RW1 RW0 =
     * 00), which Linux's timer_interrupt sends on every tick, is taken here; every other write (a
     * count, a mode, Read-Back), made at boot, in {@link #writeRegister}, so that this method
     * compiles small enough for the JIT to inline at each port access (DEVELOPERS.md).
     */
    public void write(int address, int value) {
        int a = address & 3;
        int v = value & 0xFF;
        if (a == 3 && (v & 0x30) == 0 && v < 0xC0) {
            latch(counter(v >> 6));
            return;
        }
        writeRegister(a, v);
    }

    /**
     * Counter Latch Command: OL takes CE as it is now. Between two edges of mode 2 that is the
     * synced count less the pulses since ({@link Counter#latchCountAt}), with no catch-up, so the
     * catch-up's code stays out of every compile of a port write; elsewhere the counter catches up.
     */
    private void latch(Counter counter) {
        if (!counter.latchCountAt(clocks)) {
            sync(counter);
            counter.latchCount();
        }
    }

    /** A write other than the Counter Latch Command: a count byte, or a control word. */
    private void writeRegister(int a, int v) {
        if (a != 3) {
            Counter counter = catchUp(a);
            counter.writeCount(v);
            trajectoryChanged(counter);
            report(a);
            return;
        }
        int sc = v >> 6;
        if (sc == 3) {
            if (variant == Variant.I8254) {
                readBack(v);
            }
            return;
        }
        Counter counter = catchUp(sc);
        counter.programme(v);
        trajectoryChanged(counter);
        report(sc);
    }

    /**
     * Read-Back Command (82C54 only): D5 = 0 latches the count, D4 = 0 the status, of each counter
     * whose bit D1 (counter 0), D2 (1), D3 (2) is set; "functionally equivalent to several counter
     * latch commands". D0 is reserved ("must be 0") and ignored.
     */
    private void readBack(int v) {
        boolean count = (v & 0x20) == 0;
        boolean status = (v & 0x10) == 0;
        for (int c = 0; c < 3; c++) {
            if ((v & (2 << c)) != 0) {
                Counter counter = catchUp(c);
                if (count) {
                    counter.latchCount();
                }
                if (status) {
                    counter.latchStatus();
                }
            }
        }
    }

    /** Drives GATE of counter {@code counter}; sampled at the next rising CLK edge. */
    public void setGate(int counter, boolean level) {
        Counter k = catchUp(checkCounter(counter));
        k.setGate(level);
        trajectoryChanged(k);
        report(counter);
    }

    /** A count or control word was written, or GATE driven: the counter's next OUT edge may have moved. */
    private void trajectoryChanged(Counter counter) {
        counter.edgeKnown = false;
        nextStop = 0;
    }

    public boolean gate(int counter) {
        return catchUp(checkCounter(counter)).gate;
    }

    /** The level of OUT of counter {@code counter}. */
    public boolean out(int counter) {
        return catchUp(checkCounter(counter)).out;
    }

    /** Rising edges of OUT of {@code counter} since construction (the board's refresh toggle counts them). */
    public long outRisingEdges(int counter) {
        return catchUp(checkCounter(counter)).risingEdges;
    }

    /** Wires OUT of {@code counter}; told of every change of level, in order. */
    public void connectOut(int counter, Line line) {
        int c = checkCounter(counter);
        Counter k = catchUp(c);
        Line l = line == null ? Line.NONE : line;
        k.line = l;
        k.reported = k.out;
        nextStop = 0;
        if (l == Line.NONE) {
            connected &= ~(1 << c);
        } else {
            connected |= 1 << c;
        }
    }

    /** {@code clocks} CLK periods (rising then falling edge each), exactly as stepping one at a time. */
    public void advance(long clocks) {
        // a step that ends before the next edge of a connected OUT (the CPU's few clocks around
        // an interrupt) has nothing to tell any line: only the clock moves, the counters catch up
        // when next looked at; small, so that it inlines where the board lets time pass
        if (clocks >= 0 && clocks < nextStop - this.clocks) {
            this.clocks += clocks;
            return;
        }
        advanceThroughEdges(clocks);
    }

    /**
     * {@link #advance} for a step that usually reaches the next edge of a connected OUT (a CPU
     * halted until its next interrupt request): the same pulses and reports, without the test for
     * a step that ends before it. An entry point of its own, so that the JIT compiles
     * {@link #advance} with that test and its addition only (the CPU's steps around an interrupt
     * never reach an edge), small enough to inline where the CPU lets time pass, while this stays
     * one call per wake-up (DEVELOPERS.md, the hot path).
     */
    public void advanceThroughEdges(long clocks) {
        if (clocks < 0) {
            throw new IllegalArgumentException("clocks must be >= 0: " + clocks);
        }
        long remaining = clocks;
        long step;
        while (true) {
            // the next edge of a connected OUT: time stops exactly there so that its line is told
            // at its pulse
            int c = connected;
            if (c == 1) {
                // the PC's case: OUT0 alone is wired (to IRQ0)
                step = untilEdge(counter0);
                if (step > remaining) {
                    break;
                }
                remaining -= step;
                this.clocks += step;
                sync(counter0);
                reportOut0();
                continue;
            }
            step = NEVER;
            for (int w = c; w != 0; w &= w - 1) {
                step = Math.min(step, untilEdge(counters[Integer.numberOfTrailingZeros(w)]));
            }
            if (step > remaining) {
                break;
            }
            remaining -= step;
            this.clocks += step;
            // every connected counter reaches the pulse before any line hears of it, so that a
            // line reading the chip (or the board's clock) sees the whole chip at that pulse (the
            // others catch up when asked)
            for (int w = c; w != 0; w &= w - 1) {
                sync(counters[Integer.numberOfTrailingZeros(w)]);
            }
            if ((c & 1) != 0) {
                reportOut0();
            }
            if ((c & 2) != 0) {
                report(1);
            }
            if ((c & 4) != 0) {
                report(2);
            }
        }
        nextStop = step == NEVER ? NEVER : this.clocks + step;
        this.clocks += remaining;
    }

    /**
     * Gives counter {@code c} the pulses since it was last told of time ({@link Counter#syncedAt}),
     * in one jump, before anything looks at it or changes its inputs. Between two OUT edges a
     * counter has nothing to tell anyone, so {@link #advance} only moves {@link #clocks}, and a
     * counter catches up when the CPU writes it or reads its live count (not a latch), its GATE
     * changes, a line is connected, anyone asks its state, or (OUT connected) its next OUT edge
     * comes: exactly as if it had been pulsed all along, since nothing outside it changed
     * meanwhile. On the PC the steps between counter 0's edges (the CPU's clocks around an
     * interrupt) are then one addition, and counters 1 (the refresh rate generator, mode 2 with a
     * count of 18 after the POST) and 2 (the speaker, GATE2 low) are pulsed only when looked at.
     * Returns the counter.
     */
    private Counter catchUp(int c) {
        Counter counter = counter(c);
        sync(counter);
        return counter;
    }

    /** Counter {@code c}, counter 0 through its field: the timer interrupt's path skips the array. */
    private Counter counter(int c) {
        return c == 0 ? counter0 : counters[c];
    }

    private void sync(Counter counter) {
        if (counter.syncedAt != clocks) {
            syncNow(counter); // out of line: the test stays small enough to inline everywhere
        }
    }

    private void syncNow(Counter counter) {
        long owed = clocks - counter.syncedAt;
        counter.syncedAt = clocks;
        if (!counter.dormant()) {
            // a dormant counter is left alone: no pulse can change it
            counter.advanceQuietly(owed);
        }
    }

    /**
     * CLK pulses since power-on. While a line is being told of an OUT edge this is already the
     * pulse of that edge, so a board can use it as its clock.
     */
    public long clocks() {
        return clocks;
    }

    /**
     * The smallest n &gt;= 1 such that OUT of {@code counter} changes during the n-th of the next
     * CLK periods, with GATE inputs held as they are; {@link #NEVER} if it will not.
     */
    public long clocksUntilOutEdge(int counter) {
        int c = checkCounter(counter);
        return untilEdge(counter(c));
    }

    /**
     * Pulses until OUT of {@code counter} next rises, as far as the closed forms tell without
     * stepping: OUT's next edge when OUT is low now; when it is high, that falling edge plus the
     * low time after it where the mode fixes it (mode 2 counting steadily: "OUT goes low for one
     * CLK pulse", then the reload raises it), otherwise the falling edge itself. So the answer is
     * never past the next rise, and a caller waiting for the rise asks again after a fall;
     * {@link #NEVER} if OUT will not change. A step of that length still stops at the fall on the
     * way and tells the line at its pulse.
     */
    public long clocksUntilOutRises(int counter) {
        int c = checkCounter(counter);
        Counter k = counter(c);
        long e = untilEdge(k);
        if (e == NEVER) {
            return NEVER;
        }
        // a connected counter's OUT is what its line was last told (no edge passes between
        // stops); another is caught up to know it
        boolean high = (connected & (1 << c)) != 0 ? k.reported : catchUp(c).out;
        return high ? e + k.lowPulsesAfterFall() : e;
    }

    /** The minimum of {@link #clocksUntilOutEdge} over the three counters. */
    public long clocksUntilNextOutEdge() {
        long next = NEVER;
        for (int c = 0; c < 3; c++) {
            next = Math.min(next, untilEdge(counters[c]));
        }
        return next;
    }

    /**
     * Without a CPU write or a GATE change a counter follows one fixed trajectory, so the pulse of
     * its next OUT edge ({@link Counter#edgeAt}) stays what it was however time is cut up on the
     * way, until that pulse comes; a count or control word written, or GATE driven, forgets it
     * ({@link #trajectoryChanged}). Reads and latch commands do not touch what OUT will do.
     */
    private long untilEdge(Counter counter) {
        long at = counter.edgeAt;
        if (counter.edgeKnown && at > clocks) {
            return at == NEVER ? NEVER : at - clocks;
        }
        return untilEdgeNow(counter);
    }

    /** The next edge computed afresh from the counter's state now (the closed forms). */
    private long untilEdgeNow(Counter counter) {
        sync(counter);
        long e = counter.clocksUntilOutEdge(scratch);
        counter.edgeAt = e == NEVER ? NEVER : clocks + e;
        counter.edgeKnown = true;
        return e;
    }

    /** Tells counter c's line of a change of OUT since it was last told. */
    private void report(int c) {
        if (c == 0) {
            reportOut0();
            return;
        }
        Counter counter = counters[c];
        boolean level = counter.out;
        if (level != counter.reported) {
            counter.reported = level;
            counter.line.set(level);
        }
    }

    /**
     * {@link #report} for OUT0, with a call site of its own: on a PC OUT0's line is only ever the
     * board's IRQ0 wiring, so the site stays monomorphic (inlined) in a JVM that also wired OUT1
     * and OUT2 to a waveform, and the method stays small.
     */
    private void reportOut0() {
        Counter counter = counter0;
        boolean level = counter.out;
        if (level != counter.reported) {
            counter.reported = level;
            counter.line.set(level);
        }
    }

    private static int checkCounter(int counter) {
        if (counter < 0 || counter > 2) {
            throw new IllegalArgumentException("counter must be 0, 1 or 2: " + counter);
        }
        return counter;
    }
}
