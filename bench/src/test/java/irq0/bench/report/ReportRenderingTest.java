package irq0.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Rendering of a fixed JMH result file (results.json beside this class, in JMH 1.37's format): the
 * figures it holds, the summary the README quotes, and the structure of RESULTS.md and chart.svg.
 * In the fixture HotPath is 40/60/180/2100 ns and Floor 5/8/40/520 ns (written in us/op) for
 * P = 0/1/16/256; the boot runs 120 ops/ms with the kernel model (3,000 ns of each interrupt in
 * the kernel; its 30,000 sampled interrupts spent 2,000 ns each in uc_emu_start over two calls and
 * 500 ns in four register calls) and 200 ops/ms with the bare gate (100 ns, no sampled counters, as
 * in a run from before they existed).
 */
class ReportRenderingTest {
    private static final Environment ENV = new Environment("Test CPU @ 1.00GHz", 2, "2026-01-02", "1.50, 2.00, 2.50");

    private static Results fixture() throws IOException {
        try (InputStream in = ReportRenderingTest.class.getResourceAsStream("results.json")) {
            return Results.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldOrderFiguresByBenchmarkThenModeThenNumericParameter() throws IOException {
        List<String> order = fixture().figures().stream()
                .map(f -> f.shortName() + " " + f.mode() + " " + f.paramText()).toList();
        assertThat(order).containsExactly(
                "Boot.timerInterrupt thrpt kernel=bare",
                "Boot.timerInterrupt thrpt kernel=model",
                "Floor.timerInterrupt avgt tasks=0",
                "Floor.timerInterrupt avgt tasks=1",
                "Floor.timerInterrupt avgt tasks=16",
                "Floor.timerInterrupt avgt tasks=256",
                "HotPath.timerInterrupt avgt tasks=0",
                "HotPath.timerInterrupt avgt tasks=1",
                "HotPath.timerInterrupt avgt tasks=16",
                "HotPath.timerInterrupt avgt tasks=256",
                "HotPath.timerInterrupt sample tasks=0",
                "HotPath.timerInterrupt sample tasks=1",
                "HotPath.timerInterrupt sample tasks=16",
                "HotPath.timerInterrupt sample tasks=256",
                "PitPeriod.oneClockAtATime avgt ",
                "PitPeriod.skipAhead avgt ");
    }

    @Test
    void shouldReadScoresPercentilesAndBytesPerOpAsJmhWroteThem() throws IOException {
        Results results = fixture();
        Figure sample = results.find("HotPathBenchmark", "sample", "tasks", "16");
        assertThat(sample.p50()).isEqualTo(180.0);
        assertThat(sample.p99()).isEqualTo(360.0);
        assertThat(sample.p999()).isEqualTo(1800.0);
        Figure floor = results.find("FloorBenchmark", "avgt", "tasks", "0");
        assertThat(floor.error()).as("\"NaN\" in the JSON").isNaN();
        assertThat(floor.nanosPerOp()).isCloseTo(5.0, within(1e-9));
        assertThat(floor.bytesPerOp()).isZero();
        assertThat(results.run().jmhVersion()).isEqualTo("1.37");
        assertThat(results.run().vmVersion()).isEqualTo("17.0.15+6-Debian-1deb12u1");
    }

    @ParameterizedTest(name = "P={0}: HotPath {1} ns, Floor {2} ns, ratio {3}")
    @CsvSource({
        "0,   40,   5,   8.0",
        "1,   60,   8,   7.5",
        "16,  180,  40,  4.5",
        "256, 2100, 520, 4.038461538461538",
    })
    void shouldPairHotPathWithFloorForEachP(long tasks, double hot, double floor, double ratio) throws IOException {
        Summary.Row row = Summary.of(fixture()).row(tasks);
        assertThat(row.hotPathNs()).isCloseTo(hot, within(1e-9));
        assertThat(row.floorNs()).isCloseTo(floor, within(1e-9));
        assertThat(row.ratio()).isCloseTo(ratio, within(1e-9));
    }

    @Test
    void shouldComputeSlopesAndBootRate() throws IOException {
        Summary s = Summary.of(fixture());
        assertThat(s.hotPathSlope()).as("(2100 - 180) / 240").isCloseTo(8.0, within(1e-9));
        assertThat(s.floorSlope()).as("(520 - 40) / 240").isCloseTo(2.0, within(1e-9));
        assertThat(s.hotPathSlopeLow()).as("(180 - 40) / 16").isCloseTo(8.75, within(1e-9));
        assertThat(s.bootInterruptsPerSecond()).as("120 ops/ms").isCloseTo(120_000.0, within(1e-6));
        assertThat(s.boots()).extracting(Summary.Boot::kernel).containsExactly("model", "bare");
        Summary.Boot model = s.boots().get(0);
        assertThat(model.kernelNanosPerInterrupt()).as("1.44e9 ns / 480,000").isCloseTo(3000.0, within(1e-9));
        assertThat(model.cpuSliceNanosPerInterrupt()).as("6e7 ns / 30,000").isCloseTo(2000.0, within(1e-9));
        assertThat(model.registerNanosPerInterrupt()).as("1.5e7 ns / 30,000").isCloseTo(500.0, within(1e-9));
        assertThat(model.emulateCallsPerInterrupt()).isCloseTo(2.0, within(1e-9));
        assertThat(model.registerCallsPerInterrupt()).isCloseTo(4.0, within(1e-9));
        assertThat(model.machineJavaNanosPerInterrupt()).as("1e9 / 120,000 - 3,000 - 2,000 - 500")
                .isCloseTo(2833.333, within(1e-3));
        assertThat(s.boots().get(1).machineJavaNanosPerInterrupt()).as("no sampled counters").isNaN();
        assertThat(s.maxBytesPerOp()).isZero();
    }

    @Test
    void shouldRenderTheTablesTheReadmeShows() throws IOException {
        String md = Markdown.render(fixture(), ENV);
        assertThat(md).contains("| Test CPU @ 1.00GHz, 2 cores | OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 "
                + "| 1.37: 1 fork, 3 × 1 s warm-up, 4 × 1 s measurement | 2026-01-02 |");
        assertThat(md).contains("Load average (1, 5, 15 min) when the run started: 1.50, 2.00, 2.50.");
        assertThat(md).contains("| 1 | 60.0 | 0.60 | 8.00 | – | 7.50× | 0 | 0 | – | – |");
        assertThat(md).contains("| 16 | 180 | 360 | 1,800 | – | – | – | – | – | – |");
        assertThat(md).contains("Per-task slope, P=16 to P=256: HotPath 8.00 ns/task, Floor 2.00 ns/task");
        assertThat(md).contains("| HotPath at P=1 within 3× of Floor | 7.50× (means), – (medians) | not met |");
        assertThat(md).contains("| HotPath's per-task slope (16→256) within 2.00× of Floor's | 8.00 vs 2.00 ns/task: 4.00× (means); ");
        assertThat(md).contains("| CliProfile within 1.25× of HotPath at every P | largest – (means), – (medians) | not measured |");
        assertThat(md).contains("| 0 B/op for every P | largest 0 B/op | met |");
        assertThat(md).contains("| Boot ≥ 90,000 timer interrupts per host second | 120,000 /s | met |");
        assertThat(md).contains("| PitPeriod.skipAhead |  | 12.5 | 0.25 | 0 |");
        assertThat(md).contains("| model | 120,000 | 4,000 | 8,333 | 2,000 | 500 | 3,000 | 2,833 | 2.00 | 4.00 |");
        assertThat(md).contains("| bare | 200,000 | 6,667 | 5,000 | – | – | 100 | – | – | – |");
        assertThat(md).doesNotContain("NaN");
    }

    @Test
    void shouldRenderAWellFormedDeterministicChart() throws Exception {
        Results results = fixture();
        String svg = Chart.render(results, ENV);
        assertThat(Chart.render(fixture(), ENV)).isEqualTo(svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).as("HotPath mean, HotPath p99, Floor mean").isEqualTo(3);
        // the background and one bar per stage (the two PitPeriod figures)
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 2);
        assertThat(svg).contains("P=256: 4.04×").contains("Test CPU @ 1.00GHz");
    }

    @ParameterizedTest(name = "10^{0} -> {1}")
    @CsvSource({"-2, 0.01", "-1, 0.1", "0, 1", "1, 10", "2, 100", "3, 1k", "5, 100k", "6, 1M", "8, 100M", "9, 1G"})
    void shouldLabelDecadesShortly(int exponent, String label) {
        assertThat(Chart.decade(exponent)).isEqualTo(label);
    }

    @Test
    void shouldRenderEmptyResultsWithoutFailing() throws Exception {
        Results empty = Results.parse("[]");
        String svg = Chart.render(empty, ENV);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(svg).contains("no HotPath or Floor figures").contains("no stage figures");
        assertThat(Markdown.render(empty, ENV)).contains("| Boot ≥ 90,000 timer interrupts per host second | – | not measured |");
    }

    static Stream<Arguments> jsonTexts() {
        return Stream.of(
                Arguments.of("{\"a\":[1,2.5e1,-3],\"b\":\"x\\u0041\\n\"}", "{a=[1.0, 25.0, -3.0], b=xA\n}"),
                Arguments.of(" [true, false, null] ", "[true, false, null]"),
                Arguments.of("[]", "[]"),
                Arguments.of("{}", "{}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("jsonTexts")
    void shouldParseJson(String json, String expected) {
        assertThat(String.valueOf(Json.parse(json))).isEqualTo(expected);
    }

    @Test
    void shouldKeepObjectKeysInTheirOrder() {
        Map<?, ?> map = (Map<?, ?>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(map.keySet().toString()).isEqualTo("[z, a, m]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1,        | JSON: unexpected end at offset 3",
        "{\"a\" 1}  | JSON: expected ':' at offset 5",
        "[1] x      | JSON: text after the value at offset 4",
        "[\"abc     | JSON: unterminated string at offset 5",
    })
    void shouldRejectMalformedJsonWithTheOffset(String json, String message) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
