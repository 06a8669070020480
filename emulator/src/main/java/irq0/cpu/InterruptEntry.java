package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.X86;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;

/**
 * Real-mode interrupt entry as an 80286 does it, since Unicorn has none of its own: hardware
 * interrupts (the acknowledge cycle, then the IVT), software interrupts and CPU exceptions that
 * Unicorn reported, the IRET that completes a gate stub, and the count of exceptions without
 * progress that stands in for a triple fault.
 */
final class InterruptEntry {
    private final PcMachine machine;
    private final PcBoard board;
    private final Trace trace;
    private final boolean tracing;
    /** The vector of the last hardware interrupt entered, for the trace's INT_EXIT at its gate's IRET. */
    private int lastHardwareVector;
    private final CpuState state;
    private final CpuClock clock;
    private final Opcodes opcodes;
    private final InstructionCounter counter;
    private final int faultLimit;

    private long interrupts;
    private long timerInterrupts;

    private long lastFaultAddress = -1;
    private long lastFaultInstruction;
    private int faultsWithoutProgress;

    InterruptEntry(PcMachine machine, PcBoard board, Trace trace, CpuState state, CpuClock clock, Opcodes opcodes,
            InstructionCounter counter, int faultLimit) {
        this.machine = machine;
        this.board = board;
        this.trace = trace;
        this.tracing = trace != Trace.NONE;
        this.state = state;
        this.clock = clock;
        this.opcodes = opcodes;
        this.counter = counter;
        this.faultLimit = faultLimit;
    }

    long interrupts() {
        return interrupts;
    }

    long timerInterrupts() {
        return timerInterrupts;
    }

    /** INTA, then the entry through the IVT with the vector the PIC gave. */
    void deliverHardwareInterrupt() {
        // INT is sampled at the instruction boundary; the INTA bus cycles take time before the
        // 8259A answers (so INT has a visible width, and a request withdrawn meanwhile is IR7)
        clock.chargeCycles(InterruptTiming.INTA_CYCLES);
        int isrBefore = board.master().isr();
        int vector = board.acknowledge() & 0xFF;
        int newIsr = board.master().isr() & ~isrBefore;
        int irq = -1;
        if (newIsr != 0) {
            irq = Integer.numberOfTrailingZeros(newIsr);
            if (irq == PcBoard.CASCADE_IR) {
                irq = -1; // a slave request: which one is the slave's business
            }
        }
        if (irq == 0) {
            timerInterrupts++;
        }
        interrupts++;
        trace.record(board.now(), TraceEvent.INT_ENTRY, vector, irq);
        lastHardwareVector = vector;
        enterVector(vector, state.ip);
    }

    /** Real-mode interrupt entry: push FLAGS, CS, return IP; clear IF and TF; CS:IP from the IVT. */
    boolean enterVector(int vector, int returnIp) {
        int offset = state.ram.getShort(vector * 4) & 0xFFFF;
        int segment = state.ram.getShort(vector * 4 + 2) & 0xFFFF;
        if (offset == 0 && segment == 0) {
            machine.fault(String.format("interrupt 0x%02X has no handler (IVT entry 0000:0000)", vector));
            return false;
        }
        state.push(state.flags);
        state.push(state.cs);
        state.push(returnIp);
        state.flags &= ~(X86.FLAG_IF | X86.FLAG_TF);
        state.cs = segment;
        state.ip = offset;
        clock.charge(1);
        state.traceInterruptFlag();
        state.dirty = true;
        state.javaRanLast = true;
        return true;
    }

    /**
     * The IRET that completes a gate stub ("hlt; iret"), done here rather than by a further
     * {@code uc_emu_start}: real-mode IRET pops IP, CS and FLAGS, and is charged as one
     * instruction like any other. It halves the native calls of a timer interrupt.
     */
    void returnFromInterrupt() {
        if (tracing) {
            // a gate stub's IRET ends the hardware interrupt that entered it (IF is clear until then)
            trace.record(board.now(), TraceEvent.INT_EXIT, lastHardwareVector, 0);
        }
        state.ip = state.pop();
        state.cs = state.pop();
        state.flags = (state.flags & ~0xFFFF) | (state.pop() & 0x7FD5) | 0x0002;
        clock.charge(1);
        state.traceInterruptFlag();
        state.dirty = true;
        state.javaRanLast = true;
    }

    /** Unicorn raised interrupt {@code intno}: INT n, INT3, INTO, or a CPU exception. */
    void softwareInterruptOrException(int intno) {
        long last = counter.lastAddress();
        int prefixes = opcodes.prefixLength(last);
        int op = opcodes.opcodeAt(last);
        int lastIp = (int) ((last - state.cs * 16L) & 0xFFFF);
        if (op == Opcodes.INT) {
            int vector = state.byteAt(last + prefixes + 1);
            enterVector(vector, (lastIp + prefixes + 2) & 0xFFFF);
        } else if (op == Opcodes.INT3 || op == Opcodes.INTO || op == Opcodes.INT1) {
            enterVector(intno, (lastIp + prefixes + 1) & 0xFFFF);
        } else if (intno == 1) {
            // the single-step trap (TF=1) is taken after the instruction: return to the next one
            enterVector(1, state.ip);
        } else {
            // Unicorn (QEMU's check_exception) never forgets a contributory fault when a hook takes
            // it, so a second one arrives as double fault 8; in real mode only a divide (#DE) or a
            // segment overrun (#GP, 13) can be behind it.
            int vector = intno;
            if (intno == 8) {
                vector = opcodes.isDivide(last) ? 0 : 13;
            }
            cpuException(vector, last);
        }
    }

    /**
     * Emulation ended early with no hook, HLT or error to say why. Unicorn does this at a
     * contributory fault that follows a double fault (QEMU's triple-fault path, which on Unicorn
     * neither resets nor reports): in real mode that is a divide error or a segment overrun.
     */
    void unexplainedStop(long last) {
        if (opcodes.isDivide(last)) {
            cpuException(0, last);
        } else {
            cpuException(13, last);
        }
    }

    /** The 80286's names of the exceptions real mode can raise. */
    static String exceptionName(int vector) {
        switch (vector) {
            case 0: return "divide error";
            case 1: return "single step";
            case 3: return "breakpoint";
            case 4: return "overflow";
            case 5: return "BOUND range exceeded";
            case 6: return "invalid opcode";
            case 7: return "processor extension not available";
            case 8: return "double fault";
            case 13: return "segment overrun";
            default: return "exception";
        }
    }

    void cpuException(int vector, long address) {
        long retired = counter.count();
        if (address == lastFaultAddress || retired - lastFaultInstruction <= 1) {
            faultsWithoutProgress++;
        } else {
            faultsWithoutProgress = 1;
        }
        lastFaultAddress = address;
        lastFaultInstruction = retired;
        int faultIp = (int) ((address - state.cs * 16L) & 0xFFFF);
        state.ip = faultIp;
        if (faultsWithoutProgress > faultLimit) {
            // the register dump shows the faulting instruction, the address the message names
            state.dirty = true;
            machine.fault(String.format("exception 0x%02X (%s) at %04X:%04X repeated %d times without progress:"
                    + " its handler returns to the instruction that raised it", vector, exceptionName(vector),
                    state.cs, faultIp, faultsWithoutProgress));
            return;
        }
        enterVector(vector, faultIp);
    }
}
