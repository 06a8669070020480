package irq0.bench;

import irq0.board.PcBoard;
import irq0.kernel.Kernel;
import irq0.kernel.NoCpuMachine;
import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.taskqueue.TqStruct;
import irq0.trace.Trace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One timer interrupt through the whole path without a CPU: the idle machine skips to the next
 * OUT0 edge (board.advance), the PIC raises INT, the stand-in acknowledges it (INTA), the gate
 * enters do_IRQ (mask_and_ack, timer_interrupt with its latch and reads, do_timer, unmask), the
 * bottom halves run (TIMER_BH's run_timer_list, TQUEUE_BH's run_task_queue) and every task on
 * tq_timer runs its routine, which counts and re-queues itself, as LKMPG's sched.c does. Then
 * the idle loop's schedule() finds nothing to do.
 *
 * <p>What could fool it: the work is the same every tick (no warm-up drift), the result
 * (jiffies) is returned so it is not dead code, and the machine state is created once per trial
 * (no per-invocation setup). With -prof gc the path must show 0 B/op: it allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelTickBenchmark {
    @Param({"1", "64"})
    int tasks;

    private Kernel kernel;
    private NoCpuMachine machine;

    /** N tasks on tq_timer, each re-queuing itself after counting, in the module's memory. */
    public static final class Requeuers extends KernelModule {
        private final int count;
        private int[] task;
        private Variable counter;

        public Requeuers(int count) {
            this.count = count;
        }

        @Override
        public String name() {
            return "requeuers";
        }

        @Override
        protected void layout(ModuleLayout image) {
            task = new int[count];
            int[] routine = new int[count];
            for (int i = 0; i < count; i++) {
                int n = i;
                routine[i] = image.function("routine" + i, 0x40, data -> run(n));
            }
            image.function("init_module", 0x20);
            image.function("cleanup_module", 0x20);
            counter = image.variable("counter");
            for (int i = 0; i < count; i++) {
                task[i] = image.data("task" + i, TqStruct.SIZE);
                image.initPointer(task[i] + TqStruct.ROUTINE, routine[i]);
            }
        }

        private void run(int n) {
            counter.set(counter.get() + 1);
            kernel().queueTask(address(task[n]), kernel().tqTimer());
        }

        @Override
        protected int initModule(Process current) {
            for (int i = 0; i < count; i++) {
                kernel().queueTask(address(task[i]), kernel().tqTimer());
            }
            return 0;
        }

        @Override
        protected Step cleanupModule(Process current) {
            return Step.exit(0);
        }

        public int counter() {
            return counter.get();
        }
    }

    @Setup(Level.Trial)
    public void boot() {
        PcBoard board = new PcBoard(Trace.NONE);
        kernel = new Kernel(board, Trace.NONE, new Kernel.Config().hz(100));
        machine = new NoCpuMachine(board, Trace.NONE, kernel);
        machine.boot();
        Requeuers module = new Requeuers(tasks);
        kernel.modules().addProvider(() -> module);
        kernel.shell().spawnCommand("insmod requeuers");
        kernel.idle();
        if (kernel.modules().findModule("requeuers") == null) {
            throw new IllegalStateException("the benchmark module did not load");
        }
        machine.tick();
        if (kernel.jiffies() != 1 || module.counter() != tasks) {
            throw new IllegalStateException("a tick did not run the tasks: jiffies " + kernel.jiffies() + ", runs " + module.counter()
                    + " (are the PIT and PIC implemented?)");
        }
    }

    @Benchmark
    public int timerInterrupt() {
        machine.tick();
        return kernel.jiffies();
    }
}
