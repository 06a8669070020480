package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.RegisterBatch;
import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;
import irq0.trace.Pins;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import java.nio.ByteBuffer;

/**
 * The part of the real-mode CPU's state that the machine itself changes between runs of Unicorn
 * (IP, CS, FLAGS, SP, SS: what an interrupt entry, a gate or an IRET touches), mirrored in Java
 * and moved to and from Unicorn in one batched native call each way; guest memory; the stack
 * operations of an interrupt frame; and the metering of native calls. Every other part of the
 * machine works on this one mirror.
 */
final class CpuState {
    // indexes into the hot register batch
    private static final int R_IP = 0;
    private static final int R_CS = 1;
    private static final int R_FLAGS = 2;
    private static final int R_SP = 3;
    private static final int R_SS = 4;

    final Unicorn cpu;
    final ByteBuffer ram;
    private final RegisterBatch regs;
    private final PcBoard board;
    private final Trace trace;

    int ip;
    int cs;
    int flags;
    int sp;
    int ss;
    /** Java changed the mirrored registers: write them before Unicorn runs again. */
    boolean dirty;
    /** The machine, not Unicorn, executed the last instruction (an interrupt entry, a gate, an IRET). */
    boolean javaRanLast;
    // what Unicorn holds, as of the last batch read or write (or run start, for IP)
    private int knownCs;
    private int knownFlags;
    private int knownSp;
    private int knownSs;
    /** IF as last reported to the trace (FLAGS resets with IF=0). */
    private boolean tracedIf;
    /** Times the native calls while attached; null (the usual case) costs one test per call. */
    NativeMeter meter;

    CpuState(Unicorn cpu, ByteBuffer ram, PcBoard board, Trace trace) {
        this.cpu = cpu;
        this.ram = ram;
        this.board = board;
        this.trace = trace;
        this.regs = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
    }

    /** 80286 reset: CS:IP = F000:FFF0, FLAGS = 0002 (bit 1 always set). */
    void reset() {
        ip = 0xFFF0;
        cs = 0xF000;
        flags = 0x0002;
        sp = 0;
        ss = 0;
        write();
        // the waveform's IF starts at its reset value, not unknown
        tracedIf = false;
        trace.record(board.now(), TraceEvent.PIN, Pins.IF, 0);
    }

    boolean interruptsEnabled() {
        return (flags & X86.FLAG_IF) != 0;
    }

    /** The linear address of CS:IP. */
    int linearIp() {
        return linear(cs, ip);
    }

    void read() {
        long metered = meterStart();
        regs.read();
        meterRegisters(metered);
        ip = (int) regs.get(R_IP) & 0xFFFF;
        cs = (int) regs.get(R_CS) & 0xFFFF;
        flags = (int) regs.get(R_FLAGS);
        sp = (int) regs.get(R_SP) & 0xFFFF;
        ss = (int) regs.get(R_SS) & 0xFFFF;
        remember();
        traceInterruptFlag();
    }

    private void remember() {
        knownCs = cs;
        knownFlags = flags;
        knownSp = sp;
        knownSs = ss;
    }

    /**
     * Before a run from CS:IP: writes the registers Java changed, unless only IP differs from
     * what Unicorn holds, which the run's start address sets (an interrupt entry that the gate's
     * IRET undid leaves only IP changed: the idle path writes nothing).
     */
    void prepareRun() {
        if (dirty) {
            if (cs == knownCs && flags == knownFlags && sp == knownSp && ss == knownSs) {
                dirty = false;
            } else {
                write();
            }
        }
    }

    /**
     * After a run whose effect Java knows without asking: IP is {@code newIp} and IF was set
     * (the firmware's idle loop {@code jmp; sti; hlt}), nothing else changed.
     */
    void ranIdleLoop(int newIp) {
        ip = newIp;
        flags |= X86.FLAG_IF;
        knownFlags = flags;
        traceInterruptFlag();
    }

    void write() {
        dirty = false;
        regs.set(R_IP, ip);
        regs.set(R_CS, cs);
        regs.set(R_FLAGS, flags);
        regs.set(R_SP, sp);
        regs.set(R_SS, ss);
        long metered = meterStart();
        regs.write();
        meterRegisters(metered);
        remember();
    }

    /** Brings Java's mirror and Unicorn's registers into agreement, whichever side moved last. */
    void sync() {
        if (dirty) {
            write();
        } else {
            read();
        }
    }

    /**
     * Reports IF to the trace (pin {@link Pins#IF}) when it changed. Changes made by the guest are
     * seen when a run ends, so they carry the time of that run's end, not of the STI or CLI.
     */
    void traceInterruptFlag() {
        boolean level = (flags & X86.FLAG_IF) != 0;
        if (level != tracedIf) {
            tracedIf = level;
            trace.record(board.now(), TraceEvent.PIN, Pins.IF, level ? 1 : 0);
        }
    }

    int pop() {
        int address = linear(ss, sp);
        int value = (ram.get(address) & 0xFF) | ((ram.get((address + 1) & 0xFFFFF) & 0xFF) << 8);
        sp = (sp + 2) & 0xFFFF;
        return value;
    }

    void push(int value) {
        sp = (sp - 2) & 0xFFFF;
        int address = linear(ss, sp);
        ram.put(address, (byte) value);
        ram.put((address + 1) & 0xFFFFF, (byte) (value >>> 8));
    }

    int byteAt(long address) {
        return ram.get((int) (address & 0xFFFFF)) & 0xFF;
    }

    /** Word at the linear address {@code a} (wrapping at 1 MiB). */
    int wordAt(int a) {
        return (ram.get(a & 0xFFFFF) & 0xFF) | ((ram.get((a + 1) & 0xFFFFF) & 0xFF) << 8);
    }

    /** Stores a word at the linear address {@code a} (wrapping at 1 MiB). */
    void putWordAt(int a, int value) {
        ram.put(a & 0xFFFFF, (byte) value);
        ram.put((a + 1) & 0xFFFFF, (byte) (value >>> 8));
    }

    static int linear(int segment, int offset) {
        return ((segment << 4) + offset) & 0xFFFFF;
    }

    // ---- metering ----

    /** The host time a metered native call starts at; 0 (and no clock read) when nothing meters. */
    long meterStart() {
        return meter == null ? 0 : System.nanoTime();
    }

    void meterEmulated(long start) {
        if (meter != null) {
            meter.emulated(System.nanoTime() - start);
        }
    }

    void meterRegisters(long start) {
        if (meter != null) {
            meter.registersMoved(System.nanoTime() - start);
        }
    }
}
