package irq0.cli;

import irq0.board.PcBoard;
import irq0.time.VirtualTime;
import irq0.trace.OutputFile;
import irq0.trace.FtraceFile;
import irq0.trace.TickPicture;
import irq0.trace.TimelineFile;
import irq0.trace.Trace;
import irq0.trace.TraceFile;
import irq0.trace.TraceRecorder;
import irq0.trace.TraceStrings;
import irq0.trace.VcdFile;
import irq0.trace.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files a run writes ({@link OutputOptions}): one {@link TraceRecorder} keeps the events in
 * preallocated arrays and hands each block to every output's writer. Outputs follow
 * {@link OutputFile}'s rules (a regular file appears whole when the run ends; a FIFO, a device or
 * stdout is written through as the run goes). An output that cannot be written does not stop the
 * run: {@link #finish} says what happened to it.
 */
final class TraceOutputs {
    private static final int BLOCK = 8192;

    private final List<OutputFile> files;
    private final TraceRecorder recorder;
    private final boolean waveform;
    private boolean ended;

    private TraceOutputs(List<OutputFile> files, TraceRecorder recorder, boolean waveform) {
        this.files = files;
        this.recorder = recorder;
        this.waveform = waveform;
    }

    /**
     * Checks every requested path (two outputs may not share a file; a folder or a missing folder
     * is a usage error), then opens them. The exception's message is one line for stderr.
     */
    static TraceOutputs open(OutputOptions options) throws OutputFile.OpenException {
        Window window = window(options);
        List<String[]> wanted = new ArrayList<>();
        if (options.trace != null) {
            wanted.add(new String[] {"--trace", options.trace});
        }
        if (options.vcd != null) {
            wanted.add(new String[] {"--vcd", options.vcd});
        }
        if (options.timeline != null) {
            wanted.add(new String[] {"--timeline", options.timeline});
        }
        if (options.ftrace != null) {
            wanted.add(new String[] {"--ftrace", options.ftrace});
        }
        if (options.svg != null) {
            if (options.from == null || options.to == null) {
                throw usage("--svg draws a window: give --trace-from and --trace-to (a tick or so)");
            }
            wanted.add(new String[] {"--svg", options.svg});
        }
        List<OutputFile.Target> targets = new ArrayList<>();
        Map<Object, OutputFile.Target> byIdentity = new HashMap<>();
        for (String[] w : wanted) {
            OutputFile.Target t = OutputFile.check(w[0], w[1]);
            OutputFile.Target same = byIdentity.putIfAbsent(t.identity(), t);
            if (same != null) {
                throw new OutputFile.OpenException("irq0 boot: " + t.label() + " is the same file as " + same.label(), true);
            }
            targets.add(t);
        }
        List<OutputFile> files = new ArrayList<>();
        List<TraceRecorder.Drain> drains = new ArrayList<>();
        TraceStrings strings = new TraceStrings();
        try {
            for (int i = 0; i < targets.size(); i++) {
                OutputFile f = targets.get(i).open();
                files.add(f);
                drains.add(writer(wanted.get(i)[0], f, window, strings));
            }
        } catch (OutputFile.OpenException e) {
            files.forEach(OutputFile::discard);
            throw e;
        } catch (IOException e) {
            // the writers write into memory and the file's guard, which keeps errors for finish()
            files.forEach(OutputFile::discard);
            throw new UncheckedIOException(e);
        }
        TraceRecorder recorder = drains.isEmpty() ? null : new TraceRecorder(BLOCK, TraceRecorder.fanOut(drains), strings);
        return new TraceOutputs(files, recorder, options.vcd != null || options.svg != null);
    }

    private static TraceRecorder.Drain writer(String option, OutputFile f, Window window, TraceStrings strings)
            throws IOException {
        switch (option) {
            case "--vcd":
                return new VcdFile(f, window);
            case "--timeline":
                return new TimelineFile(f, window, strings);
            case "--ftrace":
                return new FtraceFile(f, window, strings);
            case "--svg":
                return new TickPicture(f, window, strings, "irq0: one timer interrupt, "
                        + "from " + window.from + " to " + window.to + " PIT clocks");
            default:
                return new TraceFile(f, window, strings);
        }
    }

    private static Window window(OutputOptions o) throws OutputFile.OpenException {
        long from = o.from == null ? 0 : clocks("--trace-from", o.from, RoundingMode.CEILING);
        long to = o.to == null ? Long.MAX_VALUE : clocks("--trace-to", o.to, RoundingMode.FLOOR);
        if (to < from) {
            throw usage("--trace-to " + o.to + " is before --trace-from " + o.from);
        }
        return new Window(from, to);
    }

    private static long clocks(String option, String seconds, RoundingMode rounding) throws OutputFile.OpenException {
        BigDecimal s;
        try {
            s = new BigDecimal(seconds);
        } catch (NumberFormatException e) {
            throw usage(option + " is not a number of seconds: " + seconds);
        }
        if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            throw usage(option + " must be between 0 and 1e9 seconds: " + seconds);
        }
        return s.multiply(BigDecimal.valueOf(VirtualTime.PIT_HZ)).setScale(0, rounding).longValueExact();
    }

    private static OutputFile.OpenException usage(String message) {
        return new OutputFile.OpenException("irq0 boot: " + message, true);
    }

    /** What the board, the CPU and the kernel report to: {@link Trace#NONE} without outputs. */
    Trace trace() {
        return recorder == null ? Trace.NONE : recorder;
    }

    /** A waveform needs every wire watched and its starting levels. */
    void attach(PcBoard board) {
        if (waveform) {
            board.watchAllOuts(true);
            board.reportPins();
        }
    }

    /**
     * Ends the run's outputs normally: writes what was recorded, closes them, gives regular files
     * their names. Empty when all went well, otherwise one line for each output that could not be
     * written, saying what is left of it.
     */
    synchronized List<String> finish() {
        return end(OutputFile::finish);
    }

    /**
     * Ends the outputs of a run cut short ({@code why}, e.g. "interrupted"): the events recorded
     * so far are written and each output is closed, a regular file published under its name as a
     * complete prefix of the run. One line for each output. Call it once the run thread records
     * no more (stopped, or parked in a signal's wait); it may be called from a shutdown hook.
     */
    synchronized List<String> abandon(String why) {
        return end(f -> f.abandon(why));
    }

    /** Drains what was recorded, then ends each output once: the lines of those that had something to say. */
    private List<String> end(Function<OutputFile, String> ending) {
        List<String> lines = new ArrayList<>();
        if (ended) {
            return lines;
        }
        ended = true;
        drain();
        for (OutputFile f : files) {
            String line = ending.apply(f);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Ends the outputs of a run that irq0 itself failed: nothing is published, no file is left. */
    synchronized void discard() {
        if (!ended) {
            ended = true;
            files.forEach(OutputFile::discard);
        }
    }

    private void drain() {
        if (recorder == null) {
            return;
        }
        try {
            recorder.close();
        } catch (IOException e) {
            // unreachable: the writers write through each file's guard, which keeps errors itself
            throw new UncheckedIOException(e);
        }
    }
}
