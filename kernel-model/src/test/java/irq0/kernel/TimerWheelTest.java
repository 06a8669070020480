package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.time.Time;
import irq0.kernel.timer.TimerList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 2.2's timer wheel (add_timer, del_timer, mod_timer, run_timer_list from TIMER_BH). */
class TimerWheelTest {
    private final List<String> fired = new ArrayList<>();

    private TimerList timer(KernelRig rig, String name, int expires) {
        TimerList t = new TimerList(data -> fired.add(name + "@" + Integer.toUnsignedString(rig.jiffies())), 0);
        t.expires = expires;
        return t;
    }

    @Test
    void shouldFireATimerInTheTickWhereJiffiesReachesExpires() {
        KernelRig rig = new KernelRig();
        rig.kernel.timers().addTimer(timer(rig, "a", 3), 0);
        rig.ticks(2);
        assertThat(fired).isEmpty();
        rig.tick();
        assertThat(fired).containsExactly("a@3");
    }

    @Test
    void shouldReportATimerAddedTwiceAndKeepTheFirstExpiry() {
        KernelRig rig = new KernelRig();
        TimerList t = timer(rig, "a", 2);
        rig.kernel.timers().addTimer(t, 0xc8800050);
        t.expires = 5;
        rig.kernel.timers().addTimer(t, 0xc8800050);
        assertThat(rig.logText()).contains("bug: kernel timer added twice at c8800050.");
        rig.ticks(5);
        assertThat(fired).containsExactly("a@2");
    }

    @Test
    void shouldDeleteAndModifyPendingTimers() {
        KernelRig rig = new KernelRig();
        TimerList a = timer(rig, "a", 2);
        TimerList b = timer(rig, "b", 3);
        rig.kernel.timers().addTimer(a, 0);
        rig.kernel.timers().addTimer(b, 0);
        assertThat(rig.kernel.timers().delTimer(a)).isEqualTo(1);
        assertThat(rig.kernel.timers().delTimer(a)).isZero();
        assertThat(rig.kernel.timers().modTimer(b, 300)).isEqualTo(1);
        rig.ticks(299);
        assertThat(fired).isEmpty();
        rig.tick();
        assertThat(fired).containsExactly("b@300");
        assertThat(b.pending()).isFalse();
    }

    @Test
    void shouldCatchUpOnTicksWhoseTimerBhDidNotRun() {
        KernelRig rig = new KernelRig();
        rig.kernel.timers().addTimer(timer(rig, "a", 2), 0);
        rig.kernel.timers().addTimer(timer(rig, "b", 4), 0);
        rig.kernel.bottomHalves().disableBh(0);
        rig.ticks(5);
        assertThat(fired).isEmpty();
        rig.kernel.bottomHalves().enableBh(0);
        rig.tick();
        assertThat(fired).as("both run in the one TIMER_BH at jiffies 6, in expiry order").containsExactly("a@6", "b@6");
    }

    @Test
    void shouldFireAcrossTheJiffiesWrap() {
        KernelRig rig = new KernelRig(new Kernel.Config().initialJiffies(-20));
        int start = rig.jiffies();
        rig.kernel.timers().addTimer(timer(rig, "wrap", start + 30), 0);
        rig.kernel.timers().addTimer(timer(rig, "far", start + 1000), 0);
        rig.ticks(29);
        assertThat(fired).isEmpty();
        assertThat(Time.timeAfter(rig.jiffies(), start)).isTrue();
        rig.tick();
        assertThat(fired).containsExactly("wrap@10");
        rig.ticks(970);
        assertThat(fired).containsExactly("wrap@10", "far@980");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 0x5eed})
    void shouldAgreeWithAReferenceListScanOnRandomTimers(long seed) {
        Random random = new Random(seed);
        int initial = random.nextInt();
        KernelRig rig = new KernelRig(new Kernel.Config().initialJiffies(initial));
        List<String> expected = new ArrayList<>();
        List<int[]> reference = new ArrayList<>(); // {id, expires}
        List<TimerList> timers = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            int op = random.nextInt(10);
            if (op < 3) {
                int delay = random.nextInt(4) == 0 ? random.nextInt(70000) : random.nextInt(600);
                int id = timers.size();
                TimerList t = timer(rig, "t" + id, rig.jiffies() + delay);
                timers.add(t);
                rig.kernel.timers().addTimer(t, 0);
                reference.add(new int[] {id, t.expires});
            } else if (op == 3 && !timers.isEmpty()) {
                int id = random.nextInt(timers.size());
                rig.kernel.timers().delTimer(timers.get(id));
                reference.removeIf(r -> r[0] == id);
            } else {
                rig.tick();
                int now = rig.jiffies();
                List<int[]> due = new ArrayList<>();
                for (int[] r : reference) {
                    if (now - r[1] >= 0) {
                        due.add(r);
                    }
                }
                reference.removeAll(due);
                List<String> names = new ArrayList<>();
                due.forEach(r -> names.add("t" + r[0] + "@" + Integer.toUnsignedString(now)));
                expected.addAll(names);
                // the wheel's order within one tick is its own; compare each tick as a set
                assertThat(fired).as("tick to %s", Integer.toUnsignedString(now)).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        assertThat(expected.size()).isGreaterThan(100);
    }
}
