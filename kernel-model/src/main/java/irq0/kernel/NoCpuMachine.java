package irq0.kernel;

import irq0.board.PcBoard;
import irq0.cpu.BootMachine;
import irq0.cpu.InterruptTiming;
import irq0.cpu.KernelGate;
import irq0.cpu.MachineOptions;
import irq0.pit.Pit8254;
import irq0.trace.Pins;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import java.util.Arrays;

/**
 * The machine without a CPU: it does what the firmware's idle loop ({@code sti; hlt}) and the
 * x86 interrupt gates would do, so that everything from the PIT edge to the last task runs the
 * same code as with a CPU. Each step: run process context ({@link KernelGate#idle}); if INT is up
 * and IF is set, acknowledge the PIC and enter the gate installed for the vector; otherwise HLT:
 * advance the board from event to event (OUT0 edges) until INT rises (every kernel deadline is a
 * jiffy, so the next tick is always soon enough).
 */
public final class NoCpuMachine implements BootMachine {
    private final PcBoard board;
    private final Trace trace;
    /** False for {@link Trace#NONE}: no INT_ENTRY/INT_EXIT events are built. */
    private final boolean tracing;
    private final Kernel kernel;
    /** The IRQ each interrupt vector's gate enters with, -1 where none is installed. */
    private final int[] gates = new int[256];
    private long interrupts;
    private long timerInterrupts;
    /** In {@link #runUntil(long, long)}: the idle loop's HLT is waiting for INT. */
    private boolean halted;

    /*
     * PIT clocks between the steps of an interrupt taken from the idle loop's HLT, at the CPU's
     * default clock: to the acknowledge, then to the kernel's handler, the IRET and process
     * context (InterruptTiming.clocksFromWake, as differences).
     */
    private static final long[] WAKE = InterruptTiming.clocksFromWake(MachineOptions.DEFAULT_CPU_HZ,
            MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION);
    static final long ACKNOWLEDGE = WAKE[0];
    static final long TO_KERNEL = WAKE[1] - WAKE[0];
    static final long TO_IRET = WAKE[2] - WAKE[1];
    static final long TO_IDLE = WAKE[3] - WAKE[2];

    public NoCpuMachine(PcBoard board, Trace trace, Kernel kernel) {
        this.board = board;
        this.trace = trace == null ? Trace.NONE : trace;
        this.tracing = this.trace != Trace.NONE;
        this.kernel = kernel;
        Arrays.fill(gates, -1);
    }

    /**
     * The bundled BIOS's POST as far as the timer hardware goes (firmware/src/asm/bios.asm), then
     * startKernel with the gate table this machine dispatches through. The POST matters for the
     * first tick: it leaves counter 0 in mode 3 with OUT0 high (82C54 datasheet, mode 3: OUT high
     * after the control word, low for the second half of each period), so the kernel's control
     * word 0x34 makes no edge and the first IRQ0 comes when counter 0 first counts LATCH down,
     * LATCH + 1 clocks after time_init's count write, as on the Unicorn CPU, whose BIOS hands
     * over well inside that first half-period.
     */
    public void boot() {
        if (tracing) {
            // FLAGS after reset: IF clear (the waveform's IF starts known, as on the CPU)
            trace.record(board.now(), TraceEvent.PIN, Pins.IF, 0);
        }
        post();
        kernel.startKernel((vector, irq) -> gates[vector & 0xFF] = irq);
        traceInterruptFlag(true);
    }

    /** IF for the waveform: what the CPU's pin IF would show; nothing when not tracing. */
    private void traceInterruptFlag(boolean level) {
        if (tracing) {
            trace.record(board.now(), TraceEvent.PIN, Pins.IF, level ? 1 : 0);
        }
    }

    /** bios.asm's POST writes to the 8259A pair (IBM AT: 08h/70h) and the 8254, in its order. */
    private void post() {
        board.out(0x20, 0x11);      // ICW1: edge, cascade, ICW4
        board.out(0xA0, 0x11);
        board.out(0x21, 0x08);      // ICW2
        board.out(0xA1, 0x70);
        board.out(0x21, 0x04);      // ICW3
        board.out(0xA1, 0x02);
        board.out(0x21, 0x01);      // ICW4: 8086, normal EOI
        board.out(0xA1, 0x01);
        board.out(0x21, 0xFA);      // IRQ0 and the cascade unmasked
        board.out(0xA1, 0xFF);
        board.out(0x43, 0x36);      // counter 0: mode 3, count 65536 (18.2 Hz)
        board.out(0x40, 0x00);
        board.out(0x40, 0x00);
        board.out(0x43, 0x54);      // counter 1: mode 2, 18 (DRAM refresh)
        board.out(0x41, 18);
        board.out(0x43, 0xB6);      // counter 2: mode 3, 1193 (1 kHz tone)
        board.out(0x42, 1193 & 0xFF);
        board.out(0x42, 1193 >> 8);
        board.out(0x61, board.in(0x61) & 0xFC); // GATE2 low, speaker data off
    }

