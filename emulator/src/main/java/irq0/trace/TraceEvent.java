package irq0.trace;

/** The kinds of {@link Trace} events and what their two arguments mean. */
public final class TraceEvent {
    /** CPU read of an I/O port: a = port, b = value returned. */
    public static final int PORT_IN = 1;
    /** CPU write of an I/O port: a = port, b = value. */
    public static final int PORT_OUT = 2;
    /** A wire changed level: a = {@link Pins} id, b = 0 or 1. */
    public static final int PIN = 3;
    /** An interrupt-acknowledge cycle: a = vector returned, b = 1 if spurious (no ISR bit). */
    public static final int INTA = 4;
    /** Interrupt entry (real mode or the stand-in): a = vector, b = IRQ number or -1. */
    public static final int INT_ENTRY = 5;
    /** Return from an interrupt: a = vector. */
    public static final int INT_EXIT = 6;
    /** A bottom half runs: a = bottom-half number. */
    public static final int BH_RUN = 7;
    /** A task-queue entry runs: a = task's routine address, b = queue id. */
    public static final int TASK_RUN = 8;
    /** A read of an unmapped port: a = port. */
    public static final int UNMAPPED_IN = 9;
    /** A write of an unmapped port: a = port, b = value. */
    public static final int UNMAPPED_OUT = 10;
    /** A diagnostic from a part about guest input the datasheet leaves undefined: a = code. */
    public static final int DIAGNOSTIC = 11;
    /** POST code written to port 0x80: a = code. */
    public static final int POST = 12;
    /** The kernel's do_IRQ entered: a = irq. */
    public static final int DO_IRQ = 13;

    private TraceEvent() {
    }

    public static String name(int kind) {
        switch (kind) {
            case PORT_IN: return "in";
            case PORT_OUT: return "out";
            case PIN: return "pin";
            case INTA: return "inta";
            case INT_ENTRY: return "int-entry";
            case INT_EXIT: return "int-exit";
            case BH_RUN: return "bh";
            case TASK_RUN: return "task";
            case UNMAPPED_IN: return "unmapped-in";
            case UNMAPPED_OUT: return "unmapped-out";
            case DIAGNOSTIC: return "diagnostic";
            case POST: return "post";
            case DO_IRQ: return "do_IRQ";
            default: return "kind" + kind;
        }
    }
}
