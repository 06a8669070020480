package irq0.trace;

import java.util.HashMap;
import java.util.Map;

/**
 * The names a run's events refer to by number: functions at addresses ({@link TraceEvent#SYMBOL},
 * "sched:intrpt_routine"), bottom halves ("TIMER_BH"), processes ("insmod"), learnt from the
 * naming events in order, so an address reused after rmmod is named as it was at the time.
 */
final class KernelNames {
    private final TraceStrings strings;
    private final Map<Integer, String> symbols = new HashMap<>();
    private final Map<Integer, String> bottomHalves = new HashMap<>();
    private final Map<Integer, String> comms = new HashMap<>();

    KernelNames(TraceStrings strings) {
        this.strings = strings;
    }

    /** Takes in a naming event; true if {@code kind} was one (it says nothing else). */
    boolean learn(int kind, int a, int b) {
        switch (kind) {
            case TraceEvent.SYMBOL:
                symbols.put(a, strings.text(b));
                return true;
            case TraceEvent.BH_NAME:
                bottomHalves.put(a, strings.text(b));
                return true;
            case TraceEvent.PROCESS_NAME:
                comms.put(a, strings.text(b));
                return true;
            default:
                return false;
        }
    }

    String text(int n) {
        return strings.text(n);
    }

    /** "sched:intrpt_routine", or the address in hex when nothing was loaded there. */
    String symbol(int address) {
        String s = symbols.get(address);
        return s != null ? s : String.format("0x%08x", address);
    }

    /** "TIMER_BH", or null for a number never named. */
    String bottomHalf(int nr) {
        return bottomHalves.get(nr);
    }

    /** The comm of process {@code pid}: "swapper" for pid 0. */
    String comm(int pid) {
        String s = comms.get(pid);
        return s != null ? s : pid == 0 ? "swapper" : "pid" + pid;
    }

    /**
     * The name of the kernel slice that {@code kind} (DO_IRQ, BH_RUN, TASK_RUN or ENTER) begins,
     * as the timeline and the picture show it, or null when {@code kind} begins none.
     */
    String sliceName(int kind, int a, int b) {
        switch (kind) {
            case TraceEvent.DO_IRQ:
                return "do_IRQ";
            case TraceEvent.BH_RUN:
                String bh = bottomHalf(a);
                return bh != null ? bh : "bottom half " + a;
            case TraceEvent.TASK_RUN:
                return symbol(a);
            case TraceEvent.ENTER:
                switch (a) {
                    case KernelSlice.INTERRUPT:
                        return "IRQ" + b + " entry";
                    case KernelSlice.IRQ_ACTION:
                        return "irqaction \"" + strings.text(b >> 8) + "\"";
                    case KernelSlice.RUN_TASK_QUEUE:
                        return "run_task_queue(&" + KernelSlice.queueName(b) + ")";
                    case KernelSlice.TIMER:
                        return symbol(b);
                    case KernelSlice.PROCESS:
                        return comm(b) + " (pid " + b + ")";
                    default:
                        return KernelSlice.name(a);
                }
            default:
                return null;
        }
    }
}
