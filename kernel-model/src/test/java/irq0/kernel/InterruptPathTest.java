package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.time.Time;
import irq0.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** init_IRQ / time_init programming and the port I/O of one timer interrupt, as the board's trace records them. */
class InterruptPathTest {
    /** The port accesses in the trace, "out 21 fb" / "in 40 xx" (read values as the parts answered). */
    private static List<String> ports(List<long[]> events) {
        List<String> out = new ArrayList<>();
        for (long[] e : events) {
            if (e[1] == TraceEvent.PORT_OUT) {
                out.add(String.format("out %02x %02x", e[2], e[3]));
            } else if (e[1] == TraceEvent.PORT_IN) {
                out.add(String.format("in %02x", e[2]));
            }
        }
        return out;
    }

    /** Port accesses of the BIOS's POST, before the kernel's. */
    private static final int POST_PORTS = 20;

    @Test
    void shouldProgramThePicsThePitAndTheFirstLinesAtBoot() {
        KernelRig rig = new KernelRig();
        List<String> ports = ports(rig.events);
        assertThat(ports.subList(0, POST_PORTS)).containsExactly(
                // bios.asm's POST, which the CPU-less machine stands in for: the AT's PIC pair
                // at 08h/70h with IRQ0 and the cascade open, then the 8254: counter 0 mode 3 with
                // count 0 (65536: 18.2 Hz), counter 1 mode 2 with 18 (refresh), counter 2 mode 3
                // with 1193 (0x04a9) behind GATE2, which port 0x61 closes (bits 0-1 cleared; the
                // read-only bits 4 and 5, refresh toggle and OUT2, written back as read)
                "out 20 11", "out a0 11", "out 21 08", "out a1 70", "out 21 04", "out a1 02",
                "out 21 01", "out a1 01", "out 21 fa", "out a1 ff",
                "out 43 36", "out 40 00", "out 40 00", "out 43 54", "out 41 12", "out 43 b6", "out 42 a9", "out 42 04",
                "in 61", "out 61 30");
        assertThat(ports.subList(POST_PORTS, ports.size())).containsExactly(
                // setup.S: ICW1-4 to both chips, then all masked but the cascade
                "out 20 11", "out a0 11", "out 21 20", "out a1 28", "out 21 04", "out a1 02",
                "out 21 01", "out a1 01", "out a1 ff", "out 21 fb",
                // init_IRQ: counter 0, LSB/MSB, mode 2, binary; LATCH 11932 = 0x2e9c; outb_p's pause writes to 0x80
                "out 43 34", "out 80 34", "out 40 9c", "out 80 9c", "out 40 2e",
                // setup_x86_irq(2, cascade), (13, fpu), time_init's (0, timer): each unmasks its line
                "out 21 fb", "out a1 df", "out 21 fa");
    }

    @Test
    void shouldMaskAckLatchReadAndUnmaskOnEveryTimerInterrupt() {
        KernelRig rig = new KernelRig();
        int latch = 11932; // LATCH at the rig's HZ=100: (1193180 + 100/2) / 100 (timex.h)
        long countWritten = timeOf(rig.events, TraceEvent.PORT_OUT, 0x40, latch >> 8);
        // The first interrupt may be the rising edge the control word itself gives OUT0 (mode 2:
        // "OUT will be initially high"), before any CLK pulse has loaded the count, when the
        // datasheet leaves the count undefined; the one after it comes from the counter.
        rig.machineTick();
        rig.events.clear();
        rig.machineTick(); // OUT0's rising edge through IRQ0, the PIC and the CPU-less machine
        long latched = timeOf(rig.events, TraceEvent.PORT_OUT, 0x43, 0x00);
        int lsb = mode2Count(latch, latched - countWritten) & 0xff;
        assertThat(ports(rig.events)).containsExactly(
                "in 21", "out 21 fb", "out 20 20",           // mask_and_ack_8259A: dummy IMR read, mask IRQ0, non-specific EOI
                "out 43 00", "out 80 00", "in 40",           // timer_interrupt: latch counter 0 (outb_p), LSB (inb_p)
                String.format("out 80 %02x", lsb), "in 40",  // inb_p's pause writes the byte just read; MSB
                "out 21 fa");                                 // enable_8259A_irq after the handler
    }

