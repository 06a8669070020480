package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boot --trace FILE --vcd FILE}: whole files, the same bytes for the same inputs. */
class TraceOutputsTest extends CommandLineTest {
    @TempDir
    Path dir;

    private int boot(String cpu, String name) {
        return run("boot", "-q", "--cpu", cpu, "--hz", "1000", "--run", "insmod sched", "--run", "sleep 0.02",
                "--run", "rmmod sched", "--trace", dir.resolve(name + ".trace").toString(),
                "--vcd", dir.resolve(name + ".vcd").toString());
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldWriteByteIdenticalTracesAndWaveformsForTheSameInputs(String cpu) throws IOException {
        assertThat(boot(cpu, "a")).isZero();
        assertThat(boot(cpu, "b")).isZero();

        byte[] traceA = Files.readAllBytes(dir.resolve("a.trace"));
        byte[] vcdA = Files.readAllBytes(dir.resolve("a.vcd"));
        assertThat(traceA).isEqualTo(Files.readAllBytes(dir.resolve("b.trace")));
        assertThat(vcdA).isEqualTo(Files.readAllBytes(dir.resolve("b.vcd")));

        List<String> trace = Files.readAllLines(dir.resolve("a.trace"));
        // 22 timer interrupts: 2.2's sys_nanosleep sleeps timespec_to_jiffies(20 ms) + 1 = 21
        // jiffies, then rmmod sleeps in cleanup_module until the next tick's run of the task; each
        // tick is the acknowledged vector, do_IRQ and the 2.2 port sequence, then the sched task
        int ticks = 22;
        assertThat(trace).filteredOn(l -> l.endsWith(" do_IRQ irq=0")).hasSize(ticks);
        assertThat(trace).filteredOn(l -> l.endsWith(" out 0x0020 0x20  PIC1 OCW2: non-specific EOI")).hasSize(ticks);
        assertThat(trace).filteredOn(l -> l.endsWith(" task routine=0xc8800050 queue=tq_timer  sched:intrpt_routine"))
                .hasSize(ticks);
        assertThat(trace).filteredOn(l -> l.endsWith(" bh nr=0  TIMER_BH")).hasSize(ticks);
        assertThat(trace).filteredOn(l -> l.endsWith(" out 0x0080 0x00  delay (outb_p's SLOW_DOWN_IO write)"))
                .hasSize(ticks);
        assertThat(trace).as("interrupt exit on both CPUs").filteredOn(l -> l.endsWith(" int-exit 0x20")).hasSize(ticks);
        String vcd = new String(vcdA, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(vcd).contains("$var wire 1 ! OUT0 $end", "$var event 1 6 INTA $end", "$enddefinitions $end");
        // OUT0 (id '!') rises once per tick, and once before them at the POST's mode 3 control
        // word (82C54: mode 3 drives OUT high at the control word, from power-on's low)
        assertThat(vcd.lines().filter("1!"::equals).count()).isEqualTo(ticks + 1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .as("no temporary files left behind")
                    .containsExactlyInAnyOrder("a.trace", "a.vcd", "b.trace", "b.vcd");
        }
    }

    @Test
    void shouldRefuseATraceInAFolderThatDoesNotExistWithOneLine() {
        int code = run("boot", "--cpu", "none", "--trace", dir.resolve("no/such/dir/x.trace").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("irq0 boot: --trace ").contains(": no such folder: ").doesNotContain("\tat ");
        assertThat(err.toString().lines().count()).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheWindowInTheTraceAndStartTheWaveformWithTheLevelsAtItsStart() throws IOException {
        // HZ=1000: LATCH 1193, OUT0 falls one clock before each period ends; 10-11 ms holds one tick
        assertThat(run("boot", "-q", "--cpu", "none", "--hz", "1000", "--run", "insmod sched", "--run", "sleep 0.02",
                "--trace-from", "0.010", "--trace-to", "0.011",
                "--trace", dir.resolve("w.trace").toString(), "--vcd", dir.resolve("w.vcd").toString())).isZero();

        List<String> events = Files.readAllLines(dir.resolve("w.trace"));
        assertThat(events.subList(6, events.size())).isNotEmpty().allSatisfy(l -> {
            double t = Double.parseDouble(l.trim().split(" +")[0]);
            assertThat(t).isBetween(0.010, 0.011);
        });
        assertThat(events).filteredOn(l -> l.contains(" do_IRQ ")).hasSize(1);
        assertThat(events).filteredOn(l -> l.startsWith("#")).hasSize(6);
        String vcd = Files.readString(dir.resolve("w.vcd"));
        // 0.010 s is clock 11932 (rounded up), 10,000,150 ns: OUT0 and IRQ0 high there
        assertThat(vcd).contains("$enddefinitions $end\n#10000150\n$dumpvars\n1!\n");
        assertThat(vcd.lines().filter(l -> l.startsWith("#")).mapToLong(l -> Long.parseLong(l.substring(1))))
                .allSatisfy(ns -> assertThat(ns).isBetween(10_000_000L, 11_000_000L));
    }

    @Test
    void shouldRefuseAWindowThatEndsBeforeItStartsWithExit2() {
        assertThat(run("boot", "--cpu", "none", "--trace-from", "2", "--trace-to", "1", "--trace", "x")).isEqualTo(2);
        assertThat(run("boot", "--cpu", "none", "--trace-from", "soon", "--trace", "x")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: --trace-to 1 is before --trace-from 2\n"
                + "irq0 boot: --trace-from is not a number of seconds: soon\n");
    }
}
