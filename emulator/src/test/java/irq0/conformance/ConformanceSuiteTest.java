package irq0.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every vector file, one dynamic test per file: the project's own (written from the
 * datasheets) and the external suite as the project carries it, both from the bundled resources
 * that {@code irq0 conform} replays; the external suite in ../shared/conformance as well when that
 * folder is beside the project; and every folder named in the system property {@code irq0.vectors}
 * (separated by the path separator), each of which must exist and hold vectors.
 */
class ConformanceSuiteTest {
    /** Vector files in the external suite as published (its README, SHA256SUMS). */
    private static final int EXTERNAL_VECTOR_FILES = 392;

    static Path shared() {
        return Paths.get(System.getProperty("irq0.shared", "../../shared")).resolve("conformance");
    }

    /** The files of one suite folder: a missing folder or one without vectors fails, never skips. */
    private static List<Path> suite(Path dir) throws IOException {
        return VectorRunner.expand(List.of(dir));
    }

    @TestFactory
    Stream<DynamicTest> projectVectors() throws IOException {
        Path root = BundledVectors.root();
        List<Path> files = new ArrayList<>();
        for (String part : BundledVectors.OWN) {
            files.addAll(suite(root.resolve(part)));
        }
        return files.stream().map(ConformanceSuiteTest::replay);
    }

    @TestFactory
    Stream<DynamicTest> externalSuiteAsBundled() throws IOException {
        List<Path> files = suite(BundledVectors.root().resolve(BundledVectors.EXTERNAL));
        assertThat(files).as("the bundled external suite").hasSize(EXTERNAL_VECTOR_FILES);
        return files.stream().map(ConformanceSuiteTest::replay);
    }

    @TestFactory
    Stream<DynamicTest> externalSuiteBesideTheProject() throws IOException {
        Path dir = shared();
        if (!Files.exists(dir)) {
            // a fresh clone has no ../shared: the bundled copy above is the same suite
            return Stream.empty();
        }
        return suite(dir).stream().map(ConformanceSuiteTest::replay);
    }

    @TestFactory
    Stream<DynamicTest> configuredSuites() throws IOException {
        String configured = System.getProperty("irq0.vectors", "");
        List<Path> files = new ArrayList<>();
        for (String dir : configured.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                files.addAll(suite(Paths.get(dir)));
            }
        }
        return files.stream().map(ConformanceSuiteTest::replay);
    }

    /** The bundled external suite is the published one: every file as its SHA256SUMS lists it. */
    @Test
    void shouldCarryTheExternalSuiteAsPublished() throws IOException {
        Path external = BundledVectors.root().resolve(BundledVectors.EXTERNAL);
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(external.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
            String[] w = line.split("  ", 2);
            listed.put(w[1].replaceFirst("^\\./", ""), w[0]);
        }
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> s = Files.walk(external)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String name = external.relativize(f).toString().replace('\\', '/');
                if (name.endsWith(".vec") || name.equals("FORMAT.md")) {
                    present.put(name, sha256(f));
                }
            }
        }
        assertThat(present).isEqualTo(listed);
        assertThat(listed.keySet().stream().filter(n -> n.endsWith(".vec"))).hasSize(EXTERNAL_VECTOR_FILES);
    }

    /** The configured folders are checked as strictly as the command line's paths. */
    @Test
    void shouldFailOnAMissingOrEmptySuiteFolder(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> suite(tmp.resolve("absent")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> suite(tmp))
                .isInstanceOf(VectorPathException.class)
                .hasMessage("no vector files under " + tmp);
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DynamicTest replay(Path file) {
        return DynamicTest.dynamicTest(file.toString(), () -> {
            VectorResult r = VectorRunner.run(file);
            assertThat(r.passed()).as(r.describe()).isTrue();
        });
    }
}
