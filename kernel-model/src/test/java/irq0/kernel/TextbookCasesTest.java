package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.time.Time;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classic corner cases of the 2.2 timer path, reachable from the shell, tick by tick on the
 * PIT, the PIC and the CPU-less machine at HZ=100 (LATCH 11932 clocks). The script starts at
 * jiffies 0, at boot; OUT0 (mode 2, counting from the clock after LATCH is written) rises at
 * n * LATCH + 1 for the n-th tick, which makes jiffies n.
 */
class TextbookCasesTest {
    private static final int LATCH = Time.latch(100);

    /** The clock of the PIT's n-th OUT0 rising edge. */
    private static long edge(int n) {
        return (long) n * LATCH + 1;
    }

    /** The n-th tick's acknowledge: the INTA bus cycles after the edge woke the HLT. */
    private static long entry(int n) {
        return edge(n) + NoCpuMachine.ACKNOWLEDGE;
    }

    /** The n-th tick's do_IRQ and bottom halves: after the entry and the gate's HLT. */
    private static long handler(int n) {
        return entry(n) + NoCpuMachine.TO_KERNEL;
    }

    /** Process context after the n-th tick: after the IRET and the idle gate's HLT. */
    private static long process(int n) {
        return handler(n) + NoCpuMachine.TO_IRET + NoCpuMachine.TO_IDLE;
    }

    private static KernelRig run(String... commands) {
        KernelRig rig = new KernelRig(new Kernel.Config().script(List.of(commands)));
        rig.machine.runToCompletion();
        return rig;
    }

    private static List<Long> times(KernelRig rig, int kind) {
        List<Long> t = new ArrayList<>();
        for (long[] e : rig.events) {
            if (e[1] == kind) {
                t.add(e[0]);
            }
        }
        return t;
    }

    /** The events of {@code kind} with first argument {@code a}, as "time" strings. */
    private static List<Long> times(KernelRig rig, int kind, int a) {
        List<Long> t = new ArrayList<>();
        for (long[] e : rig.events) {
            if (e[1] == kind && e[2] == a) {
                t.add(e[0]);
            }
        }
        return t;
    }

    /**
     * cli(); udelay(55000); sti() at jiffies 11 (edge 11, after sleep 0.1's 11 jiffies): 55000 us
     * are 65626 clocks, which hold the OUT0 edges 12 to 16. IRR bit 0 remembers one: it is taken
     * at the sti (8259A: the request stays in the IRR until INTA), and the next comes on the PIT's
     * own schedule at edge 17, so jiffies stays 4 behind the PIT. (arch/i386/kernel/irq.c do_IRQ,
     * time.c timer_interrupt, sched.c do_timer: one jiffy per IRQ0.)
     */
    @Test
    void shouldLoseTheTicksOfAnInterruptsOffDelayAndTakeOneAtTheSti() {
        KernelRig rig = run("sleep 0.1", "insmod irqoff usecs=55000", "sleep 0.02");
        long cli = process(11);
        long sti = cli + (55000L * 1193182 + 999_999) / 1_000_000;
        assertThat(sti).isEqualTo(196882);
        List<Long> entries = times(rig, TraceEvent.INT_ENTRY);
        // the sti's interrupt is acknowledged after the INTA bus cycles, as one that wakes the HLT
        assertThat(entries).containsSubsequence(entry(10), entry(11), sti + NoCpuMachine.ACKNOWLEDGE, entry(17), entry(18));
        assertThat(entries).noneMatch(t -> t > cli && t < sti);
        assertThat(rig.kernel.log().lines()).contains("irqoff: cli at jiffies 11, sti 55000 us later at jiffies 11, after sti 12");
        // sleep 0.02 (3 jiffies) from jiffies 12 ends at 15, which came with the PIT's edge 19
        assertThat(rig.jiffies()).isEqualTo(15);
        assertThat(entries.get(entries.size() - 1)).isEqualTo(entry(19));
    }

    /**
     * disable_bh(TQUEUE_BH) for 5 ticks while the reader sleeps (kernel/softirq.c, include/asm-i386/softirq.h):
     * do_timer counts ticks 1-5 and marks TQUEUE_BH each time (tq_timer holds sched's Task), but
     * run_bottom_halves runs only TIMER_BH; at tick 5 process_timeout wakes cat, which enables
     * the bottom half again; the one pending mark runs intrpt_routine once, in the schedule()
     * after cat, not inside enable_bh.
     */
    @Test
    void shouldRunAMaskedBottomHalfOnceForAllTheTicksItMissed() {
        KernelRig rig = run("insmod sched", "insmod bhoff ticks=5", "cat /proc/bhoff", "cat /proc/sched");
        assertThat(rig.commandOutput()).containsExactly("# insmod sched", "# insmod bhoff ticks=5", "# cat /proc/bhoff",
                "bhoff: TQUEUE_BH disabled from jiffies 0 to 5", "# cat /proc/sched", "Timer called 1 times so far");
        List<Long> tqueue = times(rig, TraceEvent.BH_RUN, 2);
        List<Long> timer = times(rig, TraceEvent.BH_RUN, 0);
        assertThat(timer).containsExactly(handler(1), handler(2), handler(3), handler(4), handler(5));
        assertThat(tqueue).as("once, in the schedule() of tick 5's idle loop").containsExactly(process(5));
        int last = rig.events.size() - 1;
        while (rig.events.get(last)[1] != TraceEvent.BH_RUN) {
            last--;
        }
        long[] lastIrq = rig.events.stream().filter(e -> e[1] == TraceEvent.DO_IRQ).reduce((a, b) -> b).orElseThrow();
        assertThat(rig.events.indexOf(lastIrq)).as("TQUEUE_BH ran after tick 5's do_IRQ had returned").isLessThan(last);
        assertThat(rig.jiffies()).isEqualTo(5);
    }

