package irq0.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of one JMH run, read from the JSON that JMH writes ({@code -rf json}), in a fixed
 * order (benchmark, mode, parameters with numbers compared as numbers) so that the same JSON
 * always renders to the same chart and table.
 */
public record Results(List<Figure> figures, Run run) {

    /** How the run was made, as JMH recorded it (the first benchmark's settings). */
    public record Run(String jmhVersion, String jdkVersion, String vmName, String vmVersion, int forks,
            int warmupIterations, String warmupTime, int measurementIterations, String measurementTime) {
        static final Run EMPTY = new Run("?", "?", "?", "?", 0, 0, "?", 0, "?");
    }

    private static final List<String> MODE_ORDER = List.of("thrpt", "avgt", "sample", "ss");

    public static Results read(Path json) throws IOException {
        return parse(Files.readString(json, StandardCharsets.UTF_8));
    }

    public static Results parse(String jsonText) {
        Object root = Json.parse(jsonText);
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException("JMH results: expected a JSON array of benchmarks");
        }
        List<Figure> figures = new ArrayList<>();
        Run run = Run.EMPTY;
        for (Object e : entries) {
            Map<?, ?> entry = (Map<?, ?>) e;
            if (run == Run.EMPTY) {
                run = new Run(text(entry, "jmhVersion"), text(entry, "jdkVersion"), text(entry, "vmName"),
                        text(entry, "vmVersion"), (int) number(entry.get("forks")),
                        (int) number(entry.get("warmupIterations")), text(entry, "warmupTime"),
                        (int) number(entry.get("measurementIterations")), text(entry, "measurementTime"));
            }
            figures.add(figure(entry));
        }
        figures.sort(ORDER);
        return new Results(Collections.unmodifiableList(figures), run);
    }

    private static Figure figure(Map<?, ?> entry) {
        SortedMap<String, String> params = new TreeMap<>();
        if (entry.get("params") instanceof Map<?, ?> p) {
            for (Map.Entry<?, ?> kv : p.entrySet()) {
                params.put(String.valueOf(kv.getKey()), String.valueOf(kv.getValue()));
            }
        }
        Map<?, ?> primary = (Map<?, ?>) entry.get("primaryMetric");
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        String mode = text(entry, "mode");
        if (mode.equals("sample") && primary.get("scorePercentiles") instanceof Map<?, ?> pct) {
            p50 = number(pct.get("50.0"));
            p99 = number(pct.get("99.0"));
            p999 = number(pct.get("99.9"));
        }
        double bytesPerOp = Double.NaN;
        SortedMap<String, Double> secondaries = new TreeMap<>();
        if (entry.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
            for (Map.Entry<?, ?> kv : secondary.entrySet()) {
                // JMH before 1.36 prefixed profiler metrics with a middle dot: "·gc.alloc.rate.norm"
                String label = String.valueOf(kv.getKey());
                if (label.startsWith("\u00b7")) {
                    label = label.substring(1);
                }
                double score = number(((Map<?, ?>) kv.getValue()).get("score"));
                secondaries.put(label, score);
                if (label.equals("gc.alloc.rate.norm")) {
                    bytesPerOp = score;
                }
            }
        }
        return new Figure(text(entry, "benchmark"), mode, Collections.unmodifiableSortedMap(params),
                number(primary.get("score")), number(primary.get("scoreError")), text(primary, "scoreUnit"),
                p50, p99, p999, bytesPerOp, Collections.unmodifiableSortedMap(secondaries));
    }

    /** JMH writes numbers it could not compute as the string "NaN". */
    private static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "?" : String.valueOf(value);
    }

    /** The figures of one benchmark method (class simple name and method) in one mode. */
    public List<Figure> select(String className, String method, String mode) {
        List<Figure> out = new ArrayList<>();
        for (Figure f : figures) {
            if (f.className().equals(className) && f.method().equals(method) && f.mode().equals(mode)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The figure of {@code className}/{@code mode} (any method) whose {@code param} is {@code value}; null if none. */
    public Figure find(String className, String mode, String param, String value) {
        for (Figure f : figures) {
            if (f.className().equals(className) && f.mode().equals(mode) && value.equals(f.params().get(param))) {
                return f;
            }
        }
        return null;
    }

    static final Comparator<Figure> ORDER = Comparator.comparing(Figure::benchmark)
            .thenComparingInt(f -> {
                int i = MODE_ORDER.indexOf(f.mode());
                return i < 0 ? MODE_ORDER.size() : i;
            })
            .thenComparing(Figure::params, Results::compareParams);

    private static int compareParams(SortedMap<String, String> a, SortedMap<String, String> b) {
        var ia = a.entrySet().iterator();
        var ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            var ea = ia.next();
            var eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c != 0) {
                return c;
            }
            c = compareValues(ea.getValue(), eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareValues(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
