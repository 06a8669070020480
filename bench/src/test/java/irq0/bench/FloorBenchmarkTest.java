package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.kernel.Kernel;
import irq0.kernel.taskqueue.TqStruct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor must do the work HotPath does, or the HotPath/Floor ratio means nothing: both run the
 * same ticks from the state right after an interrupt, and every observable effect must match:
 * jiffies, the tasks' runs and sync bits, the order of tq_timer, the master 8259A's IMR, ISR and
 * IRR, counter 0's count, OUT and rising edges, the virtual time, kstat, the timer wheel's
 * timer_jiffies (1,000 ticks cross three tv1 wraps and their cascades), the port 0x80 writes,
 * the latched count's delay, and no bottom half left marked.
 */
class FloorBenchmarkTest {
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    private static final int TICKS = 1000;

    @ParameterizedTest(name = "P={0}")
    @ValueSource(ints = {0, 1, 16, 256})
    void shouldDoTheSameObservableWorkAsHotPath(int tasks) {
        BootedKernel hot = BootedKernel.withTasks(tasks);
        Kernel kernel = hot.kernel;
        PcBoard board = hot.board;
        int base = kernel.modules().findModule(RequeueModule.NAME).base();
        FloorBenchmark floor = new FloorBenchmark();
        floor.tasks = tasks;
        floor.setUp();
        assertThat(base).as("the floor's module lies where insmod put HotPath's").isEqualTo(FloorBenchmark.BASE);

        int jiffies0 = kernel.jiffies();
        int runs0 = hot.module.runs();
        long clocks0 = board.now();
        long rising0 = board.pit().outRisingEdges(0);
        int kstat0 = kernel.irq().count(0);
        int timerJiffies0 = kernel.timers().timerJiffies();
        long posts0 = board.postCodeCount();
        for (int i = 0; i < TICKS; i++) {
            hot.machine.tick();
            floor.timerInterrupt(BLACKHOLE);
        }

        assertThat(floor.stopped()).as("the floor met no fault").isFalse();
        assertThat(kernel.jiffies() - jiffies0).as("jiffies").isEqualTo(TICKS).isEqualTo(floor.jiffies());
        assertThat(hot.module.runs() - runs0).as("Runs").isEqualTo(TICKS * tasks).isEqualTo(floor.runs());
        for (int t = 0; t < tasks; t++) {
            int task = base + FloorBenchmark.taskArray(tasks) + t * TqStruct.SIZE;
            assertThat(kernel.memory().read32(task + TqStruct.SYNC)).as("sync of task %d", t).isEqualTo(floor.sync(t));
        }
        int head = kernel.taskQueues().tqTimer.head();
        assertThat(head == 0 ? 0 : head - base).as("tq_timer's first task")
                .isEqualTo(floor.tqTimerHead() == 0 ? 0 : floor.tqTimerHead() - FloorBenchmark.BASE);
        assertThat(board.master().imr()).as("IMR").isEqualTo(floor.imr());
        assertThat(board.master().isr()).as("ISR").isEqualTo(floor.isr());
        assertThat(board.master().irr()).as("IRR").isEqualTo(floor.irrBits());
        assertThat(board.interruptRequested()).as("INT").isFalse();
        assertThat(board.now() - clocks0).as("PIT clocks").isEqualTo(TICKS * (long) FloorBenchmark.LATCH).isEqualTo(floor.clocks());
        assertThat(board.pit().outRisingEdges(0) - rising0).as("OUT0 rising edges").isEqualTo(floor.risingEdges());
        assertThat(board.pit().out(0)).as("OUT0").isEqualTo(floor.out0());
        board.pit().write(3, 0x00); // counter latch command, then the count LSB, MSB
        int count = board.pit().read(0) | board.pit().read(0) << 8;
        assertThat(count).as("counter 0").isEqualTo(floor.counter0());
        assertThat(kernel.irq().count(0) - kstat0).as("kstat.irqs[0]").isEqualTo(floor.kstat(0));
        assertThat(kernel.timers().timerJiffies() - timerJiffies0).as("timer_jiffies").isEqualTo(TICKS);
        assertThat(floor.timerJiffies() - 1).as("the floor's timer_jiffies").isEqualTo(TICKS);
        assertThat(board.postCodeCount() - posts0).as("port 0x80 writes").isEqualTo(floor.postCount());
        assertThat(board.lastPostCode()).as("the last port 0x80 write").isEqualTo(floor.lastPost());
        assertThat(kernel.time().delayAtLastInterrupt()).as("delay_at_last_interrupt").isEqualTo(floor.delayAtLastInterrupt());
        assertThat(kernel.bottomHalves().bhActive()).as("bh_active").isZero().isEqualTo(floor.bhActive());
    }
}
