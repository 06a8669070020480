package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-interrupt path allocates nothing: do_IRQ with its port I/O, do_timer, TIMER_BH's
 * run_timer_list, TQUEUE_BH's run_task_queue over 64 re-queuing tasks in modelled memory, and
 * the idle loop's schedule(), on both releases (2.4: the bottom halves as the hi tasklet, the
 * list_head task queue). Measured with the JVM's per-thread allocation counter, which counts
 * every byte this thread allocates, interpreted or compiled.
 */
class TickAllocationTest {
    @ParameterizedTest(name = "Linux {0}")
    @ValueSource(strings = {"2.2", "2.4"})
    void shouldAllocateNothingPerTimerInterrupt(String release) {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.named(release)), false);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        CountingTasks counting = new CountingTasks();
        rig.kernel.modules().addProvider(() -> counting);
        rig.run("insmod counting");
        for (int i = 0; i < 2000; i++) {
            rig.kernel.interrupt(0);
            rig.kernel.idle();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20_000; i++) {
            rig.kernel.interrupt(0);
            rig.kernel.idle();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(rig.jiffies()).isEqualTo(22_000);
        assertThat(counting.counter()).isEqualTo(64 * 22_000);
        assertThat(allocated).as("bytes allocated by 20000 timer interrupts").isLessThan(1024);
    }

    /** 64 tasks that count and re-queue themselves without logging (TestTasks logs with strings). */
    static final class CountingTasks extends irq0.kernel.module.KernelModule {
        private final int[] task = new int[64];
        private int counter;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        protected void layout(irq0.kernel.module.ModuleLayout image) {
            int[] routine = new int[64];
            for (int i = 0; i < 64; i++) {
                int n = i;
                routine[i] = image.function("routine" + i, 0x20, data -> {
                    poke(counter, peek(counter) + 1);
                    kernel().queueTask(address(task[n]), kernel().tqTimer());
                });
            }
            counter = image.data("counter", 4);
            for (int i = 0; i < 64; i++) {
                task[i] = image.data("task" + i, image.tqStructSize());
                image.initPointer(task[i] + image.tqRoutine(), routine[i]);
            }
        }

        @Override
        protected int initModule(irq0.kernel.sched.Process current) {
            for (int i = 0; i < 64; i++) {
                kernel().queueTask(address(task[i]), kernel().tqTimer());
            }
            return 0;
        }

        @Override
        protected irq0.kernel.sched.Step cleanupModule(irq0.kernel.sched.Process current) {
            return irq0.kernel.sched.Step.exit(0);
        }

        int counter() {
            return peek(counter);
        }
    }
}
