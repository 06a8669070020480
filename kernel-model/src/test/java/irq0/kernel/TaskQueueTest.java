package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.taskqueue.TaskQueues;
import org.junit.jupiter.api.Test;

/** queue_task and run_task_queue as include/linux/tqueue.h (2.2) defines them, on tq_timer, tq_immediate, tq_scheduler. */
class TaskQueueTest {
    private final KernelRig rig = new KernelRig();

    private TestTasks load(int n) {
        TestTasks m = new TestTasks(n);
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod tasks");
        assertThat(rig.kernel.modules().findModule("tasks")).isNotNull();
        return m;
    }

    private TaskQueues tq() {
        return rig.kernel.taskQueues();
    }

    @Test
    void shouldRunATaskQueuedTwiceInOneTickOnce() {
        TestTasks m = load(1);
        assertThat(m.queue(0, tq().tqTimer)).isEqualTo(1);
        assertThat(m.queue(0, tq().tqTimer)).as("already queued: sync bit set").isZero();
        rig.ticks(2);
        assertThat(m.takeRuns()).containsExactly("t0(100)@1");
    }

    @Test
    void shouldRunATaskThatRequeuesItselfOncePerTickFromTheNextTick() {
        TestTasks m = load(1);
        m.requeue[0] = true;
        m.queue(0, tq().tqTimer);
        rig.ticks(3);
        assertThat(m.takeRuns()).containsExactly("t0(100)@1", "t0(100)@2", "t0(100)@3");
    }

    @Test
    void shouldRunSeveralTasksLastQueuedFirst() {
        TestTasks m = load(3);
        m.queue(0, tq().tqTimer);
        m.queue(1, tq().tqTimer);
        m.queue(2, tq().tqTimer);
        rig.tick();
        assertThat(m.takeRuns()).containsExactly("t2(102)@1", "t1(101)@1", "t0(100)@1");
    }

    @Test
    void shouldDeferAndCoalesceTqueueBhWhileDisabled() {
        TestTasks m = load(1);
        m.requeue[0] = true;
        m.queue(0, tq().tqTimer);
        rig.ticks(3);
        int tqueueBh = rig.kernel.version().tqueueBh();
        rig.kernel.bottomHalves().disableBh(tqueueBh);
        rig.kernel.bottomHalves().disableBh(tqueueBh);
        rig.ticks(4);
        rig.kernel.bottomHalves().enableBh(tqueueBh);
        rig.tick();
        assertThat(m.takeRuns()).as("still disabled: nested twice, enabled once").containsExactly("t0(100)@1", "t0(100)@2", "t0(100)@3");
        rig.kernel.bottomHalves().enableBh(tqueueBh);
        rig.tick();
        rig.tick();
        assertThat(m.takeRuns()).as("five marks coalesced into one run; the count stays behind jiffies")
                .containsExactly("t0(100)@9", "t0(100)@10");
    }

    @Test
    void shouldRunTqImmediateWhenTheCallerMarksImmediateBh() {
        TestTasks m = load(1);
        m.queue(0, tq().tqImmediate);
        rig.tick();
        assertThat(m.takeRuns()).as("do_timer marks TIMER_BH and TQUEUE_BH only").isEmpty();
        m.queue(0, tq().tqImmediate);
        rig.kernel.markBh(rig.kernel.version().immediateBh());
        rig.tick();
        assertThat(m.takeRuns()).containsExactly("t0(100)@2");
    }

    @Test
    void shouldRunTqSchedulerFromScheduleInProcessContext() {
        TestTasks m = load(1);
        m.queue(0, tq().tqScheduler);
        rig.kernel.idle();
        assertThat(m.takeRuns()).containsExactly("t0(100)@0");
    }

    @Test
    void shouldRunTimerBhBeforeTqueueBhInOneTick() {
        TestTasks m = load(1);
        m.queue(0, tq().tqTimer);
        rig.events.clear();
        rig.tick();
        assertThat(rig.events.stream().filter(e -> e[1] == irq0.trace.TraceEvent.BH_RUN).map(e -> e[2]))
                .containsExactly(0L, (long) rig.kernel.version().tqueueBh());
    }

    /**
     * A tq_struct 4-byte aligned 8 bytes before a page end: next and sync on one page, routine and
     * data on the next. queue_task and run_task_queue take the field-by-field path for it and
     * behave exactly as for any other task.
     */
    @Test
    void shouldQueueAndRunATaskWhoseStructCrossesAPageBoundary() {
        StraddlingTask m = new StraddlingTask();
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod straddle");
        int task = m.taskAddress();
        assertThat(task & 0xFFF).as("offset of the tq_struct in its page").isEqualTo(0xFF8);
        assertThat(m.queue()).isEqualTo(1);
        assertThat(m.queue()).as("already queued: sync bit set").isZero();
        rig.ticks(3);
        assertThat(m.runs).containsExactly("0x2a@1", "0x2a@2", "0x2a@3");
        assertThat(rig.kernel.memory().read32(task + irq0.kernel.taskqueue.TqStruct.SYNC))
                .as("queued again by its routine: sync bit set").isEqualTo(1);
    }

    /** A module whose one task re-queues itself and whose tq_struct straddles two pages. */
    static final class StraddlingTask extends irq0.kernel.module.KernelModule {
        final java.util.List<String> runs = new java.util.ArrayList<>();
        private int task;

        @Override
        public String name() {
            return "straddle";
        }

