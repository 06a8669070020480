package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spurious IRQ7: an INTA with no request left gets the 8259A's default IR7 answer (vector 0x27,
 * no in-service bit), and the CPU enters the IRQ7 gate. 2.4.22's mask_and_ack_8259A finds line 7
 * masked in cached_irq_mask, reads the ISR (OCW3 0x0B, back to the IRR with 0x0A), reports
 * "spurious 8259A interrupt: IRQ7." once, counts irq_err_count (/proc/interrupts' ERR) and
 * handles it anyway (mask write, specific EOI 0x67). 2.2.8 has no such check.
 */
class Spurious8259ATest {
    /** OUT0 rising edges in 1000 us (1194 PIT clocks) of a count of 2: one every two clocks. */
    private static final int SPURIOUS_IN_1000_US = 596;

    private static void spuriousIrq7(KernelRig rig) {
        int vector = rig.board.acknowledge() & 0xFF; // nothing requested: the default IR7
        assertThat(vector).isEqualTo(0x27);
        assertThat(rig.board.master().isr()).as("no in-service bit").isZero();
        rig.kernel.interrupt(vector - 0x20);
    }

    private static List<long[]> outs(KernelRig rig, int from) {
        return rig.events.subList(from, rig.events.size()).stream().filter(e -> e[1] == TraceEvent.PORT_OUT).toList();
    }

    @Test
    void shouldReportASpuriousIrq7OnceAndCountEachOn24() {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        int from = rig.events.size();
        spuriousIrq7(rig);
        assertThat(outs(rig, from)).extracting(e -> String.format("%02x<-%02x", e[2], e[3]))
                .containsSubsequence("20<-0b", "20<-0a", "21<-fa", "20<-67");
        spuriousIrq7(rig);
        assertThat(rig.kernel.log().lines()).containsOnlyOnce("spurious 8259A interrupt: IRQ7.");
        assertThat(rig.kernel.irq().irqErrCount()).isEqualTo(2);
        assertThat(rig.kernel.irq().procInterrupts()).endsWith("NMI:          0 \nERR:          2\n");
        assertThat(rig.kernel.running()).isTrue();
    }

    @Test
    void shouldNotCheckOn22() {
        KernelRig rig = new KernelRig();
        spuriousIrq7(rig);
        assertThat(rig.kernel.log().lines()).noneMatch(l -> l.startsWith("spurious"));
        assertThat(rig.kernel.irq().procInterrupts()).endsWith("NMI:          0\n");
    }

    /**
     * From the command line: pitcount programs counter 0 with a count of 2 for a millisecond, so
     * OUT0 is high for one PIT clock of every two, shorter than the CPU's INTA cycles. Each request
     * is withdrawn before the INTA and the 8259A answers IR7; 2.4 reports the first and counts
     * every one, and no timer interrupt gets through until the module programs HZ back.
     */
    @Test
    void shouldTakeEveryGlitchOfCounter0AsSpuriousIrq7On24() {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        int timer = rig.kernel.irq().count(0);
        assertThat(rig.run("insmod pitcount count=2 usecs=1000").exitStatus()).isZero();
        assertThat(rig.kernel.log().lines()).containsOnlyOnce("spurious 8259A interrupt: IRQ7.");
        assertThat(rig.kernel.irq().irqErrCount()).isEqualTo(SPURIOUS_IN_1000_US);
        assertThat(rig.kernel.irq().count(7)).isEqualTo(SPURIOUS_IN_1000_US);
        assertThat(rig.kernel.irq().count(0)).as("no timer interrupt in the meantime").isEqualTo(timer);
        // 2.4.22's get_irq_list: "NMI: " and "%10u " per CPU (a blank before the newline), then ERR
        assertThat(rig.kernel.irq().procInterrupts())
                .endsWith(String.format("NMI:          0 %nERR: %10d%n", SPURIOUS_IN_1000_US));
    }

    @Test
    void shouldTakeTheGlitchesSilentlyOn22() {
        KernelRig rig = new KernelRig();
        assertThat(rig.run("insmod pitcount count=2 usecs=1000").exitStatus()).isZero();
        assertThat(rig.kernel.irq().count(7)).isEqualTo(SPURIOUS_IN_1000_US);
        assertThat(rig.kernel.log().lines()).noneMatch(l -> l.startsWith("spurious"));
        assertThat(rig.kernel.irq().procInterrupts()).endsWith("NMI:          0\n");
    }

    /**
     * The kernel takes an interrupt at its own sti as the CPU does after HLT: INTA after the bus
     * cycles (one PIT clock at the default 8 MHz), not in the same clock as INT.
     */
    @Test
    void shouldAcknowledgeAfterTheIntaCyclesWhenTheKernelTakesAnInterrupt() {
        KernelRig rig = new KernelRig();
        rig.kernel.cli();
        rig.kernel.udelay(15_000); // past the first OUT0 edge: IRR0 holds it
        assertThat(rig.board.interruptRequested()).isTrue();
        long sti = rig.board.now();
        int from = rig.events.size();
        rig.kernel.sti();
        long[] inta = rig.events.subList(from, rig.events.size()).stream()
                .filter(e -> e[1] == TraceEvent.INTA).findFirst().orElseThrow();
        assertThat(inta[0] - sti).isEqualTo(NoCpuMachine.ACKNOWLEDGE).isPositive();
    }
}
