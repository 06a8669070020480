package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The machine's per-interrupt path allocates nothing: the HLT stop, idling the board to the edge,
 * the acknowledge and frame push, the IRQ gate, the stub's IRET, the idle gate, and the run of the
 * idle loop through Unicorn (direct-mapped calls, buffer views of registers and counter).
 * Measured with the JVM's per-thread allocation counter, which counts every byte this thread
 * allocates, interpreted or compiled. The bound is per interrupt: 50,000 interrupts may allocate
 * a few KiB once (the JIT deoptimising a frame re-creates the objects escape analysis removed, on
 * this thread, at a time that depends on the compiler threads and the machine's load), but one
 * object per interrupt (16 bytes at least) would be 800,000 bytes.
 */
class MachineAllocationTest {
    @Test
    void shouldAllocateNothingPerTimerInterrupt() {
        PcBoard board = new PcBoard(Trace.NONE);
        TickKernel kernel = new TickKernel(board, Long.MAX_VALUE);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), kernel,
                MachineOptions.defaults().withMaxSeconds(100))) {
            assertThat(m.runUntil(Long.MAX_VALUE, 10_000)).isEqualTo(BootMachine.Stop.PAUSED);
            long before = threads.getThreadAllocatedBytes(id);
            assertThat(m.runUntil(Long.MAX_VALUE, 60_000)).isEqualTo(BootMachine.Stop.PAUSED);
            long allocated = threads.getThreadAllocatedBytes(id) - before;

            assertThat(m.timerInterrupts()).isEqualTo(60_000);
            // the run paused where the 60001st would be taken: the 60000th's handler ran to its end
            assertThat(kernel.ticks).isEqualTo(60_000);
            assertThat(allocated).as("bytes allocated by 50000 timer interrupts").isLessThan(8 * 1024);
        }
    }
}
