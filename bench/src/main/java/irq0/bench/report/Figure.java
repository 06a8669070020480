package irq0.bench.report;

import java.util.Map;
import java.util.SortedMap;

/**
 * One line of JMH's results: a benchmark method in one mode with one set of parameters. Times are
 * kept in the unit JMH reported; {@link #nanosPerOp} and {@link #opsPerSecond} convert. Values JMH
 * could not compute (a single-iteration error, a percentile outside SampleTime, B/op without the
 * GC profiler) are {@link Double#NaN}. {@code secondary} holds every secondary metric's score by
 * its label (profilers' and auxiliary counters').
 */
public record Figure(
        String benchmark,
        String mode,
        SortedMap<String, String> params,
        double score,
        double error,
        String unit,
        double p50,
        double p99,
        double p999,
        double bytesPerOp,
        SortedMap<String, Double> secondary) {

    /** "HotPathBenchmark" for "irq0.bench.HotPathBenchmark.timerInterrupt". */
    public String className() {
        String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return owner.substring(owner.lastIndexOf('.') + 1);
    }

    /** "timerInterrupt" for "irq0.bench.HotPathBenchmark.timerInterrupt". */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** Class (without "Benchmark") and method: "HotPath.timerInterrupt". */
    public String shortName() {
        String cls = className();
        if (cls.endsWith("Benchmark")) {
            cls = cls.substring(0, cls.length() - "Benchmark".length());
        }
        return cls + "." + method();
    }

    /** "tasks=16, x=y", or "" without parameters. */
    public String paramText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The score of secondary metric {@code label}; NaN if the run has none. */
    public double secondary(String label) {
        Double v = secondary.get(label);
        return v == null ? Double.NaN : v;
    }

    public boolean isTime() {
        return unit.endsWith("/op");
    }

    public boolean isThroughput() {
        return unit.startsWith("ops/");
    }

    /** The score (or any value in the score's unit) in nanoseconds per op; NaN for throughput. */
    public double nanosPerOp(double value) {
        if (!isTime()) {
            return Double.NaN;
        }
        return value * nanosIn(unit.substring(0, unit.length() - "/op".length()));
    }

    public double nanosPerOp() {
        return nanosPerOp(score);
    }

    /** The score as ops per second; NaN for a time. */
    public double opsPerSecond() {
        if (!isThroughput()) {
            return Double.NaN;
        }
        return score * 1e9 / nanosIn(unit.substring("ops/".length()));
    }

    private static double nanosIn(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            case "hr" -> 3600e9;
            default -> Double.NaN;
        };
    }
}
