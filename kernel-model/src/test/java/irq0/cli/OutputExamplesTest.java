package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the README's "Output files" section, run as printed by bash in a folder whose
 * {@code ./irq0} runs this build, and checked against what the text says they do.
 */
class OutputExamplesTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    private List<String> examples;

    @BeforeEach
    void readExamples() throws IOException {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("## Output files"));
        String block = section.substring(section.indexOf("```bash\n") + 8);
        examples = block.substring(0, block.indexOf("```")).lines().collect(Collectors.toList());
        assertThat(examples).hasSize(4).allMatch(l -> l.startsWith("./irq0 boot "));
        Path launcher = dir.resolve("irq0");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + System.getProperty("java.home") + "/bin/java' -cp '"
                + System.getProperty("java.class.path") + "' " + Irq0.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs one line with bash in the folder: its exit code, then what it printed on stdout. */
    private List<String> bash(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", line).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> result = new ArrayList<>();
        result.add(Integer.toString(p.exitValue()));
        result.addAll(stdout.lines().collect(Collectors.toList()));
        return result;
    }

    @Test
    void shouldWriteATimelineOfThreeTicks() throws Exception {
        assertThat(bash(examples.get(0)).get(0)).isEqualTo("0");
        List<TimelineTest.Slice> slices = TimelineTest.slices(Files.readString(dir.resolve("t.json")));
        assertThat(slices.stream().filter(s -> s.path().equals("IRQ0 entry > do_IRQ")).count()).isEqualTo(3);
    }

    @Test
    void shouldPrintTheTimersHandlerEntriesAsFtraceDoes() throws Exception {
        List<String> out = bash(examples.get(1));
        assertThat(out.get(0)).isEqualTo("0");
        assertThat(out.subList(1, out.size())).filteredOn(l -> l.contains("irq_handler_entry"))
                .hasSize(2).allSatisfy(l -> {
                    assertThat(l).matches(TimelineTest.FTRACE_LINE)
                            .startsWith("          <idle>-0     [000]     0.00").endsWith(": irq_handler_entry:    irq=0 name=timer");
                });
    }

    @Test
    void shouldCountTheTicksAsTheyStreamIntoGrep() throws Exception {
        List<String> out = bash(examples.get(2));
        assertThat(out.get(0)).isEqualTo("0");
        assertThat(out).last().isEqualTo("1000");
    }

    @Test
    void shouldKeepTheSecondTickInATraceAndAWaveform() throws Exception {
        assertThat(bash(examples.get(3)).get(0)).isEqualTo("0");
        List<String> trace = Files.readAllLines(dir.resolve("tick.trace"));
        assertThat(trace).filteredOn(l -> l.contains(" do_IRQ irq=0")).hasSize(1);
        assertThat(trace).filteredOn(l -> !l.startsWith("#")).allSatisfy(l ->
                assertThat(Double.parseDouble(l.trim().split(" +")[0])).isBetween(0.0026, 0.0028));
        assertThat(Files.readString(dir.resolve("tick.vcd"))).contains("$dumpvars", "$var event 1 6 INTA $end");
    }
}
