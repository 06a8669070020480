package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's table "What irq0 models that emulators often simplify" is a promise: every vector
 * it names exists and passes through {@code irq0 conform}, every test it names exists, and every
 * row names at least one of them.
 */
class ReadmeFidelityTableTest extends CommandLineTest {
    private static final Path README = Path.of("../README.md");
    private static final Path VECTORS = Path.of("../emulator/src/main/resources/irq0/vectors");
    private static final Pattern PINNED = Pattern.compile("`([^`]+)`");

    private static List<String> rows() throws IOException {
        String text = Files.readString(README);
        int start = text.indexOf("### What irq0 models that emulators often simplify");
        assertThat(start).as("the table's heading in README.md").isNotNegative();
        return text.substring(start).lines().skip(1).dropWhile(l -> !l.startsWith("| behaviour"))
                .takeWhile(l -> l.startsWith("|")).skip(2).collect(Collectors.toList());
    }

    @Test
    void shouldNameVectorsThatPassAndTestsThatExistOnEveryRow() throws IOException {
        List<String> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(9);
        List<String> vectors = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String pinnedBy = cells[cells.length - 1];
            Matcher m = PINNED.matcher(pinnedBy);
            int named = 0;
            while (m.find()) {
                String name = m.group(1);
                named++;
                if (name.endsWith(".vec")) {
                    List<String> files = expand(name);
                    assertThat(files).as("vector %s in the row %s", name, cells[1]).isNotEmpty();
                    vectors.addAll(files);
                } else {
                    try (Stream<Path> s = Files.walk(Path.of(".."))) {
                        assertThat(s.anyMatch(f -> f.endsWith(name + ".java") && f.toString().contains("/src/test/")))
                                .as("test %s in the row %s", name, cells[1]).isTrue();
                    }
                }
            }
            assertThat(named).as("what pins the row %s", cells[1]).isPositive();
        }

        int code = run(Stream.concat(Stream.of("conform"), vectors.stream()).toArray(String[]::new));

        assertThat(out.toString()).isEqualTo(vectors.size() + " passed, 0 failed" + System.lineSeparator());
        assertThat(code).isZero();
    }

    /** A vector name of the table, with a * as a file glob, to the files it stands for. */
    private static List<String> expand(String name) throws IOException {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> s = Files.walk(VECTORS)) {
            return s.filter(f -> glob.matches(VECTORS.relativize(f))).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        }
    }
}
