package irq0.trace;

/** Ids of the board's wires, for {@link TraceEvent#PIN} events and the VCD waveform. */
public final class Pins {
    public static final int OUT0 = 0;
    public static final int OUT1 = 1;
    public static final int OUT2 = 2;
    public static final int GATE2 = 3;
    /** IRQ0..IRQ15 are IRQ0 + n. */
    public static final int IRQ0 = 4;
    public static final int INT = 20;
    public static final int INTA = 21;
    public static final int IF = 22;
    public static final int COUNT = 23;

    private Pins() {
    }

    public static String name(int pin) {
        if (pin >= IRQ0 && pin < IRQ0 + 16) {
            return "IRQ" + (pin - IRQ0);
        }
        switch (pin) {
            case OUT0: return "OUT0";
            case OUT1: return "OUT1";
            case OUT2: return "OUT2";
            case GATE2: return "GATE2";
            case INT: return "INT";
            case INTA: return "INTA";
            case IF: return "IF";
            default: return "pin" + pin;
        }
    }
}
