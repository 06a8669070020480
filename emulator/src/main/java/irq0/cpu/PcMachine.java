package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.RegisterBatch;
import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;
import irq0.pit.Pit8254;
import irq0.trace.Pins;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import irq0.time.VirtualTime;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A PC/AT: a real-mode x86 (Unicorn) with 1 MiB of RAM, wired to a {@link PcBoard}, running
 * firmware and, optionally, the Java kernel through a {@link KernelGate}.
 *
 * <h2>Time</h2>
 * Virtual time is the board's: integer PIT clocks. The CPU is charged
 * {@link MachineOptions#cyclesPerInstruction()} cycles for every instruction (interrupt entry
 * counts as one instruction) at {@link MachineOptions#cpuHz()}; cycles become PIT clocks as
 * {@code floor((cycles * PIT_HZ + remainder) / cpuHz)}, the remainder carried, so nothing drifts.
 * A port access by an instruction happens at the end of that instruction's cycles. HLT idles to
 * the board's next event (the CPU's cycle phase then restarts at that clock). Code runs in quanta
 * that end at the first instruction boundary at or after the next board event:
 * {@code instructions = ceil(cycles until the event / cycles per instruction)}; an OUT ends its
 * quantum too, since it may move the next event or raise INT.
 *
 * <h2>Interrupts</h2>
 * At an instruction boundary with IF=1 and the master PIC's INT high, the machine runs the
 * acknowledge cycle ({@link PcBoard#acknowledge()}), pushes FLAGS, CS and IP, clears IF and TF and
 * jumps through the IVT, as a real-mode 80286 does. While INT is high and IF=0 the CPU runs with
 * the instruction counter watching IF: it stops before any STI, POPF or IRET (or 32-bit form),
 * which then runs as a single step, so the interrupt follows it at the first boundary where IF=1;
 * an STI's one-instruction shadow is honoured. HLT with IF=1 and INT already high wakes at once ({@code sti; hlt} loses
 * nothing). Software interrupts and CPU exceptions go through the IVT too: Unicorn reports them
 * (it has no real-mode IVT delivery of its own) and the machine delivers them; faults return to the
 * faulting instruction (80286 rule), INT n to the next one. A vector whose IVT entry is 0000:0000
 * has no handler: the machine stops. {@link MachineOptions#faultLimit()} CPU exceptions in a row at
 * the same instruction, or each within one instruction of the last, stop it as a triple fault
 * would.
 *
 * <h2>Kernel gates</h2>
 * A gate is a HLT instruction at an address the firmware publishes in its descriptor
 * ({@link FirmwareLayout}); when emulation stops after such a HLT, the machine calls the kernel
 * instead of halting. See DEVELOPERS.md for why a HLT and not an OUT or {@code uc_emu_start}'s
 * {@code until}.
 */
public final class PcMachine implements BootMachine {
    public static final int RAM_SIZE = 1 << 20;
    /** Instructions in one quantum when no event is due. */
    private static final long MAX_QUANTUM = 1 << 20;
    /** A single step: the instruction in an STI shadow, or the one the IF watch stopped before. */
    private static final long STEP = 1;

    /** Why {@link #run} returned. */
    public enum Stop {
        /** The requested number of timer interrupts or virtual seconds was reached. */
        LENGTH,
        /** The guest wrote port 0xF4 (isa-debug-exit). */
        GUEST_EXIT,
        /** The kernel stopped the machine ({@link KernelGate#running()} false). */
        KERNEL_STOPPED,
        /** The guest cannot go on. */
        FAULT,
        /** {@link #runUntil}'s bound was reached; {@code run} again to go on. */
        PAUSED
    }

    /** Exit status of a guest fault: even, so never one an isa-debug-exit write ((V << 1) | 1) gives. */
    public static final int EXIT_FAULT = 10;

    // indexes into the hot register batch
    private static final int R_IP = 0;
    private static final int R_CS = 1;
    private static final int R_FLAGS = 2;
    private static final int R_SP = 3;
    private static final int R_SS = 4;

    private final PcBoard board;
    private final Trace trace;
    private final KernelGate kernel;
    private final MachineOptions options;
    private final FirmwareLayout layout;
    private final Unicorn cpu;
    private final ByteBuffer ram;
    private final InstructionCounter counter;
    private final RegisterBatch regs;
    private final long cpuHz;
    private final long cyclesPerInstruction;
    /** PIT clocks that MAX_QUANTUM instructions last (rounded up). */
    private final long maxQuantumClocks;

    // ---- CPU state mirrored from Unicorn between quanta ----
    private int ip;
    private int cs;
    private int flags;
    private int sp;
    private int ss;
    private boolean halted;
    /** IF as last reported to the trace (FLAGS resets with IF=0). */
    private boolean tracedIf;
    /** The next run is a single step (the IF watch stopped before an instruction). */
    private boolean stepNext;
    /** The machine, not Unicorn, executed the last instruction (an interrupt entry, a gate, an IRET). */
    private boolean javaRanLast;
    /** Java changed the mirrored registers: write them before Unicorn runs again. */
    private boolean registersDirty;
    /** Times the native calls while attached; null (the usual case) costs one test per call. */
    private NativeMeter meter;
    private boolean kernelStarted;

    // ---- time ----
    /** (cycles * PIT_HZ) mod cpuHz not yet turned into a PIT clock. */
    private long cycleRemainder;
    private long pauseClock = Long.MAX_VALUE;
    private long pauseTicks = Long.MAX_VALUE;
    private long quantumStartCount;
    /** The instruction count the current run was started with. */
    private long quantumLength;
    private long chargedInQuantum;

    // ---- what hooks saw during a quantum ----
    private boolean stoppedByOut;
    private int pendingInterrupt = -1;
    private int invalidMemoryType;
    private long invalidMemoryAddress = -1;

    // ---- fault tracking ----
    private long lastFaultAddress = -1;
    private long lastFaultInstruction;
    private int faultsWithoutProgress;

    // ---- results ----
    private long interrupts;
    private long timerInterrupts;
    private Stop stop;
    private int exitStatus;
    private String message = "";

    public PcMachine(PcBoard board, byte[] firmware, KernelGate kernel, MachineOptions options) {
        this(board, firmware, kernel, options, Trace.NONE);
    }

    /** As above, with the trace that receives the CPU's events (interrupt entries). */
    public PcMachine(PcBoard board, byte[] firmware, KernelGate kernel, MachineOptions options, Trace trace) {
        this.board = Objects.requireNonNull(board, "board");
        this.trace = trace == null ? Trace.NONE : trace;
        this.kernel = kernel;
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(firmware, "firmware");
        if (firmware.length == 0 || firmware.length > FirmwareLayout.MAX_FIRMWARE) {
            throw new IllegalArgumentException("firmware must be 1 to " + FirmwareLayout.MAX_FIRMWARE + " bytes: "
                    + firmware.length);
        }
        this.cpuHz = options.cpuHz();
        this.cyclesPerInstruction = options.cyclesPerInstruction();
        this.maxQuantumClocks = (MAX_QUANTUM * cyclesPerInstruction * VirtualTime.PIT_HZ) / cpuHz + 1;
        this.cpu = Unicorn.openReal();
        try {
            ram = cpu.mapHostMemory(0, RAM_SIZE);
            int base = RAM_SIZE - firmware.length;
            for (int i = 0; i < firmware.length; i++) {
                ram.put(base + i, firmware[i]);
            }
            layout = FirmwareLayout.find(ram, firmware.length);
            byte[] boot = options.bootImage();
            if (boot != null) {
                if (layout == null) {
                    throw new IllegalArgumentException("this firmware cannot boot a boot image (it has no irq0 descriptor)");
                }
                for (int i = 0; i < boot.length; i++) {
                    ram.put(BootImage.LOAD_ADDRESS + i, boot[i]);
                }
                layout.setBootFlag(ram, true);
            }
            counter = cpu.addInstructionCounter();
            cpu.hookPortIn(this::portIn);
            cpu.hookPortOut(this::portOut);
            cpu.hookInterrupt(this::exception);
            cpu.hookInvalidMemory(this::invalidMemory);
            regs = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
            // 80286 reset: CS:IP = F000:FFF0, FLAGS = 0002 (bit 1 always set).
            ip = 0xFFF0;
            cs = 0xF000;
            flags = 0x0002;
            sp = 0;
            ss = 0;
            writeRegisters();
        } catch (RuntimeException e) {
            cpu.close();
            throw e;
        }
    }

    // ---- running ----

    /** Runs until a stop condition (see {@link Stop}). */
    public Stop run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs as {@link #run} but returns {@link Stop#PAUSED} once virtual time reaches
     * {@code clock} (PIT clocks): a caller can show progress between such slices. Slicing a run
     * does not change what the guest sees.
     */
    public Stop runUntil(long clock) {
        return runUntil(clock, Long.MAX_VALUE);
    }

    /** {@inheritDoc} */
    @Override
    public Stop runUntil(long clock, long timerInterruptCount) {
        pauseClock = clock;
        pauseTicks = timerInterruptCount;
        stop = null;
        while (stop == null) {
            if (board.exitRequested()) {
                finish(Stop.GUEST_EXIT, board.exitCode(), "guest exit through port 0xF4");
                break;
            }
            if (kernelStarted && !kernel.running()) {
                finish(Stop.KERNEL_STOPPED, kernel.exitStatus(), "the kernel stopped");
                break;
            }
            if (lengthReached()) {
                finish(Stop.LENGTH, 0, "run length reached");
                break;
            }
            if (board.now() >= pauseClock) {
                stop = Stop.PAUSED;
                break;
            }
            boolean intr = board.interruptRequested();
            boolean enabled = (flags & X86.FLAG_IF) != 0;
            if (intr && enabled && timerInterrupts >= pauseTicks && (halted || !inStiShadow())
                    && board.master().pendingLevel() == 0) {
                // the tick budget is spent: end where the next timer interrupt would be taken,
                // with INT up and no INTA run, so that the handler of the last tick ran to its end
                stop = Stop.PAUSED;
                break;
            }
            if (halted) {
                if (intr && enabled) {
                    halted = false;
                    deliverHardwareInterrupt();
                } else if (!enabled) {
                    fault("CPU halted with interrupts disabled: nothing can wake it");
                } else {
                    idle();
                }
                continue;
            }
            if (intr && enabled && !inStiShadow()) {
                deliverHardwareInterrupt();
                continue;
            }
            if (enterGateAtStart()) {
                continue;
            }
            if (intr && (enabled || stepNext)) {
                // in an STI shadow, or at an instruction the IF watch stopped before: one step
                stepNext = false;
                runQuantum(STEP, false);
            } else {
                // INT pending with IF=0: run until the next event as usual, but stop before any
                // instruction that may set IF, so that the interrupt follows it at once
                stepNext = false;
                runQuantum(quantum(), intr);
            }
        }
        return stop;
    }

    private boolean lengthReached() {
        long maxTicks = options.maxTimerInterrupts();
        long maxClocks = options.maxClocks();
        return (maxTicks > 0 && timerInterrupts >= maxTicks) || (maxClocks > 0 && board.now() >= maxClocks);
    }

    /** Instructions until the first boundary at or after the next board event (or the length limit). */
    private long quantum() {
        long clocks = Math.min(board.clocksUntilNextEvent(), clocksToLimit());
        // beyond this many clocks the quantum is MAX_QUANTUM anyway (and clocks * cpuHz could overflow)
        if (clocks > maxQuantumClocks) {
            return MAX_QUANTUM;
        }
        // smallest cycle count x with floor((x * PIT_HZ + remainder) / cpuHz) >= clocks
        long needed = clocks * cpuHz - cycleRemainder;
        long cycles = needed <= 0 ? 0 : (needed + VirtualTime.PIT_HZ - 1) / VirtualTime.PIT_HZ;
        long n = (cycles + cyclesPerInstruction - 1) / cyclesPerInstruction;
        return Math.max(1, Math.min(n, MAX_QUANTUM));
    }

    private void runQuantum(long n, boolean watchInterruptFlag) {
        if (registersDirty) {
            writeRegisters();
        }
        long begin = linear(cs, ip);
        quantumStartCount = counter.count();
        quantumLength = n;
        chargedInQuantum = 0;
        stoppedByOut = false;
        pendingInterrupt = -1;
        invalidMemoryAddress = -1;
        javaRanLast = false;
        if (watchInterruptFlag) {
            counter.watchInterruptFlag(true);
        }
        long metered = meterStart();
        int err = cpu.emulate(begin, FirmwareLayout.NO_ADDRESS, n);
        meterEmulated(metered);
        boolean watchStopped = watchInterruptFlag && !counter.watching();
        counter.watchInterruptFlag(false);
        long executed = counter.count() - quantumStartCount;
        charge(executed - chargedInQuantum);
        readRegisters();
        if (pendingInterrupt >= 0) {
            softwareInterruptOrException(pendingInterrupt);
            return;
        }
        if (err != X86.ERR_OK) {
            unicornError(err);
            return;
        }
        if (stoppedByOut) {
            return;
        }
        if (watchStopped) {
            // stopped before an instruction that may set IF: it runs alone, next
            stepNext = true;
            return;
        }
        if (executed == 0) {
            return;
        }
        long last = counter.lastAddress();
        if (isHltAt(last)) {
            if (layout != null && layout.isGate(last)) {
                gate(last);
            } else {
                halted = true;
            }
        } else if (executed < n) {
            unexplainedStop(last);
        }
    }

    /**
     * Emulation ended early with no hook, HLT or error to say why. Unicorn does this at a
     * contributory fault that follows a double fault (QEMU's triple-fault path, which on Unicorn
     * neither resets nor reports): in real mode that is a divide error or a segment overrun.
     */
    private void unexplainedStop(long last) {
        if (isDivide(last)) {
            cpuException(0, last);
        } else {
            cpuException(13, last);
        }
    }

    private boolean isHltAt(long address) {
        return opcodeAt(address) == 0xF4 && linear(cs, ip) == ((address + prefixLength(address) + 1) & 0xFFFFF);
    }

    /** STI delays interrupts until the end of the next instruction (only the last instruction counts). */
    private boolean inStiShadow() {
        if (counter.count() == 0 || javaRanLast) {
            return false;
        }
        long last = counter.lastAddress();
        return opcodeAt(last) == 0xFB && linear(cs, ip) == ((last + prefixLength(last) + 1) & 0xFFFFF);
    }

    // ---- time ----

    /** Charges {@code instructions} instructions' cycles, moving the board forward. */
    private void charge(long instructions) {
        if (instructions <= 0) {
            return;
        }
        long num = instructions * cyclesPerInstruction * VirtualTime.PIT_HZ + cycleRemainder;
        long clocks = num / cpuHz;
        cycleRemainder = num % cpuHz;
        if (clocks > 0) {
            board.advance(clocks);
        }
    }

    /** Clocks until the run's length or the pause point, whichever is nearer. */
    private long clocksToLimit() {
        long limit = pauseClock;
        long maxClocks = options.maxClocks();
        if (maxClocks > 0) {
            limit = Math.min(limit, maxClocks);
        }
        return limit == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, limit - board.now());
    }

    private void idle() {
        long event = board.clocksUntilNextEvent();
        long clocks = Math.min(event, clocksToLimit());
        if (event == Pit8254.NEVER && clocks == Long.MAX_VALUE) {
            fault("CPU halted and no device will ever interrupt it");
            return;
        }
        if (clocks > 0) {
            board.advance(clocks);
        }
        cycleRemainder = 0;
    }

    // ---- interrupts ----

    private void deliverHardwareInterrupt() {
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
        enterVector(vector, ip);
    }

    /** Real-mode interrupt entry: push FLAGS, CS, return IP; clear IF and TF; CS:IP from the IVT. */
    private boolean enterVector(int vector, int returnIp) {
        int offset = ram.getShort(vector * 4) & 0xFFFF;
        int segment = ram.getShort(vector * 4 + 2) & 0xFFFF;
        if (offset == 0 && segment == 0) {
            fault(String.format("interrupt 0x%02X has no handler (IVT entry 0000:0000)", vector));
            return false;
        }
        push(flags);
        push(cs);
        push(returnIp);
        flags &= ~(X86.FLAG_IF | X86.FLAG_TF);
        cs = segment;
        ip = offset;
        charge(1);
        traceInterruptFlag();
        registersDirty = true;
        javaRanLast = true;
        return true;
    }

    /**
     * The IRET that completes a gate stub ("hlt; iret"), done here rather than by a further
     * {@code uc_emu_start}: real-mode IRET pops IP, CS and FLAGS, and is charged as one
     * instruction like any other. It halves the native calls of a timer interrupt.
     */
    private void returnFromInterrupt() {
        ip = pop();
        cs = pop();
        flags = (flags & ~0xFFFF) | (pop() & 0x7FD5) | 0x0002;
        charge(1);
        traceInterruptFlag();
        registersDirty = true;
        javaRanLast = true;
    }

    private int pop() {
        int address = linear(ss, sp);
        int value = (ram.get(address) & 0xFF) | ((ram.get((address + 1) & 0xFFFFF) & 0xFF) << 8);
        sp = (sp + 2) & 0xFFFF;
        return value;
    }

    private void push(int value) {
        sp = (sp - 2) & 0xFFFF;
        int address = linear(ss, sp);
        ram.put(address, (byte) value);
        ram.put((address + 1) & 0xFFFFF, (byte) (value >>> 8));
    }

    /** Unicorn raised interrupt {@code intno}: INT n, INT3, INTO, or a CPU exception. */
    private void softwareInterruptOrException(int intno) {
        long last = counter.lastAddress();
        int prefixes = prefixLength(last);
        int op = opcodeAt(last);
        int lastIp = (int) ((last - cs * 16L) & 0xFFFF);
        if (op == 0xCD) {
            int vector = ram.get((int) ((last + prefixes + 1) & 0xFFFFF)) & 0xFF;
            enterVector(vector, (lastIp + prefixes + 2) & 0xFFFF);
        } else if (op == 0xCC || op == 0xCE || op == 0xF1) {
            enterVector(intno, (lastIp + prefixes + 1) & 0xFFFF);
        } else if (intno == 1) {
            // the single-step trap (TF=1) is taken after the instruction: return to the next one
            enterVector(1, ip);
        } else {
            // Unicorn (QEMU's check_exception) never forgets a contributory fault when a hook takes
            // it, so a second one arrives as double fault 8; in real mode only a divide (#DE) or a
            // segment overrun (#GP, 13) can be behind it.
            int vector = intno;
            if (intno == 8) {
                vector = isDivide(last) ? 0 : 13;
            }
            cpuException(vector, last);
        }
    }

    private void cpuException(int vector, long address) {
        long retired = counter.count();
        if (address == lastFaultAddress || retired - lastFaultInstruction <= 1) {
            faultsWithoutProgress++;
        } else {
            faultsWithoutProgress = 1;
        }
        lastFaultAddress = address;
        lastFaultInstruction = retired;
        if (faultsWithoutProgress > options.faultLimit()) {
            fault(String.format("exception 0x%02X repeated %d times without progress (a triple fault on a PC)",
                    vector, faultsWithoutProgress));
            return;
        }
        int faultIp = (int) ((address - cs * 16L) & 0xFFFF);
        ip = faultIp;
        enterVector(vector, faultIp);
    }

    private void unicornError(int err) {
        long last = counter.lastAddress();
        switch (err) {
            case X86.ERR_INSN_INVALID:
                // Real mode: invalid opcode is exception 6 through the IVT.
                cpuException(6, last);
                break;
            case X86.ERR_READ_UNMAPPED:
            case X86.ERR_WRITE_UNMAPPED:
            case X86.ERR_FETCH_UNMAPPED:
                fault(String.format("%s at 0x%05X", X86.memoryAccessName(invalidMemoryType),
                        invalidMemoryAddress >= 0 ? invalidMemoryAddress : last));
                break;
            default:
                if (isDivide(last)) {
                    // after a double fault Unicorn stops silently at the next contributory fault
                    cpuException(0, last);
                } else {
                    fault("the CPU stopped: " + Unicorn.errorText(err));
                }
        }
    }

    // ---- kernel gates ----

    /** The CPU is about to execute a gate's HLT: call the kernel without running it. */
    private boolean enterGateAtStart() {
        if (layout == null) {
            return false;
        }
        long address = linear(cs, ip);
        if (!layout.isGate(address)) {
            return false;
        }
        ip = (ip + 1) & 0xFFFF;
        charge(1);
        registersDirty = true;
        javaRanLast = true;
        gate(address);
        return true;
    }

    private void gate(long address) {
        int irq = layout.irqOfGate(address);
        if (irq >= 0) {
            if (kernelStarted) {
                kernel.interrupt(irq);
            }
            if (byteAt(address + 1) == 0xCF) {
                returnFromInterrupt();
            }
        } else if (address == layout.startKernelGate()) {
            boolean takeOver = kernel != null;
            if (takeOver) {
                kernelStarted = true;
                kernel.startKernel(this::setInterruptGate);
            }
            cpu.writeRegister(X86.REG_AX, takeOver ? 1 : 0);
        } else if (address == layout.idleGate()) {
            if (kernelStarted) {
                kernel.idle();
            }
        }
    }

    private void setInterruptGate(int vector, int irq) {
        if (vector < 0 || vector > 255 || irq < 0 || irq > 15) {
            throw new IllegalArgumentException("interrupt gate: vector 0-255 and irq 0-15, not " + vector + "/" + irq);
        }
        ram.putShort(vector * 4, (short) layout.irqGateOffset(irq));
        ram.putShort(vector * 4 + 2, (short) FirmwareLayout.SEGMENT);
    }

    // ---- hooks (upcalls from Unicorn) ----

    private void catchUp() {
        long executed = counter.count() - quantumStartCount;
        charge(executed - chargedInQuantum);
        chargedInQuantum = executed;
    }

    private int portIn(int port, int size) {
        catchUp();
        int value = board.in(port) & 0xFF;
        if (size >= 2) {
            value |= (board.in(port + 1) & 0xFF) << 8;
        }
        return value;
    }

    /**
     * A guest OUT. The run goes on unless the write changed what the run was planned around:
     * INT rose (it must be taken, or IF watched, from the next boundary), the next board event now
     * comes before the run's last instruction, or the guest asked to end the run. Stopping after
     * every OUT would cost a restart, and Unicorn 2.0.1 retranslates after every stop; an EOI in
     * a guest's IRQ0 handler changes none of the three.
     */
    private void portOut(int port, int size, int value) {
        catchUp();
        boolean intBefore = board.interruptRequested();
        board.out(port, value & 0xFF);
        if (size >= 2) {
            board.out(port + 1, (value >>> 8) & 0xFF);
        }
        long executed = counter.count() - quantumStartCount;
        if ((board.interruptRequested() && !intBefore) || board.exitRequested()
                || quantum() < quantumLength - executed) {
            stoppedByOut = true;
            cpu.stop();
        }
    }

    private void exception(int intno) {
        pendingInterrupt = intno;
        cpu.stop();
    }

    private boolean invalidMemory(int type, long address, int size, long value) {
        invalidMemoryType = type;
        invalidMemoryAddress = address;
        return false;
    }

    // ---- registers and memory ----

    private void readRegisters() {
        long metered = meterStart();
        regs.read();
        meterRegisters(metered);
        ip = (int) regs.get(R_IP) & 0xFFFF;
        cs = (int) regs.get(R_CS) & 0xFFFF;
        flags = (int) regs.get(R_FLAGS);
        sp = (int) regs.get(R_SP) & 0xFFFF;
        ss = (int) regs.get(R_SS) & 0xFFFF;
        traceInterruptFlag();
    }

    /**
     * Reports IF to the trace (pin {@link Pins#IF}) when it changed. Changes made by the guest are
     * seen when a run ends, so they carry the time of that run's end, not of the STI or CLI.
     */
    private void traceInterruptFlag() {
        boolean level = (flags & X86.FLAG_IF) != 0;
        if (level != tracedIf) {
            tracedIf = level;
            trace.record(board.now(), TraceEvent.PIN, Pins.IF, level ? 1 : 0);
        }
    }

    private void writeRegisters() {
        registersDirty = false;
        regs.set(R_IP, ip);
        regs.set(R_CS, cs);
        regs.set(R_FLAGS, flags);
        regs.set(R_SP, sp);
        regs.set(R_SS, ss);
        long metered = meterStart();
        regs.write();
        meterRegisters(metered);
    }

    /** The host time a metered native call starts at; 0 (and no clock read) when nothing meters. */
    private long meterStart() {
        return meter == null ? 0 : System.nanoTime();
    }

    private void meterEmulated(long start) {
        if (meter != null) {
            meter.emulated(System.nanoTime() - start);
        }
    }

    private void meterRegisters(long start) {
        if (meter != null) {
            meter.registersMoved(System.nanoTime() - start);
        }
    }

    private static int linear(int segment, int offset) {
        return ((segment << 4) + offset) & 0xFFFFF;
    }

    private int byteAt(long address) {
        return ram.get((int) (address & 0xFFFFF)) & 0xFF;
    }

    private int prefixLength(long address) {
        int n = 0;
        while (n < 4) {
            int b = byteAt(address + n);
            if (b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65 || b == 0x66
                    || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    private int opcodeAt(long address) {
        return byteAt(address + prefixLength(address));
    }

    /** DIV/IDIV (F6/F7 with ModRM reg 6 or 7) or AAM (D4): the instructions that raise #DE. */
    private boolean isDivide(long address) {
        int p = prefixLength(address);
        int op = byteAt(address + p);
        if (op == 0xD4) {
            return true;
        }
        if (op == 0xF6 || op == 0xF7) {
            int reg = (byteAt(address + p + 1) >> 3) & 7;
            return reg == 6 || reg == 7;
        }
        return false;
    }

    // ---- stopping ----

    private void fault(String why) {
        finish(Stop.FAULT, EXIT_FAULT, "guest fault: " + why + "\n" + registerDump());
    }

    private void finish(Stop why, int status, String text) {
        stop = why;
        exitStatus = status;
        message = text;
    }

    /** All 16-bit registers and the bytes at CS:IP, as a debugger shows them. */
    public String registerDump() {
        if (registersDirty) {
            writeRegisters();
        } else {
            readRegisters();
        }
        long ax = cpu.readRegister(X86.REG_AX);
        long bx = cpu.readRegister(X86.REG_BX);
        long cx = cpu.readRegister(X86.REG_CX);
        long dx = cpu.readRegister(X86.REG_DX);
        long si = cpu.readRegister(X86.REG_SI);
        long di = cpu.readRegister(X86.REG_DI);
        long bp = cpu.readRegister(X86.REG_BP);
        long ds = cpu.readRegister(X86.REG_DS);
        long es = cpu.readRegister(X86.REG_ES);
        StringBuilder code = new StringBuilder();
        int at = linear(cs, ip);
        for (int i = 0; i < 8; i++) {
            code.append(String.format(" %02X", byteAt(at + i)));
        }
        return String.format("AX=%04X BX=%04X CX=%04X DX=%04X SI=%04X DI=%04X BP=%04X SP=%04X%n"
                + "CS=%04X DS=%04X ES=%04X SS=%04X IP=%04X FLAGS=%04X%n"
                + "CS:IP %04X:%04X (0x%05X):%s%n"
                + "virtual time %d PIT clocks, %d instructions, %d interrupts",
                ax & 0xFFFF, bx & 0xFFFF, cx & 0xFFFF, dx & 0xFFFF, si & 0xFFFF, di & 0xFFFF, bp & 0xFFFF, sp,
                cs, ds & 0xFFFF, es & 0xFFFF, ss, ip, flags & 0xFFFF, cs, ip, at, code, board.now(),
                counter.count(), interrupts);
    }

    // ---- results ----

    public Stop stopReason() {
        return stop;
    }

    /** The process exit status the run asks for: 0 for LENGTH, the guest's or kernel's code, or {@link #EXIT_FAULT}. */
    public int exitStatus() {
        return exitStatus;
    }

    /** A one-paragraph account of why the machine stopped (a register dump after a fault). */
    public String message() {
        return message;
    }

    /** Hardware interrupts delivered (acknowledge cycles run). */
    public long interrupts() {
        return interrupts;
    }

    /**
     * Times every native call into Unicorn with {@code meter} from now on, or stops timing them
     * ({@code null}). For benchmarks: it adds the cost of System.nanoTime to each call.
     */
    public void meterNativeCalls(NativeMeter meter) {
        this.meter = meter;
    }

    /** IRQ0 interrupts delivered. */
    public long timerInterrupts() {
        return timerInterrupts;
    }

    /** Guest instructions executed. */
    public long instructions() {
        return counter.count();
    }

    public PcBoard board() {
        return board;
    }

    /** Guest physical memory (1 MiB), little-endian; changes are seen by the guest at once. */
    public ByteBuffer memory() {
        return ram;
    }

    /** Word at {@code segment:offset}. */
    public int readWord(int segment, int offset) {
        int a = linear(segment, offset);
        return (ram.get(a) & 0xFF) | ((ram.get((a + 1) & 0xFFFFF) & 0xFF) << 8);
    }

    @Override
    public void close() {
        cpu.close();
    }
}
