package irq0.kernel;

import irq0.kernel.sched.Process;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * What a release prints of a kernel fault that the other does not print the same way: the lines of
 * no_context (arch/i386/mm/fault.c) after "Unable to handle ...", the EIP line, the process line,
 * the Call Trace and the Code of show_registers (arch/i386/kernel/traps.c), what do_exit does in
 * interrupt context (kernel/exit.c), the words a bottom half's call leaves on the stack, and why
 * panic (kernel/panic.c) does not sync. {@link KernelVersion#newOopsReport} makes one at boot and
 * {@link Kernel#die} says the rest, which both releases print alike; so the report paths ask no
 * release question. Used only once a fault has happened, never on the tick.
 */
public abstract class OopsReport {
    /** printk, stamped as the kernel stamps it. */
    protected final Consumer<String> printk;

    protected OopsReport(Consumer<String> printk) {
        this.printk = printk;
    }

    /** no_context's lines between "Unable to handle kernel ..." and the page table entries. */
    public abstract void noContext(int eip);

    /** show_registers' EIP line. */
    public abstract String eipLine(int eip);

    /** show_registers' line naming the process whose kernel stack it shows. */
    public abstract String processLine(Process current, int stackPage);

    /** show_registers' Call Trace over the stack's words, innermost first. */
    public abstract void callTrace(int[] words);

    /** What show_registers prints after "Code: " for the code at {@code eip}. */
    public abstract String code(int eip);

    /** The line do_exit prints, or panics with, when an interrupt handler dies. */
    public abstract String killingInterruptHandler();

    /** Whether do_exit panics in interrupt context rather than printing and going on. */
    public abstract boolean panicsInInterrupt();

    /**
     * The words the call of bottom half {@code nr}'s routine leaves on the stack, innermost first,
     * written to {@code out} from {@code n}; returns the index after them.
     */
    public abstract int bottomHalfFrame(int[] out, int n, int nr);

    /** The line panic prints about not syncing, or null for none. */
    public abstract String notSyncing(boolean idleTask, boolean inInterrupt);

    /**
     * The Call Trace loop both releases run over the stack words: {@code entry} for each word
     * {@code isText} takes for a code address, after {@code head}; before every {@code perLine}-th
     * a new line begun with {@code indent}.
     */
    protected final void printCallTrace(int[] words, IntPredicate isText, String head, String indent, String entry, int perLine) {
        StringBuilder line = new StringBuilder(head);
        int n = 1;
        for (int w : words) {
            if (isText.test(w)) {
                if (n % perLine == 0) {
                    printk.accept(line.toString());
                    line.setLength(0);
                    line.append(indent);
                }
                line.append(String.format(entry, w));
                n++;
            }
        }
        printk.accept(line.toString());
    }

    /** show_registers' code bytes, "%02x " each, {@code code} being the 20 at EIP. */
    static String hexBytes(byte[] code) {
        StringBuilder b = new StringBuilder();
        for (byte c : code) {
            b.append(String.format("%02x ", c & 0xFF));
        }
        return b.toString();
    }
}
