package irq0.trace;

import irq0.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TraceRecorder.Drain} that draws its {@link Window} as an SVG picture, written when the
 * run ends: the waveforms of OUT0, IRQ0, INT, INTA and IF over the whole window; the same wires
 * over the few PIT clocks around the first interrupt in it, clock by clock; and, under them, the
 * kernel's nested slices of that interrupt as a flame chart. The kernel model takes no virtual
 * time, so the flame chart's x axis is the order of the kernel's events within their clock, not
 * time (the picture says so). The same run gives the same bytes.
 */
public final class TickPicture implements TraceRecorder.Drain {
    private static final int[] WIRES = {Pins.OUT0, Pins.IRQ0, Pins.INT, Pins.INTA, Pins.IF};
    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int ROW = 22;
    private static final int ZOOM_CLOCKS = 6;

    private final BufferedWriter out;
    private final Window window;
    private final String title;
    private final KernelNames names;
    private final int[] levelAtStart = new int[Pins.COUNT];
    /** Pin changes inside the window: clock, pin, level. */
    private final List<long[]> changes = new ArrayList<>();
    /** The kernel's slices of the first interrupt in the window: name, depth, first and last event index. */
    private final List<Object[]> slices = new ArrayList<>();
    private final List<Object[]> openSlices = new ArrayList<>();
    private long interruptClock = -1;
    private boolean interruptDone;
    private int kernelEvents;

    public TickPicture(OutputFile file, Window window, TraceStrings strings, String title) {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.window = window;
        this.title = title;
        this.names = new KernelNames(strings);
        java.util.Arrays.fill(levelAtStart, -1);
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) {
        for (int i = 0; i < count; i++) {
            long t = time[i];
            int k = kind[i];
            if (names.learn(k, a[i], b[i]) || t > window.to) {
                continue;
            }
            if (k == TraceEvent.PIN && a[i] >= 0 && a[i] < Pins.COUNT) {
                if (t < window.from) {
                    levelAtStart[a[i]] = b[i];
                } else {
                    changes.add(new long[] {t, a[i], b[i]});
                }
            } else if (t >= window.from && !interruptDone) {
                kernelEvent(t, k, a[i], b[i]);
            }
        }
    }

    private void kernelEvent(long t, int k, int a, int b) {
        String name = names.sliceName(k, a, b);
        boolean leave = k == TraceEvent.LEAVE;
        if (name == null && !leave || k == TraceEvent.ENTER && a == KernelSlice.PROCESS
                || leave && a == KernelSlice.PROCESS) {
            return;
        }
        if (interruptClock < 0) {
            if (k != TraceEvent.ENTER || a != KernelSlice.INTERRUPT) {
                return;
            }
            interruptClock = t;
        }
        kernelEvents++;
        if (leave) {
            if (!openSlices.isEmpty()) {
                Object[] s = openSlices.remove(openSlices.size() - 1);
                s[3] = kernelEvents;
            }
            if (openSlices.isEmpty()) {
                interruptDone = true;
            }
            return;
        }
        Object[] s = {name, openSlices.size(), kernelEvents, -1};
        slices.add(s);
        openSlices.add(s);
    }

    @Override
    public void close() throws IOException {
        for (Object[] s : openSlices) {
            s[3] = kernelEvents + 1;
        }
        int flameRows = 0;
        for (Object[] s : slices) {
            flameRows = Math.max(flameRows, (Integer) s[1] + 1);
        }
        int wavesTop = 50;
        int zoomTop = wavesTop + WIRES.length * ROW + 50;
        int flameTop = zoomTop + WIRES.length * ROW + 50;
        int height = flameTop + Math.max(1, flameRows) * ROW + 40;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(sb, LEFT, 20, 14, title);
        long from = window.from;
        long to = window.to == Long.MAX_VALUE ? lastChange() : window.to;
        text(sb, LEFT, wavesTop - 12, 12, "the window, " + us(from) + " to " + us(to) + " us of virtual time");
        waves(sb, wavesTop, from, Math.max(to, from + 1));
        if (interruptClock >= 0) {
            long zf = Math.max(from, interruptClock - ZOOM_CLOCKS);
            long zt = interruptClock + ZOOM_CLOCKS;
            text(sb, LEFT, zoomTop - 12, 12, "PIT clocks " + zf + " to " + zt + " around the interrupt (one clock = 838 ns)");
            waves(sb, zoomTop, zf, zt);
            for (long c = zf; c <= zt; c++) {
                double x = x(c, zf, zt);
                sb.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(zoomTop - 4).append("\" x2=\"").append(fmt(x))
                        .append("\" y2=\"").append(zoomTop + WIRES.length * ROW).append("\" stroke=\"#ddd\"/>\n");
            }
            text(sb, LEFT, flameTop - 12, 12, "the kernel at clock " + interruptClock
                    + ", nested as called (the model takes no virtual time: left to right is the order they ran)");
            flame(sb, flameTop);
        } else {
            text(sb, LEFT, zoomTop, 12, "no interrupt entered the kernel in this window");
        }
        sb.append("</svg>\n");
        out.append(sb);
        out.flush();
    }

