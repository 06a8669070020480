package irq0.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import irq0.bench.report.Chart;
import irq0.bench.report.Environment;
import irq0.bench.report.Markdown;
import irq0.bench.report.Pairs;
import irq0.bench.report.Results;
import irq0.bench.report.Summary;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
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
 * Report [--out DIR] [--include REGEX]... [--rounds N] [--quick] [--render]
 *   --out DIR        where the files go (default bench/results)
 *   --include REGEX  only benchmarks matching (JMH's -i; default: every benchmark in the jar)
 *   --rounds N       paired rounds after the set (default 4 for the whole set, else 0)
 *   --quick          the CI smoke configuration (1 fork, 1 x 100 ms warm-up and measurement)
 *   --render         run nothing: re-render chart.svg and RESULTS.md from DIR/results.json
 *                    (and DIR/pairs.tsv, when there is one)
 * </pre>
 *
 * <p>The paired rounds ({@code pairs.tsv}, {@link Pairs}): each round measures HotPath, Floor and
 * CliProfile back to back at each P (one fork each, AverageTime; every other round in the reverse
 * order), so that each ratio the targets name compares two figures taken seconds apart.
 */
public final class Report {
    /** The standard set: every benchmark, one fork, 3 x 1 s warm-up, 4 x 1 s measurement, with -prof gc. */
    static final int FORKS = 1;
    static final int WARMUP_ITERATIONS = 3;
    static final TimeValue WARMUP_TIME = TimeValue.seconds(1);
    static final int MEASUREMENT_ITERATIONS = 4;
    static final TimeValue MEASUREMENT_TIME = TimeValue.seconds(1);

    /** Paired rounds after the whole set: 4 x 3 benchmarks x 4 P forks of about 7 s, some 6 minutes. */
    static final int ROUNDS = 4;
    static final int ROUND_WARMUP_ITERATIONS = 3;
    static final int ROUND_MEASUREMENT_ITERATIONS = 2;
    static final List<String> PAIRED = List.of(Summary.HOT_PATH, Summary.FLOOR, Summary.CLI_PROFILE);
    static final long[] PAIRED_TASKS = {0, 1, 16, 256};

    /** The smoke configuration: every benchmark once, enough to prove it runs. */
    static final TimeValue QUICK_TIME = TimeValue.milliseconds(100);

    private Report() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@code bench/run ARGS} does, its messages on {@code out} and {@code err}: 0 when it
     * wrote the files, 2 (with one line on {@code err}) for a bad option, a missing or bad input
     * file, or a failed run.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            run(args, out);
            return 0;
        } catch (Failure e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
    }

    /** A user's mistake or a failed run: its message is the whole story, so no stack trace. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static void run(String[] args, PrintStream stdout) {
        Path out = Path.of("bench", "results");
        ChainedOptionsBuilder options = new OptionsBuilder();
        boolean quick = false;
        boolean render = false;
        boolean included = false;
        int rounds = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--include" -> {
                    options.include(value(args, ++i, "--include"));
                    included = true;
                }
                case "--rounds" -> rounds = count(value(args, ++i, "--rounds"));
                case "--quick" -> quick = true;
                case "--render" -> render = true;
                case "-h", "--help" -> {
                    stdout.println("usage: bench/run [--out DIR] [--include REGEX]... [--rounds N] [--quick] [--render]");
                    return;
                }
                default -> throw fail("unknown option '" + args[i] + "' (try --help)");
            }
        }
        try {
            Path json = out.resolve("results.json");
            Path environment = out.resolve("environment.properties");
            Path pairs = out.resolve("pairs.tsv");
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
                if (rounds < 0) {
                    rounds = included || quick ? 0 : ROUNDS;
                }
                Files.deleteIfExists(pairs); // a pairs file from another run would be rendered as this one's
                if (rounds > 0) {
                    Path partialPairs = out.resolve("pairs.tsv.tmp");
                    Files.writeString(partialPairs, runRounds(rounds, quick).text(), StandardCharsets.UTF_8);
                    Files.move(partialPairs, pairs, StandardCopyOption.REPLACE_EXISTING);
                }
            } else if (!Files.exists(json)) {
                throw fail(json + " does not exist: run bench/run without --render first");
            }
            Results results = Results.read(json);
            Environment env = Environment.read(environment, Environment.detect());
            Pairs paired = Files.exists(pairs) ? Pairs.read(pairs) : new Pairs(List.of());
            Files.writeString(out.resolve("chart.svg"), Chart.render(results, env), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("RESULTS.md"), Markdown.render(results, env, paired), StandardCharsets.UTF_8);
            stdout.println("wrote " + (render ? "" : json + ", ") + out.resolve("chart.svg") + ", " + out.resolve("RESULTS.md"));
        } catch (NoBenchmarksException e) {
            throw fail("no benchmark matches the --include patterns");
        } catch (RunnerException e) {
            throw fail("benchmark run failed: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw fail(e.getMessage());
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

    /**
     * The paired rounds: in round r, for each P, the three benchmarks one after the other (reversed
     * in odd rounds, so that a steady drift favours neither side), each in a fork of its own.
     */
    static Pairs runRounds(int rounds, boolean quick) throws RunnerException {
        List<Pairs.Sample> samples = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (long tasks : PAIRED_TASKS) {
                List<String> order = new ArrayList<>(PAIRED);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String benchmark : order) {
                    ChainedOptionsBuilder options = new OptionsBuilder()
                            .include("^irq0\\.bench\\." + benchmark + "\\.timerInterrupt$")
                            .param(Summary.TASKS, Long.toString(tasks)).mode(Mode.AverageTime)
                            .timeUnit(TimeUnit.NANOSECONDS).forks(1).shouldFailOnError(true);
                    if (quick) {
                        options.warmupIterations(1).warmupTime(QUICK_TIME).measurementIterations(1).measurementTime(QUICK_TIME);
                    } else {
                        options.warmupIterations(ROUND_WARMUP_ITERATIONS).warmupTime(WARMUP_TIME)
                                .measurementIterations(ROUND_MEASUREMENT_ITERATIONS).measurementTime(MEASUREMENT_TIME);
                    }
                    for (RunResult r : new Runner(options.build()).run()) {
                        samples.add(new Pairs.Sample(round + 1, tasks, benchmark, r.getPrimaryResult().getScore()));
                    }
                }
            }
        }
        return new Pairs(samples);
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw fail("--rounds needs a whole number of rounds, 0 or more, not '" + text + "'");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw fail(option + " needs a value");
        }
        return args[i];
    }

    /** The failure to throw for {@code message}: callers write {@code throw fail(...)}. */
    private static Failure fail(String message) {
        return new Failure(message);
    }
}
