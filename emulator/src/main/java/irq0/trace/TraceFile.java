package irq0.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TraceRecorder.Drain} that writes the events inside its {@link Window} as text lines to
 * an {@link OutputFile}, a block at a time, flushed after each block so a reader on a FIFO sees
 * the run as it goes. Each line is {@link TraceText}'s time, clock and event, then what the event
 * means: ports and registers named ({@link PortNames}), the kernel's arguments named
 * ({@code do_IRQ irq=0}, {@code bh nr=0 TIMER_BH}, a task's routine by module and symbol). A
 * header explains the columns. Left out, to keep the text near 1 KB per timer interrupt: OUT1's
 * edges (the DRAM refresh request, 66 kHz, reported only while a waveform watches every OUT: the
 * VCD has them), the POST event that repeats an {@code out 0x80} line, and the kernel's slice
 * boundaries and PIC register snapshots (the timeline has them).
 */
public final class TraceFile implements TraceRecorder.Drain {
    static final String HEADER = String.join("\n",
            "# irq0 trace: every event of the run in virtual-time order, one per line:",
            "#   virtual seconds (9 decimals)  PIT clock (1,193,182 per second)  event  arguments  [what it means]",
            "# events: in/out PORT VALUE (an I/O access, the port named), pin WIRE LEVEL, inta VECTOR (the PIC's",
            "#   answer to the interrupt acknowledge), int-entry/int-exit VECTOR (the CPU enters/leaves an interrupt),",
            "#   do_IRQ, bh (a bottom half), task (a task queue's routine), process (process context), kernel-start.",
            "# Port 0x80 is a POST code until the kernel starts, then outb_p's delay write.",
            "");

    private final BufferedWriter out;
    private final Window window;
    private final KernelNames names;
    private final PortNames ports = new PortNames();
    private final StringBuilder line = new StringBuilder(128);

    public TraceFile(OutputFile file, Window window) throws IOException {
        this(file, window, new TraceStrings());
    }

    public TraceFile(OutputFile file, Window window, TraceStrings strings) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.window = window;
        this.names = new KernelNames(strings);
        out.write(HEADER);
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int k = kind[i];
            if (names.learn(k, a[i], b[i])) {
                continue;
            }
            switch (k) {
                case TraceEvent.KERNEL_START:
                    ports.kernelStarted();
                    break;
                case TraceEvent.ENTER:
                case TraceEvent.LEAVE:
                case TraceEvent.PIC_STATE:
                case TraceEvent.POST:
                    continue;
                case TraceEvent.PIN:
                    if (a[i] == Pins.OUT1) {
                        continue;
                    }
                    break;
                default:
                    break;
            }
            // ports are named from every access, inside the window or not: the PIC's position
            // in its initialization sequence depends on all of them
            String meaning = meaning(k, a[i], b[i]);
            if (!window.contains(time[i])) {
                continue;
            }
            line.setLength(0);
            TraceText.append(line, time[i], k, a[i], b[i]);
            if (!meaning.isEmpty()) {
                line.append("  ").append(meaning);
            }
            line.append('\n');
            out.append(line);
        }
        out.flush();
    }

    private String meaning(int kind, int a, int b) {
        switch (kind) {
            case TraceEvent.PORT_IN:
                return ports.in(a, b);
            case TraceEvent.PORT_OUT:
                return ports.out(a, b);
            case TraceEvent.BH_RUN:
                String bh = names.bottomHalf(a);
                return bh == null ? "" : bh;
            case TraceEvent.TASK_RUN:
                return names.symbol(a);
            case TraceEvent.PROCESS_STATE:
                return names.comm(a);
            default:
                return "";
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
