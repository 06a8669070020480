package irq0.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The texts a {@link TraceRecorder}'s events refer to by number ({@link Trace#intern}). */
public final class TraceStrings {
    private final List<String> texts = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();

    public synchronized int intern(String text) {
        Integer n = numbers.get(text);
        if (n == null) {
            n = texts.size();
            texts.add(text);
            numbers.put(text, n);
        }
        return n;
    }

    /** The text numbered {@code n}, or "?" for a number never given out. */
    public synchronized String text(int n) {
        return n >= 0 && n < texts.size() ? texts.get(n) : "?";
    }
}
