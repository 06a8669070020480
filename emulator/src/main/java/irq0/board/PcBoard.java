package irq0.board;

import irq0.bus.Line;
import irq0.pic.Pic8259;
import irq0.pit.Pit8254;
import irq0.time.VirtualTime;
import irq0.trace.Pins;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;

/**
 * The IBM PC/AT's timer-interrupt wiring, and the one place where parts are connected:
 * <ul>
 * <li>8254 at 0x40-0x43, CLK of all three counters from the 1.193182 MHz clock; GATE0 and GATE1
 * tied high; OUT0 drives IRQ0 (master IR0); OUT1 is the DRAM refresh request, whose rising edges
 * toggle port 0x61 bit 4; GATE2 is port 0x61 bit 0 and OUT2 reads back as port 0x61 bit 5.</li>
 * <li>8259A master at 0x20/0x21, slave at 0xA0/0xA1 with its INT on master IR2; the master's
 * INT goes to the CPU.</li>
 * <li>Port 0x80: POST codes, kept for the trace; port 0xE9: the debug console (Bochs/QEMU's
 * "port E9 hack"); port 0xF4: QEMU's isa-debug-exit (writing V ends the run with exit code
 * (V&lt;&lt;1)|1).</li>
 * </ul>
 * Time is counted in PIT clocks ({@link VirtualTime}). {@link #advance} moves the PIT forward,
 * splitting the jump at OUT edges that something listens to so that every edge is reported at its
 * exact clock. Nothing here allocates after construction.
 */
public final class PcBoard {
    public static final int PORT_PIT = 0x40;
    public static final int PORT_MASTER = 0x20;
    public static final int PORT_SLAVE = 0xA0;
    public static final int PORT_SYSTEM_CONTROL_B = 0x61;
    public static final int PORT_POST = 0x80;
    public static final int PORT_DEBUG_CONSOLE = 0xE9;
    public static final int PORT_DEBUG_EXIT = 0xF4;

    /** The master IR line the slave's INT is wired to (IBM PC/AT). */
    public static final int CASCADE_IR = 2;

    /** Receives the bytes the guest writes to the debug console port. */
    @FunctionalInterface
    public interface Console {
        Console NONE = b -> { };

        void write(int b);
    }

    private final Pit8254 pit;
    private final Pic8259 master = new Pic8259();
    private final Pic8259 slave = new Pic8259();
    private final Trace trace;
    /**
     * False when the trace is {@link Trace#NONE}: the hot path then skips building its events
     * (each would be an interface call, with the time and arguments computed for nothing).
     */
    private final boolean tracing;
    private Console console = Console.NONE;

    /** Levels of IRQ0-15 as the PIC pair's inputs see them (bit n = IRQn), for waveforms. */
    private int irqLevels;
    private int port61;
    private int lastPost = -1;
    /** IRR | ISR << 8 | IMR << 16 of each PIC as last traced; -1 before the first report. */
    private int lastMasterState = -1;
    private int lastSlaveState = -1;
    private long postCount;
    private boolean exitRequested;
    private int exitCode;
    private long unmappedReads;
    private long unmappedWrites;

    public PcBoard(Trace trace) {
        this(Pit8254.Variant.I8254, trace);
    }

    public PcBoard(Pit8254.Variant variant, Trace trace) {
        this.pit = new Pit8254(variant);
        this.trace = trace == null ? Trace.NONE : trace;
        this.tracing = this.trace != Trace.NONE;
        master.attachSlave(CASCADE_IR, slave);
        slave.connectInt(level -> {
            irqLine(CASCADE_IR, level);
            master.setIrq(CASCADE_IR, level);
        });
        // the CPU asks for INT when it can take an interrupt (interruptRequested): only a waveform listens to its edges
        master.connectInt(level -> pin(Pins.INT, level));
        pit.connectOut(0, level -> {
            pin(Pins.OUT0, level);
            irqLine(0, level);
            master.setIrq(0, level);
            irqSettled();
        });
        // OUT1 and OUT2 are wired to lines only while a waveform watches them (watchAllOuts):
        // the refresh flip-flop is computed from OUT1's edge count, so the AT's 66 kHz refresh
        // does not cut every jump of virtual time into 15 us pieces.
        // Every GATE starts high (FORMAT.md, "State at the start"), so 0x61 starts with bit 0 set
        // and the speaker data bit clear; firmware then programs it as a PC BIOS does.
        port61 = 0x01;
        master.setDiagnosticListener(code -> this.trace.record(now(), TraceEvent.DIAGNOSTIC, code, 0));
        slave.setDiagnosticListener(code -> this.trace.record(now(), TraceEvent.DIAGNOSTIC, code, 1));
    }