    /**
     * The count of an 8254 counter in mode 2 {@code clocks} CLK pulses after its count was
     * written (82C54 data sheet, "Mode 2: Rate Generator": the first CLK pulse after the count is
     * written loads it, each later one decrements it, and the pulse that would take it from 1 to
     * 0 reloads it).
     */
    private static int mode2Count(int count, long clocks) {
        assertThat(clocks).as("CLK pulses since the count was written").isPositive();
        return (int) (count - (clocks - 1) % count);
    }

    /** The time (PIT clocks) of the first event of {@code kind} for {@code port} with {@code value}. */
    private static long timeOf(List<long[]> events, int kind, int port, long value) {
        return events.stream().filter(e -> e[1] == kind && e[2] == port && e[3] == value).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + kind + " port " + port + " value " + value))[0];
    }

    @ParameterizedTest(name = "HZ={0}: LATCH {1}")
    @CsvSource({"100, 11932", "1000, 1193", "1024, 1165", "250, 4773"})
    void shouldComputeLatchAsTimexHDoes(int hz, int latch) {
        assertThat(Time.latch(hz)).isEqualTo(latch);
        KernelRig rig = KernelRig.withHz(hz);
        assertThat(ports(rig.events).subList(POST_PORTS + 10, POST_PORTS + 15)).containsExactly("out 43 34", "out 80 34",
                String.format("out 40 %02x", latch & 0xff), String.format("out 80 %02x", latch & 0xff), String.format("out 40 %02x", latch >> 8));
    }

    @Test
    void shouldCountInterruptsInProcInterrupts() {
        KernelRig rig = new KernelRig();
        rig.ticks(12);
        rig.output();
        rig.run("cat /proc/interrupts");
        assertThat(rig.commandOutput()).containsExactly(
                "# cat /proc/interrupts",
                "           CPU0       ",
                "  0:         12          XT-PIC  timer",
                "  2:          0          XT-PIC  cascade",
                " 13:          0          XT-PIC  fpu",
                "NMI:          0");
    }

    @Test
    void shouldChainSharedHandlersAndFreeThem() {
        KernelRig rig = new KernelRig();
        List<String> calls = new ArrayList<>();
        Object devA = new Object();
        Object devB = new Object();
        assertThat(rig.kernel.irq().requestIrq(5, (irq, dev) -> calls.add("a"), irq0.kernel.irq.Irq.SA_SHIRQ, "a", devA)).isZero();
        assertThat(rig.kernel.irq().requestIrq(5, (irq, dev) -> calls.add("b"), irq0.kernel.irq.Irq.SA_SHIRQ, "b", devB)).isZero();
        assertThat(rig.kernel.irq().requestIrq(5, (irq, dev) -> calls.add("c"), 0, "c", null)).isEqualTo(-Errno.EBUSY);
        assertThat(rig.kernel.irq().cachedIrqMask() & (1 << 5)).isZero();
        rig.kernel.interrupt(5);
        assertThat(calls).containsExactly("a", "b");
        rig.kernel.irq().freeIrq(5, devA);
        rig.kernel.irq().freeIrq(5, devB);
        assertThat(rig.kernel.irq().cachedIrqMask() & (1 << 5)).isNotZero();
        rig.kernel.irq().freeIrq(5, devB);
        assertThat(rig.logText()).contains("Trying to free free IRQ5");
    }

    @Test
    void shouldRunAHandlerWithoutSaInterruptWithInterruptsEnabled() {
        KernelRig rig = new KernelRig();
        List<Boolean> enabled = new ArrayList<>();
        rig.kernel.irq().requestIrq(3, (irq, dev) -> enabled.add(rig.kernel.interruptsEnabled()), 0, "slow", null);
        rig.kernel.irq().requestIrq(4, (irq, dev) -> enabled.add(rig.kernel.interruptsEnabled()), irq0.kernel.irq.Irq.SA_INTERRUPT, "fast", null);
        rig.kernel.interrupt(3);
        rig.kernel.interrupt(4);
        assertThat(enabled).containsExactly(true, false);
    }

    @Test
    void shouldReportUptimeFromJiffies() {
        KernelRig rig = new KernelRig();
        rig.ticks(1234);
        rig.output();
        rig.run("cat /proc/uptime");
        assertThat(rig.commandOutput()).containsExactly("# cat /proc/uptime", "12.34 12.34");
    }
}
