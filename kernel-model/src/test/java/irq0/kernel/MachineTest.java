package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.time.Time;
import irq0.trace.Pins;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The kernel on the board through the CPU-less machine: PIT OUT0 edges, the PIC's IRR, INT and
 * INTA, and the gate. Time is the board's, in PIT clocks.
 */
class MachineTest {
    private static List<Long> entryTimes(KernelRig rig) {
        List<Long> times = new ArrayList<>();
        for (long[] e : rig.events) {
            if (e[1] == TraceEvent.INT_ENTRY && e[2] == 0x20) {
                times.add(e[0]);
            }
        }
        return times;
    }

    /**
     * The BIOS's POST left counter 0 in mode 3 with OUT0 high (82C54 datasheet, mode 3: OUT
     * high after the control word, for the first half of each period), and the kernel starts
     * within that first half: its control word 0x34 (mode 2, OUT high) makes no edge. The count
     * loads on the next CLK and OUT0 falls at count 1 and rises with the reload, LATCH clocks
     * later: the first interrupt comes LATCH + 1 clocks after time_init's count write (time 0
     * here), and every LATCH clocks from then on.
     */
    @ParameterizedTest(name = "HZ={0}")
    @ValueSource(ints = {100, 1000})
    void shouldTakeOneTimerInterruptEveryLatchClocks(int hz) {
        KernelRig rig = KernelRig.withHz(hz);
        for (int i = 0; i < 20; i++) {
            rig.machineTick();
        }
        assertThat(rig.jiffies()).isEqualTo(20);
        List<Long> times = entryTimes(rig);
        int latch = Time.latch(hz);
        assertThat(times).hasSize(20);
        assertThat(times.get(0)).as("one clock to load the count, then LATCH, then the INTA bus cycles")
                .isEqualTo(latch + 1L + NoCpuMachine.ACKNOWLEDGE);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("tick %d", i).isEqualTo(latch);
        }
    }

    @Test
    void shouldRunOneVirtualSecondAsHzTicks() {
        KernelRig rig = KernelRig.withHz(100);
        rig.machine.runUntil(irq0.time.VirtualTime.PIT_HZ);
        // edges at 11933 + 11932k: k = 0..98 lie within 1193182 clocks
        assertThat(rig.jiffies()).isEqualTo(99);
        rig.machine.runUntil(11933L + 11932L * 99);
        assertThat(rig.jiffies()).isEqualTo(100);
    }

    @Test
    void shouldDeliverTheTickThroughInt_Inta_GateAndDoIrqInThatOrder() {
        KernelRig rig = KernelRig.withHz(100);
        rig.machineTick();
        rig.events.clear();
        rig.machineTick();
        List<String> order = new ArrayList<>();
        for (long[] e : rig.events) {
            if (e[1] == TraceEvent.PIN && (e[2] == Pins.OUT0 || e[2] == Pins.INT) ) {
                order.add(Pins.name((int) e[2]) + "=" + e[3]);
            } else if (e[1] == TraceEvent.INTA || e[1] == TraceEvent.INT_ENTRY || e[1] == TraceEvent.DO_IRQ
                    || e[1] == TraceEvent.INT_EXIT) {
                order.add(TraceEvent.name((int) e[1]));
            } else if (e[1] == TraceEvent.PORT_OUT && e[2] == 0x20) {
                order.add("EOI");
            }
        }
        // INT falls in the acknowledge cycle (the ISR bit is set), before the gate is entered
        assertThat(order).containsExactly("OUT0=0", "OUT0=1", "INT=1", "INT=0", "inta", "int-entry", "do_IRQ", "EOI", "int-exit");
    }

    @Test
    void shouldHoldTicksWhileIrq0IsMaskedAndDeliverOneLateTick() {
        KernelRig rig = KernelRig.withHz(100);
        rig.machineTick();
        rig.kernel.irq().disableIrq(0);
        long masked = rig.board.now();
        rig.machine.runUntil(masked + 5L * Time.latch(100) + Time.latch(100) / 2);
        assertThat(rig.jiffies()).as("five edges held in the IRR, none delivered").isEqualTo(1);
        assertThat(rig.board.master().irr() & 1).isEqualTo(1);
        rig.kernel.irq().enableIrq(0);
        long unmasked = rig.board.now();
        rig.machine.step(Long.MAX_VALUE);
        assertThat(rig.jiffies()).as("one late tick for the five").isEqualTo(2);
        long entry = rig.events.stream().filter(e -> e[1] == irq0.trace.TraceEvent.INT_ENTRY).reduce((a, b) -> b)
                .orElseThrow()[0];
        assertThat(entry).as("acknowledged at the unmask (after the INTA bus cycles), not at an edge")
                .isEqualTo(unmasked + NoCpuMachine.ACKNOWLEDGE);
        rig.machineTick();
        assertThat(rig.jiffies()).isEqualTo(3);
    }

    @Test
    void shouldHoldTicksWhileInterruptsAreOff() {
        KernelRig rig = KernelRig.withHz(100);
        rig.machineTick();
        rig.kernel.cli();
        rig.machine.runUntil(rig.board.now() + 3L * Time.latch(100) + 10);
        assertThat(rig.jiffies()).isEqualTo(1);
        long sti = rig.board.now();
        rig.kernel.sti(); // the request the IRR held is taken at the sti, one for the three edges
        assertThat(rig.jiffies()).isEqualTo(2);
        assertThat(rig.events.stream().filter(e -> e[1] == irq0.trace.TraceEvent.INT_ENTRY).reduce((a, b) -> b).orElseThrow()[0])
                .as("after the INTA bus cycles, as from HLT").isEqualTo(sti + NoCpuMachine.ACKNOWLEDGE);
        rig.machine.step(Long.MAX_VALUE);
        assertThat(rig.jiffies()).as("the next edge").isEqualTo(3);
    }

    @Test
    void shouldRunTheLkmpgScriptOnTheBoard() {
        KernelRig rig = new KernelRig(new Kernel.Config().hz(100)
                .script(List.of("insmod sched", "sleep 1", "cat /proc/sched", "rmmod sched")));
        rig.machine.runToCompletion();
        assertThat(rig.kernel.running()).isFalse();
        assertThat(rig.kernel.exitStatus()).isZero();
        assertThat(rig.commandOutput()).containsExactly("# insmod sched", "# sleep 1", "# cat /proc/sched",
                "Timer called 101 times so far", "# rmmod sched");
        assertThat(rig.jiffies()).isEqualTo(102);
    }

    @Test
    void shouldBeDeterministic() {
        List<String> a = traceOfUnsafeRun();
        List<String> b = traceOfUnsafeRun();
        assertThat(a).isEqualTo(b);
        assertThat(a).anyMatch(l -> l.contains("Kernel panic: Attempted to kill the idle task!"));
    }

    private static List<String> traceOfUnsafeRun() {
        KernelRig rig = new KernelRig(new Kernel.Config().hz(1000)
                .script(List.of("insmod sched_unsafe", "sleep 0.01", "rmmod sched_unsafe", "sleep 1")));
        rig.machine.runToCompletion();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_PANIC);
        List<String> out = new ArrayList<>(rig.output());
        for (long[] e : rig.events) {
            out.add(e[0] + " " + e[1] + " " + e[2] + " " + e[3]);
        }
        return out;
    }
}
