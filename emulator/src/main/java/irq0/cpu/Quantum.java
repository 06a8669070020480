package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;

/**
 * One run of guest code in Unicorn ({@code uc_emu_start}) and the hooks that serve it: port I/O
 * at the end of its instruction's cycles, the interrupts and exceptions Unicorn reports, invalid
 * memory; then what ended the run (a count, an OUT, a HLT, a gate, the IF watch, an error).
 */
final class Quantum {
    private final PcMachine machine;
    private final PcBoard board;
    private final CpuState state;
    private final CpuClock clock;
    private final Opcodes opcodes;
    private final InterruptEntry interrupts;
    private final Gates gates;
    private final Unicorn cpu;
    private final InstructionCounter counter;
    final TranslationBudget translations;

    /** The next run is a single step (the IF watch stopped before an instruction). */
    boolean stepNext;
    /** True while the CPU is halted (HLT that was not a gate). */
    boolean halted;

    private long startCount;
    /** The instruction count the current run was started with. */
    private long length;
    private long charged;

    // ---- what hooks saw during a run ----
    private boolean stoppedByOut;
    private int pendingInterrupt = -1;
    private int invalidMemoryType;
    private long invalidMemoryAddress = -1;
    /** What a hook threw, if one did: the run stops and the machine with it. */
    private Throwable hookFailure;
    private String failedHook;

    Quantum(PcMachine machine, PcBoard board, CpuState state, CpuClock clock, Opcodes opcodes,
            InterruptEntry interrupts, Gates gates, InstructionCounter counter) {
        this.machine = machine;
        this.board = board;
        this.state = state;
        this.clock = clock;
        this.opcodes = opcodes;
        this.interrupts = interrupts;
        this.gates = gates;
        this.cpu = state.cpu;
        this.counter = counter;
        this.translations = new TranslationBudget(cpu, counter);
        cpu.hookPortIn(this::portIn);
        cpu.hookPortOut(this::portOut);
        cpu.hookInterrupt(this::exception);
        cpu.hookInvalidMemory(this::invalidMemory);
    }