    /**
     * Delivers a pending interrupt if INT is up and IF set: INTA, then the gate of the vector (an
     * IRET at its end). Returns true if one was delivered. Code that lets time pass inside the
     * kernel (a test's task routine) calls this to nest an interrupt.
     */
    public boolean deliverPendingInterrupt() {
        if (!board.interruptRequested() || !kernel.interruptsEnabled() || !kernel.running()) {
            return false;
        }
        // the CPU's time from its wake-up, as PcMachine charges it (InterruptTiming): the INTA
        // bus cycles, then the entry and the gate's HLT, the handler, the IRET, the idle gate.
        // Until the handler runs only the board acts, so the kernel still runs; after it, time
        // passes only while the machine still runs (an Oops or panic stopped it)
        advanceIfDue(ACKNOWLEDGE);
        int vector = board.acknowledge();
        int irq = gates[vector & 0xFF];
        if (irq == 0) {
            timerInterrupts++; // the kernel's gates map IRQ0's vector, and only it, to 0
        }
        if (tracing) {
            trace.record(board.now(), TraceEvent.INT_ENTRY, vector, irq);
            trace.record(board.now(), TraceEvent.PIN, Pins.IF, 0);
        }
        advanceIfDue(TO_KERNEL);
        if (irq >= 0) {
            kernel.interrupt(irq);
        }
        boolean running = kernel.running();
        if (running) {
            advanceIfDue(TO_IRET);
        }
        if (tracing) {
            trace.record(board.now(), TraceEvent.INT_EXIT, vector, 0);
            if (running) {
                trace.record(board.now(), TraceEvent.PIN, Pins.IF, 1); // the IRET restores IF
            }
        }
        if (running) {
            advanceIfDue(TO_IDLE);
        }
        interrupts++;
        return true;
    }

    /** Lets {@code clocks} pass on the board while the CPU works (none: nothing to do). */
    private void advanceIfDue(long clocks) {
        if (clocks > 0) {
            board.advance(clocks);
        }
    }

    /**
     * One turn of the idle loop: process context, then an interrupt if one is pending, else HLT
     * until INT rises but no further than {@code limit} (an absolute time in PIT clocks), and the
     * interrupt that woke it. Returns false when nothing can happen any more (the kernel stopped,
     * or no interrupt is due before the limit).
     */
    public boolean step(long limit) {
        kernel.idle();
        if (!kernel.running()) {
            return false;
        }
        // what deliverPendingInterrupt would take at once; one call site for it below, so that
        // the JIT compiles the interrupt's path once into this method rather than twice
        boolean pending = board.interruptRequested() && kernel.interruptsEnabled();
        if (!pending) {
            // HLT: only INT wakes the CPU (Intel SDM, HLT: "an enabled interrupt ... will resume
            // execution"). A board event that raises no interrupt, such as OUT0 falling one clock
            // before the mode 2 reload, is passed through without running the idle loop again: it
            // could find nothing new to do, since only an interrupt makes a process runnable.
            long now = board.now();
            do {
                if (now >= limit) {
                    return false;
                }
                long wait = board.clocksUntilNextRequest();
                if (wait == Pit8254.NEVER || wait > limit - now) {
                    board.advanceHalted(limit - now);
                    return false;
                }
                board.advanceHalted(wait);
                now += wait;
            } while (!board.interruptRequested());
        }
        // the interrupt is taken at the HLT it ends, before any more of the idle loop: 2.2's
        // cpu_idle calls schedule() once per wake-up, after the handler's IRET (with IF clear
        // the request waits, and the next turn finds it pending)
        deliverPendingInterrupt();
        return pending || kernel.running();
    }

    /**
     * {@inheritDoc} The idle loop as {@link #step} runs it, resumable where it paused: a pause
     * inside the HLT goes on waiting in the HLT, without another turn of process context.
     */
    @Override
    public BootMachine.Stop runUntil(long clock, long timerInterruptLimit) {
        while (true) {
            if (!halted) {
                kernel.idle();
                if (!kernel.running()) {
                    return BootMachine.Stop.KERNEL_STOPPED;
                }
                halted = true;
            }
            if (board.interruptRequested() && kernel.interruptsEnabled()) {
                if (timerInterrupts() >= timerInterruptLimit && board.master().pendingLevel() == 0) {
                    return BootMachine.Stop.PAUSED;
                }
                // taken at the HLT it ends (or at once, if it was pending before it), then one
                // more turn of the idle loop: 2.2's cpu_idle calls schedule() after each wake-up
                halted = false;
                deliverPendingInterrupt();
                if (!kernel.running()) {
                    return BootMachine.Stop.KERNEL_STOPPED;
                }
                continue;
            }
            long now = board.now();
            if (now >= clock) {
                return BootMachine.Stop.PAUSED;
            }
            long wait = board.clocksUntilNextRequest();
            board.advanceHalted(wait == Pit8254.NEVER ? clock - now : Math.min(wait, clock - now));
        }
    }

    @Override
    public long interrupts() {
        return interrupts + kernel.interruptsTakenInside();
    }

    @Override
    public long timerInterrupts() {
        return timerInterrupts + kernel.timerInterruptsTakenInside();
    }

    @Override
    public long instructions() {
        return 0;
    }

    @Override
    public int exitStatus() {
        return kernel.exitStatus();
    }

    @Override
    public String message() {
        return kernel.running() ? "" : "the kernel stopped";
    }

    /** Runs until the kernel stops or virtual time reaches {@code limit} PIT clocks. */
    public void runUntil(long limit) {
        while (step(limit)) {
            // each step is one idle turn, interrupt or HLT
        }
        kernel.idle();
    }

    /** Runs until the kernel stops by itself (its script ended, or a panic). */
    public void runToCompletion() {
        while (kernel.running()) {
            if (!step(Long.MAX_VALUE)) {
                break;
            }
        }
    }

    /** Idles until exactly one more interrupt has been delivered (or the kernel stopped). */
    public void tick() {
        long target = interrupts + 1;
        while (interrupts < target && step(Long.MAX_VALUE)) {
            // HLT until the edge, then the interrupt
        }
    }

    @Override
    public PcBoard board() {
        return board;
    }

    public Kernel kernel() {
        return kernel;
    }
}
