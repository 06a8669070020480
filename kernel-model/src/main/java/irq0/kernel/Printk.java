package irq0.kernel;

import irq0.time.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel log: printk lines kept in order and passed to the console as they are written. 2.2's
 * printk (kernel/printk.c) adds nothing but the log level, which the console does not show, so a
 * line is the text as the kernel wrote it; the "[    1.230000]" prefix of later kernels'
 * CONFIG_PRINTK_TIME (2.6) is available as an option, stamped with virtual time.
 */
public final class Printk {
    private final List<String> lines = new ArrayList<>();
    private Consumer<String> console = line -> { };
    private boolean printkTime;

    void setConsole(Consumer<String> console) {
        this.console = console;
    }

    void setPrintkTime(boolean printkTime) {
        this.printkTime = printkTime;
    }

    /** Logs {@code text} (one line, without its newline) at virtual time {@code clocks}. */
    public void printk(long clocks, String text) {
        String line = printkTime ? VirtualTime.dmesgStamp(clocks) + " " + text : text;
        lines.add(line);
        console.accept(line);
    }

    /** Every line logged so far, stamps included when they are on. */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