    private long lastChange() {
        return changes.isEmpty() ? window.from + 1 : changes.get(changes.size() - 1)[0];
    }

    private void waves(StringBuilder sb, int top, long from, long to) {
        for (int w = 0; w < WIRES.length; w++) {
            int pin = WIRES[w];
            int y = top + w * ROW;
            text(sb, 8, y + 14, 12, Pins.name(pin));
            int level = levelAt(pin, from);
            StringBuilder path = new StringBuilder();
            double px = LEFT;
            path.append('M').append(fmt(px)).append(',').append(yOf(y, level));
            for (long[] c : changes) {
                if (c[1] != pin || c[0] < from || c[0] > to) {
                    continue;
                }
                double cx = x(c[0], from, to);
                if (pin == Pins.INTA) {
                    if (c[2] != 0) {
                        // an acknowledge takes no virtual time: drawn as a mark
                        sb.append("<path d=\"M").append(fmt(cx)).append(',').append(y + 18).append(" l-4,-14 h8 z\" fill=\"#c33\"/>\n");
                    }
                    continue;
                }
                int v = (int) c[2];
                path.append(" H").append(fmt(cx)).append(" V").append(yOf(y, v));
                level = v;
            }
            path.append(" H").append(WIDTH - RIGHT);
            if (pin != Pins.INTA) {
                sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1a5fb4\" stroke-width=\"1.5\"/>\n");
            } else {
                sb.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y + 18).append("\" x2=\"").append(WIDTH - RIGHT)
                        .append("\" y2=\"").append(y + 18).append("\" stroke=\"#999\"/>\n");
            }
        }
    }

    private int levelAt(int pin, long clock) {
        int level = levelAtStart[pin];
        for (long[] c : changes) {
            if (c[0] >= clock) {
                break;
            }
            if (c[1] == pin) {
                level = (int) c[2];
            }
        }
        return level < 0 ? 0 : level;
    }

    /**
     * The slices as an icicle chart: each as wide as its name or its children side by side,
     * whichever is wider, children in the order they ran, scaled down if the whole is too wide.
     */
    private void flame(StringBuilder sb, int top) {
        List<Object[]> roots = new ArrayList<>();
        for (Object[] s : slices) {
            if ((Integer) s[1] == 0) {
                roots.add(s);
            }
        }
        double total = 0;
        for (Object[] r : roots) {
            total += width(r);
        }
        double scale = Math.min(1, (WIDTH - LEFT - RIGHT) / Math.max(1, total));
        double x = LEFT;
        for (Object[] r : roots) {
            x = draw(sb, r, x, top, scale);
        }
    }

    private List<Object[]> children(Object[] parent) {
        List<Object[]> kids = new ArrayList<>();
        int depth = (Integer) parent[1] + 1;
        for (Object[] s : slices) {
            if ((Integer) s[1] == depth && (Integer) s[2] > (Integer) parent[2] && (Integer) s[3] <= (Integer) parent[3]) {
                kids.add(s);
            }
        }
        return kids;
    }

    private double width(Object[] slice) {
        double kids = 0;
        for (Object[] c : children(slice)) {
            kids += width(c) + 4;
        }
        return Math.max(((String) slice[0]).length() * 7.3 + 10, kids + 4);
    }

    private double draw(StringBuilder sb, Object[] slice, double x, int top, double scale) {
        double w = width(slice) * scale;
        int depth = (Integer) slice[1];
        int y = top + depth * ROW;
        sb.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                .append("\" height=\"").append(ROW - 2).append("\" fill=\"").append(depth % 2 == 0 ? "#f6d32d" : "#f8e45c")
                .append("\" stroke=\"#986a44\"/>\n");
        text(sb, x + 4, y + 15, 12, (String) slice[0]);
        double cx = x + 2 * scale;
        for (Object[] c : children(slice)) {
            cx = draw(sb, c, cx, top, scale) + 4 * scale;
        }
        return x + w;
    }

    private static String yOf(int y, int level) {
        return Integer.toString(level != 0 ? y + 4 : y + 18);
    }

    private static double x(long clock, long from, long to) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) (clock - from) / (double) (to - from);
    }

    private static String us(long clock) {
        long ns = VirtualTime.toNanos(clock);
        return (ns / 1000) + "." + String.format("%03d", ns % 1000);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static void text(StringBuilder sb, double x, int y, int size, String s) {
        sb.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" font-size=\"").append(size).append("\">");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : String.valueOf(c));
        }
        sb.append("</text>\n");
    }
}
