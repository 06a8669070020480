package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shell's commands and a whole script in process context, ticks entered at the gate. */
class ShellTest {
    private static KernelRig script(int hz, String... commands) {
        return new KernelRig(new Kernel.Config().hz(hz).script(List.of(commands)));
    }

    private static void tickUntilStopped(KernelRig rig, int max) {
        for (int i = 0; i < max && rig.kernel.running(); i++) {
            rig.tick();
        }
    }

    @Test
    void shouldRunTheLkmpgScriptWithSleepInVirtualTime() {
        KernelRig rig = script(100, "insmod sched", "sleep 1", "cat /proc/sched", "rmmod sched");
        tickUntilStopped(rig, 1000);
        assertThat(rig.kernel.running()).isFalse();
        assertThat(rig.kernel.exitStatus()).isZero();
        // nanosleep: 1 s = 100 jiffies, plus one; the shell runs after that tick's tq_timer run
        assertThat(rig.commandOutput()).containsExactly("# insmod sched", "# sleep 1", "# cat /proc/sched",
                "Timer called 101 times so far", "# rmmod sched");
        assertThat(rig.jiffies()).as("rmmod returned after the next tick").isEqualTo(102);
    }

    @ParameterizedTest(name = "sleep {1} at HZ={0}: {2} jiffies")
    @CsvSource({"100, 1, 101", "100, 0.5, 51", "100, 0.001, 2", "100, 0.0101, 3", "1000, 1, 1001", "1000, 0.25, 251", "100, 0, 1"})
    void shouldSleepAsNanosleepRoundsToJiffies(int hz, String seconds, int jiffies) {
        KernelRig rig = script(hz, "sleep " + seconds);
        tickUntilStopped(rig, 5000);
        assertThat(rig.kernel.running()).isFalse();
        assertThat(rig.jiffies()).isEqualTo(jiffies);
    }

    @Test
    void shouldPrintOneLineErrorsAndFailTheRun() {
        KernelRig rig = script(100, "frobnicate", "insmod nosuch", "insmod sched", "insmod sched", "cat /etc/motd",
                "rmmod other", "sleep soon", "echo done  now");
        tickUntilStopped(rig, 10);
        assertThat(rig.commandOutput()).containsExactly(
                "# frobnicate", "sh: frobnicate: command not found",
                "# insmod nosuch", "insmod: nosuch: no module by that name found",
                "# insmod sched",
                "# insmod sched", "insmod: a module named sched already exists",
                "# cat /etc/motd", "cat: /etc/motd: No such file or directory",
                "# rmmod other", "rmmod: module other is not loaded",
                "# sleep soon", "sleep: invalid time interval 'soon'",
                "# echo done  now", "done now");
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_COMMAND_FAILED);
    }

    @Test
    /**
     * The first line comes from schedule() as cat goes to sleep (in cat's context); then each
     * tick gives two: IMMEDIATE_BH re-marked in do_IRQ's pass runs again in the schedule() the
     * idle loop calls after HLT, at the same jiffy.
     */
    void shouldFillJiqimmedFromScheduleThenTwicePerTick() {
        KernelRig rig = script(100, "insmod jiq", "cat /proc/jiqimmed", "rmmod jiq");
        tickUntilStopped(rig, 100);
        assertThat(rig.kernel.exitStatus()).isZero();
        assertThat(rig.commandOutput()).containsExactly(
                "# insmod jiq", "# cat /proc/jiqimmed",
                "    time  delta interrupt  pid cpu command",
                "        0    0        1       3   0 cat",
                "        1    1        1       0   0 swapper",
                "        1    0        1       0   0 swapper",
                "        2    1        1       0   0 swapper",
                "        2    0        1       0   0 swapper",
                "        3    1        1       0   0 swapper",
                "        3    0        1       0   0 swapper",
                "        4    1        1       0   0 swapper",
                "        4    0        1       0   0 swapper",
                "        5    1        1       0   0 swapper",
                "        5    0        1       0   0 swapper",
                "# rmmod jiq");
    }

    @Test
    void shouldFillJitimerFromATimerReArmedAtEachExpiry() {
        KernelRig rig = script(100, "insmod jitimer", "cat /proc/jitimer", "rmmod jitimer");
        tickUntilStopped(rig, 1000);
        assertThat(rig.kernel.exitStatus()).isZero();
        List<String> out = rig.commandOutput();
        assertThat(out.subList(0, 5)).containsExactly(
                "# insmod jitimer", "# cat /proc/jitimer",
                "    time  delta interrupt  pid cpu command",
                "        0    0        0       3   0 cat",
                "       10   10        1       0   0 swapper");
        assertThat(out.get(out.size() - 2)).isEqualTo("      100   10        1       0   0 swapper");
        assertThat(out).endsWith("# rmmod jitimer");
        assertThat(rig.kernel.timers().delTimer(new irq0.kernel.timer.TimerList())).isZero();
    }
}
