package irq0.trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link Trace} that keeps events in preallocated primitive arrays and hands them to a
 * {@link Drain} a block at a time, so that recording costs four array stores and formatting
 * happens off the hot path, in bulk.
 */
public final class TraceRecorder implements Trace, AutoCloseable {
    /** Receives blocks of events, oldest first. */
    public interface Drain {
        void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException;

        /** The run is over (or cut short): write what ends the output and flush it. */
        void close() throws IOException;
    }

    /** One drain that hands every block to each of {@code drains} in turn. */
    public static Drain fanOut(java.util.List<Drain> drains) {
        Drain[] all = drains.toArray(new Drain[0]);
        if (all.length == 1) {
            return all[0];
        }
        return new Drain() {
            @Override
            public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
                for (Drain d : all) {
                    d.accept(time, kind, a, b, count);
                }
            }

            @Override
            public void close() throws IOException {
                for (Drain d : all) {
                    d.close();
                }
            }
        };
    }

    private final long[] time;
    private final int[] kind;
    private final int[] a;
    private final int[] b;
    private final Drain drain;
    private final TraceStrings strings;
    private int count;

    public TraceRecorder(int capacity, Drain drain) {
        this(capacity, drain, new TraceStrings());
    }

    /** {@code strings}: where {@link #intern} keeps texts, shared with the drains that print them. */
    public TraceRecorder(int capacity, Drain drain, TraceStrings strings) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.time = new long[capacity];
        this.kind = new int[capacity];
        this.a = new int[capacity];
        this.b = new int[capacity];
        this.drain = drain;
        this.strings = strings;
    }

    @Override
    public int intern(String text) {
        return strings.intern(text);
    }

    @Override
    public void record(long t, int k, int x, int y) {
        if (count == time.length) {
            flush();
        }
        time[count] = t;
        kind[count] = k;
        a[count] = x;
        b[count] = y;
        count++;
    }

    public void flush() {
        try {
            drain.accept(time, kind, a, b, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            drain.close();
        }
    }
}
