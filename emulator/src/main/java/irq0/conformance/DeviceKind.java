package irq0.conformance;

import java.util.Locale;

/** The devices of FORMAT.md and what each one has: ports, counters, request lines, pins. */
public enum DeviceKind {
    PIT8254("pit8254"),
    PIT8253("pit8253"),
    PIC8259("pic8259"),
    PIC8259X2("pic8259x2"),
    BOARD("board");

    private final String vectorName;

    DeviceKind(String vectorName) {
        this.vectorName = vectorName;
    }

    public String vectorName() {
        return vectorName;
    }

    public static DeviceKind byName(String name) {
        for (DeviceKind k : values()) {
            if (k.vectorName.equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return null;
    }

    boolean hasPit() {
        return this == PIT8254 || this == PIT8253 || this == BOARD;
    }

    boolean hasPic() {
        return this == PIC8259 || this == PIC8259X2 || this == BOARD;
    }

    /** Whether the CPU can address {@code port} on this device (the board decodes every port). */
    boolean hasPort(int port) {
        switch (this) {
            case PIT8254:
            case PIT8253:
                return port >= 0x40 && port <= 0x43;
            case PIC8259:
                return port == 0x20 || port == 0x21;
            case PIC8259X2:
                return port == 0x20 || port == 0x21 || port == 0xA0 || port == 0xA1;
            default:
                return port >= 0 && port <= 0xFFFF;
        }
    }

    /** Request lines a vector may drive. */
    boolean drivesIrq(int n) {
        switch (this) {
            case PIC8259:
                return n >= 0 && n <= 7;
            case PIC8259X2:
                return n >= 0 && n <= 15 && n != 2; // master IR2 carries the slave's INT
            case BOARD:
                return n >= 0 && n <= 15 && n != 0 && n != 2;
            default:
                return false;
        }
    }

    boolean hasPin(String pin) {
        switch (pin) {
            case "OUT0":
            case "OUT1":
            case "OUT2":
                return hasPit();
            case "INT":
                return hasPic();
            default:
                return false;
        }
    }

    /** GATE is a vector step only where the counters' gates are free inputs. */
    boolean hasGateInputs() {
        return this == PIT8254 || this == PIT8253;
    }
}
