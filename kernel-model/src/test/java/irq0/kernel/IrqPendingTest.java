package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.irq.Irq;
import irq0.trace.KernelSlice;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An interrupt that arrives while its own handler runs. A driver's handler (no SA_INTERRUPT, so
 * handle_IRQ_event has done sti) calls disable_irq_nosync and enable_irq on its line, the device
 * raises the line again, and the handler busy-waits (udelay) with interrupts on.
 *
 * <p>2.4.22: enable_irq unmasks the line although it is INPROGRESS; the new request is taken at
 * once; the nested do_IRQ finds the line INPROGRESS, leaves IRQ_PENDING and returns, and its
 * end_8259A_irq leaves the line masked; the outer do_IRQ's loop sees PENDING and runs the handler
 * again before it returns. 2.2.8 (as modelled) keeps the line masked until do_8259A_IRQ's end,
 * and the request is taken as a second interrupt after the first one's IRET.
 */
class IrqPendingTest {
    private static final int LINE = 3;

    private static final class Device {
        final KernelRig rig;
        final List<String> calls = new ArrayList<>();
        boolean raisedAgain;

        Device(KernelRig rig) {
            this.rig = rig;
            int r = rig.kernel.irq().requestIrq(LINE, (irq, dev) -> handler(), 0, "dev3", this);
            assertThat(r).isZero();
        }

        private void handler() {
            Irq irq = rig.kernel.irq();
            calls.add("handler, IF " + (rig.kernel.interruptsEnabled() ? 1 : 0)
                    + ", line masked " + ((irq.cachedIrqMask() >> LINE) & 1));
            if (raisedAgain) {
                return;
            }
            raisedAgain = true;
            irq.disableIrq(LINE); // disable_irq_nosync: the same on a uniprocessor
            irq.enableIrq(LINE);
            rig.board.setIrq(LINE, false); // the device's next request: a new rising edge
            rig.board.setIrq(LINE, true);
            rig.kernel.udelay(10);
            calls.add("udelay done, line masked " + ((irq.cachedIrqMask() >> LINE) & 1));
        }

        void interrupt() {
            rig.board.setIrq(LINE, true);
            assertThat(rig.machine.deliverPendingInterrupt()).isTrue();
        }
    }

    /** The kernel slices of line 3's interrupts, in order, as "enter do_IRQ" etc. */
    private static List<String> slices(KernelRig rig, int from) {
        List<String> out = new ArrayList<>();
        for (long[] e : rig.events.subList(from, rig.events.size())) {
            if (e[1] == TraceEvent.DO_IRQ && e[2] == LINE) {
                out.add("do_IRQ");
            } else if ((e[1] == TraceEvent.ENTER || e[1] == TraceEvent.LEAVE)
                    && (e[2] == KernelSlice.INTERRUPT || e[2] == KernelSlice.HANDLE_IRQ_EVENT) && e[3] == LINE) {
                out.add((e[1] == TraceEvent.ENTER ? "enter " : "leave ") + KernelSlice.name((int) e[2]));
            }
        }
        return out;
    }

    @Test
    void shouldRunTheHandlerAgainInTheSameDoIrqOn24() {
        KernelRig rig = new KernelRig(new Kernel.Config().version(KernelVersion.V2_4));
        Device dev = new Device(rig);
        int from = rig.events.size();
        dev.interrupt();
        assertThat(dev.calls).containsExactly(
                "handler, IF 1, line masked 1",
                "udelay done, line masked 1",
                "handler, IF 1, line masked 1");
        assertThat(slices(rig, from)).containsExactly(
                "enter IRQ entry", "do_IRQ", "enter handle_IRQ_event",
                "enter IRQ entry", "do_IRQ", "leave IRQ entry",
                "leave handle_IRQ_event", "enter handle_IRQ_event", "leave handle_IRQ_event",
                "leave IRQ entry");
        assertThat(rig.kernel.irq().cachedIrqMask() & 1 << LINE).as("end_8259A_irq unmasked it").isZero();
        assertThat(rig.kernel.irq().count(LINE)).isEqualTo(2);
        assertThat(rig.board.interruptRequested()).as("nothing left for the CPU").isFalse();
    }

    @Test
    void shouldTakeTheSecondRequestAfterTheFirstOn22() {
        KernelRig rig = new KernelRig();
        Device dev = new Device(rig);
        int from = rig.events.size();
        dev.interrupt();
        assertThat(dev.calls).containsExactly("handler, IF 1, line masked 1", "udelay done, line masked 1");
        assertThat(rig.board.interruptRequested()).as("unmasked at do_8259A_IRQ's end: the IRR's request").isTrue();
        assertThat(rig.machine.deliverPendingInterrupt()).isTrue();
        assertThat(dev.calls).hasSize(3).last().isEqualTo("handler, IF 1, line masked 1");
        assertThat(slices(rig, from)).containsExactly(
                "enter IRQ entry", "do_IRQ", "enter handle_IRQ_event", "leave handle_IRQ_event", "leave IRQ entry",
                "enter IRQ entry", "do_IRQ", "enter handle_IRQ_event", "leave handle_IRQ_event", "leave IRQ entry");
        assertThat(rig.kernel.irq().cachedIrqMask() & 1 << LINE).isZero();
    }

    /** end_8259A_irq (2.4) and do_8259A_IRQ's end (2.2): a line its handler disabled stays masked. */
    @Test
    void shouldLeaveALineItsHandlerDisabledMaskedOnBoth() {
        for (KernelVersion v : KernelVersion.values()) {
            KernelRig rig = new KernelRig(new Kernel.Config().version(v));
            int[] calls = new int[1];
            rig.kernel.irq().requestIrq(LINE, (irq, dev) -> {
                calls[0]++;
                rig.kernel.irq().disableIrq(LINE);
            }, 0, "dev3", null);
            rig.board.setIrq(LINE, true);
            assertThat(rig.machine.deliverPendingInterrupt()).isTrue();
            assertThat(calls[0]).isOne();
            assertThat(rig.kernel.irq().cachedIrqMask() & 1 << LINE).as(v.release()).isNotZero();
            rig.kernel.irq().enableIrq(LINE);
            assertThat(rig.kernel.irq().cachedIrqMask() & 1 << LINE).as(v.release()).isZero();
        }
    }
}
