package irq0.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A text file written under a temporary name beside its target and moved into place in one step
 * when it is whole, so that a run which stops half-way never leaves a half-written file under the
 * name the user gave.
 */
final class PendingFile {
    private final Path target;
    private final Path temp;
    final BufferedWriter out;

    PendingFile(Path target, Charset charset) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        this.temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        this.out = Files.newBufferedWriter(temp, charset);
    }

    /** Closes the file and gives it its name. */
    void publish() throws IOException {
        out.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes and removes the file without publishing it. */
    void discard() throws IOException {
        out.close();
        Files.deleteIfExists(temp);
    }
}
