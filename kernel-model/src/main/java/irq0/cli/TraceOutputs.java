package irq0.cli;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import irq0.trace.TraceFile;
import irq0.trace.TraceRecorder;
import irq0.trace.Traces;
import irq0.trace.VcdFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The files {@code boot --trace} and {@code --vcd} write. Each is filled through a
 * {@link TraceRecorder} into a temporary file and moved into place when the run ends, whatever
 * way the guest or the kernel ended it; only a failure of irq0 itself discards them, so a file
 * under the name the user gave is always whole.
 */
final class TraceOutputs implements AutoCloseable {
    private static final int BLOCK = 8192;

    private final TraceRecorder events;
    private final TraceRecorder waveform;
    private final TraceFile eventsFile;
    private final VcdFile waveformFile;
    private final Trace trace;

    private TraceOutputs(TraceFile eventsFile, VcdFile waveformFile) {
        this.eventsFile = eventsFile;
        this.waveformFile = waveformFile;
        this.events = eventsFile == null ? null : new TraceRecorder(BLOCK, eventsFile);
        this.waveform = waveformFile == null ? null : new TraceRecorder(BLOCK, waveformFile);
        this.trace = Traces.tee(events == null ? Trace.NONE : events, waveform == null ? Trace.NONE : waveform);
    }

    /** Opens the requested files (either may be null); the message of the exception names the file. */
    static TraceOutputs open(Path traceFile, Path vcdFile) throws IOException {
        for (Path p : new Path[] {traceFile, vcdFile}) {
            Path parent = p == null ? null : p.toAbsolutePath().getParent();
            if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                throw new IOException(p + ": no such folder: " + parent);
            }
            if (p != null && java.nio.file.Files.isDirectory(p)) {
                throw new IOException(p + " is a folder");
            }
        }
        TraceFile t = null;
        try {
            t = traceFile == null ? null : new TraceFile(traceFile);
            VcdFile v = vcdFile == null ? null : new VcdFile(vcdFile);
            return new TraceOutputs(t, v);
        } catch (IOException e) {
            if (t != null) {
                t.discard();
            }
            throw e;
        }
    }

    Trace trace() {
        return trace;
    }

    /** A waveform needs every wire watched and its starting levels. */
    void attach(PcBoard board) {
        if (waveform != null) {
            board.watchAllOuts(true);
            board.reportPins();
        }
    }

    /** Publishes the files. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (TraceRecorder r : new TraceRecorder[] {events, waveform}) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Drops the files without publishing them. */
    void discard() {
        try {
            if (eventsFile != null) {
                eventsFile.discard();
            }
        } catch (IOException ignored) {
            // nothing was published; a temporary file that cannot be removed is all that is left
        }
        try {
            if (waveformFile != null) {
                waveformFile.discard();
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
