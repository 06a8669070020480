package irq0.trace;

import irq0.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link TraceRecorder.Drain} that writes the run as Chrome trace-event JSON (the
 * {@code traceEvents} format that ui.perfetto.dev and chrome://tracing open without plugins):
 * one process, "irq0 PC/AT", with five tracks (threads):
 * <ol>
 * <li>hardware: OUT0, IRQ and INT edges and INTA cycles as instants; IRR, ISR and IMR of both
 * PICs and the counter values the kernel reads back as counters;</li>
 * <li>port I/O: every IN and OUT as an instant named by {@link PortNames};</li>
 * <li>CPU: a slice per hardware interrupt (entry to IRET) and the guest code between them;</li>
 * <li>kernel, interrupt context: nested slices, IRQ entry → do_IRQ → mask_and_ack_8259A →
 * handle_IRQ_event → the irqaction ("timer") → timer_interrupt → do_timer, then do_bottom_half →
 * each bottom half → run_task_queue → each task, named by module and symbol;</li>
 * <li>kernel, process context: a slice for each stretch a process runs (named by comm and pid)
 * and instants for sleeping, waking up and exiting.</li>
 * </ol>
 * Timestamps are virtual microseconds. The kernel model takes no virtual time, so events within
 * one PIT clock are placed 1 ns apart in their order (never past the next clock unless a clock
 * holds over 800 events); every event carries its exact PIT clock in {@code args.clk}. Slices
 * still open at the window's end or when the run stops (an Oops) are closed there. Streams: every
 * event is written as it is drained.
 */
public final class TimelineFile implements TraceRecorder.Drain {
    private static final int PID = 1;
    private static final int HARDWARE = 1;
    private static final int PORTS = 2;
    private static final int CPU = 3;
    private static final int KERNEL = 4;
    private static final int PROCESSES = 5;
    private static final String[] TRACKS = {null, "hardware (8254, 8259A pair, INT)", "port I/O", "CPU",
        "kernel: interrupt context", "kernel: process context"};

    private final BufferedWriter out;
    private final Window window;
    private final KernelNames names;
    private final PortNames ports = new PortNames();
    /** Open slices per track: their names, innermost last. */
    @SuppressWarnings("unchecked")
    private final Deque<String>[] open = new Deque[TRACKS.length];
    private final StringBuilder sb = new StringBuilder(256);
    private long lastNs = -1;
    private long lastClock;
    private boolean inWindow;
    private boolean afterWindow;
    private boolean first = true;
    private final int[] latchedCount = {-1, -1, -1};

    public TimelineFile(OutputFile file, Window window, TraceStrings strings) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.window = window;
        this.names = new KernelNames(strings);
        for (int i = 1; i < TRACKS.length; i++) {
            open[i] = new ArrayDeque<>();
        }
        out.write("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"irq0\",\"clock\":\"virtual time; "
                + "args.clk is the PIT clock (1193182 Hz); events within one clock are 1 ns apart in order\"},\n"
                + "\"traceEvents\":[\n");
        meta("process_name", -1, "\"name\":\"irq0 PC/AT\"");
        for (int t = 1; t < TRACKS.length; t++) {
            meta("thread_name", t, "\"name\":\"" + TRACKS[t] + "\"");
            meta("thread_sort_index", t, "\"sort_index\":" + t);
        }
    }

    private void meta(String name, int tid, String args) throws IOException {
        sb.setLength(0);
        sb.append("{\"ph\":\"M\",\"pid\":").append(PID);
        if (tid >= 0) {
            sb.append(",\"tid\":").append(tid);
        }
        sb.append(",\"name\":\"").append(name).append("\",\"args\":{").append(args).append("}}");
        emit();
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            long t = time[i];
            if (!inWindow && !afterWindow && t >= window.from) {
                inWindow = true;
                // the slices open at the window's start begin there
                reopen(window.from);
            }
            if (inWindow && t > window.to) {
                closeAll(window.to);
                inWindow = false;
                afterWindow = true;
            }
            event(t, kind[i], a[i], b[i]);
        }
        out.flush();
    }

    private void reopen(long t) throws IOException {
        for (int track = 1; track < TRACKS.length; track++) {
            for (java.util.Iterator<String> it = open[track].descendingIterator(); it.hasNext();) {
                begin(t, track, it.next(), null, false);
            }
        }
    }

    private void closeAll(long t) throws IOException {
        for (int track = 1; track < TRACKS.length; track++) {
            for (int n = open[track].size(); n > 0; n--) {
                end(t, track, false);
            }
        }
    }

    private void event(long t, int kind, int a, int b) throws IOException {
        if (names.learn(kind, a, b)) {
            return;
        }
        switch (kind) {
            case TraceEvent.KERNEL_START:
                ports.kernelStarted();
                instant(t, KERNEL, "start_kernel", "\"HZ\":" + a);
                return;
            case TraceEvent.PIN:
                if (a == Pins.OUT1) {
                    return; // the refresh request's 66 kHz edges: the VCD has them
                }
                instant(t, HARDWARE, Pins.name(a) + (a == Pins.INTA ? "" : b != 0 ? " rises" : " falls"), null);
                return;
            case TraceEvent.INTA:
                instant(t, HARDWARE, "INTA: vector " + hex2(a) + (b != 0 ? " (spurious)" : ""), null);
                return;
            case TraceEvent.PIC_STATE:
                String pic = a == 0 ? "PIC1" : "PIC2";
                counter(t, pic + " IRR", b & 0xFF);
                counter(t, pic + " ISR", b >>> 8 & 0xFF);
                counter(t, pic + " IMR", b >>> 16 & 0xFF);
                return;
            case TraceEvent.PORT_IN:
            case TraceEvent.PORT_OUT:
            case TraceEvent.UNMAPPED_IN:
            case TraceEvent.UNMAPPED_OUT:
                portEvent(t, kind, a, b);
                return;
            case TraceEvent.INT_ENTRY:
                endGuest(t);
                begin(t, CPU, "interrupt " + hex2(a) + (b >= 0 ? " (IRQ" + b + ")" : ""), null, true);
                return;
            case TraceEvent.INT_EXIT:
                if (!open[CPU].isEmpty()) {
                    end(t, CPU, true);
                }
                if (open[CPU].isEmpty()) {
                    begin(t, CPU, "guest code", null, true);
                }
                return;
            case TraceEvent.DO_IRQ:
                begin(t, KERNEL, names.sliceName(kind, a, b), "\"irq\":" + a, true);
                return;
            case TraceEvent.BH_RUN:
                begin(t, KERNEL, names.sliceName(kind, a, b), "\"nr\":" + a, true);
                return;
            case TraceEvent.TASK_RUN:
                begin(t, KERNEL, names.sliceName(kind, a, b), "\"routine\":\"" + hex8(a) + "\",\"queue\":\""
                        + KernelSlice.queueName(b) + "\"", true);
                return;
            case TraceEvent.ENTER:
                enter(t, a, b);
                return;
            case TraceEvent.LEAVE:
                int track = a == KernelSlice.PROCESS ? PROCESSES : KERNEL;
                if (!open[track].isEmpty()) {
                    end(t, track, true);
                }
                return;
            case TraceEvent.PROCESS_STATE:
                String what = b == TraceEvent.SLEEP ? "sleeps" : b == TraceEvent.WAKE_UP ? "wakes up" : "exits";
                instant(t, PROCESSES, names.sliceName(TraceEvent.ENTER, KernelSlice.PROCESS, a) + " " + what, null);
                return;
            case TraceEvent.DIAGNOSTIC:
                instant(t, HARDWARE, "diagnostic " + a + " (PIC" + (b + 1) + ")", null);
                return;
            default:
                return;
        }
    }

    private void enter(long t, int slice, int arg) throws IOException {
        String name = names.sliceName(TraceEvent.ENTER, slice, arg);
        switch (slice) {
            case KernelSlice.INTERRUPT:
                begin(t, KERNEL, name, "\"irq\":" + arg, true);
                return;
            case KernelSlice.IRQ_ACTION:
                begin(t, KERNEL, name, "\"irq\":" + (arg & 0xFF), true);
                return;
            case KernelSlice.TIMER:
                begin(t, KERNEL, name, "\"function\":\"" + hex8(arg) + "\"", true);
                return;
            case KernelSlice.PROCESS:
                begin(t, PROCESSES, name, "\"pid\":" + arg, true);
                return;
            default:
                begin(t, KERNEL, name, null, true);
        }
    }

    private void portEvent(long t, int kind, int port, int value) throws IOException {
        boolean in = kind == TraceEvent.PORT_IN || kind == TraceEvent.UNMAPPED_IN;
        String name = in ? ports.in(port, value) : ports.out(port, value);
        String label = (in ? "in " : "out ") + hex4(port) + (in && kind == TraceEvent.UNMAPPED_IN ? "" : " " + hex2(value));
        instant(t, PORTS, label + (name.isEmpty() ? "" : "  " + name), null);
        // a counter read back after a latch command: LSB then MSB (the kernel's access mode)
        if (port >= 0x40 && port <= 0x42 && kind == TraceEvent.PORT_IN) {
            int c = port - 0x40;
            if (latchedCount[c] < 0) {
                latchedCount[c] = value;
            } else {
                counter(t, "PIT counter " + c + " (read)", latchedCount[c] | value << 8);
                latchedCount[c] = -1;
            }
        } else if (port == 0x43 && kind == TraceEvent.PORT_OUT && (value & 0x30) == 0 && value >>> 6 < 3) {
            latchedCount[value >>> 6] = -1; // counter latch command: the next two reads are its count
        }
    }

    private void endGuest(long t) throws IOException {
        if (!open[CPU].isEmpty() && "guest code".equals(open[CPU].peekLast())) {
            end(t, CPU, true);
        }
    }

    private void begin(long t, int track, String name, String args, boolean push) throws IOException {
        if (push) {
            open[track].addLast(name);
        }
        if (!inWindow) {
            return;
        }
        head(t, "B", track, name);
        tail(t, args);
    }

    private void end(long t, int track, boolean matched) throws IOException {
        open[track].pollLast();
        if (!inWindow) {
            return;
        }
        sb.setLength(0);
        sb.append("{\"ph\":\"E\",\"pid\":").append(PID).append(",\"tid\":").append(track).append(",\"ts\":");
        ts(t);
        sb.append(",\"args\":{\"clk\":").append(t).append("}}");
        emit();
    }

    private void instant(long t, int track, String name, String args) throws IOException {
        if (!inWindow) {
            return;
        }
        head(t, "i", track, name);
        sb.append(",\"s\":\"t\"");
        tail(t, args);
    }

    private void counter(long t, String name, int value) throws IOException {
        if (!inWindow) {
            return;
        }
        sb.setLength(0);
        sb.append("{\"ph\":\"C\",\"pid\":").append(PID).append(",\"name\":");
        string(name);
        sb.append(",\"ts\":");
        ts(t);
        sb.append(",\"args\":{\"value\":").append(value).append("}}");
        emit();
    }

    private void head(long t, String ph, int track, String name) {
        sb.setLength(0);
        sb.append("{\"ph\":\"").append(ph).append("\",\"pid\":").append(PID).append(",\"tid\":").append(track)
                .append(",\"name\":");
        string(name);
        sb.append(",\"ts\":");
        ts(t);
    }

    private void tail(long t, String args) throws IOException {
        sb.append(",\"args\":{\"clk\":").append(t);
        if (args != null) {
            sb.append(',').append(args);
        }
        sb.append("}}");
        emit();
    }

    /** Microseconds with three decimals: the clock's nanosecond, or 1 ns after the last event. */
    private void ts(long t) {
        long ns = Math.max(VirtualTime.toNanos(t), lastNs + 1);
        lastNs = ns;
        lastClock = t;
        sb.append(ns / 1000).append('.');
        long frac = ns % 1000;
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private void emit() throws IOException {
        if (!first) {
            out.write(",\n");
        }
        first = false;
        out.append(sb);
    }

    @Override
    public void close() throws IOException {
        if (inWindow) {
            closeAll(lastClock);
        }
        out.write("\n]}\n");
        out.flush();
    }

    static String hex2(int v) {
        return String.format("0x%02x", v & 0xFF);
    }

    static String hex4(int v) {
        return String.format("0x%04x", v & 0xFFFF);
    }

    static String hex8(int v) {
        return String.format("0x%08x", v);
    }
}
