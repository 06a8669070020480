package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Places where the model once differed from Linux 2.2.8, each checked against what the 2.2.8
 * source does (the function is named in each test).
 */
class Linux228DeparturesTest {
    private static KernelRig script(String... commands) {
        return new KernelRig(new Kernel.Config().script(List.of(commands)));
    }

    private static void tickUntilStopped(KernelRig rig, int max) {
        for (int i = 0; i < max && rig.kernel.running(); i++) {
            rig.tick();
        }
    }

    /**
     * include/linux/tqueue.h, run_task_queue: {@code (*f)(arg)} with no test of f. The stale Task
     * of sched_unsafe lies in jiq's code, which reads as zeros: routine 0, a call to address 0.
     */
    @Test
    void shouldJumpToAddressZeroWhenAStaleTasksRoutineIsZero() {
        KernelRig rig = script("insmod sched_unsafe", "rmmod sched_unsafe", "insmod jiq", "sleep 0.03");
        tickUntilStopped(rig, 10);
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_PANIC);
        assertThat(rig.jiffies()).as("the first tick after the unload").isEqualTo(1);
        assertThat(rig.logText()).containsSequence(
                "Unable to handle kernel NULL pointer dereference at virtual address 00000000",
                "current->tss.cr3 = 00101000, %cr3 = 00101000",
                "*pde = 00000000",
                "Oops: 0000",
                "CPU:    0",
                "EIP:    0010:[<00000000>]");
        assertThat(rig.logText()).endsWith("Kernel panic: Attempted to kill the idle task!", "In swapper task - not syncing");
    }

    /** kernel/printk.c (2.2): no time prefix on a line; the option adds virtual-time stamps. */
    @Test
    void shouldPrintTheLogWithoutTimeStampsUnlessAsked() {
        KernelRig plain = new KernelRig();
        assertThat(plain.logText()).containsExactly("irq0: Linux 2.2.8 timer-path model, HZ=100");
        KernelRig stamped = new KernelRig(new Kernel.Config().printkTime(true));
        assertThat(stamped.logText()).containsExactly("[    0.000000] irq0: Linux 2.2.8 timer-path model, HZ=100");
    }

    /**
     * fs/proc/root.c, proc_register links at the head and proc_lookup searches from the head: the
     * newest /proc/sched answers. sched counts 5 runs in 0.05 s (ticks 1-5 at HZ=100; its task was
     * queued at jiffies 0), then sched_unsafe is loaded at jiffies 6 and counts ticks 7, 8 and 9.
     */
    @Test
    void shouldFindTheNewestProcEntryOfAName() {
        KernelRig rig = script("insmod sched", "sleep 0.05", "insmod sched_unsafe", "sleep 0.02", "cat /proc/sched");
        tickUntilStopped(rig, 100);
        assertThat(rig.commandOutput()).containsExactly("# insmod sched", "# sleep 0.05", "# insmod sched_unsafe",
                "# sleep 0.02", "# cat /proc/sched", "Timer called 3 times so far");
    }

    /**
     * kernel/module.c, find_module skips modules marked MOD_DELETED: while sched's cleanup sleeps,
     * a second rmmod gets ENOENT and sys_create_module lets a new sched load.
     */
    @Test
    void shouldLoadTheNameAgainWhileTheOldModulesCleanupSleeps() {
        KernelRig rig = new KernelRig();
        rig.run("insmod sched");
        rig.ticks(2);
        rig.output();
        Process rmmod = rig.run("rmmod sched");
        assertThat(rmmod.exited()).isFalse();
        Process second = rig.run("rmmod sched");
        assertThat(second.exitStatus()).isEqualTo(1);
        Process insmod = rig.run("insmod sched");
        assertThat(insmod.exitStatus()).isZero();
        assertThat(rig.commandOutput()).containsExactly("# rmmod sched", "# rmmod sched", "rmmod: module sched is not loaded",
                "# insmod sched");
        assertThat(rig.kernel.modules().procModules()).isEqualTo(
                "sched                    528   0 (unused)\n"
                + "sched                    528   0 (deleted)\n");
        rig.tick();
        assertThat(rmmod.exited()).isTrue();
        assertThat(rig.kernel.modules().procModules()).isEqualTo("sched                    528   0 (unused)\n");
    }

    /** kernel/module.c, sys_init_module: a non-zero init_module return becomes -EBUSY. */
    @Test
    void shouldReportEbusyWhateverInitModuleReturned() {
        KernelRig rig = new KernelRig();
        rig.kernel.modules().addProvider(() -> new Named("einval", -Errno.EINVAL));
        Process insmod = rig.run("insmod einval");
        assertThat(insmod.exitStatus()).isEqualTo(1);
        assertThat(rig.commandOutput()).containsExactly("# insmod einval", "init_module: Device or resource busy");
        assertThat(rig.kernel.modules().list()).isEmpty();
    }

    /**
     * kernel/sched.c, sys_nanosleep: {0, 0} is schedule_timeout(0), a timer at the current jiffies
     * that run_timer_list has already passed: it runs at the next tick.
     */
    @Test
    void shouldWakeFromSleepZeroAtTheNextTick() {
        KernelRig rig = new KernelRig();
        rig.ticks(3);
        Process sleep = rig.run("sleep 0");
        assertThat(sleep.exited()).isFalse();
        rig.tick();
        assertThat(sleep.exited()).isTrue();
        assertThat(rig.jiffies()).isEqualTo(4);
    }

    /** kernel/module.c, get_module_list: the name padded to 20 columns, nothing after a longer one. */
    @Test
    void shouldAddNoSpaceAfterANameOfTwentyCharactersOrMore() {
        KernelRig rig = new KernelRig();
        rig.kernel.modules().addProvider(() -> new Named("twenty_characters_xx", 0));
        rig.kernel.modules().addProvider(() -> new Named("twenty_one_characters", 0));
        rig.run("insmod twenty_characters_xx");
        rig.run("insmod twenty_one_characters");
        assertThat(rig.kernel.modules().procModules()).isEqualTo(
                "twenty_one_characters     272   0 (unused)\n"
                + "twenty_characters_xx     272   0 (unused)\n");
    }

    /** A module that only has a name and an init_module result. */
    static final class Named extends KernelModule {
        private final String name;
        private final int init;

        Named(String name, int init) {
            this.name = name;
            this.init = init;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected void layout(ModuleLayout image) {
            image.function("init_module", 0x20);
            image.function("cleanup_module", 0x20);
            image.data("data", 0x70);
        }

        @Override
        protected int initModule(Process current) {
            return init;
        }

        @Override
        protected Step cleanupModule(Process current) {
            return Step.exit(0);
        }
    }
}
