package irq0.pic;

import irq0.bus.Line;

import java.util.function.IntConsumer;

/**
 * Intel 8259A Programmable Interrupt Controller, as the 8259A data sheet (Intel 231468) describes
 * it, in the 8086/8088 mode a PC uses. The address input is A0 (0 or 1).
 *
 * <p>State is the data sheet's: the Interrupt Request Register ({@link #irr}), the In-Service
 * Register ({@link #isr}), the Interrupt Mask Register ({@link #imr}), the priority resolver's
 * bottom level, the ICWs and the OCW3 modes. The chip has no clock: every port access, request
 * line change or INTA cycle acts at once and the INT output is re-evaluated after it, the
 * connected {@link Line} being told only when INT changes level.
 *
 * <h2>Request latching (Figure 9, "Priority Cell")</h2>
 * The IRR latch follows its request input until the INTA sequence freezes it. In edge-triggered
 * mode (ICW1 LTIM=0) that input is the IR line gated by the edge-sense latch, which a low IR
 * level arms and which an acknowledge of the level (or ICW1) resets: a request is a low-to-high
 * transition, a line held high after its acknowledge makes no second request, and a request that
 * goes away before INTA is gone from the IRR ("the request on the IR input must remain until
 * after the falling edge of the first INTA pulse"). In level-triggered mode (LTIM=1) the IRR bit
 * is the line's level.
 *
 * <h2>Interrupt sequence (8086 mode)</h2>
 * {@link #interruptAcknowledge} is both INTA pulses: the highest-priority unmasked request that
 * the in-service levels do not block gets its IS bit set and its IRR bit reset, and the vector is
 * ICW2's T7-T3 with the level in the three low bits. With no such request the chip answers as
 * for IR7 and sets no IS bit (the data sheet's default IR7). A master that picks a level whose
 * ICW3 bit is set puts that level on CAS0-2 and the slave with that ID supplies the vector;
 * the master's IS bit is set whatever the slave answers, so a slave with nothing left to serve
 * (default IR7 of the slave: IRQ15 on a PC/AT) still leaves master IR2 in service, and the
 * handler must EOI the master. In AEOI mode the IS bit is reset again at the end of the second
 * pulse. INT is released during the sequence and driven again after it, so a chip with another
 * request to serve makes a fresh INT edge (what lets a slave in AEOI mode request its master's
 * edge-triggered IR2 again).
 *
 * <h2>Choices where the data sheet is silent (documented, never an exception)</h2>
 * <ul>
 * <li>Power-on, before any ICW1: registers clear, edge-triggered, IR7 lowest, vector base 0,
 * single, 8086 mode.</li>
 * <li>MCS-80/85 mode (ICW4 uPM=0, or no ICW4 requested, which the data sheet says zeroes every
 * ICW4 function) makes the part answer INTA with a CALL over three pulses, which a PC never
 * issues. It is reported once per initialisation through the diagnostic listener
 * ({@link #DIAG_8080_MODE}); the model then answers INTA as in 8086 mode, with ICW2's T7-T3.</li>
 * <li>OCW2/OCW3 written between ICW1 and the last ICW act as commands; the ICW sequence then
 * continues with the next write at A0=1.</li>
 * <li>The poll command makes the next read act as the acknowledge whatever A0 is (the data sheet:
 * "the next RD pulse"); the poll word with no request is 0x00. A polled level in AEOI mode is
 * reset as at the end of an INTA sequence. The IRR/ISR read selection survives a poll.</li>
 * <li>A master cascade acknowledge that no slave answers (no attached slave programmed with that
 * ID) leaves the data bus floating: 0xFF, reported as {@link #DIAG_CASCADE_NO_SLAVE}.</li>
 * <li>ICW1 leaves a master's ICW3 slave bits as they were (the data sheet lists only the slave
 * address, which it sets to 7) and keeps rotate-in-AEOI (an OCW2 setting it does not list).</li>
 * </ul>
 * Nothing here allocates after construction.
 */
public final class Pic8259 {
    /** A diagnostic code reported through the diagnostic listener: ICW4 asked for 8080/8085 mode. */
    public static final int DIAG_8080_MODE = 1;
    /** A diagnostic code: a master's cascade acknowledge found no slave with that ID; 0xFF read. */
    public static final int DIAG_CASCADE_NO_SLAVE = 2;

    private static final IntConsumer NO_DIAGNOSTICS = code -> { };

    /** What the next write at A0=1 is, during and after the initialisation sequence. */
    private static final int READY = 0;
    private static final int EXPECT_ICW2 = 2;
    private static final int EXPECT_ICW3 = 3;
    private static final int EXPECT_ICW4 = 4;