    private void pin(int pin, boolean level) {
        if (tracing) {
            trace.record(now(), TraceEvent.PIN, pin, level ? 1 : 0);
        }
    }

    private void irqLine(int irq, boolean level) {
        irqLevels = level ? irqLevels | (1 << irq) : irqLevels & ~(1 << irq);
        pin(Pins.IRQ0 + irq, level);
    }

    /** After an IRQ line's level reached the PIC (IRR follows an edge). */
    private void irqSettled() {
        if (tracing) {
            tracePics();
        }
    }

    /**
     * Reports the present level of every wire to the trace, so that a waveform started now begins
     * with known values rather than {@code x}.
     */
    public void reportPins() {
        pin(Pins.OUT0, pit.out(0));
        pin(Pins.OUT1, pit.out(1));
        pin(Pins.OUT2, pit.out(2));
        pin(Pins.GATE2, (port61 & 1) != 0);
        for (int irq = 0; irq < 16; irq++) {
            pin(Pins.IRQ0 + irq, (irqLevels & (1 << irq)) != 0);
        }
        pin(Pins.INT, master.intOut());
        pin(Pins.INTA, false);
    }

    // ---- port 0x61, "system control port B" of the PC/AT ----

    /**
     * Bits as an AT reads them: 0 GATE2 and 1 speaker data (as written), 2 and 3 the parity- and
     * channel-check enables (as written), 4 the refresh flip-flop, 5 OUT2, 6 and 7 the channel-check
     * and parity-error flags, which no part here raises (0).
     */
    private int readSystemControlB() {
        // PC/AT: each refresh request (OUT1 rising) toggles the flip-flop read as bit 4.
        boolean refreshToggle = (pit.outRisingEdges(1) & 1) != 0;
        return (port61 & 0x0F) | (refreshToggle ? 0x10 : 0) | (pit.out(2) ? 0x20 : 0);
    }

    private void writeSystemControlB(int value) {
        int old = port61;
        port61 = value & 0x0F; // bits 4-7 are read-only status on the AT
        if (((old ^ port61) & 1) != 0) {
            boolean gate2 = (port61 & 1) != 0;
            pin(Pins.GATE2, gate2);
            pit.setGate(2, gate2);
        }
    }

    // ---- the CPU's side ----

    /**
     * The address decoding of the AT's ports this board has: one switch, where a bus of devices
     * behind an interface would make every access a call seeing seven receivers (megamorphic,
     * not inlined) on the interrupt path. Returns the byte read, or -1 when no device answers
     * the port. The timer interrupt's ports (8254, 8259A) are decoded here and the others in
     * {@link #decodeOtherIn}: C2 counts the whole of a method it inlines against the budget of
     * the compile it goes into (DesiredMethodLimit), not the one case a constant port leaves of
     * it, and the interrupt's compile inlines this decoder at each of its accesses (DEVELOPERS.md).
     */
    private int decodeIn(int port) {
        switch (port) {
            case PORT_PIT:
            case PORT_PIT + 1:
            case PORT_PIT + 2:
            case PORT_PIT + 3:
                return pit.read(port & 3);
            case PORT_MASTER:
            case PORT_MASTER + 1:
            case PORT_SLAVE:
            case PORT_SLAVE + 1:
                return pic(port).read(port & 1);
            default:
                return decodeOtherIn(port);
        }
    }

    /** {@link #decodeIn} of the ports no interrupt handler reads. */
    private int decodeOtherIn(int port) {
        switch (port) {
            case PORT_SYSTEM_CONTROL_B:
                return readSystemControlB();
            case PORT_POST:
                return lastPost & 0xFF;
            case PORT_DEBUG_CONSOLE:
                return 0xE9; // Bochs and QEMU answer 0xE9 so that a guest can detect the port
            case PORT_DEBUG_EXIT:
                return 0xFF;
            default:
                return -1;
        }
    }

    /**
     * The 8259A that decodes {@code port} (0x20/0x21 or 0xA0/0xA1: A7 tells them apart on the AT):
     * one call site for both chips, so that the decoder holds one copy of the chip's port logic.
     */
    private Pic8259 pic(int port) {
        return (port & 0x80) == 0 ? master : slave;
    }

