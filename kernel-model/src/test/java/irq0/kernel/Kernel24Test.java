package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.sched.Process;
import irq0.kernel.taskqueue.TaskQueues24;
import irq0.kernel.taskqueue.TqStruct24;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model under {@code --kernel 2.4} (Linux 2.4.22), tick by tick: LKMPG's 2.4 sched.c, the
 * 2001 edition refused, the waitq race on demand, list_head task queues and the bottom halves as
 * hi-priority tasklets.
 */
class Kernel24Test {
    private static KernelRig rig24(String... script) {
        return new KernelRig(new Kernel.Config().version(KernelVersion.V2_4).script(List.of(script)));
    }

    private static void tickUntilStopped(KernelRig rig, int max) {
        for (int i = 0; i < max && rig.kernel.running(); i++) {
            rig.tick();
        }
    }

    /**
     * sys_nanosleep (kernel/timer.c, 2.4.22) rounds as 2.2 does: timespec_to_jiffies plus one for a
     * non-zero request, so sleep 1 is 101 jiffies and sleep 0.37 is 38; the task runs once per tick
     * from the first; rmmod's sleep_on returns after the next tick's run.
     */
    @Test
    void shouldRunLkmpgs24SchedTickForTick() {
        KernelRig rig = rig24("insmod sched", "sleep 1", "cat /proc/sched", "sleep 0.37", "cat /proc/sched", "rmmod sched");
        tickUntilStopped(rig, 1000);
        assertThat(rig.kernel.exitStatus()).isZero();
        assertThat(rig.kernel.log().lines()).containsExactly("irq0: Linux 2.4.22 timer-path model, HZ=100");
        assertThat(rig.commandOutput()).containsExactly(
                "# insmod sched", "# sleep 1", "# cat /proc/sched", "Timer called 101 times so far",
                "# sleep 0.37", "# cat /proc/sched", "Timer called 139 times so far", "# rmmod sched");
        assertThat(rig.jiffies()).as("rmmod returned at the tick after 139").isEqualTo(140);
    }

    /** modutils' obj_check_undefineds: 2.4.22 exports neither proc_register nor proc_unregister. */
    @Test
    void shouldRefuseThe2001EditionWithItsUnresolvedSymbols() {
        KernelRig rig = rig24();
        rig.output();
        Process insmod = rig.run("insmod sched-2001");
        assertThat(insmod.exitStatus()).isEqualTo(1);
        assertThat(rig.commandOutput()).containsExactly("# insmod sched-2001",
                "sched-2001.o: unresolved symbol proc_register", "sched-2001.o: unresolved symbol proc_unregister");
        assertThat(rig.kernel.modules().list()).isEmpty();
        KernelRig rig22 = new KernelRig();
        assertThat(rig22.run("insmod sched-2001").exitStatus()).as("the same object loads on 2.2").isZero();
    }

    /**
     * The lost wake-up: with race_udelay the tick after {@code waitq = 1} comes before sleep_on;
     * intrpt_routine wakes an empty WaitQ and does not re-queue, so rmmod sleeps for ever.
     */
    @Test
    void shouldLoseTheWakeUpWhenATickLandsBetweenWaitqAndSleepOn() {
        KernelRig rig = rig24("insmod sched race_udelay=20000", "sleep 0.03", "rmmod sched &", "sleep 1", "lsmod");
        rig.machine.runToCompletion();
        Process rmmod = rig.kernel.scheduler().task(4);
        assertThat(rmmod.comm()).isEqualTo("rmmod");
        assertThat(rmmod.state()).as("asleep in sleep_on for ever").isEqualTo(Process.TASK_UNINTERRUPTIBLE);
        assertThat(rig.kernel.taskQueues().tqTimer.isEmpty()).as("the routine did not re-queue").isTrue();
        assertThat(rig.commandOutput()).endsWith("# lsmod", "Module                  Size  Used by",
                "sched                    412   0 (deleted)");

        KernelRig safe = rig24("insmod sched", "sleep 0.03", "rmmod sched &", "sleep 1", "lsmod");
        safe.machine.runToCompletion();
        assertThat(safe.kernel.scheduler().task(4).exited()).as("without the window the next tick wakes rmmod").isTrue();
        assertThat(safe.commandOutput()).endsWith("# lsmod", "Module                  Size  Used by");
    }

