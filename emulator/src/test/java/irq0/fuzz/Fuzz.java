package irq0.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Budgets and seeds of the randomised tests. A normal build runs each with its fixed seeds and its
 * per-build budget (together more than 10^6 checked steps: see DEVELOPERS.md). The {@code fuzz}
 * Maven profile ({@code ./mvnw -Pfuzz -pl emulator -am verify}) sets {@code irq0.fuzz.scale}, which
 * multiplies every budget, and {@code irq0.fuzz.fresh}, which replaces the fixed seeds by fresh
 * ones; a failing test names its seed, and {@code -Dirq0.fuzz.seeds=S1,S2} replays exactly those.
 * A step is one input applied to the model and to its reference and checked: a port write or read,
 * a GATE or request line change, an INTA, or a jump of the clock.
 */
public final class Fuzz {
    /** Multiplies every budget: 1 in a normal build. */
    public static final double SCALE = Double.parseDouble(System.getProperty("irq0.fuzz.scale", "1"));
    /** Fresh seeds instead of the fixed ones. */
    public static final boolean FRESH = Boolean.getBoolean("irq0.fuzz.fresh");
    private static final String REPLAY = System.getProperty("irq0.fuzz.seeds", "");

    private static final ConcurrentHashMap<String, AtomicLong> STEPS = new ConcurrentHashMap<>();

    private Fuzz() {
    }

    /** The budget of a test: {@code perBuild} times {@link #SCALE}, at least 1. */
    public static int budget(int perBuild) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(perBuild * SCALE)));
    }

    /**
     * The seeds a test runs with: {@code irq0.fuzz.seeds} when given, else as many fresh seeds as
     * fixed ones when {@link #FRESH} (printed, so that the run can be repeated), else the fixed ones.
     */
    public static LongStream seeds(String test, long... fixed) {
        if (!REPLAY.isBlank()) {
            return Arrays.stream(REPLAY.split(",")).map(String::strip).mapToLong(Long::decode);
        }
        if (!FRESH) {
            return Arrays.stream(fixed);
        }
        SplittableRandom source = new SplittableRandom();
        long[] fresh = new long[fixed.length];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = source.nextLong();
        }
        System.out.println("fuzz: " + test + " fresh seeds "
                + Arrays.stream(fresh).mapToObj(Long::toString).collect(Collectors.joining(",")));
        return Arrays.stream(fresh);
    }

    /** Counts {@code n} checked steps for {@code test}. */
    public static void count(String test, long n) {
        STEPS.computeIfAbsent(test, k -> new AtomicLong()).addAndGet(n);
    }

    /** Prints the steps counted for {@code test}: the figure DEVELOPERS.md quotes. */
    public static void report(String test) {
        AtomicLong n = STEPS.get(test);
        System.out.println("fuzz: " + test + " " + (n == null ? 0 : n.get()) + " checked steps (scale " + SCALE + ")");
    }
}
