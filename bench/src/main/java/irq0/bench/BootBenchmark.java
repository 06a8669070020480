package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.board.PcBoard;
import irq0.cpu.BootImage;
import irq0.cpu.KernelGate;
import irq0.cpu.MachineOptions;
import irq0.cpu.NativeMeter;
import irq0.cpu.PcMachine;
import irq0.kernel.Kernel;
import irq0.trace.Trace;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole machine: one op is one timer interrupt on the booted PC, Unicorn running the bundled
 * firmware in real mode: the idle loop's {@code sti; hlt}, the HLT skipping virtual time to the
 * OUT0 edge, INTA, the real-mode entry through the IVT (FLAGS, CS, IP pushed), the gate stub into
 * the Java kernel (Linux 2.2 model, HZ=1000, LKMPG's sched module loaded, its task on tq_timer),
 * IRET, and the idle gate's schedule(). Throughput is timer interrupts per host second (target: at
 * least 90,000). CPU: the machine's defaults (8 MHz, 4 cycles per instruction).
 *
 * <p>{@code kernel=model} runs the kernel model; {@code kernel=bare} the same machine with a gate
 * that only programs the PIC and PIT and sends the EOI ({@link BareGate}), so the difference is
 * the kernel model's share. The auxiliary counters split the host time per interrupt:
 * {@code kernelNanos} over {@code interrupts} is the time inside the Java kernel; on one op in
 * {@value #SAMPLE_EVERY} the machine also times its native calls ({@link NativeMeter}), so that
 * {@code cpuSliceNanos} (inside {@code uc_emu_start}) and {@code registerNanos} (the batched
 * register reads and writes) over {@code sampledInterrupts} are the CPU slice and the other native
 * calls, with {@code emulateCalls} and {@code registerCalls} how many of each an interrupt takes.
 * What is left of the op is the machine's own Java ({@link UnicornCallBenchmark} prices single
 * native calls).
 *
 * <p>What could fool it: an idle guest executes a handful of instructions per tick, so the cost is
 * dominated by entering and leaving Unicorn, not by emulated code (a busy guest would differ);
 * System.nanoTime around each gate call adds its own cost (tens of ns) to every op, and around
 * each native call to the sampled ops (so those figures are a little high, and the throughput
 * carries 1/{@value #SAMPLE_EVERY} of that cost). The op ends
 * when the machine returns after the IRQ0 gate; the IRET and the idle loop of that interrupt run
 * at the start of the next op, so every op holds exactly one whole interrupt. Set-up checks that
 * ticks arrive and that sched's task is queued.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BootBenchmark {
    static final int CHECK_TICKS = 16;
    /** One op in this many has its native calls timed. */
    public static final int SAMPLE_EVERY = 16;

    /** model: the Linux 2.2 kernel model with sched; bare: {@link BareGate}. */
    @Param({"model", "bare"})
    public String kernel;

    /** Host time inside the kernel's gates and interrupts delivered, summed per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class JavaSide {
        public long kernelNanos;
        public long interrupts;
        public long sampledInterrupts;
        public long cpuSliceNanos;
        public long registerNanos;
        public long emulateCalls;
        public long registerCalls;

        @Setup(Level.Iteration)
        public void clear() {
            kernelNanos = 0;
            interrupts = 0;
            sampledInterrupts = 0;
            cpuSliceNanos = 0;
            registerNanos = 0;
            emulateCalls = 0;
            registerCalls = 0;
        }
    }

    private Kernel model;
    private MeteredGate gate;
    private PcMachine machine;
    private final NativeMeter meter = new NativeMeter();
    private int untilSample = SAMPLE_EVERY;

    @Setup(Level.Trial)
    public void boot() {
        PcBoard board = new PcBoard(Trace.NONE);
        KernelGate inner;
        if (kernel.equals("model")) {
            model = new Kernel(board, Trace.NONE, new Kernel.Config().hz(BootedKernel.HZ));
            inner = model;
        } else if (kernel.equals("bare")) {
            inner = new BareGate(board);
        } else {
            throw new IllegalArgumentException("kernel must be model or bare: " + kernel);
        }
        gate = new MeteredGate(inner);
        machine = new PcMachine(board, BootImage.bundled(BootImage.BUNDLED_FIRMWARE), gate, MachineOptions.defaults());
        // POST, the kernel's start and its first tick
        gate.allow(1);
        machine.run();
        if (model != null) {
            model.shell().spawnCommand("insmod sched");
        }
        long before = machine.timerInterrupts();
        gate.allow(CHECK_TICKS);
        machine.run();
        long ticked = machine.timerInterrupts() - before;
        if (ticked != CHECK_TICKS) {
            throw new IllegalStateException("the booted machine took " + ticked + " timer interrupts instead of "
                    + CHECK_TICKS + " (" + machine.stopReason() + ": " + machine.message() + ")");
        }
        if (model != null && (model.modules().findModule("sched") == null || model.taskQueues().tqTimer.isEmpty())) {
            throw new IllegalStateException("insmod sched did not leave its task on tq_timer");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        machine.close();
    }

    @Benchmark
    public long timerInterrupt(JavaSide side) {
        boolean sample = --untilSample == 0;
        if (sample) {
            untilSample = SAMPLE_EVERY;
            meter.clear();
            machine.meterNativeCalls(meter);
        }
        long before = gate.kernelNanos();
        gate.allow(1);
        machine.run();
        side.kernelNanos += gate.kernelNanos() - before;
        side.interrupts++;
        if (sample) {
            machine.meterNativeCalls(null);
            side.sampledInterrupts++;
            side.cpuSliceNanos += meter.emulateNanos();
            side.registerNanos += meter.registerNanos();
            side.emulateCalls += meter.emulateCalls();
            side.registerCalls += meter.registerCalls();
        }
        return machine.timerInterrupts();
    }
}
