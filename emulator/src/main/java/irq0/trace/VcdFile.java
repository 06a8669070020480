package irq0.trace;

import irq0.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@link TraceRecorder.Drain} that turns {@link TraceEvent#PIN} events into a Value Change Dump
 * (IEEE 1364 section 18) that GTKWave opens: one 1-bit wire per {@link Pins} id, time in
 * nanoseconds of virtual time. INTA is an {@code event} variable: an acknowledge takes no virtual
 * time, so it is drawn as a trigger rather than a pulse of zero width. Wires start as {@code x}
 * until their first reported level. No wall-clock date is written, so the same run gives the same
 * bytes. Written to a temporary file and moved into place on close.
 */
public final class VcdFile implements TraceRecorder.Drain {
    private final PendingFile file;
    private final BufferedWriter out;
    private final int[] level = new int[Pins.COUNT];
    private long lastNs = -1;

    public VcdFile(Path target) throws IOException {
        this.file = new PendingFile(target, StandardCharsets.US_ASCII);
        this.out = file.out;
        java.util.Arrays.fill(level, -1);
        out.write("$version irq0 $end\n$timescale 1ns $end\n$scope module pc_at $end\n");
        for (int p = 0; p < Pins.COUNT; p++) {
            out.write("$var " + (p == Pins.INTA ? "event" : "wire") + " 1 " + id(p) + " " + Pins.name(p) + " $end\n");
        }
        out.write("$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
        for (int p = 0; p < Pins.COUNT; p++) {
            if (p != Pins.INTA) {
                out.write("x" + id(p) + "\n");
            }
        }
        out.write("$end\n");
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
            int pin = a[i];
            int v = b[i] != 0 ? 1 : 0;
            if (pin == Pins.INTA) {
                if (v == 0) {
                    continue;
                }
            } else if (level[pin] == v) {
                continue;
            }
            long ns = VirtualTime.toNanos(time[i]);
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
    }

    @Override
    public void close() throws IOException {
        file.publish();
    }

    /** Drops the temporary file without publishing it. */
    public void discard() throws IOException {
        file.discard();
    }
}
