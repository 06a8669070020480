package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.KernelVersion;
import irq0.kernel.sched.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmarks' module behaves as LKMPG's sched.c does, with P tasks: every tick runs each task
 * once, and rmmod sleeps until the tick on which the tasks run for the last time without
 * re-queuing, after which tq_timer is empty and nothing of the module is left queued. On both
 * releases: 2.4's tq_struct is 20 bytes (its list_head) and its queue FIFO.
 */
class RequeueModuleTest {
    @ParameterizedTest(name = "{0} P={1}")
    @CsvSource({"2.2, 0", "2.2, 1", "2.2, 16", "2.2, 256", "2.4, 0", "2.4, 1", "2.4, 16", "2.4, 256"})
    void shouldRunEveryTaskOncePerTickAndLeaveNothingQueuedAfterRmmod(String release, int tasks) {
        BootedKernel b = BootedKernel.withTasks(tasks, KernelVersion.named(release));
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