        @Override
        protected void layout(irq0.kernel.module.ModuleLayout image) {
            int routine = image.function("routine", 0x20, data -> {
                runs.add("0x" + Integer.toHexString(data) + "@" + kernel().jiffies());
                queue();
            });
            image.function("init_module", 0x20);
            image.function("cleanup_module", 0x20);
            int first = image.data("pad", 4);
            image.data("pad2", 0xFF8 - (first + 4), 4);
            task = image.data("task", irq0.kernel.taskqueue.TqStruct.SIZE);
            image.initPointer(task + irq0.kernel.taskqueue.TqStruct.ROUTINE, routine);
            image.initWord(task + irq0.kernel.taskqueue.TqStruct.DATA, 0x2a);
        }

        int taskAddress() {
            return address(task);
        }

        int queue() {
            return kernel().queueTask(address(task), kernel().tqTimer());
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

    @Test
    void shouldFaultOnTheFetchWhenARoutineThatRanIsCalledAfterItsModuleIsRemoved() {
        TestTasks m = load(1);
        int routine = rig.kernel.modules().findModule("tasks").base() + m.routine[0];
        m.queue(0, tq().tqTimer);
        rig.tick();
        assertThat(m.takeRuns()).as("called once through the routine pointer").containsExactly("t0(100)@1");
        rig.run("rmmod tasks");
        int before = rig.kernel.log().lines().size();

        rig.kernel.call(routine, 100);

        assertThat(m.takeRuns()).as("the routine's pages are gone: nothing runs").isEmpty();
        assertThat(rig.logText().subList(before, rig.logText().size())).contains(
                String.format("Unable to handle kernel paging request at virtual address %08x", routine),
                String.format("EIP:    0010:[<%08x>]", routine));
    }

    /**
     * run_task_queue's {@code call *%edx} pushes its return address before the fetch at the
     * routine faults, so both a routine in freed memory and one pointing into a function's middle
     * (an undefined opcode) show tqueue_bh's return address on the stack and in the Call Trace.
     */
    @Test
    void shouldShowTheRunnersReturnAddressWhenARoutineCannotBeFetched() {
        TestTasks m = load(2);
        int base = rig.kernel.modules().findModule("tasks").base();
        int callReturn = irq0.kernel.mm.KernelText.TQUEUE_BH + irq0.kernel.mm.KernelText.RUNNER_CALL_RETURN;
        String trace = String.format("[<%08x>]", callReturn);
        // a routine pointer one instruction into routine0: mapped, but no entry point
        rig.kernel.writeWord(base + m.task[0] + irq0.kernel.taskqueue.TqStruct.ROUTINE, base + m.routine[0] + 4, 0);
        m.queue(0, tq().tqTimer);
        int before = rig.kernel.log().lines().size();
        rig.tick();
        java.util.List<String> oops = rig.logText().subList(before, rig.logText().size());
        assertThat(oops).anyMatch(l -> l.startsWith("invalid operand: 0000"));
        assertThat(oops).anyMatch(l -> l.startsWith("Call Trace: ") && l.contains(trace));
        assertThat(m.takeRuns()).isEmpty();
    }

    @Test
    void shouldShowTheRunnersReturnAddressWhenARoutinesPageIsNotMapped() {
        TestTasks m = load(1);
        int base = rig.kernel.modules().findModule("tasks").base();
        int callReturn = irq0.kernel.mm.KernelText.TQUEUE_BH + irq0.kernel.mm.KernelText.RUNNER_CALL_RETURN;
        int unmapped = base + 0x10000; // past the module and its guard page: nothing is mapped there
        rig.kernel.writeWord(base + m.task[0] + irq0.kernel.taskqueue.TqStruct.ROUTINE, unmapped, 0);
        m.queue(0, tq().tqTimer);
        int before = rig.kernel.log().lines().size();
        rig.tick();
        java.util.List<String> oops = rig.logText().subList(before, rig.logText().size());
        assertThat(oops).contains(String.format("Unable to handle kernel paging request at virtual address %08x", unmapped));
        assertThat(oops).anyMatch(l -> l.startsWith("Call Trace: ") && l.contains(String.format("[<%08x>]", callReturn)));
    }

    @Test
    void shouldForceTheUseCountToOneDuringInitAndLeaveAFailedModuleUnloaded() {
        TestTasks m = new TestTasks(1);
        m.initResult = -16;
        m.modules = rig.kernel.modules();
        rig.kernel.modules().addProvider(() -> m);
        rig.output();
        irq0.kernel.sched.Process p = rig.run("insmod tasks");
        assertThat(m.useCountSeenInInit).isEqualTo(1);
        assertThat(p.exitStatus()).isNotZero();
        assertThat(rig.commandOutput()).containsExactly("# insmod tasks", "init_module: Device or resource busy");
        assertThat(rig.kernel.modules().findModule("tasks")).isNull();
        assertThat(m.cleanups).as("cleanup_module of a module that never ran").isZero();
        assertThat(rig.kernel.memory().mapped(irq0.kernel.mm.KernelMemory.VMALLOC_START, 4)).as("the module image freed").isFalse();
    }

    @Test
    void shouldRefuseToRemoveAModuleInUse() {
        TestTasks m = load(1);
        rig.kernel.modules().incUseCount(rig.kernel.modules().findModule("tasks"));
        rig.output();
        rig.run("rmmod tasks");
        rig.run("lsmod");
        assertThat(rig.commandOutput()).containsExactly("# rmmod tasks", "rmmod: tasks: Device or resource busy",
                "# lsmod", "Module                  Size  Used by", "tasks                    192   1");
        rig.kernel.modules().decUseCount(rig.kernel.modules().findModule("tasks"));
        rig.run("rmmod tasks");
        assertThat(m.cleanups).isEqualTo(1);
        rig.run("rmmod tasks");
        assertThat(rig.commandOutput()).containsExactly("# rmmod tasks", "# rmmod tasks", "rmmod: module tasks is not loaded");
    }
}