    /**
     * start_bh_atomic for 5 ticks with interrupts on: every IRQ0 is taken (jiffies counts them)
     * but do_bottom_half's softirq_trylock fails on local_bh_count, so no bottom half runs at all
     * until end_bh_atomic; then TIMER_BH (run_timer_list catches up) and TQUEUE_BH run once each.
     */
    @Test
    void shouldHoldEveryBottomHalfOffInsideStartBhAtomic() {
        KernelRig rig = run("insmod sched", "insmod bhoff ticks=5 atomic=1", "cat /proc/bhoff", "cat /proc/sched");
        assertThat(rig.commandOutput()).containsExactly("# insmod sched", "# insmod bhoff ticks=5 atomic=1",
                "# cat /proc/bhoff", "bhoff: bottom halves held off (start_bh_atomic) from jiffies 0 to 5",
                "# cat /proc/sched", "Timer called 1 times so far");
        // taken inside the busy wait, each at its edge plus the INTA bus cycles (not from the idle loop's HLT)
        assertThat(times(rig, TraceEvent.DO_IRQ)).containsExactly(entry(1), entry(2), entry(3), entry(4), entry(5));
        // the busy wait is udelay(100) calls (120 clocks each, from clock 0) until jiffies reaches 5:
        // the one in which edge 5 came ends at clock 59760, where end_bh_atomic is
        long end = (edge(5) + 119) / 120 * 120;
        assertThat(end).isEqualTo(59760);
        assertThat(times(rig, TraceEvent.BH_RUN)).as("nothing inside the atomic section, both once after it")
                .containsExactly(end, end);
        assertThat(rig.kernel.irq().count(0)).isEqualTo(5);
    }

    /**
     * jiffies started 5 short of 2^32: sleep 0.05's timer (6 jiffies) expires across the wrap as
     * time_after compares by difference; /proc/uptime divides the wrapped jiffies (fs/proc/array.c
     * get_uptime), and TimerIntrpt's "%d" is negative past 2^31 - 1.
     */
    @Test
    void shouldCrossTheJiffiesWrap() {
        KernelRig rig = new KernelRig(new Kernel.Config().initialJiffies(0xfffffffb).script(List.of(
                "insmod sched TimerIntrpt=2147483645", "sleep 0.05", "cat /proc/sched", "cat /proc/uptime")));
        rig.machine.runToCompletion();
        assertThat(rig.commandOutput()).containsExactly("# insmod sched TimerIntrpt=2147483645", "# sleep 0.05",
                "# cat /proc/sched", "Timer called -2147483645 times so far", "# cat /proc/uptime", "0.01 0.06");
        assertThat(rig.jiffies()).isEqualTo(1);
    }

    /**
     * rmmod in the background: cleanup_module sleeps on WaitQ (state D, TASK_UNINTERRUPTIBLE);
     * a second rmmod finds no module (find_module skips MOD_DELETED: ENOENT); the next tick's run
     * of intrpt_routine wakes the first, which frees the module.
     */
    @Test
    void shouldShowABackgroundRmmodAsideInStateD() {
        KernelRig rig = run("insmod sched", "sleep 0.02", "rmmod sched &", "ps", "cat /proc/4/status", "rmmod sched", "wait",
                "ps", "cat /proc/uptime");
        assertThat(rig.commandOutput()).containsExactly(
                "# insmod sched", "# sleep 0.02", "# rmmod sched &",
                "# ps", "  PID STAT COMMAND", "    1 S    sh", "    4 D    rmmod", "    5 R    ps",
                "# cat /proc/4/status", "Name:\trmmod", "State:\tD (disk sleep)", "Pid:\t4", "PPid:\t1",
                "# rmmod sched", "rmmod: module sched is not loaded",
                "# wait",
                "# ps", "  PID STAT COMMAND", "    1 S    sh", "    8 R    ps",
                "# cat /proc/uptime", "0.04 0.04");
        assertThat(rig.kernel.modules().list()).isEmpty();
    }
}
