package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code irq0 conform} through the real command line: the bundled suites with no path, and every
 * path it cannot replay refused in one line with exit 2 before anything is replayed.
 */
class ConformCommandTest extends CommandLineTest {
    /** The published external suite's vector files (emulator's resources, irq0/vectors/external). */
    private static final int EXTERNAL_VECTOR_FILES = 392;
    private static final Path OWN_VECTORS = Path.of("../emulator/src/main/resources/irq0/vectors");

    @TempDir
    Path tmp;

    private static long ownVectorFiles() throws IOException {
        long n = 0;
        for (String part : new String[] {"pit", "pic", "board"}) {
            try (Stream<Path> s = Files.walk(OWN_VECTORS.resolve(part))) {
                n += s.filter(f -> f.toString().endsWith(".vec")).count();
            }
        }
        return n;
    }

    @Test
    void shouldReplayTheBundledSuitesWhenGivenNoPath() throws IOException {
        int code = run("conform");

        long expected = ownVectorFiles() + EXTERNAL_VECTOR_FILES;
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo(expected + " passed, 0 failed" + System.lineSeparator());
        assertThat(code).isZero();
    }

    /** The README's example, from the project's folder (the tests run in kernel-model/). */
    @Test
    void shouldReplayTheReadmeExampleFolder() throws IOException {
        Path pic = OWN_VECTORS.resolve("pic");
        long files;
        try (Stream<Path> s = Files.walk(pic)) {
            files = s.filter(f -> f.toString().endsWith(".vec")).count();
        }

        int code = run("conform", pic.toString());

        assertThat(out.toString()).isEqualTo(files + " passed, 0 failed" + System.lineSeparator());
        assertThat(code).isZero();
    }

    @Test
    void shouldRefuseADeviceInOneLine() {
        int code = run("conform", "/dev/zero");

        assertThat(err.toString()).isEqualTo("irq0 conform: /dev/zero: not a regular file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(code).isEqualTo(2);
    }

    @Test
    @Timeout(60) // the old runner opened the FIFO and waited for a writer for ever
    void shouldRefuseAFifoWithoutOpeningIt() throws Exception {
        Path fifo = tmp.resolve("suite.vec");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        int code = run("conform", fifo.toString());

        assertThat(err.toString()).isEqualTo("irq0 conform: " + fifo + ": not a regular file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(code).isEqualTo(2);
    }

    @Test
    void shouldRefuseAFileTooLargeForAVector() throws IOException {
        Path big = tmp.resolve("big.vec");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: takes no disk space
        }

        int code = run("conform", big.toString());

        assertThat(err.toString()).isEqualTo("irq0 conform: " + big + ": 1073741824 bytes, too large for a vector file"
                + " (the limit is 8 MiB)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(code).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnEmptyFolder() {
        int code = run("conform", tmp.toString());

        assertThat(err.toString()).isEqualTo("irq0 conform: no vector files under " + tmp + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(code).isEqualTo(2);
    }

    @Test
    void shouldRefuseAFolderWithNoVectorFilesEvenWhenAnotherPathHasSome() throws IOException {
        Path notes = Files.createDirectory(tmp.resolve("notes"));
        Files.writeString(notes.resolve("README.md"), "device pic8259\n", StandardCharsets.UTF_8);
        Path good = tmp.resolve("good.vec");
        Files.writeString(good, "device pic8259\nout 0x21 0x5a\nin 0x21 0x5a\n", StandardCharsets.UTF_8);

        int code = run("conform", good.toString(), notes.toString());

        assertThat(err.toString()).isEqualTo("irq0 conform: no vector files under " + notes + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(code).isEqualTo(2);
    }

    @Test
    void shouldReplayAGoodFileAndReportAFailingOne() throws IOException {
        Path good = tmp.resolve("a_good.vec");
        Files.writeString(good, "device pic8259\nout 0x21 0x5a\nin 0x21 0x5a\n", StandardCharsets.UTF_8);
        Path bad = tmp.resolve("b_bad.vec");
        Files.writeString(bad, "device pic8259\nout 0x21 0x5a\nin 0x21 0x00\n", StandardCharsets.UTF_8);

        int code = run("conform", tmp.toString());

        assertThat(out.toString()).isEqualTo("FAIL " + bad + ":3: 'in 0x21 0x00': expected 0x00, the part answered 0x5a"
                + System.lineSeparator() + "1 passed, 1 failed" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(1);
    }
}
