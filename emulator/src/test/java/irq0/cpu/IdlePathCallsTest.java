package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import org.junit.jupiter.api.Test;

/**
 * The booted machine's idle path costs one {@code uc_emu_start} per timer interrupt and no
 * register call: the HLT stop's cause and address come from the instruction counter's cell, the
 * idle loop's effect (IP, IF) is known, and the gate's IRET leaves only IP changed, which the
 * run's start address sets (issue 12 section 3; it was two batch calls, 370 of 1,163 ns).
 */
class IdlePathCallsTest {
    @Test
    void shouldTakeOneRunOfUnicornAndNoRegisterCallPerTimerInterrupt() {
        PcBoard board = new PcBoard(Trace.NONE);
        TickKernel kernel = new TickKernel(board, Long.MAX_VALUE);
        NativeMeter meter = new NativeMeter();
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), kernel,
                MachineOptions.defaults().withMaxSeconds(100))) {
            m.runUntil(Long.MAX_VALUE, 100);
            m.meterNativeCalls(meter);
            m.runUntil(Long.MAX_VALUE, 1100);

            assertThat(m.timerInterrupts()).isEqualTo(1100);
            assertThat(meter.emulateCalls()).isEqualTo(1000);
            assertThat(meter.registerCalls()).isZero();
        }
    }
}