    /**
     * Writes byte {@code value} to {@code port}; false when no device decodes the port. As in
     * {@link #decodeIn}, the ports of the timer interrupt's handler here (8254, 8259A, and 80h,
     * which outb_p writes to pause), the others in {@link #decodeOtherOut}.
     */
    private boolean decodeOut(int port, int value) {
        switch (port) {
            case PORT_PIT:
            case PORT_PIT + 1:
            case PORT_PIT + 2:
            case PORT_PIT + 3:
                pit.write(port & 3, value);
                return true;
            case PORT_MASTER:
            case PORT_MASTER + 1:
            case PORT_SLAVE:
            case PORT_SLAVE + 1:
                pic(port).write(port & 1, value);
                return true;
            case PORT_POST:
                lastPost = value;
                postCount++;
                if (tracing) {
                    trace.record(now(), TraceEvent.POST, value, 0);
                }
                return true;
            default:
                return decodeOtherOut(port, value);
        }
    }

    /** {@link #decodeOut} of the ports no interrupt handler writes. */
    private boolean decodeOtherOut(int port, int value) {
        switch (port) {
            case PORT_SYSTEM_CONTROL_B:
                writeSystemControlB(value);
                return true;
            case PORT_DEBUG_CONSOLE:
                console.write(value);
                return true;
            case PORT_DEBUG_EXIT:
                if (!exitRequested) {
                    exitRequested = true;
                    exitCode = (value << 1) | 1;
                }
                return true;
            default:
                return false;
        }
    }

    /** True when a device on the board decodes {@code port}. */
    private static boolean decoded(int port) {
        switch (port) {
            case PORT_PIT:
            case PORT_PIT + 1:
            case PORT_PIT + 2:
            case PORT_PIT + 3:
            case PORT_MASTER:
            case PORT_MASTER + 1:
            case PORT_SLAVE:
            case PORT_SLAVE + 1:
            case PORT_SYSTEM_CONTROL_B:
            case PORT_POST:
            case PORT_DEBUG_CONSOLE:
            case PORT_DEBUG_EXIT:
                return true;
            default:
                return false;
        }
    }

    /** A CPU read of I/O port {@code port}: an unmapped port reads 0xFF (the PC's floating bus) and is counted. */
    public int in(int port) {
        port &= 0xFFFF;
        // one call of the decoder whether tracing or not: a JVM that has run both (a traced run,
        // then an untraced one) compiles the devices into the kernel's inb once, not twice
        int value = decodeIn(port);
        boolean mapped = value >= 0;
        if (!mapped) {
            unmappedReads++;
            value = 0xFF;
        }
        if (tracing) {
            trace.record(now(), mapped ? TraceEvent.PORT_IN : TraceEvent.UNMAPPED_IN, port, value);
        }
        return value;
    }

    /** A CPU write of byte {@code value} to I/O port {@code port}: an unmapped port ignores it and is counted. */
    public void out(int port, int value) {
        port &= 0xFFFF;
        value &= 0xFF;
        if (tracing) {
            // the trace shows the write before what it causes (pin changes)
            traceOut(port, value);
        }
        if (!decodeOut(port, value)) { // one call site, as in in()
            unmappedWrites++;
        }
        if (tracing && (port & 0xFF7E) == 0x20) {
            tracePics(); // 0x20, 0x21, 0xA0, 0xA1: a PIC's registers may have changed
        }
    }

    /**
     * The record of a write, out of line: {@link #out} is inlined at each of the interrupt's port
     * writes, and C2 counts its whole bytecode there, traced or not (see {@link #decodeIn}).
     */
    private void traceOut(int port, int value) {
        trace.record(now(), decoded(port) ? TraceEvent.PORT_OUT : TraceEvent.UNMAPPED_OUT, port, value);
    }

    /**
     * Reports IRR, ISR and IMR of a PIC whose registers changed since the last report
     * ({@link TraceEvent#PIC_STATE}), for a timeline's counters. Only while tracing.
     */
    private void tracePics() {
        int m = master.irr() | master.isr() << 8 | master.imr() << 16;
        if (m != lastMasterState) {
            lastMasterState = m;
            trace.record(now(), TraceEvent.PIC_STATE, 0, m);
        }
        int sl = slave.irr() | slave.isr() << 8 | slave.imr() << 16;
        if (sl != lastSlaveState) {
            lastSlaveState = sl;
            trace.record(now(), TraceEvent.PIC_STATE, 1, sl);
        }
    }

    /** The master's INT output, as the CPU sees it. */
    public boolean interruptRequested() {
        return master.intOut();
    }

    /** One interrupt-acknowledge cycle (both INTA pulses, cascade included): the vector. */
    public int acknowledge() {
        pin(Pins.INTA, true);
        int vector = master.interruptAcknowledge();
        pin(Pins.INTA, false);
        if (tracing) {
            // an ISR comparison would call every AEOI acknowledge spurious: ask the chip
            trace.record(now(), TraceEvent.INTA, vector, master.lastAcknowledgeSpurious() ? 1 : 0);
            tracePics();
        }
        return vector;
    }

