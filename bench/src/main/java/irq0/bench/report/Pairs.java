package irq0.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The paired rounds of a standard run ({@code pairs.tsv}): each round runs HotPath, Floor and
 * CliProfile one after the other at each P, so that the two sides of every ratio the targets
 * name were measured seconds apart, not minutes. The host this project is measured on changes
 * speed by up to half over tens of seconds with the same compiled code (DEVELOPERS.md,
 * "Measuring the hot path on this VM"); a ratio of two figures taken minutes apart carries that drift, a ratio within one
 * round mostly does not. The median of the rounds' ratios is the paired figure.
 */
public record Pairs(List<Sample> samples) {
    static final String HEADER = "round\ttasks\tbenchmark\tns";

    /** One single-fork AverageTime measurement: round, P, the benchmark's short name, ns per op. */
    public record Sample(int round, long tasks, String benchmark, double ns) {
    }

    public Pairs {
        samples = List.copyOf(samples);
    }

    public static Pairs read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + ": not a pairs file (its first line is not '" + HEADER.replace('\t', ' ') + "')");
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            try {
                if (f.length != 4) {
                    throw new NumberFormatException();
                }
                samples.add(new Sample(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], Double.parseDouble(f[3])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected round, tasks, benchmark and ns, tab-separated");
            }
        }
        return new Pairs(samples);
    }

    public String text() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Sample s : samples) {
            sb.append(s.round()).append('\t').append(s.tasks()).append('\t').append(s.benchmark()).append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", s.ns())).append('\n');
        }
        return sb.toString();
    }

    public int rounds() {
        return (int) samples.stream().mapToInt(Sample::round).distinct().count();
    }

    /** The values of P measured, in increasing order. */
    public long[] taskCounts() {
        return samples.stream().mapToLong(Sample::tasks).distinct().sorted().toArray();
    }

    private double ns(int round, long tasks, String benchmark) {
        for (Sample s : samples) {
            if (s.round() == round && s.tasks() == tasks && s.benchmark().equals(benchmark)) {
                return s.ns();
            }
        }
        return Double.NaN;
    }

    private int[] roundNumbers() {
        return samples.stream().mapToInt(Sample::round).distinct().sorted().toArray();
    }

    /** numerator/denominator at P in each round that measured both, in round order. */
    public double[] ratios(long tasks, String numerator, String denominator) {
        return Arrays.stream(roundNumbers())
                .mapToDouble(r -> ns(r, tasks, numerator) / ns(r, tasks, denominator))
                .filter(d -> !Double.isNaN(d)).toArray();
    }

    /** HotPath's per-task slope from P=a to P=b over Floor's, in each round that measured all four. */
    public double[] slopeRatios(long a, long b) {
        return Arrays.stream(roundNumbers())
                .mapToDouble(r -> (ns(r, b, Summary.HOT_PATH) - ns(r, a, Summary.HOT_PATH))
                        / (ns(r, b, Summary.FLOOR) - ns(r, a, Summary.FLOOR)))
                .filter(d -> !Double.isNaN(d)).toArray();
    }

    /** The median (the mean of the middle two for an even count); NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
