package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.mm.KernelMemory;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.taskqueue.TqStruct;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Untraced, 2.2's run_task_queue runs the tasks that follow a task with the same routine in a
 * loop of its own (TaskQueues22.runTasks). Most kernel tests trace (KernelRig's default), and
 * tracing takes the general loop only; here each timeline runs both ways, and the untraced one
 * must be the traced one: the same routines in the same order, the same lockup, the same Oops.
 */
class UntracedRunnerTest {

    /** {@code count} tasks; all but task 2 call routine 0, task 2 keeps routine 2. */
    private static TestTasks sharedRoutines(KernelRig rig, int count) {
        TestTasks m = new TestTasks(count);
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod tasks");
        for (int i = 0; i < count; i++) {
            if (i != 2) {
                rig.kernel.memory().write32(m.taskAddress(i) + TqStruct.ROUTINE, m.routineAddress(0));
            }
        }
        return m;
    }

    private static List<String> sharedRoutineRuns(boolean tracing) {
        KernelRig rig = new KernelRig(new Kernel.Config(), tracing);
        TestTasks m = sharedRoutines(rig, 5);
        for (int i = 0; i < 5; i++) {
            m.requeue[i] = true;
            m.queue(i, rig.kernel.taskQueues().tqTimer);
        }
        rig.ticks(2);
        return m.takeRuns();
    }

    @ParameterizedTest(name = "tracing={0}")
    @ValueSource(booleans = {false, true})
    void shouldRunTasksSharingARoutineInListOrderAndBreakTheRunAtAnotherRoutine(boolean tracing) {
        // Queued 0..4, so they run 4..0 (LIFO). Routine 0 logs as "t0" with the task's own data
        // (100 + its number) and re-queues task 0, routine 2 task 2. At 104, 103 and 101 task 0 is
        // still on the list being run, its sync bit set, so queue_task leaves it; task 2 is queued
        // at 102 and task 0 at 100, after the runner cleared their sync bits: the next tick runs
        // task 0, then task 2.
        assertThat(sharedRoutineRuns(tracing)).containsExactly(
                "t0(104)@1", "t0(103)@1", "t2(102)@1", "t0(101)@1", "t0(100)@1",
                "t0(100)@2", "t2(102)@2");
    }

    /**
     * Five tasks of one routine, task 3 across a page boundary (both pages mapped): no access
     * faults, but from task 3 on the runner reads field by field (a page lookup per access). The
     * same routines in the same order, traced or not.
     */
    @ParameterizedTest(name = "tracing={0}")
    @ValueSource(booleans = {false, true})
    void shouldRunATaskAcrossAPageAndTheTasksAfterItInListOrder(boolean tracing) {
        KernelRig rig = new KernelRig(new Kernel.Config(), tracing);
        TestTasks m = queuedAcrossAPage(rig, 5, 3);
        rig.ticks(2);
        // queued 0..4, so they run 4..0 (LIFO), each with its own data; none is queued again
        assertThat(m.takeRuns()).containsExactly("t0(104)@1", "t0(103)@1", "t0(102)@1", "t0(101)@1", "t0(100)@1");
        assertThat(rig.kernel.taskQueues().tqTimer.isEmpty()).isTrue();
    }

    /**
     * Three tasks of one routine linked in a loop (2, 1, 0, 2, ...), task 1 across a page: the
     * lockup comes in the field-by-field part of the pass, at the same task, after the same runs,
     * traced or not. The 2^20 + 1st task to start is task 1 (2^20 = 1 mod 3).
     */
    @ParameterizedTest(name = "tracing={0}")
    @ValueSource(booleans = {false, true})
    void shouldLockUpOnALoopThroughATaskAcrossAPage(boolean tracing) {
        KernelRig rig = new KernelRig(new Kernel.Config(), tracing);
        TestTasks m = queuedAcrossAPage(rig, 3, 1);
        rig.kernel.memory().write32(m.taskAddress(0) + TqStruct.NEXT, m.taskAddress(2));
        rig.tick();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_LOCKUP);
        assertThat(rig.output()).contains(String.format("irq0: kernel lockup: run_task_queue(&tq_timer) has run 1048576 "
                + "tasks in one pass: the list loops (task %08x)", m.taskAddress(1)));
        assertThat(m.runs).hasSize(TaskQueues.LOCKUP_TASKS);
    }

    /**
     * {@code count} tasks that all call routine 0, task {@code crossing} across a page boundary,
     * queued on tq_timer in order (so they run from the last to the first).
     */
    private static TestTasks queuedAcrossAPage(KernelRig rig, int count, int crossing) {
        TestTasks m = new TestTasks(count);
        m.crossPage = crossing;
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod tasks");
        int address = m.taskAddress(crossing);
        assertThat(address & (KernelMemory.PAGE_SIZE - 1)).isEqualTo(KernelMemory.PAGE_SIZE - 8);
        for (int i = 0; i < count; i++) {
            rig.kernel.memory().write32(m.taskAddress(i) + TqStruct.ROUTINE, m.routineAddress(0));
            m.queue(i, rig.kernel.taskQueues().tqTimer);
        }
        return m;
    }

    /**
     * sched_unsafe's Task stays queued behind three tasks of one routine when it is removed: the
     * untraced runner leaves its same-routine loop at the freed page, and the general path
     * reports the Oops with %ecx and %edx as the task before it left them (save_p and f), as the
     * traced runner does.
     */
    @Test
    void shouldOopsAtAStaleTaskAfterARunOfOneRoutineAsTheTracedRunnerDoes() {
        List<String> untraced = staleTaskAfterOneRoutine(false);
        assertThat(untraced).contains(
                String.format("Unable to handle kernel paging request at virtual address %08x",
                        SchedModuleTest.TASK + TqStruct.DATA));
        assertThat(untraced).isEqualTo(staleTaskAfterOneRoutine(true));
    }

    private static List<String> staleTaskAfterOneRoutine(boolean tracing) {
        KernelRig rig = new KernelRig(new Kernel.Config(), tracing);
        rig.run("insmod sched_unsafe");
        TestTasks m = new TestTasks(3);
        rig.kernel.modules().addProvider(() -> m);
        rig.run("insmod tasks");
        for (int i = 0; i < 3; i++) {
            rig.kernel.memory().write32(m.taskAddress(i) + TqStruct.ROUTINE, m.routineAddress(0));
            m.queue(i, rig.kernel.taskQueues().tqTimer);
        }
        rig.run("rmmod sched_unsafe"); // tq_timer: task 2, 1, 0, then the freed Task
        rig.tick();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_PANIC);
        assertThat(m.takeRuns()).containsExactly("t0(102)@1", "t0(101)@1", "t0(100)@1");
        return rig.output();
    }

    /**
     * SchedModuleTest's reloaded module whose Task points to itself: the same lockup untraced,
     * after the same number of runs of its routine (TimerIntrpt: 10 before rmmod, then
     * LOCKUP_TASKS in the last pass).
     */
    @Test
    void shouldLockUpOnATaskListThatLoopsAsTheTracedRunnerDoes() {
        List<String> untraced = selfLinkedTask(false);
        assertThat(untraced).contains(String.format("irq0: kernel lockup: run_task_queue(&tq_timer) has run 1048576 "
                + "tasks in one pass: the list loops (task %08x)", SchedModuleTest.TASK));
        assertThat(untraced).endsWith("TimerIntrpt = " + (10 + TaskQueues.LOCKUP_TASKS));
        assertThat(untraced).isEqualTo(selfLinkedTask(true));
    }

    /** sched's TimerIntrpt: the image's first data word, before WaitQ and Task (Sched.layout). */
    private static final int TIMER_INTRPT = SchedModuleTest.TASK - 8;

    private static List<String> selfLinkedTask(boolean tracing) {
        KernelRig rig = new KernelRig(new Kernel.Config(), tracing);
        rig.run("insmod sched_unsafe");
        rig.ticks(3);
        rig.run("rmmod sched_unsafe");
        rig.run("insmod sched"); // on the freed area: init links the new Task in front of itself
        rig.ticks(5);
        rig.run("cat /proc/sched");
        rig.run("rmmod sched");
        rig.tick();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_LOCKUP);
        List<String> out = new ArrayList<>(rig.output());
        out.add("TimerIntrpt = " + rig.kernel.memory().read32(TIMER_INTRPT));
        return out;
    }
}
