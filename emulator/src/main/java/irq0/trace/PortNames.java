package irq0.trace;

/**
 * What an I/O access means on the PC/AT, in the datasheets' words, for the text trace and the
 * timeline: "PIT control: counter 0, LSB+MSB, mode 2, binary", "PIC1 OCW2: non-specific EOI",
 * "PIC1 IRR". The 8259A's meaning of a write depends on where its initialization sequence is
 * (ICW1 → ICW2 → ICW3 if cascaded → ICW4 if asked for, 8259A datasheet "Initialization Command
 * Words") and a read of its even port on the last OCW3 (IRR or ISR), so each PIC's position is
 * followed here from the writes seen. Port 0x80 is a POST code until the kernel starts, then
 * outb_p's delay write (SLOW_DOWN_IO).
 */
public final class PortNames {
    private final int[] icwExpected = new int[2];
    private final boolean[] single = new boolean[2];
    private final boolean[] icw4 = new boolean[2];
    private final boolean[] readIsr = new boolean[2];
    private boolean kernel;

    /** From now on a write to 0x80 is the kernel's delay, not a POST code. */
    public void kernelStarted() {
        kernel = true;
    }

    /** The meaning of a read of {@code port} that returned {@code value}; "" for a port with none. */
    public String in(int port, int value) {
        switch (port) {
            case 0x20:
            case 0xA0:
                return pic(port) + (readIsr[pic01(port)] ? " ISR" : " IRR");
            case 0x21:
            case 0xA1:
                return pic(port) + " IMR";
            case 0x40:
            case 0x41:
            case 0x42:
                return "PIT counter " + (port - 0x40);
            case 0x61:
                return "port B: OUT2 " + (value >>> 5 & 1) + ", refresh " + (value >>> 4 & 1);
            default:
                return "";
        }
    }

    /** The meaning of writing {@code value} to {@code port}; "" for a port with none. */
    public String out(int port, int value) {
        switch (port) {
            case 0x20:
            case 0xA0:
                return picCommand(port, value);
            case 0x21:
            case 0xA1:
                return picData(port, value);
            case 0x40:
            case 0x41:
            case 0x42:
                return "PIT counter " + (port - 0x40);
            case 0x43:
                return pitControl(value);
            case 0x61:
                return "port B: GATE2 " + (value & 1) + ", speaker data " + (value >>> 1 & 1);
            case 0x80:
                return kernel ? "delay (outb_p's SLOW_DOWN_IO write)" : "POST code";
            case 0xE9:
                return value >= 0x20 && value < 0x7F ? "debug console '" + (char) value + "'" : "debug console";
            case 0xF4:
                return "isa-debug-exit";
            default:
                return "";
        }
    }

    private static int pic01(int port) {
        return port >= 0xA0 ? 1 : 0;
    }

    private static String pic(int port) {
        return port >= 0xA0 ? "PIC2" : "PIC1";
    }

    private String picCommand(int port, int value) {
        int p = pic01(port);
        if ((value & 0x10) != 0) {
            icwExpected[p] = 2;
            single[p] = (value & 0x02) != 0;
            icw4[p] = (value & 0x01) != 0;
            return pic(port) + " ICW1: " + ((value & 0x08) != 0 ? "level" : "edge") + " triggered, "
                    + (single[p] ? "single" : "cascade") + (icw4[p] ? ", ICW4 needed" : "");
        }
        if ((value & 0x08) == 0) {
            int r = value >>> 5 & 7;
            int level = value & 7;
            switch (r) {
                case 1: return pic(port) + " OCW2: non-specific EOI";
                case 3: return pic(port) + " OCW2: specific EOI, IR" + level;
                case 5: return pic(port) + " OCW2: rotate on non-specific EOI";
                case 7: return pic(port) + " OCW2: rotate on specific EOI, IR" + level;
                case 6: return pic(port) + " OCW2: set priority, IR" + level + " lowest";
                case 4: return pic(port) + " OCW2: rotate in AEOI mode (set)";
                case 0: return pic(port) + " OCW2: rotate in AEOI mode (clear)";
                default: return pic(port) + " OCW2: no operation";
            }
        }
        StringBuilder sb = new StringBuilder(pic(port)).append(" OCW3:");
        if ((value & 0x02) != 0) {
            readIsr[p] = (value & 0x01) != 0;
            sb.append(readIsr[p] ? " read ISR" : " read IRR");
        }
        if ((value & 0x04) != 0) {
            sb.append(" poll");
        }
        if ((value & 0x40) != 0) {
            sb.append((value & 0x20) != 0 ? " set special mask" : " reset special mask");
        }
        return sb.length() == 10 ? sb.append(" no operation").toString() : sb.toString();
    }

    private String picData(int port, int value) {
        int p = pic01(port);
        switch (icwExpected[p]) {
            case 2:
                icwExpected[p] = single[p] ? (icw4[p] ? 4 : 0) : 3;
                return pic(port) + " ICW2: vectors " + TimelineFile.hex2(value & 0xF8) + "-" + TimelineFile.hex2((value & 0xF8) + 7);
            case 3:
                icwExpected[p] = icw4[p] ? 4 : 0;
                return pic(port) + (p == 0 ? " ICW3: slaves on IR mask " + TimelineFile.hex2(value)
                        : " ICW3: slave id " + (value & 7));
            case 4:
                icwExpected[p] = 0;
                return pic(port) + " ICW4: " + ((value & 0x01) != 0 ? "8086 mode" : "MCS-80/85 mode")
                        + ((value & 0x02) != 0 ? ", auto EOI" : ", normal EOI")
                        + ((value & 0x10) != 0 ? ", special fully nested" : "");
            default:
                return pic(port) + " OCW1: IMR " + mask(value);
        }
    }

    /** "masked IR0 IR2..." or "nothing masked". */
    private static String mask(int value) {
        if (value == 0) {
            return "= 0x00 (nothing masked)";
        }
        StringBuilder sb = new StringBuilder("= ").append(TimelineFile.hex2(value)).append(" (masked:");
        for (int i = 0; i < 8; i++) {
            if ((value >>> i & 1) != 0) {
                sb.append(" IR").append(i);
            }
        }
        return sb.append(')').toString();
    }

    /** 8254 datasheet, "Control Word Format": SC1-SC0, RW1-RW0, M2-M0, BCD. */
    static String pitControl(int value) {
        int sc = value >>> 6 & 3;
        int rw = value >>> 4 & 3;
        if (sc == 3) {
            StringBuilder sb = new StringBuilder("PIT read-back:");
            if ((value & 0x20) == 0) {
                sb.append(" count");
            }
            if ((value & 0x10) == 0) {
                sb.append(" status");
            }
            sb.append(" of counter");
            for (int c = 0; c < 3; c++) {
                if ((value >>> (c + 1) & 1) != 0) {
                    sb.append(' ').append(c);
                }
            }
            return sb.toString();
        }
        if (rw == 0) {
            return "PIT control: counter " + sc + ", latch the count";
        }
        int mode = value >>> 1 & 7;
        if (mode > 5) {
            mode -= 4; // 110 and 111 are modes 2 and 3
        }
        return "PIT control: counter " + sc + ", " + (rw == 1 ? "LSB only" : rw == 2 ? "MSB only" : "LSB+MSB")
                + ", mode " + mode + ", " + ((value & 1) != 0 ? "BCD" : "binary");
    }
}
