package irq0.cpu;

import irq0.trace.Trace;
import irq0.trace.TraceText;
import java.util.ArrayList;
import java.util.List;

/** A trace kept in memory as text lines and as raw events, for assertions. */
final class Recording implements Trace {
    final List<long[]> events = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public void record(long time, int kind, int a, int b) {
        events.add(new long[] {time, kind, a, b});
        lines.add(TraceText.line(time, kind, a, b));
    }

    /** Times of events of {@code kind} whose first argument is {@code a}. */
    List<Long> times(int kind, int a) {
        List<Long> t = new ArrayList<>();
        for (long[] e : events) {
            if (e[1] == kind && e[2] == a) {
                t.add(e[0]);
            }
        }
        return t;
    }
}