    /** Runs at most {@code n} instructions; with {@code watchInterruptFlag}, stops before one that may set IF. */
    void run(long n, boolean watchInterruptFlag) {
        translations.beforeRun();
        state.prepareRun();
        long begin = state.linearIp();
        startCount = counter.count();
        length = n;
        charged = 0;
        stoppedByOut = false;
        hookFailure = null;
        pendingInterrupt = -1;
        invalidMemoryAddress = -1;
        state.javaRanLast = false;
        if (watchInterruptFlag) {
            counter.watchInterruptFlag(true);
        }
        counter.watchCodeSegment(state.cs * 16L);
        long metered = state.meterStart();
        int err = cpu.emulate(begin, FirmwareLayout.NO_ADDRESS, n);
        state.meterEmulated(metered);
        boolean watchStopped = watchInterruptFlag && !counter.watching();
        counter.watchInterruptFlag(false);
        long executed = counter.count() - startCount;
        clock.charge(executed - charged);
        if (err == X86.ERR_OK && pendingInterrupt < 0 && hookFailure == null && !stoppedByOut && !watchStopped
                && !counter.leftCodeSegment() && gates.ranIdleLoop(begin, executed, counter.lastAddress())) {
            // the idle loop ran to its HLT: IP and IF are known, nothing else changed; no read
            state.ranIdleLoop(gates.idleLoopStopIp());
            halted = true;
            return;
        }
        state.read();
        if (hookFailure != null) {
            machine.internalError("the " + failedHook + " hook threw " + describe(hookFailure));
            return;
        }
        if (pendingInterrupt >= 0) {
            interrupts.softwareInterruptOrException(pendingInterrupt);
            return;
        }
        if (err != X86.ERR_OK) {
            unicornError(err);
            return;
        }
        if (stoppedByOut) {
            return;
        }
        if (counter.leftCodeSegment()) {
            // The next instruction is outside CS's 64 KiB: a far transfer (CS changed) or IP run
            // past FFFFh, which Unicorn does not wrap. The IP just read is 16 bits, so the next run
            // starts at CS:IP as a real-mode CPU would go on, with the segment watched from there.
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
        if (opcodes.justExecuted(Opcodes.HLT, last)) {
            if (gates.isGate(last)) {
                gates.gate(last);
            } else {
                halted = true;
            }
        } else if (executed < n) {
            interrupts.unexplainedStop(last);
        }
    }

    /** STI delays interrupts until the end of the next instruction (only the last instruction counts). */
    boolean inStiShadow() {
        if (counter.count() == 0 || state.javaRanLast) {
            return false;
        }
        return opcodes.justExecuted(Opcodes.STI, counter.lastAddress());
    }

    private void unicornError(int err) {
        long last = counter.lastAddress();
        switch (err) {
            case X86.ERR_INSN_INVALID:
                // Real mode: invalid opcode is exception 6 through the IVT.
                interrupts.cpuException(6, last);
                break;
            case X86.ERR_READ_UNMAPPED:
            case X86.ERR_WRITE_UNMAPPED:
            case X86.ERR_FETCH_UNMAPPED:
                machine.fault(String.format("%s at 0x%05X", X86.memoryAccessName(invalidMemoryType),
                        invalidMemoryAddress >= 0 ? invalidMemoryAddress : last));
                break;
            default:
                if (opcodes.isDivide(last)) {
                    // after a double fault Unicorn stops silently at the next contributory fault
                    interrupts.cpuException(0, last);
                } else {
                    machine.fault("the CPU stopped: " + Unicorn.errorText(err));
                }
        }
    }

    // ---- hooks (upcalls from Unicorn) ----
    //
    // A Java exception must not leave a JNA callback: JNA would print it, return 0 to Unicorn and
    // let the guest go on (an IN reading 0). Each hook catches everything, stops the engine and
    // leaves the failure for run() to report as one line.

    private void hookFailed(String hook, Throwable e) {
        if (hookFailure == null) {
            hookFailure = e;
            failedHook = hook;
        }
        cpu.stop();
    }

    private static String describe(Throwable e) {
        String text = e.getMessage();
        return e.getClass().getName() + (text == null ? "" : ": " + text.replace('\n', ' '));
    }

    private void catchUp() {
        long executed = counter.count() - startCount;
        clock.charge(executed - charged);
        charged = executed;
    }

    private int portIn(int port, int size) {
        try {
            catchUp();
            int value = board.in(port) & 0xFF;
            if (size >= 2) {
                value |= (board.in(port + 1) & 0xFF) << 8;
            }
            return value;
        } catch (RuntimeException | Error e) {
            hookFailed(String.format("IN from port 0x%02X", port), e);
            return 0xFF;
        }
    }

    /**
     * A guest OUT. The run goes on unless the write changed what the run was planned around:
     * INT rose (it must be taken, or IF watched, from the next boundary), the next board event now
     * comes before the run's last instruction, or the guest asked to end the run. Stopping after
     * every OUT would cost a restart, and Unicorn 2.0.1 retranslates after every stop; an EOI in
     * a guest's IRQ0 handler changes none of the three.
     */
    private void portOut(int port, int size, int value) {
        try {
            out(port, size, value);
        } catch (RuntimeException | Error e) {
            hookFailed(String.format("OUT to port 0x%02X", port), e);
        }
    }

    private void out(int port, int size, int value) {
        catchUp();
        boolean intBefore = board.interruptRequested();
        board.out(port, value & 0xFF);
        if (size >= 2) {
            board.out(port + 1, (value >>> 8) & 0xFF);
        }
        long executed = counter.count() - startCount;
        if ((board.interruptRequested() && !intBefore) || board.exitRequested()
                || (!counter.watching() && clock.quantum() < length - executed)) {
            stoppedByOut = true;
            cpu.stop();
        }
    }

    private void exception(int intno) {
        try {
            pendingInterrupt = intno;
            cpu.stop();
        } catch (RuntimeException | Error e) {
            hookFailed("interrupt", e);
        }
    }

    private boolean invalidMemory(int type, long address, int size, long value) {
        invalidMemoryType = type;
        invalidMemoryAddress = address;
        return false;
    }
}