    /**
     * Drives IRQ line {@code irq} (0-15) from a device on the board. Line 0 belongs to the PIT
     * and line 2 to the cascade: driving them is refused.
     */
    public void setIrq(int irq, boolean level) {
        if (irq < 0 || irq > 15 || irq == 0 || irq == CASCADE_IR) {
            throw new IllegalArgumentException("IRQ" + irq + " is not a free request line on a PC/AT (0 is OUT0, 2 the cascade)");
        }
        irqLine(irq, level);
        if (irq < 8) {
            master.setIrq(irq, level);
        } else {
            slave.setIrq(irq - 8, level);
        }
        irqSettled();
    }

    // ---- time ----

    /** Virtual time: PIT clocks since power-on, which is the PIT's own count of CLK pulses. */
    public long now() {
        return pit.clocks();
    }

    /** Wires OUT1 and OUT2 to pins (for waveforms), so that each of their edges is recorded at its clock; OUT0 always is. */
    public void watchAllOuts(boolean all) {
        pit.connectOut(1, all ? out1Line : Line.NONE);
        pit.connectOut(2, all ? out2Line : Line.NONE);
    }

    private final Line out1Line = level -> watchedPin(Pins.OUT1, level);
    private final Line out2Line = level -> watchedPin(Pins.OUT2, level);

    /**
     * {@link #pin} for OUT1 and OUT2, with a record call of its own. OUT1 is the refresh request,
     * an edge every 9 PIT clocks: through {@link #pin}, a waveform's boot alone made pin's record
     * look hot to the JIT, which then compiled the recorder in behind every pin of the interrupt's
     * path (INT, IRQ0, OUT0, INTA) in a JVM whose later runs are untraced (DEVELOPERS.md).
     */
    private void watchedPin(int pin, boolean level) {
        if (tracing) {
            trace.record(now(), TraceEvent.PIN, pin, level ? 1 : 0);
        }
    }

    /**
     * PIT clocks until the next event that can change what the CPU does: OUT0's next edge (IR0),
     * {@link Pit8254#NEVER} if none is due. OUT1's and OUT2's edges are no such event even while a
     * waveform watches them: on the AT they reach the CPU only through port 61h, whose read catches
     * the board up first, and {@link #advance} reports each watched edge at its own clock inside a
     * jump. Were they events, a waveform would cut every run of the CPU at the 66 kHz refresh
     * (every 9 PIT clocks), and Unicorn would translate straight-line code again from each new
     * start (DEVELOPERS.md, runaway guests).
     */
    public long clocksUntilNextEvent() {
        return pit.clocksUntilOutEdge(0);
    }

    /**
     * PIT clocks until the next event that can raise an interrupt request, for a CPU halted until
     * one comes: OUT0's next rising edge (IRQ0), or an earlier OUT0 edge where the PIT cannot tell
     * without stepping; {@link Pit8254#NEVER} if none is due. OUT0's falling edge on the way only
     * re-arms the 8259A's edge-sense latch (8259A data sheet, Figure 9): {@link #advance} still
     * reports it, at its own clock, inside the jump.
     */
    public long clocksUntilNextRequest() {
        return pit.clocksUntilOutRises(0);
    }

    /**
     * Moves virtual time forward {@code clocks} PIT clocks, reporting each watched edge at its
     * clock: the PIT stops at every edge of a connected OUT, and the board connects exactly the
     * watched ones, so one jump of the PIT is the whole of it.
     */
    public void advance(long clocks) {
        pit.advance(clocks); // which refuses a negative count
    }

    /**
     * {@link #advance} while the CPU is halted until the next request ({@link #clocksUntilNextRequest}
     * or a limit before it): the same result, through {@link Pit8254#advanceThroughEdges}, so that
     * the CPU's short steps between edges ({@link #advance}) compile without the edge-stopping loop.
     */
    public void advanceHalted(long clocks) {
        pit.advanceThroughEdges(clocks);
    }

    // ---- the parts, for tests and the conformance runner ----

    public Pit8254 pit() {
        return pit;
    }

    public Pic8259 master() {
        return master;
    }

    public Pic8259 slave() {
        return slave;
    }

    public void setConsole(Console console) {
        this.console = console == null ? Console.NONE : console;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /** The exit code a write to port 0xF4 asked for: (V &lt;&lt; 1) | 1. */
    public int exitCode() {
        return exitCode;
    }

    public int lastPostCode() {
        return lastPost;
    }

    public long postCodeCount() {
        return postCount;
    }

    public long unmappedReads() {
        return unmappedReads;
    }

    public long unmappedWrites() {
        return unmappedWrites;
    }
}
