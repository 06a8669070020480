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
        assertThat(rig.kernel.irq().procInterrupts()).endsWith("NMI:          0\nERR:          2\n");
        assertThat(rig.kernel.running()).isTrue();
    }

    @Test
    void shouldNotCheckOn22() {
        KernelRig rig = new KernelRig();
        spuriousIrq7(rig);
        assertThat(rig.kernel.log().lines()).noneMatch(l -> l.startsWith("spurious"));
        assertThat(rig.kernel.irq().procInterrupts()).endsWith("NMI:          0\n");
    }
}
