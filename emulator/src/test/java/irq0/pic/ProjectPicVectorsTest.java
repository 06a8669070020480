package irq0.pic;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectPicVectorsTest {
    @Test
    void shouldPassTheProjectPicVectors() throws Exception {
        Path root = Path.of("src/test/resources/vectors/pic");
        List<String> failures = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".vec")).sorted().toList();
        }
        for (Path f : files) {
            String r = PicVectorReplay.replay(f);
            if (r != null) {
                failures.add(r);
            }
        }
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(failures).as(files.size() + " files").isEmpty();
    }
}
