package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * timer_interrupt when counter 0 no longer counts LATCH: {@code pitcount} reprograms it (control
 * word 0x34, count 0 = 65536) as a driver might. 2.4.22 latches more than LATCH at the next tick,
 * prints "i8253 count too high! resetting.." and writes 0x34 and LATCH (0x2E9C at HZ=100) again,
 * so exactly one jiffy is long; 2.2.8 has no such check and ticks at 18.2 Hz from then on.
 */
class I8253CountTest {
    /** Virtual times of the timer interrupts the machine delivers, through the PIT and the PIC. */
    private static List<Long> timerInterrupts(KernelRig rig, int n) {
        List<Long> at = new ArrayList<>();
        int seen = rig.events.size();
        while (at.size() < n && rig.machine.step(rig.board.now() + 200_000)) {
            for (; seen < rig.events.size(); seen++) {
                long[] e = rig.events.get(seen);
                if (e[1] == TraceEvent.DO_IRQ && e[2] == 0) {
                    at.add(e[0]);
                }
            }
        }
        return at;
    }

    private static List<Long> periods(List<Long> at) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            out.add(at.get(i) - at.get(i - 1));
        }
        return out;
    }

    private static List<String> portWrites(KernelRig rig, int from, int to) {
        List<String> out = new ArrayList<>();
        for (long[] e : rig.events.subList(from, to)) {
            if (e[1] == TraceEvent.PORT_OUT && e[2] != 0x80) {
                out.add(String.format("%02x<-%02x", e[2], e[3]));
            }
        }
        return out;
    }

    @Test
    void shouldResetCounter0AtTheFirstTickOn24() {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        timerInterrupts(rig, 2);
        assertThat(rig.run("insmod pitcount").exitStatus()).isZero();
        int from = rig.events.size();
        List<Long> at = timerInterrupts(rig, 4);
        assertThat(rig.logText()).containsOnlyOnce("i8253 count too high! resetting..");
        assertThat(portWrites(rig, from, rig.events.size())).as("timer_interrupt's latch, then init_IRQ's programming")
                .containsSubsequence("43<-00", "43<-34", "40<-9c", "40<-2e");
        List<Long> periods = periods(at);
        assertThat(periods.get(1)).as("the reset counter's first period: LATCH from the write").isBetween(11_932L - 8, 11_932L + 8);
        assertThat(periods.get(2)).as("then HZ again").isEqualTo(11_932L);
    }

    @Test
    void shouldKeepTheReprogrammedRateOn22() {
        KernelRig rig = new KernelRig();
        timerInterrupts(rig, 2);
        assertThat(rig.run("insmod pitcount").exitStatus()).isZero();
        List<Long> periods = periods(timerInterrupts(rig, 4));
        assertThat(rig.logText()).noneMatch(l -> l.startsWith("i8253"));
        assertThat(periods).containsExactly(65_536L, 65_536L, 65_536L);
    }

    @Test
    void shouldRefuseACountThatDoesNotFit16Bits() {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        assertThat(rig.run("insmod pitcount count=65536").exitStatus()).isEqualTo(1);
        assertThat(rig.kernel.modules().list()).isEmpty();
    }

    /** The bytes timer_interrupt read from port 0x40 at each tick after {@code from}, "MSB LSB" as hex pairs per tick. */
    private static List<String> countReads(KernelRig rig, int from) {
        List<String> out = new ArrayList<>();
        StringBuilder tick = null;
        for (long[] e : rig.events.subList(from, rig.events.size())) {
            if (e[1] == TraceEvent.DO_IRQ && e[2] == 0) {
                tick = new StringBuilder();
                out.add("");
            } else if (tick != null && e[1] == TraceEvent.PORT_IN && e[2] == 0x40) {
                tick.append(tick.length() == 0 ? "" : " ").append(String.format("%02x", e[3]));
                out.set(out.size() - 1, tick.toString());
            }
        }
        return out;
    }

    /**
     * pitread: one byte of a latched count read, the other left in the latch. The next tick's
     * latch command is ignored (82C54: a second latch before the first is read out), so
     * timer_interrupt reads the stale MSB, then the live LSB: "i8253 count too high!" on 2.4,
     * whose control word 0x34 resets the read order; 2.2 reads MSB first for good.
     */
    @Test
    void shouldMendAnUnpairedReadOn24AndSwapTheBytesForGoodOn22() {
        KernelRig rig24 = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        assertThat(rig24.run("insmod pitread").exitStatus()).isZero();
        int from = rig24.events.size();
        timerInterrupts(rig24, 3);
        assertThat(rig24.logText()).containsOnlyOnce("i8253 count too high! resetting..");
        assertThat(countReads(rig24, from)).as("LSB then MSB again after the reset")
                .containsExactly("00 9a", "9a 2e", "9a 2e");

        KernelRig rig22 = new KernelRig();
        assertThat(rig22.run("insmod pitread").exitStatus()).isZero();
        from = rig22.events.size();
        timerInterrupts(rig22, 3);
        assertThat(rig22.logText()).noneMatch(l -> l.startsWith("i8253"));
        assertThat(countReads(rig22, from)).as("the MSB read first, tick after tick")
                .containsExactly("00 9a", "2e 9a", "2e 9a");
    }
}
