package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * pctest.asm measures the PIT, the PIC and the CPU's interrupt timing from x86 code; its report
 * must match the golden file (src/test/resources/golden/pctest.txt), which is regenerated only on
 * purpose, when the hardware models change how they behave.
 *
 * <p>Why those numbers, at the default 8 MHz and 4 cycles per instruction (0.597 PIT clocks per
 * instruction): 107 instructions = 428 cycles = 63.8 PIT clocks, read as 64 at this clock phase;
 * from HLT, the interrupt entry and three instructions up to the latch = 16 cycles = 2.4 clocks;
 * from a two-instruction loop, at most one instruction more (2.4-3.0 clocks); counter 0's status
 * after its terminal count in mode 0: OUT high, LSB-then-MSB, mode 0 (0xB0); a level-triggered
 * request that went away while IF=0 is not delivered when IF becomes 1 (no vector, no handler).
 */
class TestRomTest {
    @Test
    void shouldReportTheGoldenMeasurements() throws IOException {
        PcMachineTest.Run run = PcMachineTest.boot("pctest");

        assertThat(run.stop).isEqualTo(PcMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo(1);
        String report = run.console.substring(run.console.indexOf("pit "));
        assertThat(report).isEqualTo(golden("pctest.txt"));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = TestRomTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
