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
    /** A bottom half's routine is entered: a = bottom-half number ({@link KernelSlice#BOTTOM_HALF}). */
    public static final int BH_RUN = 7;
    /** A task's routine is entered: a = its address, b = queue id ({@link KernelSlice#TASK}). */
    public static final int TASK_RUN = 8;
    /** A read of an unmapped port: a = port. */
    public static final int UNMAPPED_IN = 9;
    /** A write of an unmapped port: a = port, b = value. */
    public static final int UNMAPPED_OUT = 10;
    /** A diagnostic from a part about guest input the datasheet leaves undefined: a = code. */
    public static final int DIAGNOSTIC = 11;
    /** POST code written to port 0x80: a = code. */
    public static final int POST = 12;
    /** The kernel's do_IRQ entered: a = irq ({@link KernelSlice#DO_IRQ}). */
    public static final int DO_IRQ = 13;
    /** A kernel function entered: a = {@link KernelSlice} id, b = its argument. */
    public static final int ENTER = 14;
    /** A kernel function returns (or the run stopped in it): a = {@link KernelSlice} id, b = its argument. */
    public static final int LEAVE = 15;
    /** From now on, address a holds the function named by string b ({@link Trace#intern}). */
    public static final int SYMBOL = 16;
    /** Bottom half a is named by string b (TIMER_BH, TQUEUE_BH...). */
    public static final int BH_NAME = 17;
    /** Process a was created, named by string b (its comm: "sh", "insmod"...). */
    public static final int PROCESS_NAME = 18;
    /** Process a changed state: b = {@link #SLEEP}, {@link #WAKE_UP} or {@link #EXIT}. */
    public static final int PROCESS_STATE = 19;
    /** start_kernel ran: a = HZ. Port 0x80 writes from now on are outb_p's delay, not POST codes. */
    public static final int KERNEL_START = 20;
    /** A PIC's registers changed: a = 0 master, 1 slave; b = IRR | ISR &lt;&lt; 8 | IMR &lt;&lt; 16. */
    public static final int PIC_STATE = 22;
    /** A guest HLT stopped the CPU (b = 1) or an interrupt woke it (b = 0). */
    public static final int HALT = 21;

    public static final int SLEEP = 1;
    public static final int WAKE_UP = 2;
    public static final int EXIT = 3;

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
            case ENTER: return "enter";
            case LEAVE: return "leave";
            case SYMBOL: return "symbol";
            case BH_NAME: return "bh-name";
            case PROCESS_NAME: return "process";
            case PROCESS_STATE: return "process-state";
            case KERNEL_START: return "kernel-start";
            case HALT: return "hlt";
            case PIC_STATE: return "pic";
            default: return "kind" + kind;
        }
    }
}