    // ---- ICW1 ----
    private boolean levelTriggered; // LTIM
    private boolean single = true; // SNGL
    private boolean icw4Needed; // IC4
    // ---- ICW2 ----
    private int icw2;
    // ---- ICW3: a master's slave lines, a slave's ID ----
    private int slaveLines;
    private int slaveId = 7;
    // ---- ICW4 ----
    private boolean mode8086 = true; // uPM
    private boolean autoEoi; // AEOI
    private boolean bufferedMode; // BUF
    private boolean bufferedMaster; // M/S
    private boolean specialFullyNested; // SFNM

    private int initStep = READY;

    /** Interrupt Mask Register. */
    private int imr;
    /** In-Service Register. */
    private int isr;
    /** Levels of the IR0-7 inputs. */
    private int lines;
    /** Edge-sense latches: armed by a low IR level, reset by an acknowledge and by ICW1. */
    private int edgeSense = 0xFF;
    /** The level with the lowest priority; (lowestPriority + 1) &amp; 7 has the highest. */
    private int lowestPriority = 7;
    private boolean rotateInAutoEoi;
    private boolean specialMaskMode;
    /** OCW3 RIS: a read at A0=0 returns the ISR (true) or the IRR (false). */
    private boolean readIsr;
    private boolean pollPending;

    /** SP/EN strapped low: a slave in non-buffered mode (the PC/AT's second 8259A). */
    private boolean strappedSlave;
    private final Pic8259[] slaves = new Pic8259[8];

    private boolean intLevel;
    /**
     * The priority resolver's answer for the registers and inputs as they are: every change to
     * them ends in {@link #updateInt} (INT is "re-evaluated" after each), which keeps it, so the
     * INTA sequence and {@link #pendingLevel} take the level INT stands for without resolving
     * the same registers again. -1: no request would be served (power-on: no input is high).
     */
    private int requested = -1;
    private Line intLine = Line.NONE;
    private boolean acknowledging;
    private boolean lastAcknowledgeSpurious;
    private IntConsumer diagnostics = NO_DIAGNOSTICS;

    // ---- the CPU's side ----

    /** CPU read at address A0: IRR or ISR (A0=0, per OCW3), IMR (A0=1), or the poll word. */
    public int read(int a0) {
        if (pollPending) {
            pollPending = false;
            return poll();
        }
        if ((a0 & 1) != 0) {
            return imr;
        }
        return readIsr ? isr : irr();
    }

    /**
     * CPU write at address A0: ICW1/OCW2/OCW3 at A0=0 (told apart by D4 and D3), else ICW2-4/OCW1.
     * INT is re-evaluated after every word; for OCW1 and OCW2, the words an interrupt handler
     * writes, from one call site here, so that a compile of the port access holds the priority
     * resolver once (the words written at boot re-evaluate it in their own methods).
     */
    public void write(int a0, int value) {
        value &= 0xFF;
        if ((a0 & 1) == 0) {
            if ((value & 0x10) != 0) {
                writeIcw1(value);
                return;
            }
            if ((value & 0x08) != 0) {
                writeOcw3(value);
                return;
            }
            writeOcw2(value);
        } else if (initStep != READY) {
            writeInitialisationWord(value);
            return;
        } else {
            imr = value; // OCW1
        }
        updateInt();
    }

    /**
     * ICW2, ICW3 or ICW4, as the initialisation sequence expects next (data sheet,
     * "Initialization Command Words").
     */
    private void writeInitialisationWord(int value) {
        switch (initStep) {
            case EXPECT_ICW2:
                icw2 = value;
                initStep = !single ? EXPECT_ICW3 : icw4Needed ? EXPECT_ICW4 : READY;
                break;
            case EXPECT_ICW3:
                slaveLines = value;
                slaveId = value & 7;
                initStep = icw4Needed ? EXPECT_ICW4 : READY;
                break;
            default:
                writeIcw4(value);
                initStep = READY;
                break;
        }
        // ICW3 decides which lines are slave lines, which special fully nested mode looks at
        updateInt();
        if (initStep == READY && !mode8086) {
            diagnostics.accept(DIAG_8080_MODE);
        }
    }

    /**
     * ICW1 starts initialisation and, per the data sheet, resets the edge-sense circuit, clears
     * the IMR, assigns IR7 priority 7, sets the slave address to 7, clears special mask mode and
     * selects the IRR for status reads; the master clear of Figure 9 ("active only during ICW1")
     * clears the ISR; with IC4=0 every ICW4 function is zero.
     */
    private void writeIcw1(int value) {
        levelTriggered = (value & 0x08) != 0;
        single = (value & 0x02) != 0;
        icw4Needed = (value & 0x01) != 0;
        edgeSense = ~lines & 0xFF;
        imr = 0;
        isr = 0;
        lowestPriority = 7;
        slaveId = 7;
        specialMaskMode = false;
        readIsr = false;
        pollPending = false;
        if (!icw4Needed) {
            writeIcw4(0);
        }
        initStep = EXPECT_ICW2;
        updateInt();
    }

