package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code irq0 boot}'s lengths, summary and exit codes, the same on both CPUs: each case runs on
 * {@code --cpu none} and on {@code --cpu unicorn} through the real command line.
 */
class RunLengthTest extends CommandLineTest {
    /** HZ=1000: LATCH = (1193180 + 500) / 1000 = 1193 clocks per tick. */
    private static final long LATCH_1000 = 1193;

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([a-z_]+)\"").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return m.group(1);
    }

    /** The JSON summary: the last line of stdout. */
    private String summary() {
        String[] lines = out.toString().split("\n");
        return lines[lines.length - 1];
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldRunTheReadmesExampleForAllItsTicksAfterTheScriptEnds(String cpu) {
        // the README's example: the script is done after one tick, the run goes on to 5000
        int code = run("boot", "--cpu", cpu, "--json", "--hz", "1000", "--ticks", "5000", "--run", "insmod sched",
                "--run", "cat /proc/sched");

        assertThat(code).isZero();
        assertThat(number(summary(), "timerInterrupts")).isEqualTo(5000);
        assertThat(number(summary(), "exitCode")).isZero();
        assertThat(string(summary(), "stop")).isEqualTo("length");
        // the task ran at every one of the 5000 ticks: cat /proc/sched again would say so, and
        // the run ends where the 5001st would be taken, LATCH + 1 + 5000 LATCH after the kernel's
        // count write (first edge: one clock to load, then LATCH)
        assertThat(err.toString()).contains("# insmod sched\n# cat /proc/sched\nTimer called 0 times so far\n");
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldEndTicksWhereTheNextTimerInterruptWouldBeTaken(String cpu) {
        assertThat(run("boot", "--cpu", cpu, "--json", "--hz", "1000", "--ticks", "3")).isZero();
        String three = summary();
        out.getBuffer().setLength(0);
        assertThat(run("boot", "--cpu", cpu, "--json", "--hz", "1000", "--ticks", "0")).isZero();
        String none = summary();

        assertThat(number(three, "timerInterrupts")).isEqualTo(3);
        assertThat(number(none, "timerInterrupts")).isZero();
        // both end at a tick's edge: three LATCH apart
        assertThat(number(three, "pitClocks") - number(none, "pitClocks")).isEqualTo(3 * LATCH_1000);
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldCountTheTicksTheKernelTookInsideABusyWait(String cpu) {
        // HZ=100: irqoff's cli; udelay(55000); sti holds OUT0 edges 1-5 and takes one IRQ0 at the
        // sti, inside the kernel: 20 ticks then end where the 21st would be taken, at edge 25
        // (four edges lost), four LATCH later than the same 20 ticks without it
        assertThat(run("boot", "--cpu", cpu, "--json", "--ticks", "20", "--run", "insmod sched")).isZero();
        String plain = summary();
        out.getBuffer().setLength(0);
        assertThat(run("boot", "--cpu", cpu, "--json", "--ticks", "20", "--run", "insmod irqoff usecs=55000")).isZero();
        String held = summary();

        assertThat(number(held, "timerInterrupts")).isEqualTo(20);
        assertThat(number(held, "pitClocks") - number(plain, "pitClocks")).isEqualTo(4 * 11932);
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldRunSecondsExactly(String cpu) {
        assertThat(run("boot", "--cpu", cpu, "--json", "--seconds", "0.25", "--run", "insmod sched")).isZero();
        // 0.25 * 1193182 = 298295.5, rounded up to the first whole clock
        assertThat(number(summary(), "pitClocks")).isEqualTo(298_296);
    }

    /**
     * A length is a length, however slow the CPU: at 100 Hz and 1000 cycles an instruction lasts
     * 10 virtual seconds, so {@code --seconds 2} ends at 2 s with the BIOS's first instruction in
     * flight, not retired (it used to end at 10 s, after it).
     */
    @Test
    void shouldEndSecondsExactlyWithTheInstructionInFlightNotRetired() {
        assertThat(run("boot", "--json", "--cpu-hz", "100", "--cpi", "1000", "--seconds", "2")).isZero();

        assertThat(number(summary(), "pitClocks")).isEqualTo(2 * 1_193_182L);
        assertThat(number(summary(), "instructions")).isZero();
        assertThat(string(summary(), "stop")).isEqualTo("length");
    }

    /**
     * The same for a guest that never halts ({@code cli; jmp $}) on a CPU whose instructions last
     * four PIT clocks (1,193,182 Hz, 4 cycles): 0.2500009 s (298,296.57 clocks, rounded up) ends
     * at clock 298,297 exactly, not at 298,300, the end of the instruction that crosses it.
     */
    @Test
    void shouldEndSecondsExactlyWhenABusyGuestsInstructionsLastSeveralPitClocks(@TempDir Path dir) throws IOException {
        Path image = Files.write(dir.resolve("spin.img"), irq0.cpu.BootImage.sector(0xFA, 0xEB, 0xFE));

        assertThat(run("boot", image.toString(), "--json", "--cpu-hz", "1193182", "--cpi", "4", "--seconds",
                "0.2500009")).isZero();

        assertThat(number(summary(), "pitClocks")).isEqualTo(298_297);
        assertThat(string(summary(), "stop")).isEqualTo("length");
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldExit5AndSayItInTheJsonWhenTheScriptOutlastsTheLength(String cpu) {
        int code = run("boot", "--cpu", cpu, "--json", "--seconds", "1", "--run", "sleep 5");

        assertThat(code).isEqualTo(5);
        assertThat(number(summary(), "exitCode")).isEqualTo(5);
        assertThat(err.toString()).contains("irq0 boot: the run ended before the script did\n");
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldExit5WhenTheRunEndsBeforeTheKernelRanTheScript(String cpu) {
        // on Unicorn the BIOS's POST takes 0.69 ms: the kernel has not started at 0.5 ms; without
        // a CPU the kernel starts at time 0 and insmod runs in no time
        int code = run("boot", "--cpu", cpu, "-q", "--seconds", "0.0005", "--run", "insmod sched");

        assertThat(code).isEqualTo(cpu.equals("none") ? 0 : 5);
        // with no script there is nothing to be unfinished
        assertThat(run("boot", "--cpu", cpu, "-q", "--seconds", "0.0005")).isZero();
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldHonourQuietAndPrintTheSummaryOtherwise(String cpu) {
        assertThat(run("boot", "--cpu", cpu, "-q", "--ticks", "1")).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(run("boot", "--cpu", cpu, "--ticks", "1")).isZero();
        assertThat(err.toString()).matches("irq0 boot: length reached after 0\\.0\\d+ s virtual: 1 interrupt \\(1 timer\\), "
                + "\\d+ instructions?; host [0-9.]+ s, [0-9.]+x real time, \\d+ interrupts per host second; exit 0\n");
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldStopAScriptThatNeverEndsAtTheLimit(String cpu) {
        // no length: the script's own; sleep 4000 outlasts the 3600-second limit
        int code = run("boot", "--cpu", cpu, "--json", "--hz", "19", "--run", "sleep 4000");

        assertThat(code).isEqualTo(5);
        assertThat(number(summary(), "pitClocks")).isEqualTo(3600L * 1_193_182L);
        assertThat(string(summary(), "stop")).isEqualTo("limit");
        assertThat(err.toString()).contains("irq0 boot: the script did not end within 3600 virtual seconds\n");
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldPrintTheSameKernelLogOnBothCpus(String cpu) {
        // the LKMPG scenario and its unsafe twin: the kernel's lines (relative to its start) and
        // the commands' output are the same whatever runs the firmware
        run("boot", "--cpu", cpu, "-q", "--hz", "1000", "--run", "insmod sched", "--run", "sleep 0.37",
                "--run", "cat /proc/sched", "--run", "rmmod sched", "--run", "cat /proc/interrupts");
        assertThat(out.toString().replace("irq0 BIOS: POST done (PIC 08h/70h, PIT 18.2 Hz)\n", "")).isEqualTo(
                "irq0: Linux 2.2.8 timer-path model, HZ=1000\n"
                + "# insmod sched\n# sleep 0.37\n# cat /proc/sched\nTimer called 371 times so far\n# rmmod sched\n"
                + "# cat /proc/interrupts\n"
                + "           CPU0       \n"
                + "  0:        372          XT-PIC  timer\n"
                + "  2:          0          XT-PIC  cascade\n"
                + " 13:          0          XT-PIC  fpu\n"
                + "NMI:          0\n");
        out.getBuffer().setLength(0);
        assertThat(run("boot", "--cpu", cpu, "-q", "--printk-time", "--run", "insmod sched_unsafe",
                "--run", "rmmod sched_unsafe", "--run", "sleep 1")).isEqualTo(1);
        // printk's clock starts with the kernel; the first tick, LATCH + 1 = 11933 clocks (10.0009 ms)
        // after the kernel's count write, Oopses
        assertThat(out.toString()).contains("[    0.000000] irq0: Linux 2.2.8 timer-path model, HZ=100\n")
                .contains("# sleep 1\n[    0.0100")
                .contains("Unable to handle kernel paging request at virtual address c8800174\n");
    }

    @org.junit.jupiter.api.Test
    void shouldStampTheSameKernelLogOnBothCpus() {
        // printk's clock starts with the kernel, and the stand-in charges an interrupt what the
        // CPU does from the idle loop's HLT (InterruptTiming): the stamped logs are equal
        String[] script = {"-q", "--printk-time", "--hz", "1000", "--run", "insmod sched_unsafe", "--run", "sleep 0.005",
            "--run", "rmmod sched_unsafe", "--run", "sleep 1"};
        String[] log = new String[2];
        String[] cpus = {"none", "unicorn"};
        for (int i = 0; i < 2; i++) {
            out.getBuffer().setLength(0);
            String[] args = new String[script.length + 3];
            args[0] = "boot";
            args[1] = "--cpu";
            args[2] = cpus[i];
            System.arraycopy(script, 0, args, 3, script.length);
            assertThat(run(args)).isEqualTo(1);
            log[i] = out.toString().replace("irq0 BIOS: POST done (PIC 08h/70h, PIT 18.2 Hz)\n", "");
        }
        assertThat(log[0]).contains("Kernel panic:").isEqualTo(log[1]);
    }

    @ParameterizedTest(name = "boot {0} --version")
    @ValueSource(strings = {"boot", "conform"})
    void shouldPrintTheVersionForEveryCommand(String command) {
        assertThat(run(command, "--version")).isZero();
        assertThat(out.toString()).isEqualTo("irq0 0.1.0\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--cpu none --cpu-hz 100", "--cpu none --cpi 2", "--hz 1000 IMAGE"})
    void shouldRefuseOptionsThatDoNotApply(String args) throws java.io.IOException {
        java.nio.file.Path image = java.nio.file.Files.createTempFile("irq0", ".img");
        try {
            java.nio.file.Files.write(image, irq0.cpu.BootImage.bundled("hello"));
            String[] words = ("boot " + args.replace("IMAGE", image.toString())).split(" ");
            assertThat(run(words)).isEqualTo(2);
            assertThat(err.toString()).startsWith("irq0 boot: ").doesNotContain("\tat ").hasLineCount(1);
        } finally {
            java.nio.file.Files.delete(image);
        }
    }
}