    /** queue_task is list_add_tail: FIFO, unlike 2.2's LIFO. */
    @Test
    void shouldRunTasksInTheOrderTheyWereQueued() {
        KernelRig rig = rig24();
        TestTasks24 m = new TestTasks24(3);
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod tasks24");
        m.queue(0);
        m.queue(1);
        m.queue(2);
        rig.tick();
        assertThat(m.runs).containsExactly("t0@1", "t1@1", "t2@1");
        assertThat(rig.kernel.taskQueues().tqTimer.isEmpty()).isTrue();
        assertThat(rig.kernel.taskQueues().tqTimer.head()).isEqualTo(TaskQueues24.TQ_TIMER_ADDRESS);
    }

    /**
     * do_timer marks TIMER_BH then TQUEUE_BH; 2.2 runs bit 0 first, 2.4's mark_bh pushes each
     * tasklet on the head of the hi list so tqueue_bh runs first.
     */
    @Test
    void shouldRunTqueueBhBeforeTimerBhOn24AndAfterItOn22() {
        for (KernelVersion v : KernelVersion.values()) {
            KernelRig rig = new KernelRig(new Kernel.Config().version(v).script(List.of("insmod bhorder", "sleep 0.01")));
            tickUntilStopped(rig, 10);
            List<String> lines = new ArrayList<>(rig.kernel.log().lines());
            List<Long> bhs = new ArrayList<>();
            for (long[] e : rig.events) {
                if (e[1] == TraceEvent.BH_RUN) {
                    bhs.add(e[2]);
                }
            }
            if (v == KernelVersion.V2_2) {
                assertThat(lines).containsSubsequence("bhorder: timer_list function at jiffies 1", "bhorder: tq_timer task at jiffies 1");
                assertThat(bhs.subList(0, 2)).containsExactly(0L, 2L);
            } else {
                assertThat(lines).containsSubsequence("bhorder: tq_timer task at jiffies 1", "bhorder: timer_list function at jiffies 1");
                assertThat(bhs.subList(0, 2)).containsExactly(1L, 0L);
            }
        }
    }

    /** A module with N tasks for 2.4's tq_struct (list_head first). */
    static final class TestTasks24 extends irq0.kernel.module.KernelModule {
        final int[] task;
        final List<String> runs = new ArrayList<>();

        TestTasks24(int n) {
            task = new int[n];
        }

        @Override
        public String name() {
            return "tasks24";
        }

        @Override
        protected void layout(irq0.kernel.module.ModuleLayout image) {
            int[] routine = new int[task.length];
            for (int i = 0; i < task.length; i++) {
                int n = i;
                routine[i] = image.function("routine" + i, 0x20, data -> runs.add("t" + n + "@" + kernel().jiffies()));
            }
            image.function("init_module", 0x20);
            image.function("cleanup_module", 0x20);
            for (int i = 0; i < task.length; i++) {
                task[i] = image.data("task" + i, TqStruct24.SIZE);
                image.initPointer(task[i] + TqStruct24.ROUTINE, routine[i]);
            }
        }

        void queue(int n) {
            kernel().queueTask(address(task[n]), kernel().tqTimer());
        }

        @Override
        protected int initModule(irq0.kernel.sched.Process current) {
            return 0;
        }

        @Override
        protected irq0.kernel.sched.Step cleanupModule(irq0.kernel.sched.Process current) {
            return irq0.kernel.sched.Step.exit(0);
        }
    }

    /**
     * end_bh_atomic on 2.4 is local_bh_enable: with softirqs pending it runs do_softirq at once,
     * in the reader's process context, so sched's task has run before /proc/sched is read, at
     * jiffies 5 (the old model left it to the next tick, and read 0).
     */
    @Test
    void shouldRunPendingSoftirqsAtEndBhAtomic() {
        KernelRig rig = rig24("insmod sched", "insmod bhoff ticks=5 atomic=1", "cat /proc/bhoff", "cat /proc/sched");
        tickUntilStopped(rig, 100);
        assertThat(rig.commandOutput()).containsSubsequence(
                "bhoff: bottom halves held off (start_bh_atomic) from jiffies 0 to 5", "Timer called 1 times so far");
        assertThat(rig.jiffies()).isEqualTo(5);
    }

