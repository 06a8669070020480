package irq0.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paired rounds: ratios taken within a round, their median, the file they are kept in, and
 * how RESULTS.md judges the targets by them. The rounds below are made up so that the paired
 * and the unpaired verdicts differ: in round 2 the host ran everything at half speed.
 */
class PairsTest {
    private static final Environment ENV = new Environment("Test CPU @ 1.00GHz", 2, "2026-01-02", "1.50, 2.00, 2.50");

    /** Round 1 at full speed, round 2 all twice as slow, round 3 HotPath 10% slower than round 1. */
    private static Pairs threeRounds() {
        List<Pairs.Sample> s = new ArrayList<>();
        double[] speed = {1, 2, 1};
        double[] hotExtra = {1, 1, 1.1};
        for (int r = 0; r < 3; r++) {
            for (long p : new long[] {0, 1, 16, 256}) {
                double hot = (40 + 20 * p) * speed[r] * hotExtra[r];
                double floor = (10 + 10 * p) * speed[r];
                double cli = hot * 1.2 / hotExtra[r];
                s.add(new Pairs.Sample(r + 1, p, Summary.HOT_PATH, hot));
                s.add(new Pairs.Sample(r + 1, p, Summary.FLOOR, floor));
                s.add(new Pairs.Sample(r + 1, p, Summary.CLI_PROFILE, cli));
            }
        }
        return new Pairs(s);
    }

    @ParameterizedTest(name = "median of {0} is {1}")
    @CsvSource(delimiter = ';', value = {
            "3;3", "3,1,2;2", "4,1,3,2;2.5", "1.5,1.5;1.5"})
    void shouldTakeTheMiddleValueOrTheMeanOfTheMiddleTwo(String values, double median) {
        double[] v = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertThat(Pairs.median(v)).isEqualTo(median);
    }

    @Test
    void shouldHaveNoMedianOfNothing() {
        assertThat(Pairs.median(new double[0])).isNaN();
    }

    @Test
    void shouldDivideWithinEachRoundSoThatAHostSlowingDownEverythingCancels() {
        Pairs pairs = threeRounds();
        // P=1: HotPath 60, Floor 20: 3x in rounds 1 and 2 (both sides doubled), 3.3x in round 3
        assertThat(pairs.ratios(1, Summary.HOT_PATH, Summary.FLOOR)).containsExactly(
                new double[] {3.0, 3.0, 3.3}, within(1e-9));
        assertThat(pairs.ratios(256, Summary.CLI_PROFILE, Summary.HOT_PATH)).containsExactly(
                new double[] {1.2, 1.2, 1.2 / 1.1}, within(1e-9));
        // slopes 16->256: HotPath 20 ns/task, Floor 10 ns/task, whatever the round's speed
        assertThat(pairs.slopeRatios(16, 256)).containsExactly(new double[] {2.0, 2.0, 2.2}, within(1e-9));
        assertThat(pairs.rounds()).isEqualTo(3);
        assertThat(pairs.taskCounts()).containsExactly(0, 1, 16, 256);
    }

    @Test
    void shouldLeaveOutARoundThatMissedOneSide() {
        Pairs pairs = new Pairs(List.of(
                new Pairs.Sample(1, 1, Summary.HOT_PATH, 90),
                new Pairs.Sample(1, 1, Summary.FLOOR, 30),
                new Pairs.Sample(2, 1, Summary.HOT_PATH, 80)));
        assertThat(pairs.ratios(1, Summary.HOT_PATH, Summary.FLOOR)).containsExactly(3.0);
        assertThat(pairs.slopeRatios(16, 256)).isEmpty();
    }

    @Test
    void shouldReadBackWhatItWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pairs.tsv");
        Files.writeString(file, threeRounds().text(), StandardCharsets.UTF_8);
        Pairs read = Pairs.read(file);
        assertThat(read.text()).isEqualTo(threeRounds().text());
        assertThat(read.ratios(1, Summary.HOT_PATH, Summary.FLOOR)).containsExactly(new double[] {3.0, 3.0, 3.3}, within(1e-9));
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("round\ttasks\tbenchmark\tns");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "not a pairs file;'{f}: not a pairs file (its first line is not ''round tasks benchmark ns'')'",
            "round\\ttasks\\tbenchmark\\tns\\n1\\t1\\tHotPathBenchmark;{f} line 2: expected round, tasks, benchmark and ns, tab-separated",
            "round\\ttasks\\tbenchmark\\tns\\n1\\tx\\tHotPathBenchmark\\t9;{f} line 2: expected round, tasks, benchmark and ns, tab-separated"})
    void shouldRefuseAFileThatIsNotOneInOneLine(String text, String message, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("pairs.tsv");
        // the table writes a tab as \\t and a line break as \\n
        Files.writeString(file, text.replace("\\t", "\t").replace("\\n", "\n"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Pairs.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message.replace("{f}", file.toString()));
    }

    @Test
    void shouldJudgeTheTargetsByThePairedMediansWhenThereAreRounds() throws IOException {
        String md = Markdown.render(fixture(), ENV, threeRounds());
        assertThat(md).contains("## Paired rounds")
                .contains("| 1 | 3.00× | 3.00–3.30× | 1.20× | 1.09–1.20× |")
                .contains("HotPath's per-task slope over Floor's (P=16 to 256, within each round): 2.00× (range 2.00–2.20×).")
                // the fixture's own means say 7.50x at P=1; the rounds' median says 3.00x: met
                .contains("| HotPath at P=1 within 3× of Floor | 7.50× (means), ")
                .containsPattern("\\| HotPath at P=1 within 3× of Floor \\| [^|]*; 3.00× \\(paired: median of 3 rounds, 3.00–3.30×\\) \\| met \\(paired\\) \\|")
                .containsPattern("\\| CliProfile within 1.25× of HotPath at every P \\| [^|]*; 1.20× \\(paired: median of 3 rounds, 1.09–1.20×\\) \\| met \\(paired\\) \\|");
    }

    @Test
    void shouldJudgeByTheRunAloneWithoutRounds() throws IOException {
        String md = Markdown.render(fixture(), ENV, new Pairs(List.of()));
        assertThat(md).doesNotContain("## Paired rounds").doesNotContain("(paired")
                .isEqualTo(Markdown.render(fixture(), ENV));
    }

    private static Results fixture() throws IOException {
        try (InputStream in = PairsTest.class.getResourceAsStream("results.json")) {
            return Results.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
