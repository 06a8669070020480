package irq0.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TraceRecorder.Drain} that writes the events inside its {@link Window} as text lines
 * ({@link TraceText}) to an {@link OutputFile}, a block at a time, flushed after each block so a
 * reader on a FIFO sees the run as it goes. OUT1's edges (the DRAM refresh request, 66 kHz,
 * reported only while a waveform watches every OUT) are left out, so the text is the same with or
 * without {@code --vcd} and stays near 1 KB per timer interrupt; the waveform has them.
 */
public final class TraceFile implements TraceRecorder.Drain {
    private final BufferedWriter out;
    private final Window window;
    private final StringBuilder line = new StringBuilder(96);

    public TraceFile(OutputFile file, Window window) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.window = window;
        out.write("# irq0 trace: virtual-seconds pit-clock event args\n");
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (!window.contains(time[i]) || kind[i] == TraceEvent.PIN && a[i] == Pins.OUT1) {
                continue;
            }
            line.setLength(0);
            TraceText.append(line, time[i], kind[i], a[i], b[i]);
            line.append('\n');
            out.append(line);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