    private void writeIcw4(int value) {
        mode8086 = (value & 0x01) != 0;
        autoEoi = (value & 0x02) != 0;
        bufferedMaster = (value & 0x04) != 0;
        bufferedMode = (value & 0x08) != 0;
        specialFullyNested = (value & 0x10) != 0;
    }

    /** OCW2: R, SL, EOI in D7-D5 select the command; L2-L0 the level for SL=1 commands. */
    private void writeOcw2(int value) {
        int level = value & 7;
        switch (value >>> 5) {
            case 0b000:
                rotateInAutoEoi = false;
                break;
            case 0b001:
                nonSpecificEoi(false);
                break;
            case 0b011:
                isr &= ~(1 << level);
                break;
            case 0b100:
                rotateInAutoEoi = true;
                break;
            case 0b101:
                nonSpecificEoi(true);
                break;
            case 0b110:
                lowestPriority = level;
                break;
            case 0b111:
                isr &= ~(1 << level);
                lowestPriority = level;
                break;
            default: // 0b010: no operation
                break;
        }
    }

    /**
     * The highest-priority IS bit is reset; in special mask mode "an IS bit that is masked by an
     * IMR bit will not be cleared by a non-specific EOI", so the highest unmasked one is.
     */
    private void nonSpecificEoi(boolean rotate) {
        int candidates = specialMaskMode ? isr & ~imr : isr;
        if (candidates == 0) {
            return;
        }
        int level = highestPriority(candidates);
        isr &= ~(1 << level);
        if (rotate) {
            lowestPriority = level;
        }
    }

    /** OCW3: ESMM/SMM set or reset special mask mode, P asks for a poll, RR/RIS pick the read. */
    private void writeOcw3(int value) {
        if ((value & 0x40) != 0) {
            specialMaskMode = (value & 0x20) != 0;
        }
        if ((value & 0x02) != 0) {
            readIsr = (value & 0x01) != 0;
        }
        if ((value & 0x04) != 0) {
            pollPending = true;
        }
        updateInt();
    }

    /** The poll word: I (D7) set and W2-W0 the level when a request is served, else 0. */
    private int poll() {
        int level = resolve();
        if (level < 0) {
            return 0;
        }
        acknowledgeLevel(level);
        if (autoEoi) {
            endOfAcknowledge(level);
        }
        updateInt();
        return 0x80 | level;
    }

    // ---- request lines and INTA ----

    /** Drives interrupt request line IR{@code ir} (0-7). */
    public void setIrq(int ir, boolean level) {
        if (ir < 0 || ir > 7) {
            throw new IllegalArgumentException("IR" + ir + " is not an 8259A request input (0-7)");
        }
        int bit = 1 << ir;
        if (level) {
            if ((lines & bit) != 0) {
                return;
            }
            lines |= bit;
        } else {
            if ((lines & bit) == 0) {
                return;
            }
            lines &= ~bit;
            edgeSense |= bit;
        }
        updateInt();
    }

    /**
     * The level the next INTA would acknowledge, or -1 if it would be the spurious IR7 answer:
     * the priority resolver without the acknowledge's side effects, for a caller that must know
     * which request INT stands for before the CPU takes it.
     */
    public int pendingLevel() {
        return requested;
    }

    /** Both INTA pulses, the cascade included: the vector byte the CPU receives. */
    public int interruptAcknowledge() {
        acknowledging = true;
        int level = requested;
        int vector;
        if (level < 0) {
            lastAcknowledgeSpurious = true;
            vector = (icw2 & 0xF8) | 7;
        } else {
            lastAcknowledgeSpurious = false;
            acknowledgeLevel(level);
            // ICW3's bit first: a line without a slave (IR0 on the PC) needs no cascade mode test
            if ((slaveLines & (1 << level)) != 0 && isCascadeMaster()) {
                vector = cascadeAcknowledge(level);
            } else {
                vector = (icw2 & 0xF8) | level;
            }
            if (autoEoi) {
                endOfAcknowledge(level);
            }
        }
        acknowledging = false;
        releaseIntAfterAcknowledge();
        return vector;
    }

    /**
     * INT is inactive while the INTA sequence freezes the request latches and is driven again by
     * the priority resolver once it ends ("Interrupt Sequence", steps 4-6; Figure 9). A chip left
     * with a request to serve (another request waiting, its IS bit reset by AEOI) therefore makes
     * a new low-to-high transition, which a master's edge-triggered IR input needs to request that
     * slave again: without it two slave requests in AEOI mode would stall after the first.
     */
    private void releaseIntAfterAcknowledge() {
        if (intLevel) {
            intLevel = false;
            intLine.set(false);
        }
        updateInt();
    }

