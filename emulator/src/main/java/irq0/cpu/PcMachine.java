package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.Unicorn;
import irq0.trace.Trace;
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
 * jumps through the IVT, as a real-mode 80286 does. While IF=0 the CPU runs to the length (no
 * board event changes its course) with the instruction counter watching IF: it stops before any
 * STI, POPF or IRET (or 32-bit form), which then runs as a single step if INT is high, so the
 * interrupt follows it at the first boundary where IF=1;
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
 *
 * <h2>Parts</h2>
 * This class is the run loop and the public face; the work is done by parts named by their job:
 * {@link CpuState} (the registers Java mirrors, guest memory, the interrupt frame's stack),
 * {@link CpuClock} (virtual time, run lengths, HLT's idling), {@link Quantum} (one
 * {@code uc_emu_start} and the hooks that serve it), {@link InterruptEntry} (real-mode interrupt
 * and exception entry), {@link Gates} (the kernel gates), {@link Opcodes} (which instruction ended
 * a run) and {@link RegisterDump}.
 */
public final class PcMachine implements BootMachine {
    public static final int RAM_SIZE = 1 << 20;
    /** A single step: the instruction in an STI shadow, or the one the IF watch stopped before. */
    private static final long STEP = 1;

    /** Exit status of a guest fault: even, so never one an isa-debug-exit write ((V << 1) | 1) gives. */
    public static final int EXIT_FAULT = 10;
    /** Exit status of {@link Stop#INTERNAL_ERROR} (sysexits' EX_SOFTWARE). */
    public static final int EXIT_INTERNAL_ERROR = 70;

    private final PcBoard board;
    private final KernelGate kernel;
    private final MachineOptions options;
    private final Unicorn cpu;
    private final InstructionCounter counter;
    private final CpuState state;
    private final CpuClock clock;
    private final InterruptEntry interrupts;
    private final Gates gates;
    private final BiosServices bios;
    private final Quantum quantum;

    private long pauseTicks = Long.MAX_VALUE;

    // ---- results ----
    private Stop stop;
    private int exitStatus;
    private String message = "";

    public PcMachine(PcBoard board, byte[] firmware, KernelGate kernel, MachineOptions options) {
        this(board, firmware, kernel, options, Trace.NONE);
    }

    /** As above, with the trace that receives the CPU's events (interrupt entries). */
    public PcMachine(PcBoard board, byte[] firmware, KernelGate kernel, MachineOptions options, Trace trace) {
        this.board = Objects.requireNonNull(board, "board");
        Trace events = trace == null ? Trace.NONE : trace;
        this.kernel = kernel;
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(firmware, "firmware");
        if (firmware.length == 0 || firmware.length > FirmwareLayout.MAX_FIRMWARE) {
            throw new IllegalArgumentException("firmware must be 1 to " + FirmwareLayout.MAX_FIRMWARE + " bytes: "
                    + firmware.length);
        }
        this.clock = new CpuClock(board, options);
        this.cpu = Unicorn.openReal();
        try {
            ByteBuffer ram = cpu.mapHostMemory(0, RAM_SIZE);
            int base = RAM_SIZE - firmware.length;
            for (int i = 0; i < firmware.length; i++) {
                ram.put(base + i, firmware[i]);
            }
            FirmwareLayout layout = FirmwareLayout.find(ram, firmware.length);
            byte[] boot = options.bootImage();
            DiskImage disk = null;
            if (boot != null) {
                if (layout == null) {
                    throw new IllegalArgumentException("this firmware cannot boot a boot image (it has no irq0 descriptor)");
                }
                // the BIOS reads the first sector to 0000:7C00 through INT 13h, as a PC's does
                disk = new DiskImage(boot);
                layout.setBootFlag(ram, true);
                layout.setBootDrive(ram, disk.drive);
            }
            counter = cpu.addInstructionCounter();
            state = new CpuState(cpu, ram, board, events);
            Opcodes opcodes = new Opcodes(state);
            interrupts = new InterruptEntry(this, board, events, state, clock, opcodes, counter, options.faultLimit());
            bios = new BiosServices(state, board, disk);
            gates = new Gates(layout, kernel, state, clock, interrupts, bios);
            quantum = new Quantum(this, board, state, clock, opcodes, interrupts, gates, counter);
            state.reset();
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
    public Stop runUntil(long clockLimit, long timerInterruptCount) {
        clock.pauseClock = clockLimit;
        pauseTicks = timerInterruptCount;
        stop = null;
        while (stop == null) {
            if (board.exitRequested()) {
                finish(Stop.GUEST_EXIT, board.exitCode(), "guest exit through port 0xF4");
                break;
            }
            if (gates.kernelStarted() && !kernel.running()) {
                finish(Stop.KERNEL_STOPPED, kernel.exitStatus(), "the kernel stopped");
                break;
            }
            if (lengthReached()) {
                finish(Stop.LENGTH, 0, "run length reached");
                break;
            }
            if (board.now() >= clock.pauseClock) {
                stop = Stop.PAUSED;
                break;
            }
            boolean intr = board.interruptRequested();
            boolean enabled = state.interruptsEnabled();
            if (intr && enabled && timerInterrupts() >= pauseTicks && (quantum.halted || !quantum.inStiShadow())
                    && board.master().pendingLevel() == 0) {
                // the tick budget is spent: end where the next timer interrupt would be taken,
                // with INT up and no INTA run, so that the handler of the last tick ran to its end
                stop = Stop.PAUSED;
                break;
            }
            if (quantum.halted) {
                if (intr && enabled) {
                    quantum.halted = false;
                    interrupts.deliverHardwareInterrupt();
                } else if (!enabled) {
                    fault("CPU halted with interrupts disabled: nothing can wake it");
                } else if (!clock.idle()) {
                    fault("CPU halted and no device will ever interrupt it");
                }
                continue;
            }
            if (intr && enabled && !quantum.inStiShadow()) {
                interrupts.deliverHardwareInterrupt();
                continue;
            }
            if (gates.enterGateAtStart()) {
                continue;
            }
            if (clock.nextInstructionCrossesLength()) {
                // the instruction in flight at the length is not retired: the run ends at it exactly
                clock.finishAtLength();
                continue;
            }
            if (intr && (enabled || quantum.stepNext)) {
                // in an STI shadow, or at an instruction the IF watch stopped before: one step
                quantum.stepNext = false;
                quantum.run(STEP, false);
            } else if (!enabled && !quantum.stepNext) {
                // IF=0: stop before any instruction that may set IF, so that an interrupt pending
                // then follows it at once. Until then no board event can change what the CPU does
                // (INT rising or falling is not seen with IF=0; a port access catches the board up
                // to its instruction), so the run goes on to the length. A run that ended at each
                // timer edge would restart at an arbitrary instruction, and Unicorn translates
                // straight-line code again from every new start (DEVELOPERS.md, runaway guests):
                // a guest that runs away with interrupts off is one run per lap of its segment
                quantum.run(clock.quantumToLength(), true);
            } else {
                quantum.stepNext = false;
                quantum.run(clock.quantum(), false);
            }
        }
        return stop;
    }

    private boolean lengthReached() {
        long maxTicks = options.maxTimerInterrupts();
        long maxClocks = options.maxClocks();
        return (maxTicks > 0 && timerInterrupts() >= maxTicks) || (maxClocks > 0 && board.now() >= maxClocks);
    }

    // ---- stopping ----

    void fault(String why) {
        finish(Stop.FAULT, EXIT_FAULT, "guest fault: " + why + "\n" + registerDump());
    }

    /** One line: what failed inside irq0 while the guest ran. */
    void internalError(String why) {
        finish(Stop.INTERNAL_ERROR, EXIT_INTERNAL_ERROR, "internal error: " + why);
    }

    private void finish(Stop why, int status, String text) {
        stop = why;
        exitStatus = status;
        message = text;
    }

    /** All 16-bit registers and the bytes at CS:IP, as a debugger shows them. */
    public String registerDump() {
        return RegisterDump.of(state, board.now(), counter.count(), interrupts.interrupts());
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
        return interrupts.interrupts() + (kernel == null ? 0 : kernel.interruptsTakenInside());
    }

    /**
     * Times every native call into Unicorn with {@code meter} from now on, or stops timing them
     * ({@code null}). For benchmarks: it adds the cost of System.nanoTime to each call.
     */
    public void meterNativeCalls(NativeMeter meter) {
        state.meter = meter;
    }

    /** IRQ0 interrupts delivered. */
    public long timerInterrupts() {
        return interrupts.timerInterrupts() + (kernel == null ? 0 : kernel.timerInterruptsTakenInside());
    }

    /**
     * BIOS calls (INT 10h-1Ah) the firmware does not serve: each set CF and AH=01h for its caller.
     * See {@link BiosServices} for those it serves.
     */
    @Override
    public long unsupportedBiosCalls() {
        return bios.unsupportedCalls();
    }

    /**
     * How many times the Unicorn engine was replaced by a new one in the same state, to give back
     * the memory of its translations ({@link TranslationBudget}).
     */
    public long engineRecreations() {
        return cpu.recreations();
    }

    /** Tests: replace the Unicorn engine before every {@code runs} runs of it, to show that the guest cannot tell. */
    void recreateEngineEvery(int runs) {
        quantum.translations.recreateEvery = runs;
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
        return state.ram;
    }

    /** Word at {@code segment:offset}. */
    public int readWord(int segment, int offset) {
        return state.wordAt(CpuState.linear(segment, offset));
    }

    @Override
    public void close() {
        cpu.close();
    }
}
