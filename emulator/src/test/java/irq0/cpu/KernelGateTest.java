package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled BIOS handing over to a kernel through its gates. */
class KernelGateTest {
    @Test
    void shouldEnterTheKernelAtEveryTimerInterruptAndAfterEveryWakeUp() {
        Recording trace = new Recording();
        PcBoard board = new PcBoard(trace);
        TickKernel kernel = new TickKernel(board, 100);
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), kernel,
                MachineOptions.defaults().withMaxSeconds(10), trace)) {
            BootMachine.Stop stop = m.run();

            assertThat(stop).isEqualTo(BootMachine.Stop.KERNEL_STOPPED);
            assertThat(m.exitStatus()).isZero();
            assertThat(kernel.started).isEqualTo(1);
            assertThat(kernel.ticks).isEqualTo(100);
            assertThat(m.timerInterrupts()).isEqualTo(100);
            // the idle gate is passed once before the first HLT (process context runs before the
            // idle task first halts) and once after each wake-up but the last, which stopped the kernel
            assertThat(kernel.idles).isEqualTo(100);
        }
        List<Long> entries = trace.times(TraceEvent.INT_ENTRY, 0x20);
        assertThat(entries).hasSize(100);
        // the entry clears IF (pin IF goes low at the entry's time), the gate's IRET sets it again
        List<Long> ifLow = new java.util.ArrayList<>();
        List<Long> ifHigh = new java.util.ArrayList<>();
        for (long[] e : trace.events) {
            if (e[1] == TraceEvent.PIN && e[2] == irq0.trace.Pins.IF) {
                (e[3] == 0 ? ifLow : ifHigh).add(e[0]);
            }
        }
        // IF is reported low at reset, then low at each of the 100 entries; high at the BIOS's STI
        // and after each of the 100 gate IRETs, each time before the next entry
        List<Long> lows = new java.util.ArrayList<>(List.of(0L));
        lows.addAll(entries);
        assertThat(ifLow).isEqualTo(lows);
        assertThat(ifHigh).hasSize(101);
        for (int i = 0; i < ifHigh.size(); i++) {
            assertThat(ifHigh.get(i)).as("STI/IRET %d after its entry", i).isGreaterThanOrEqualTo(lows.get(i));
            if (i + 1 < lows.size()) {
                assertThat(ifHigh.get(i)).as("STI/IRET %d before the next entry", i).isLessThan(lows.get(i + 1));
            }
        }
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i) - entries.get(i - 1)).isEqualTo(1193);
        }
    }

    @Test
    void shouldLeaveTheBiosRunningWhenThereIsNoKernel() {
        PcBoard board = new PcBoard(Trace.NONE);
        StringBuilder console = new StringBuilder();
        board.setConsole(b -> console.append((char) b));
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), null,
                MachineOptions.defaults().withMaxTimerInterrupts(5))) {
            assertThat(m.run()).isEqualTo(BootMachine.Stop.LENGTH);
            assertThat(m.timerInterrupts()).isEqualTo(5);
        }
        assertThat(console.toString()).contains("no kernel");
    }

    @Test
    void shouldWriteTheSameTraceOnTwoRuns() {
        assertThat(kernelTrace()).isEqualTo(kernelTrace()).hasSizeGreaterThan(1000);
    }

    private static List<String> kernelTrace() {
        Recording trace = new Recording();
        PcBoard board = new PcBoard(trace);
        TickKernel kernel = new TickKernel(board, 500);
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), kernel,
                MachineOptions.defaults().withMaxSeconds(2), trace)) {
            assertThat(m.run()).isEqualTo(BootMachine.Stop.KERNEL_STOPPED);
        }
        return trace.lines;
    }

    @Test
    void shouldGiveTheSameRunWhetherSlicedOrNot() {
        long[] whole = tickTimes(1);
        long[] sliced = tickTimes(7);
        assertThat(sliced).isEqualTo(whole);
    }

    /** Times of the first 3000 kernel ticks, running in {@code slices} calls of runUntil. */
    private static long[] tickTimes(int slices) {
        Recording trace = new Recording();
        PcBoard board = new PcBoard(trace);
        TickKernel kernel = new TickKernel(board, 3000);
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), kernel,
                MachineOptions.defaults().withMaxSeconds(10), trace)) {
            long step = 3 * irq0.time.VirtualTime.PIT_HZ / slices + 1;
            BootMachine.Stop stop;
            long until = step;
            do {
                stop = m.runUntil(until);
                until += step;
            } while (stop == BootMachine.Stop.PAUSED);
            assertThat(stop).isEqualTo(BootMachine.Stop.KERNEL_STOPPED);
        }
        return trace.times(TraceEvent.INT_ENTRY, 0x20).stream().mapToLong(Long::longValue).toArray();
    }
}
