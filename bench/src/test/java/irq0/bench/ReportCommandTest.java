package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bench/run}'s options as bench/README.md gives them, without measuring anything: the
 * usage, one line and status 2 for each mistake, and {@code --render} from the files a run left
 * (results.json from the report tests' fixture, and a pairs.tsv).
 */
class ReportCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Report.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("usage: bench/run [--out DIR] [--include REGEX]... [--rounds N] [--quick] [--render]\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "--rounds;bench: --rounds needs a value",
            "--rounds 2.5;bench: --rounds needs a whole number of rounds, 0 or more, not '2.5'",
            "--rounds -1;bench: --rounds needs a whole number of rounds, 0 or more, not '-1'",
            "--out;bench: --out needs a value",
            "--fast;bench: unknown option '--fast' (try --help)"})
    void shouldRefuseAMistakeInOneLine(String args, String message) {
        assertThat(run(args.split(" "))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(message + "\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldNotRenderWithoutARun(@TempDir Path dir) {
        assertThat(run("--out", dir.toString(), "--render")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("bench: " + dir.resolve("results.json") + " does not exist: run bench/run without --render first\n");
    }

    @Test
    void shouldRenderTheRoundsAPairsFileHolds(@TempDir Path dir) throws IOException {
        fixture(dir);
        Files.writeString(dir.resolve("pairs.tsv"), "round\ttasks\tbenchmark\tns\n"
                + "1\t1\tHotPathBenchmark\t90\n1\t1\tFloorBenchmark\t30\n1\t1\tCliProfileBenchmark\t99\n");

        assertThat(run("--out", dir.toString(), "--render")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("wrote " + dir.resolve("chart.svg") + ", " + dir.resolve("RESULTS.md") + "\n");
        assertThat(Files.readString(dir.resolve("RESULTS.md")))
                .contains("## Paired rounds")
                .contains("| 1 | 3.00× | 3.00–3.00× | 1.10× | 1.10–1.10× |")
                .contains("3.00× (paired: median of 1 round, 3.00–3.00×) | met (paired) |");
        assertThat(dir.resolve("chart.svg")).exists();
    }

    @Test
    void shouldWriteNothingFromABadPairsFile(@TempDir Path dir) throws IOException {
        fixture(dir);
        Files.writeString(dir.resolve("pairs.tsv"), "not a pairs file\n");

        assertThat(run("--out", dir.toString(), "--render")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("bench: " + dir.resolve("pairs.tsv")
                + ": not a pairs file (its first line is not 'round tasks benchmark ns')\n");
        assertThat(dir.resolve("RESULTS.md")).doesNotExist();
        assertThat(dir.resolve("chart.svg")).doesNotExist();
    }

    /** A run's results.json (the report tests' fixture) in {@code dir}. */
    private static void fixture(Path dir) throws IOException {
        try (InputStream in = ReportCommandTest.class.getResourceAsStream("/irq0/bench/report/results.json")) {
            Files.write(dir.resolve("results.json"), in.readAllBytes());
        }
    }
}
