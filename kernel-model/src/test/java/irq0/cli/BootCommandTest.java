package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code irq0 boot}: options, exit codes, and a CPU-less run of the LKMPG script. */
class BootCommandTest extends CommandLineTest {
    @Test
    void shouldRefuseBadOptionsWithOneLineAndExitCode2() {
        assertThat(run("boot", "--cpu", "none", "--ticks", "5", "--seconds", "1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: give --ticks or --seconds, not both\n");
    }

    @Test
    void shouldRefuseAnHzOutOfRange() {
        assertThat(run("boot", "--cpu", "none", "--hz", "5")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: --hz must be between 19 and 10000: 5\n");
    }

    @Test
    void shouldRefuseAnUnknownCpu() {
        assertThat(run("boot", "--cpu", "z80")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: unknown --cpu 'z80' (none or unicorn)\n");
    }

    @Test
    void shouldRefuseAMalformedNumberWithoutAStackTrace() {
        assertThat(run("boot", "--cpu", "none", "--ticks", "many")).isEqualTo(2);
        assertThat(err.toString()).startsWith("irq0: ").doesNotContain("Exception");
    }

    @Test
    void shouldDocumentTheExitCodes() {
        assertThat(run("boot", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:", "1     the kernel oopsed or panicked", "10    the guest faulted", "--run=COMMAND", "--ticks=N");
    }
}
