package irq0.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import irq0.bench.report.Chart;
import irq0.bench.report.Environment;
import irq0.bench.report.Markdown;
import irq0.bench.report.Results;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the standard benchmark set and renders it: JMH's own JSON ({@code results.json}), the host
 * ({@code environment.properties}), a chart ({@code chart.svg}) and the tables the README shows
 * ({@code RESULTS.md}), all in one folder. {@code bench/run} is the documented way to call it.
 *
 * <pre>
 * Report [--out DIR] [--include REGEX]... [--quick] [--render]
 *   --out DIR        where the files go (default bench/results)
 *   --include REGEX  only benchmarks matching (JMH's -i; default: every benchmark in the jar)
 *   --quick          the CI smoke configuration (1 fork, 1 x 100 ms warm-up and measurement)
 *   --render         run nothing: re-render chart.svg and RESULTS.md from DIR/results.json
 * </pre>
 */
public final class Report {
    /** The standard set: every benchmark, one fork, 3 x 1 s warm-up, 4 x 1 s measurement, with -prof gc. */
    static final int FORKS = 1;
    static final int WARMUP_ITERATIONS = 3;
    static final TimeValue WARMUP_TIME = TimeValue.seconds(1);
    static final int MEASUREMENT_ITERATIONS = 4;
    static final TimeValue MEASUREMENT_TIME = TimeValue.seconds(1);

    /** The smoke configuration: every benchmark once, enough to prove it runs. */
    static final TimeValue QUICK_TIME = TimeValue.milliseconds(100);

    private Report() {
    }

    public static void main(String[] args) {
        Path out = Path.of("bench", "results");
        ChainedOptionsBuilder options = new OptionsBuilder();
        boolean quick = false;
        boolean render = false;
        boolean included = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--include" -> {
                    options.include(value(args, ++i, "--include"));
                    included = true;
                }
                case "--quick" -> quick = true;
                case "--render" -> render = true;
                case "-h", "--help" -> {
                    System.out.println("usage: bench/run [--out DIR] [--include REGEX]... [--quick] [--render]");
                    return;
                }
                default -> fail("unknown option '" + args[i] + "' (try --help)");
            }
        }
        try {
            Path json = out.resolve("results.json");
            Path environment = out.resolve("environment.properties");
            if (!render) {
                Files.createDirectories(out);
                if (!included) {
                    options.include(".*");
                }
                configure(options, quick);
                Path partial = out.resolve("results.json.tmp");
                options.resultFormat(ResultFormatType.JSON).result(partial.toString());
                new Runner(options.build()).run();
                Files.move(partial, json, StandardCopyOption.REPLACE_EXISTING);
                Environment.detect().write(environment);
            } else if (!Files.exists(json)) {
                fail(json + " does not exist: run bench/run without --render first");
            }
            Results results = Results.read(json);
            Environment env = Environment.read(environment, Environment.detect());
            Files.writeString(out.resolve("chart.svg"), Chart.render(results, env), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("RESULTS.md"), Markdown.render(results, env), StandardCharsets.UTF_8);
            System.out.println("wrote " + (render ? "" : json + ", ") + out.resolve("chart.svg") + ", " + out.resolve("RESULTS.md"));
        } catch (NoBenchmarksException e) {
            fail("no benchmark matches the --include patterns");
        } catch (RunnerException e) {
            fail("benchmark run failed: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** The run settings of the standard set, or of the smoke set when {@code quick}. */
    static ChainedOptionsBuilder configure(ChainedOptionsBuilder options, boolean quick) {
        options.forks(FORKS).shouldFailOnError(true);
        if (quick) {
            return options.warmupIterations(1).warmupTime(QUICK_TIME)
                    .measurementIterations(1).measurementTime(QUICK_TIME);
        }
        return options.warmupIterations(WARMUP_ITERATIONS).warmupTime(WARMUP_TIME)
                .measurementIterations(MEASUREMENT_ITERATIONS).measurementTime(MEASUREMENT_TIME)
                .addProfiler(GCProfiler.class);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("bench: " + message);
        System.exit(2);
    }
}
