package irq0.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@link TraceRecorder.Drain} that writes events as text lines ({@link TraceText}). It writes
 * to a temporary file beside the target and moves it into place on {@link #close}, so a run that
 * stops half-way never leaves a half-written trace under the name the user gave.
 */
public final class TraceFile implements TraceRecorder.Drain {
    private final PendingFile file;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(96);

    public TraceFile(Path target) throws IOException {
        this.file = new PendingFile(target, StandardCharsets.UTF_8);
        this.out = file.out;
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
        file.publish();
    }

    /** Drops the temporary file without publishing it (the run failed before it could finish). */
    public void discard() throws IOException {
        file.discard();
    }
}
