package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** do_bottom_half / run_bottom_halves of 2.2 (kernel/softirq.c, include/asm-i386/softirq.h). */
class BottomHalvesTest {
    private final KernelRig rig = new KernelRig();
    private final List<String> ran = new ArrayList<>();

    @Test
    void shouldRunTheMarkedBottomHalvesLowestNumberFirstFromOneSnapshot() {
        rig.kernel.bottomHalves().initBh(20, () -> {
            ran.add("bh20");
            rig.kernel.markBh(5); // marked during the pass: not in this snapshot
        });
        rig.kernel.bottomHalves().initBh(5, () -> ran.add("bh5"));
        rig.kernel.markBh(20);
        rig.kernel.interrupt(0);
        assertThat(ran).containsExactly("bh20");
        assertThat(rig.kernel.bottomHalves().pending()).isTrue();
        rig.kernel.idle(); // the idle loop's schedule() is the next run point
        assertThat(ran).containsExactly("bh20", "bh5");
    }

    @Test
    void shouldCoalesceMarksOfAnActiveBottomHalf() {
        rig.kernel.bottomHalves().initBh(7, () -> ran.add("bh7"));
        rig.kernel.markBh(7);
        rig.kernel.markBh(7);
        rig.tick();
        assertThat(ran).containsExactly("bh7");
    }

    @Test
    void shouldNotRunBottomHalvesInsideStartBhAtomic() {
        rig.kernel.bottomHalves().initBh(7, () -> ran.add("bh7@" + rig.jiffies()));
        rig.kernel.markBh(7);
        rig.kernel.symbols().startBhAtomic();
        rig.kernel.interrupt(0);
        rig.kernel.interrupt(0);
        assertThat(ran).isEmpty();
        rig.kernel.symbols().endBhAtomic();
        rig.kernel.interrupt(0);
        assertThat(ran).containsExactly("bh7@3");
    }

    @Test
    void shouldLeaveTheBitsOfATickNestedInABottomHalfForTheNextRunPoint() {
        int[] nested = {0};
        rig.kernel.bottomHalves().initBh(20, () -> {
            ran.add("bh20@" + rig.jiffies());
            if (nested[0]++ == 0) {
                assertThat(rig.kernel.interruptsEnabled()).as("bottom halves run with interrupts enabled").isTrue();
                rig.kernel.interrupt(0); // a timer interrupt arrives during the pass
                rig.kernel.markBh(20);
            }
        });
        rig.kernel.markBh(20);
        rig.events.clear();
        rig.kernel.interrupt(0);
        assertThat(rig.jiffies()).isEqualTo(2);
        assertThat(ran).containsExactly("bh20@1");
        long bhRuns = rig.events.stream().filter(e -> e[1] == TraceEvent.BH_RUN).count();
        assertThat(bhRuns).as("the nested do_IRQ ran no bottom half (softirq_trylock failed)").isEqualTo(2);
        rig.kernel.idle();
        assertThat(ran).containsExactly("bh20@1", "bh20@2");
        assertThat(rig.kernel.timers().timerJiffies()).as("TIMER_BH of the nested tick caught up").isEqualTo(3);
    }
}
