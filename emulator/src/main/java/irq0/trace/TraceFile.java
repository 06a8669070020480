package irq0.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link TraceRecorder.Drain} that writes events as text lines ({@link TraceText}). It writes
 * to a temporary file beside the target and moves it into place on {@link #close}, so a run that
 * stops half-way never leaves a half-written trace under the name the user gave.
 */
public final class TraceFile implements TraceRecorder.Drain {
    private final Path target;
    private final Path temp;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(96);

    public TraceFile(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        this.temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        this.out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        out.write("# irq0 trace: virtual-seconds pit-clock event args\n");
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            TraceText.append(line, time[i], kind[i], a[i], b[i]);
            line.append('\n');
            out.append(line);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops the temporary file without publishing it (the run failed before it could finish). */
    public void discard() throws IOException {
        out.close();
        Files.deleteIfExists(temp);
    }
}
