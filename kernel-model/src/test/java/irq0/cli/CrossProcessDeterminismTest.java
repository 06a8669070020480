package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same inputs, same output, byte for byte, across processes: the real command line run twice as
 * separate {@code java} processes, which share no JVM state (class initialisation, identity hash
 * codes, JIT, heap layout, host time), with everything that must not matter made different (the
 * working folder, the time zone and locale, the garbage collector). Console, trace and VCD are
 * compared whole. {@code -q} leaves out the closing summary, whose host figures (host seconds,
 * interrupts per host second) are the one output that is meant to vary.
 */
class CrossProcessDeterminismTest {
    private static final List<String> ARGS = List.of("boot", "--hz", "1000", "--ticks", "300",
            "--run", "insmod sched", "--run", "cat /proc/sched", "--trace", "trace.txt", "--vcd", "wave.vcd", "-q");

    @TempDir
    Path tmp;

    private record Outcome(int exitCode, byte[] stdout, byte[] stderr, byte[] trace, byte[] vcd) {
    }

    private static Outcome run(Path dir, String cpu, List<String> jvmOptions, String timeZone, String locale)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Irq0.class.getName());
        command.addAll(ARGS);
        command.add("--cpu");
        command.add(cpu);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("TZ", timeZone);
        pb.environment().put("LC_ALL", locale);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
        return new Outcome(p.exitValue(), Files.readAllBytes(dir.resolve("stdout")), Files.readAllBytes(dir.resolve("stderr")),
                Files.readAllBytes(dir.resolve("trace.txt")), Files.readAllBytes(dir.resolve("wave.vcd")));
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldWriteTheSameConsoleTraceAndVcdInTwoProcesses(String cpu) throws Exception {
        Outcome a = run(tmp.resolve("a"), cpu, List.of("-XX:+UseSerialGC"), "UTC", "C");
        Outcome b = run(tmp.resolve("b").resolve("elsewhere"), cpu, List.of("-XX:+UseParallelGC", "-Xmx256m"),
                "Pacific/Chatham", "en_US.UTF-8");

        String console = new String(a.stdout, StandardCharsets.UTF_8);
        assertThat(a.exitCode).as("exit code; stderr: %s", new String(a.stderr, StandardCharsets.UTF_8)).isZero();
        assertThat(console).contains("# insmod sched" + System.lineSeparator(), "# cat /proc/sched" + System.lineSeparator());
        assertThat(new String(a.trace, StandardCharsets.UTF_8).lines().count()).as("trace lines").isGreaterThan(300);
        assertThat(new String(a.vcd, StandardCharsets.UTF_8)).startsWith("$");

        assertThat(b.exitCode).isEqualTo(a.exitCode);
        assertThat(new String(b.stdout, StandardCharsets.UTF_8)).isEqualTo(console);
        assertThat(b.stderr).isEqualTo(a.stderr);
        assertThat(b.trace).as("trace.txt, byte for byte").isEqualTo(a.trace);
        assertThat(b.vcd).as("wave.vcd, byte for byte").isEqualTo(a.vcd);
    }
}
