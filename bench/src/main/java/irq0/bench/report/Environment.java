package irq0.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a set of figures was measured: the host (CPU model and cores, as /proc/cpuinfo and the JVM
 * see them) and the UTC date. The JDK and JMH come from the results themselves. Kept beside the
 * JSON as {@code key=value} lines, so that re-rendering later names the machine that ran, not the
 * one that renders.
 */
public record Environment(String cpuModel, int cores, String date, String load) {

    /** This host, today (UTC). */
    public static Environment detect() {
        String model = System.getProperty("os.arch");
        int processors = 0;
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).trim();
                    if (key.equals("processor")) {
                        processors++;
                    } else if (key.equals("model name") && processors <= 1) {
                        model = line.substring(colon + 1).trim();
                    }
                }
            } catch (IOException e) {
                // /proc unreadable: keep os.arch and the JVM's count
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String load = "";
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            try {
                String[] f = Files.readString(loadavg, StandardCharsets.UTF_8).trim().split("\\s+");
                load = f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] : "";
            } catch (IOException e) {
                // no load figure: RESULTS.md leaves the line out
            }
        }
        return new Environment(model, processors > 0 ? Math.min(processors, cores) : cores,
                LocalDate.now(ZoneOffset.UTC).toString(), load);
    }

    public void write(Path file) throws IOException {
        String text = "cpu=" + cpuModel + "\ncores=" + cores + "\ndate=" + date + "\nload=" + load + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Reads what {@link #write} wrote; {@code fallback} when the file is absent. */
    public static Environment read(Path file, Environment fallback) throws IOException {
        if (!Files.exists(file)) {
            return fallback;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> map = new TreeMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        int cores;
        try {
            cores = Integer.parseInt(map.getOrDefault("cores", String.valueOf(fallback.cores())));
        } catch (NumberFormatException e) {
            cores = fallback.cores();
        }
        return new Environment(map.getOrDefault("cpu", fallback.cpuModel()), cores,
                map.getOrDefault("date", fallback.date()), map.getOrDefault("load", ""));
    }
}
