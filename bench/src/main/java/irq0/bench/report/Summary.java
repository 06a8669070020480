package irq0.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures the README quotes, computed from {@link Results}: the hot path against its floor
 * for every P (tasks on tq_timer), the per-task slope, bytes allocated per interrupt, and the
 * whole-boot rate. Which benchmark is which is fixed here, by class and method name.
 */
public record Summary(List<Row> rows, double hotPathSlope, double floorSlope, double hotPathSlopeLow,
        List<Boot> boots) {

    public static final String HOT_PATH = "HotPathBenchmark";
    public static final String FLOOR = "FloorBenchmark";
    public static final String CLI_PROFILE = "CliProfileBenchmark";
    public static final String BOOT = "BootBenchmark";
    public static final String TASKS = "tasks";

    /** One P: times in ns per interrupt, NaN where a figure is missing. */
    public record Row(long tasks, double hotPathNs, double hotPathError, double p50, double p99, double p999,
            double floorNs, double floorError, double floorP50, double floorP99, double floorP999,
            double hotPathBytes, double floorBytes, double cliNs, double cliBytes, double cliP50) {
        public double ratio() {
            return hotPathNs / floorNs;
        }

        /** The command line's JIT profile against HotPath's. */
        public double cliRatio() {
            return cliNs / hotPathNs;
        }

        /**
         * HotPath/Floor from SampleTime's medians: a preempted op lands in the tail, not the
         * median, so this holds on a loaded machine where the means do not; System.nanoTime's
         * own cost is in both medians, which pulls the ratio towards 1.
         */
        public double p50Ratio() {
            return p50 / floorP50;
        }

        public double cliP50Ratio() {
            return cliP50 / p50;
        }
    }

    /**
     * One whole-machine figure: timer interrupts per host second, and the host ns of an interrupt
     * split by BootBenchmark's auxiliary counters: inside the Java kernel (kernelNanos over
     * interrupts); and, from the ops whose native calls were timed (over sampledInterrupts), the CPU
     * slice inside {@code uc_emu_start} (cpuSliceNanos), the batched register calls (registerNanos)
     * and how many of each an interrupt takes. NaN where a run lacks a counter.
     */
    public record Boot(String kernel, double interruptsPerSecond, double error, double kernelNanosPerInterrupt,
            double cpuSliceNanosPerInterrupt, double registerNanosPerInterrupt, double emulateCallsPerInterrupt,
            double registerCallsPerInterrupt) {
        /** Host ns per interrupt in all. */
        public double nanosPerInterrupt() {
            return 1e9 / interruptsPerSecond;
        }

        /** What is neither the Java kernel nor a native call: the machine's own Java (board, PIC, PIT, interrupt entry). */
        public double machineJavaNanosPerInterrupt() {
            return nanosPerInterrupt() - kernelNanosPerInterrupt - cpuSliceNanosPerInterrupt - registerNanosPerInterrupt;
        }
    }

    /** The boot parameter value of the run with the kernel model (absent on a run without the parameter). */
    public static final String BOOT_MODEL = "model";
    public static final String BOOT_KERNEL_PARAM = "kernel";

    /** Targets of the benchmark issue (measured and reported, never asserted by a test). */
    public static final double TARGET_RATIO_AT_ONE_TASK = 3.0;
    /** HotPath's per-task slope against Floor's. */
    public static final double TARGET_SLOPE_RATIO = 2.0;
    /** CliProfile against HotPath at the same P. */
    public static final double TARGET_CLI_RATIO = 1.25;
    public static final double TARGET_BOOT_INTERRUPTS_PER_SECOND = 90_000;

    public static Summary of(Results results) {
        List<Long> ps = new ArrayList<>();
        for (Figure f : results.figures()) {
            if ((f.className().equals(HOT_PATH) || f.className().equals(FLOOR)) && f.params().containsKey(TASKS)) {
                long p = Long.parseLong(f.params().get(TASKS));
                if (!ps.contains(p)) {
                    ps.add(p);
                }
            }
        }
        ps.sort(Long::compare);
        List<Row> rows = new ArrayList<>();
        for (long p : ps) {
            String v = Long.toString(p);
            Figure hot = results.find(HOT_PATH, "avgt", TASKS, v);
            Figure hotSample = results.find(HOT_PATH, "sample", TASKS, v);
            Figure floor = results.find(FLOOR, "avgt", TASKS, v);
            Figure floorSample = results.find(FLOOR, "sample", TASKS, v);
            Figure cli = results.find(CLI_PROFILE, "avgt", TASKS, v);
            Figure cliSample = results.find(CLI_PROFILE, "sample", TASKS, v);
            rows.add(new Row(p,
                    hot == null ? Double.NaN : hot.nanosPerOp(),
                    hot == null ? Double.NaN : hot.nanosPerOp(hot.error()),
                    hotSample == null ? Double.NaN : hotSample.nanosPerOp(hotSample.p50()),
                    hotSample == null ? Double.NaN : hotSample.nanosPerOp(hotSample.p99()),
                    hotSample == null ? Double.NaN : hotSample.nanosPerOp(hotSample.p999()),
                    floor == null ? Double.NaN : floor.nanosPerOp(),
                    floor == null ? Double.NaN : floor.nanosPerOp(floor.error()),
                    floorSample == null ? Double.NaN : floorSample.nanosPerOp(floorSample.p50()),
                    floorSample == null ? Double.NaN : floorSample.nanosPerOp(floorSample.p99()),
                    floorSample == null ? Double.NaN : floorSample.nanosPerOp(floorSample.p999()),
                    hot == null ? Double.NaN : hot.bytesPerOp(),
                    floor == null ? Double.NaN : floor.bytesPerOp(),
                    cli == null ? Double.NaN : cli.nanosPerOp(),
                    cli == null ? Double.NaN : cli.bytesPerOp(),
                    cliSample == null ? Double.NaN : cliSample.nanosPerOp(cliSample.p50())));
        }
        List<Boot> boots = new ArrayList<>();
        for (Figure f : results.figures()) {
            if (f.className().equals(BOOT) && f.isThroughput()) {
                double perSecond = f.opsPerSecond();
                double interrupts = f.secondary("interrupts");
                double sampled = f.secondary("sampledInterrupts");
                boots.add(new Boot(f.params().getOrDefault(BOOT_KERNEL_PARAM, BOOT_MODEL), perSecond,
                        perSecond / f.score() * f.error(), f.secondary("kernelNanos") / interrupts,
                        f.secondary("cpuSliceNanos") / sampled, f.secondary("registerNanos") / sampled,
                        f.secondary("emulateCalls") / sampled, f.secondary("registerCalls") / sampled));
            }
        }
        // the kernel model first, then the others by name
        boots.sort((a, b) -> a.kernel().equals(b.kernel()) ? 0
                : a.kernel().equals(BOOT_MODEL) ? -1 : b.kernel().equals(BOOT_MODEL) ? 1 : a.kernel().compareTo(b.kernel()));
        return new Summary(rows, slope(rows, 16, 256, true), slope(rows, 16, 256, false), slope(rows, 0, 16, true), boots);
    }

    /** (t(b) - t(a)) / (b - a): ns per extra task; NaN without both points. */
    private static double slope(List<Row> rows, long a, long b, boolean hotPath) {
        Row ra = row(rows, a);
        Row rb = row(rows, b);
        if (ra == null || rb == null) {
            return Double.NaN;
        }
        double ta = hotPath ? ra.hotPathNs() : ra.floorNs();
        double tb = hotPath ? rb.hotPathNs() : rb.floorNs();
        return (tb - ta) / (b - a);
    }

    /** The slope from SampleTime's medians, P=16 to 256: HotPath's if {@code hotPath}, else Floor's. */
    public double p50Slope(boolean hotPath) {
        Row ra = row(rows, 16);
        Row rb = row(rows, 256);
        if (ra == null || rb == null) {
            return Double.NaN;
        }
        return ((hotPath ? rb.p50() : rb.floorP50()) - (hotPath ? ra.p50() : ra.floorP50())) / 240.0;
    }

    /** Timer interrupts per host second with the kernel model; NaN if Boot did not run. */
    public double bootInterruptsPerSecond() {
        for (Boot b : boots) {
            if (b.kernel().equals(BOOT_MODEL)) {
                return b.interruptsPerSecond();
            }
        }
        return Double.NaN;
    }

    public Row row(long tasks) {
        return row(rows, tasks);
    }

    private static Row row(List<Row> rows, long tasks) {
        for (Row r : rows) {
            if (r.tasks() == tasks) {
                return r;
            }
        }
        return null;
    }

    /** The largest B/op over every P, hot path and floor; NaN if none was measured. */
    public double maxBytesPerOp() {
        double max = Double.NaN;
        for (Row r : rows) {
            for (double b : new double[] {r.hotPathBytes(), r.floorBytes(), r.cliBytes()}) {
                if (!Double.isNaN(b) && (Double.isNaN(max) || b > max)) {
                    max = b;
                }
            }
        }
        return max;
    }

    /** A number for tables: "–" for NaN, otherwise 3 significant-ish digits, Locale-free. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        double a = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
