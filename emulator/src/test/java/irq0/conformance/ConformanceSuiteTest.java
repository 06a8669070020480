package irq0.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every vector file, one dynamic test per file: the project's own (written from the
 * datasheets, under src/test/resources/vectors) and the external suite in ../shared/conformance
 * when that folder is beside the project.
 */
class ConformanceSuiteTest {
    static final Path OWN = Paths.get("src/test/resources/vectors");

    static Path shared() {
        return Paths.get(System.getProperty("irq0.shared", "../../shared")).resolve("conformance");
    }

    @TestFactory
    Stream<DynamicTest> projectVectors() throws IOException {
        List<Path> files = VectorRunner.expand(List.of(OWN));
        assertThat(files).as("the project's own vectors").isNotEmpty();
        return files.stream().map(ConformanceSuiteTest::replay);
    }

    @TestFactory
    Stream<DynamicTest> externalSuite() throws IOException {
        Path dir = shared();
        if (!Files.isDirectory(dir)) {
            System.err.println("ConformanceSuiteTest: " + dir + " is absent; the external suite was not replayed");
            return Stream.empty();
        }
        List<Path> files = VectorRunner.expand(List.of(dir));
        assertThat(files).as("vectors under " + dir).isNotEmpty();
        return files.stream().map(ConformanceSuiteTest::replay);
    }

    private static DynamicTest replay(Path file) {
        return DynamicTest.dynamicTest(file.toString(), () -> {
            VectorResult r = VectorRunner.run(file);
            assertThat(r.passed()).as(r.describe()).isTrue();
        });
    }
}
