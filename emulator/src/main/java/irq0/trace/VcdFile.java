package irq0.trace;

import irq0.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TraceRecorder.Drain} that turns {@link TraceEvent#PIN} events into a Value Change Dump
 * (IEEE 1364 section 18) that GTKWave opens: one 1-bit wire per {@link Pins} id, time in
 * nanoseconds of virtual time. INTA is an {@code event} variable: an acknowledge takes no virtual
 * time, so it is drawn as a trigger rather than a pulse of zero width. The {@code $dumpvars}
 * block gives every wire's level at the start of the {@link Window} (the levels reported at or
 * before it; {@code x} for a wire never reported); changes after it follow, up to the window's
 * end. No wall-clock date is written, so the same run gives the same bytes.
 */
public final class VcdFile implements TraceRecorder.Drain {
    private final BufferedWriter out;
    private final Window window;
    private final int[] level = new int[Pins.COUNT];
    private boolean dumped;
    private long lastNs = -1;

    public VcdFile(OutputFile file, Window window) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.US_ASCII), 1 << 16);
        this.window = window;
        java.util.Arrays.fill(level, -1);
        out.write("$version irq0 $end\n$timescale 1ns $end\n$scope module pc_at $end\n");
        for (int p = 0; p < Pins.COUNT; p++) {
            out.write("$var " + (p == Pins.INTA ? "event" : "wire") + " 1 " + id(p) + " " + Pins.name(p) + " $end\n");
        }
        out.write("$upscope $end\n$enddefinitions $end\n");
    }

    private static String id(int pin) {
        return String.valueOf((char) ('!' + pin));
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (kind[i] != TraceEvent.PIN || a[i] < 0 || a[i] >= Pins.COUNT) {
                continue;
            }
            long t = time[i];
            int pin = a[i];
            int v = b[i] != 0 ? 1 : 0;
            if (t <= window.from) {
                if (pin != Pins.INTA) {
                    level[pin] = v;
                }
                continue;
            }
            if (t > window.to) {
                continue;
            }
            dumpVars();
            if (pin == Pins.INTA) {
                if (v == 0) {
                    continue;
                }
            } else if (level[pin] == v) {
                continue;
            }
            long ns = VirtualTime.toNanos(t);
            if (ns != lastNs) {
                out.write('#');
                out.write(Long.toString(ns));
                out.write('\n');
                lastNs = ns;
            }
            level[pin] = v;
            out.write(v == 1 ? '1' : '0');
            out.write(id(pin));
            out.write('\n');
        }
        out.flush();
    }

    /** The levels at the window's start, once, before the first change after it. */
    private void dumpVars() throws IOException {
        if (dumped) {
            return;
        }
        dumped = true;
        lastNs = VirtualTime.toNanos(window.from);
        out.write("#" + lastNs + "\n$dumpvars\n");
        for (int p = 0; p < Pins.COUNT; p++) {
            if (p != Pins.INTA) {
                out.write((level[p] < 0 ? "x" : Integer.toString(level[p])) + id(p) + "\n");
            }
        }
        out.write("$end\n");
    }

    @Override
    public void close() throws IOException {
        dumpVars();
        out.flush();
    }
}
