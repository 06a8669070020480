package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pctest.asm measures the PIT, the PIC and the CPU's interrupt timing from x86 code; its report
 * must match the golden file (src/test/resources/golden/pctest.txt), which is regenerated only on
 * purpose, when the hardware models change how they behave.
 *
 * <p>Why those numbers, at the default 8 MHz and 4 cycles per instruction (0.597 PIT clocks per
 * instruction): 107 instructions = 428 cycles = 63.8 PIT clocks, read as 63 or 64 by where in a
 * PIT clock the first latch falls; the ROM fixes that phase (it first waits in HLT for an IRQ0
 * edge, and a HLT's wake-up restarts the CPU's cycle phase at that clock), so the reading, 64,
 * depends on the ROM's own instructions only, not on how long the BIOS ran before it;
 * from HLT, the two INTA bus cycles (8 cycles, {@link InterruptTiming#INTA_CYCLES}), the
 * interrupt entry and three instructions up to the latch = 24 cycles = 3.6 clocks; from a
 * two-instruction loop, at most one instruction more (3.6-4.2 clocks); counter 0's status
 * after its terminal count in mode 0: OUT high, LSB-then-MSB, mode 0 (0xB0); a level-triggered
 * request that went away while IF=0 is not delivered when IF becomes 1 (no vector, no handler).
 */
class TestRomTest {
    @Test
    void shouldReportTheGoldenMeasurements() throws IOException {
        PcMachineTest.Run run = PcMachineTest.boot("pctest");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo(1);
        String report = run.console.substring(run.console.indexOf("pit "));
        assertThat(report).isEqualTo(golden("pctest.txt"));
    }

    /**
     * The PIT measures the CPU: 107 instructions of {@code cpi} cycles at {@code cpuHz} last
     * 107 * cpi * 1193182 / cpuHz PIT clocks, read as the floor or the ceiling of that depending on
     * where in a PIT clock the first latch fell. Cycles become clocks with the remainder carried,
     * so a whole number of clocks (the first rows) is read exactly. (The ROM gives the counter
     * four instructions to load its count, which is enough for a CPU of AT speed, not a far faster one.)
     */
    @ParameterizedTest(name = "{0} Hz, {1} cycles per instruction: {2}-{3} clocks")
    @CsvSource({
        // cpuHz,    cpi, fewest, most
        "1193182,    1,   107,  107",   // one instruction = one PIT clock
        "2386364,    2,   107,  107",   // likewise
        "4772727,    4,   107,  108",   // the PC/XT's 4.77 MHz (3 x 1.59 MHz): 107.0000... clocks
        "8000000,    4,   63,   64",    // the default: 63.84 clocks
        "12000000,   3,   31,   32",    // 31.92 clocks
        "6000000,    6,   127,  128",   // a 6 MHz AT, slow instructions: 127.67 clocks
    })
    void shouldReadTheCpuSpeedFromThePit(long cpuHz, int cpi, int fewest, int most) {
        PcMachineTest.Run run = new PcMachineTest.Run(irq0.cpu.BootImage.bundled("pctest"),
                MachineOptions.defaults().withCpuHz(cpuHz).withCyclesPerInstruction(cpi).withMaxSeconds(5), null);

        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pit 107 insns: (\\d+) clk").matcher(run.console);
        assertThat(m.find()).as(run.console.toString()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(fewest, most);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = TestRomTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
