package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C and SIGTERM on a real {@code irq0 boot} process: the run ends cleanly, the trace is
 * closed, the summary printed, and the exit code is 128 + the signal's number.
 */
class SignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--cpu {0}, SIG{1}")
    @CsvSource({"none, INT, 130", "unicorn, INT, 130", "none, TERM, 143", "unicorn, TERM, 143"})
    void shouldEndTheRunCleanlyOnASignal(String cpu, String signal, int exitCode) throws Exception {
        Path trace = dir.resolve("run.trace");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Irq0.class.getName(),
                "boot", "--cpu", cpu, "--hz", "1000", "--trace", trace.toString(),
                "--run", "insmod sched", "--run", "sleep 3000")
                .redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("# sleep 3000"));
            assertThat(line).as("the script reached its sleep").isNotNull();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended after SIG" + signal).isTrue();
        } finally {
            p.destroyForcibly();
        }

        assertThat(p.exitValue()).isEqualTo(exitCode);
        List<String> err = Files.readAllLines(stderr);
        assertThat(err).anyMatch(l -> l.startsWith("irq0 boot: interrupted by SIG" + signal + " after ")
                && l.endsWith("; exit " + exitCode));
        assertThat(err).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        // the trace was closed: it is there, its last line is whole, and no temporary file is left
        assertThat(trace).exists();
        assertThat(Files.readString(trace)).endsWith("\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("run.trace", "stderr.txt");
        }
    }
}
