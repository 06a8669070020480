package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.sched.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarks' module behaves as LKMPG's sched.c does, with P tasks: every tick runs each task
 * once, and rmmod sleeps until the tick on which the tasks run for the last time without
 * re-queuing, after which tq_timer is empty and nothing of the module is left queued.
 */
class RequeueModuleTest {
    @ParameterizedTest(name = "P={0}")
    @ValueSource(ints = {0, 1, 16, 256})
    void shouldRunEveryTaskOncePerTickAndLeaveNothingQueuedAfterRmmod(int tasks) {
        BootedKernel b = BootedKernel.withTasks(tasks);
        int runs = b.module.runs();
        for (int tick = 0; tick < 10; tick++) {
            b.machine.tick();
        }
        assertThat(b.module.runs() - runs).isEqualTo(10 * tasks);
        assertThat(b.kernel.taskQueues().tqTimer.isEmpty()).isEqualTo(tasks == 0);

        Process rmmod = b.kernel.shell().spawnCommand("rmmod " + RequeueModule.NAME);
        b.kernel.idle();
        // tick 1: each task sees Stopping, runs once more without re-queuing; the last wakes rmmod
        b.machine.tick();
        b.kernel.idle();

        assertThat(rmmod.exited()).isTrue();
        assertThat(rmmod.exitStatus()).isZero();
        assertThat(b.kernel.modules().findModule(RequeueModule.NAME)).isNull();
        assertThat(b.kernel.taskQueues().tqTimer.isEmpty()).isTrue();
        b.machine.tick();
        assertThat(b.kernel.running()).as("no Oops from a task left behind").isTrue();
    }
}