    /** First INTA pulse: the IS bit is set and the edge-sense latch of the level reset. */
    private void acknowledgeLevel(int level) {
        int bit = 1 << level;
        isr |= bit;
        edgeSense &= ~bit;
    }

    /** Automatic EOI at the trailing edge of the last INTA pulse, rotating if so commanded. */
    private void endOfAcknowledge(int level) {
        isr &= ~(1 << level);
        if (rotateInAutoEoi) {
            lowestPriority = level;
        }
    }

    /** CAS0-2 carry {@code code}; the slave whose ICW3 ID matches answers both pulses. */
    private int cascadeAcknowledge(int code) {
        for (Pic8259 s : slaves) {
            if (s != null && s.isCascadeSlave() && s.slaveId == code) {
                int vector = s.interruptAcknowledge();
                lastAcknowledgeSpurious = s.lastAcknowledgeSpurious;
                return vector;
            }
        }
        diagnostics.accept(DIAG_CASCADE_NO_SLAVE);
        return 0xFF;
    }

    private boolean isCascadeMaster() {
        return !single && (bufferedMode ? bufferedMaster : !strappedSlave);
    }

    private boolean isCascadeSlave() {
        return !single && (bufferedMode ? !bufferedMaster : strappedSlave);
    }

    /**
     * The priority resolver: the highest-priority unmasked request if no in-service level of
     * equal or higher priority blocks it, else -1. In special mask mode masked IS bits do not
     * block; in special fully nested mode a master's slave line may be served again while it is
     * in service, so that a higher level on that slave reaches the CPU.
     */
    private int resolve() {
        int pending = irr() & ~imr;
        if (pending == 0) {
            return -1;
        }
        int request = highestPriority(pending);
        int blocking = specialMaskMode ? isr & ~imr : isr;
        if (blocking == 0) {
            return request;
        }
        int requestRank = rank(request);
        int serviceRank = rank(highestPriority(blocking));
        if (requestRank < serviceRank) {
            return request;
        }
        if (requestRank == serviceRank && specialFullyNested && isCascadeMaster()
                && (slaveLines & (1 << request)) != 0) {
            return request;
        }
        return -1;
    }

    /** 0 for the highest priority level, 7 for the lowest. */
    private int rank(int level) {
        return (level - lowestPriority - 1) & 7;
    }

    /** The set bit of {@code mask} (nonzero, 8 bits) with the highest priority. */
    private int highestPriority(int mask) {
        int first = (lowestPriority + 1) & 7;
        int rotated = ((mask >>> first) | (mask << (8 - first))) & 0xFF;
        return (Integer.numberOfTrailingZeros(rotated) + first) & 7;
    }

    private void updateInt() {
        if (acknowledging) {
            return;
        }
        int request = resolve();
        requested = request;
        boolean level = request >= 0;
        if (level != intLevel) {
            intLevel = level;
            intLine.set(level);
        }
    }

    // ---- pins and wiring ----

    /** The INT output. */
    public boolean intOut() {
        return intLevel;
    }

    public void connectInt(Line line) {
        this.intLine = line == null ? Line.NONE : line;
    }

    /**
     * Tells this (master) chip that {@code slave}'s INT is wired to its IR{@code ir} and its CAS
     * inputs to this chip's CAS outputs; the slave's SP/EN is taken as strapped low. Which lines
     * the master treats as slave lines is still ICW3's choice.
     */
    public void attachSlave(int ir, Pic8259 slave) {
        if (ir < 0 || ir > 7) {
            throw new IllegalArgumentException("IR" + ir + " is not an 8259A request input (0-7)");
        }
        if (slave == null || slave == this) {
            throw new IllegalArgumentException("a slave must be another 8259A");
        }
        slaves[ir] = slave;
        slave.strappedSlave = true;
        slave.updateInt();
        updateInt();
    }

    /** Side-effect-free views of the registers, for traces and tests. */
    public int irr() {
        return levelTriggered ? lines : lines & edgeSense;
    }

    public int isr() {
        return isr;
    }

    public int imr() {
        return imr;
    }

    /** The level with the lowest priority (7 after ICW1). */
    public int lowestPriority() {
        return lowestPriority;
    }

    /** True once the last ICW of the sequence ICW1 started has been written. */
    public boolean initialised() {
        return initStep == READY;
    }

    /**
     * Whether the last {@link #interruptAcknowledge} answered with a default IR7: this chip's (no
     * IS bit set) or, through the cascade, the slave's (the master then holds its IS bit).
     */
    public boolean lastAcknowledgeSpurious() {
        return lastAcknowledgeSpurious;
    }

    /** Receives diagnostics about input the datasheet leaves undefined or a PC does not use. */
    public void setDiagnosticListener(IntConsumer listener) {
        this.diagnostics = listener == null ? NO_DIAGNOSTICS : listener;
    }
}
