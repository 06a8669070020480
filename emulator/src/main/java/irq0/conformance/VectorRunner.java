package irq0.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Replays conformance vectors (FORMAT.md) against the emulator's parts. One runner serves the
 * JUnit suites and {@code irq0 conform}: a file passes, or stops at its first failing step.
 */
public final class VectorRunner {
    private VectorRunner() {
    }

    /**
     * The largest vector file the runner reads. The published suites' largest file is about
     * 11 KB; a file a thousand times that is not a vector, and reading it whole would only use
     * up memory.
     */
    public static final long MAX_FILE_BYTES = 8L << 20;

    /**
     * Files and folders to vector files: a folder means every *.vec below it, sorted by path; a
     * file is taken as named. Refused, each with a one-line {@link VectorPathException}: a path
     * that does not exist ({@link java.nio.file.NoSuchFileException}), a file that is not a
     * regular file (a device such as /dev/zero, a FIFO: reading one would never end or block),
     * a file over {@link #MAX_FILE_BYTES}, and a folder with no vector file below it (so that a
     * mistyped path cannot pass).
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> s = Files.walk(p)) {
                    found = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".vec"))
                            .sorted()
                            .collect(Collectors.toList());
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                if (found.isEmpty()) {
                    throw new VectorPathException("no vector files under " + p);
                }
                for (Path f : found) {
                    checkSize(f);
                }
                files.addAll(found);
            } else if (Files.exists(p)) {
                if (!Files.isRegularFile(p)) {
                    throw new VectorPathException(p + ": not a regular file");
                }
                checkSize(p);
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
        }
        return files;
    }

    private static void checkSize(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new VectorPathException(file + ": " + size + " bytes, too large for a vector file (the limit is "
                    + (MAX_FILE_BYTES >> 20) + " MiB)");
        }
    }

    /** Reads and replays one file. */
    public static VectorResult run(Path file) {
        Vector vector;
        try {
            vector = Vector.read(file);
        } catch (VectorFormatException e) {
            return VectorResult.error(file, e.getMessage());
        }
        return run(vector);
    }

    /** Replays a parsed vector on a fresh part. */
    public static VectorResult run(Vector vector) {
        Rig rig = Rig.of(vector.device());
        for (Step s : vector.steps()) {
            switch (s.kind()) {
                case OUT:
                    rig.out((int) s.a(), (int) s.b());
                    break;
                case IN: {
                    int got = rig.in((int) s.a()) & 0xFF;
                    int mask = (int) s.c();
                    if ((got & mask) != ((int) s.b() & mask)) {
                        String expected = hex(s.b()) + (mask != 0xFF ? " under mask " + hex(mask) : "");
                        return VectorResult.fail(vector.file(), s, expected, hex(got));
                    }
                    break;
                }
                case CLK:
                    rig.clk(s.a());
                    break;
                case GATE:
                    rig.gate((int) s.a(), s.b() != 0);
                    break;
                case PIN: {
                    boolean got = rig.pin(s.name());
                    if (got != (s.a() != 0)) {
                        return VectorResult.fail(vector.file(), s, s.name() + "=" + s.a(), s.name() + "=" + (got ? 1 : 0));
                    }
                    break;
                }
                case IRQ:
                    rig.irq((int) s.a(), s.b() != 0);
                    break;
                case INTA: {
                    int got = rig.inta() & 0xFF;
                    if (got != (int) s.a()) {
                        return VectorResult.fail(vector.file(), s, "vector " + hex(s.a()), "vector " + hex(got));
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(s.kind().toString());
            }
        }
        return VectorResult.pass(vector.file());
    }

    private static String hex(long v) {
        return String.format("0x%02x", v);
    }
}
