package irq0.kernel;

import irq0.time.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel log: printk lines stamped with virtual time as dmesg shows them, kept in order and
 * passed to the console as they are written.
 */
public final class Printk {
    private final List<String> lines = new ArrayList<>();
    private Consumer<String> console = line -> { };

    void setConsole(Consumer<String> console) {
        this.console = console;
    }

    /** Logs {@code text} (one line, without its newline) at virtual time {@code clocks}. */
    public void printk(long clocks, String text) {
        String line = VirtualTime.dmesgStamp(clocks) + " " + text;
        lines.add(line);
        console.accept(line);
    }

    /** Every line logged so far, stamps included. */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
