package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code irq0 boot --cpu none}: whole runs on the board, their output and exit codes. */
class BootRunTest extends CommandLineTest {
    private List<String> lines() {
        return List.of(out.toString().split("\n"));
    }

    @Test
    void shouldRunTheLkmpgScheduleExample() {
        int code = run("boot", "--cpu", "none", "--hz", "100", "--run", "insmod sched", "--run", "sleep 1",
                "--run", "cat /proc/sched", "--run", "rmmod sched");
        assertThat(code).isZero();
        assertThat(err.toString()).startsWith("irq0 boot: kernel stopped after 1.020018 s virtual: 102 interrupts (102 timer)");
        assertThat(lines()).containsExactly(
                "irq0: Linux 2.2.8 timer-path model, HZ=100",
                "# insmod sched", "# sleep 1", "# cat /proc/sched", "Timer called 101 times so far", "# rmmod sched");
    }

    @Test
    void shouldPanicWithTheUnsafeModuleAndExit1() {
        int code = run("boot", "--cpu", "none", "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe", "--run", "sleep 1");
        assertThat(code).isEqualTo(1);
        assertThat(lines()).anyMatch(l -> l.endsWith("Unable to handle kernel paging request at virtual address c8800174"));
        assertThat(lines().get(lines().size() - 1)).isEqualTo("In swapper task - not syncing");
    }

    @Test
    void shouldRunAFixedLengthWithoutAScript() {
        assertThat(run("boot", "--cpu", "none", "--hz", "1000", "--ticks", "250", "--run", "sleep 10")).isEqualTo(5);
        out.getBuffer().setLength(0);
        assertThat(run("boot", "--cpu", "none", "--seconds", "0.5")).isZero();
        assertThat(lines()).containsExactly("irq0: Linux 2.2.8 timer-path model, HZ=100");
    }

    @Test
    void shouldStampTheLogWithVirtualTimeWhenAsked() {
        assertThat(run("boot", "--cpu", "none", "--printk-time", "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe",
                "--run", "sleep 1")).isEqualTo(1);
        // the first tick: the BIOS left OUT0 high, so OUT0 rises LATCH + 1 = 11933 clocks after
        // the kernel's count write; the INTA bus cycles, the entry and the gate's HLT (16 CPU
        // cycles at 8 MHz) put do_IRQ 2 clocks later: 11935 clocks, 10002.5 us
        assertThat(lines()).startsWith("[    0.000000] irq0: Linux 2.2.8 timer-path model, HZ=100", "# insmod sched_unsafe",
                "# rmmod sched_unsafe", "# sleep 1",
                "[    0.010002] Unable to handle kernel paging request at virtual address c8800174");
    }

    @Test
    void shouldExit4WhenACommandFails() {
        assertThat(run("boot", "--cpu", "none", "--run", "insmod nosuch")).isEqualTo(4);
        assertThat(lines()).contains("insmod: nosuch: no module by that name found");
    }

    @Test
    void shouldPrintTheSameBytesEveryRun() {
        run("boot", "--cpu", "none", "--hz", "1000", "--run", "insmod jiq", "--run", "cat /proc/jiqimmed", "--run", "lsmod");
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("boot", "--cpu", "none", "--hz", "1000", "--run", "insmod jiq", "--run", "cat /proc/jiqimmed", "--run", "lsmod");
        assertThat(out.toString()).isEqualTo(first);
    }
}