    /**
     * 2.4.22's sleep_on and wake_up on a wait_queue_head_t (kernel/sched.c, include/linux/wait.h),
     * as a timeline: cleanup_module's sleep_on puts rmmod on the queue in TASK_UNINTERRUPTIBLE
     * (state D) and schedules; at the next tick intrpt_routine, run by tqueue_bh through bh_action
     * inside do_softirq, calls wake_up = __wake_up(q, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE, 1),
     * which wakes every non-exclusive sleeper (sleep_on's entry is one); rmmod runs again only after
     * the interrupt has returned, in the idle loop's schedule(), and exits.
     */
    @Test
    void shouldSleepOnAndWakeUpAsTheTimelineShows() {
        KernelRig rig = rig24("insmod sched", "sleep 0.02", "rmmod sched");
        while (rig.kernel.scheduler().liveTasks().stream().noneMatch(t -> t.comm().equals("rmmod"))) {
            rig.tick();
        }
        Process rmmod = rig.kernel.scheduler().liveTasks().stream().filter(t -> t.comm().equals("rmmod")).findFirst().orElseThrow();
        assertThat(rmmod.stateName()).isEqualTo("D (disk sleep)");
        int from = rig.events.size();
        rig.tick();
        List<String> timeline = new ArrayList<>();
        for (long[] e : rig.events.subList(from, rig.events.size())) {
            int kind = (int) e[1];
            if (kind == TraceEvent.ENTER || kind == TraceEvent.LEAVE) {
                int slice = (int) e[2];
                if (slice == irq0.trace.KernelSlice.DO_SOFTIRQ || slice == irq0.trace.KernelSlice.BH_ACTION
                        || slice == irq0.trace.KernelSlice.INTERRUPT || slice == irq0.trace.KernelSlice.PROCESS && e[3] == rmmod.pid()) {
                    timeline.add((kind == TraceEvent.ENTER ? "enter " : "leave ") + irq0.trace.KernelSlice.name(slice)
                            + (slice == irq0.trace.KernelSlice.BH_ACTION ? "(" + e[3] + ")" : ""));
                }
            } else if (kind == TraceEvent.PROCESS_STATE && e[2] == rmmod.pid()) {
                timeline.add(e[3] == TraceEvent.WAKE_UP ? "wake_up rmmod" : e[3] == TraceEvent.EXIT ? "rmmod exits" : "rmmod sleeps");
            }
        }
        assertThat(timeline).containsExactly(
                "enter IRQ entry", "enter do_softirq", "enter bh_action(1)", "wake_up rmmod", "leave bh_action(1)",
                "enter bh_action(0)", "leave bh_action(0)", "leave do_softirq", "leave IRQ entry",
                "enter process", "rmmod exits", "leave process");
        assertThat(rmmod.exited()).isTrue();
        assertThat(rig.kernel.modules().list()).isEmpty();
    }

    /**
     * ksoftirqd (kernel/softirq.c, 2.4.22): while disable_bh(TQUEUE_BH) holds sched's tasklet,
     * tasklet_hi_action puts it back on the hi list and raises HI_SOFTIRQ again; do_softirq does
     * not restart for a bit it has already run in this call, so it leaves the bit pending and
     * wakes ksoftirqd, which runs do_softirq from process context (the model: one pass in each
     * schedule()). The tasklet runs once, there, after enable_bh; TIMER_BH meanwhile every tick.
     */
    @Test
    void shouldLeaveADisabledTaskletToKsoftirqd() {
        KernelRig rig = rig24("insmod sched", "insmod bhoff ticks=5", "cat /proc/bhoff", "cat /proc/sched");
        tickUntilStopped(rig, 100);
        assertThat(rig.commandOutput()).containsSubsequence(
                "bhoff: TQUEUE_BH disabled from jiffies 0 to 5", "Timer called 1 times so far");
        int depth = 0;
        int fromSchedule = 0;
        List<String> bottomHalves = new ArrayList<>();
        for (long[] e : rig.events) {
            boolean slice = e[1] == TraceEvent.ENTER || e[1] == TraceEvent.LEAVE;
            if (slice && e[2] == irq0.trace.KernelSlice.INTERRUPT) {
                depth += e[1] == TraceEvent.ENTER ? 1 : -1;
            } else if (e[1] == TraceEvent.ENTER && e[2] == irq0.trace.KernelSlice.DO_SOFTIRQ && depth == 0) {
                fromSchedule++;
            } else if (e[1] == TraceEvent.BH_RUN) {
                bottomHalves.add((e[2] == 1 ? "tqueue_bh" : "timer_bh") + (depth > 0 ? " in do_IRQ" : " from ksoftirqd"));
            }
        }
        assertThat(bottomHalves).containsExactly("timer_bh in do_IRQ", "timer_bh in do_IRQ", "timer_bh in do_IRQ",
                "timer_bh in do_IRQ", "timer_bh in do_IRQ", "tqueue_bh from ksoftirqd");
        assertThat(fromSchedule).as("ksoftirqd's passes: one after each tick's do_softirq left HI_SOFTIRQ pending, and the last")
                .isEqualTo(6);
    }
}
