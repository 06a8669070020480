package irq0.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed, validated vector file (FORMAT.md): its device and its steps after the device line. */
public record Vector(Path file, DeviceKind device, List<Step> steps) {

    /** Reads and validates {@code file}; every problem is reported as file:line. */
    public static Vector read(Path file) throws VectorFormatException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new VectorFormatException(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new VectorFormatException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, lines);
    }

    public static Vector parse(Path file, List<String> lines) throws VectorFormatException {
        DeviceKind device = null;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i);
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            text = text.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] w = text.split("[ \t]+");
            String where = file + ":" + lineNo;
            if (device == null) {
                if (!w[0].equals("device")) {
                    throw new VectorFormatException(where + ": the first step must be 'device NAME', found '" + text + "'");
                }
                expectWords(where, w, 2, 2, "device NAME");
                device = DeviceKind.byName(w[1]);
                if (device == null) {
                    throw new VectorFormatException(where + ": unknown device '" + w[1]
                            + "' (known: pit8254, pit8253, pic8259, pic8259x2, board)");
                }
                continue;
            }
            steps.add(parseStep(where, lineNo, text, w, device));
        }
        if (device == null) {
            throw new VectorFormatException(file + ":1: missing 'device NAME' line");
        }
        return new Vector(file, device, List.copyOf(steps));
    }

    private static Step parseStep(String where, int lineNo, String text, String[] w, DeviceKind d)
            throws VectorFormatException {
        switch (w[0]) {
            case "device":
                throw new VectorFormatException(where + ": a second 'device' line");
            case "out": {
                expectWords(where, w, 3, 3, "out PORT VALUE");
                int port = port(where, w[1], d);
                return new Step(Step.Kind.OUT, lineNo, text, port, byteValue(where, w[2], "VALUE"), 0, null);
            }
            case "in": {
                expectWords(where, w, 3, 4, "in PORT VALUE [MASK]");
                int port = port(where, w[1], d);
                long mask = w.length == 4 ? byteValue(where, w[3], "MASK") : 0xFF;
                return new Step(Step.Kind.IN, lineNo, text, port, byteValue(where, w[2], "VALUE"), mask, null);
            }
            case "clk": {
                expectWords(where, w, 2, 2, "clk N");
                if (!d.hasPit()) {
                    throw new VectorFormatException(where + ": 'clk' on device " + d.vectorName() + ", which has no clock");
                }
                return new Step(Step.Kind.CLK, lineNo, text, number(where, w[1], "N"), 0, 0, null);
            }
            case "gate": {
                expectWords(where, w, 3, 3, "gate C LEVEL");
                if (!d.hasGateInputs()) {
                    throw new VectorFormatException(where + ": 'gate' is not a step of device " + d.vectorName()
                            + (d == DeviceKind.BOARD ? " (GATE2 is port 0x61 bit 0)" : ""));
                }
                long c = number(where, w[1], "C");
                if (c > 2) {
                    throw new VectorFormatException(where + ": counter " + c + " out of range 0-2");
                }
                return new Step(Step.Kind.GATE, lineNo, text, c, level(where, w[2]), 0, null);
            }
            case "pin": {
                expectWords(where, w, 3, 3, "pin NAME LEVEL");
                String name = w[1].toUpperCase(Locale.ROOT);
                if (!d.hasPin(name)) {
                    throw new VectorFormatException(where + ": device " + d.vectorName() + " has no output pin '" + w[1] + "'");
                }
                return new Step(Step.Kind.PIN, lineNo, text, level(where, w[2]), 0, 0, name);
            }
            case "irq": {
                expectWords(where, w, 3, 3, "irq N LEVEL");
                long n = number(where, w[1], "N");
                if (n > Integer.MAX_VALUE || !d.drivesIrq((int) n)) {
                    throw new VectorFormatException(where + ": request line " + n + " cannot be driven on device "
                            + d.vectorName() + irqHint(d));
                }
                return new Step(Step.Kind.IRQ, lineNo, text, n, level(where, w[2]), 0, null);
            }
            case "inta": {
                expectWords(where, w, 2, 2, "inta VECTOR");
                if (!d.hasPic()) {
                    throw new VectorFormatException(where + ": 'inta' on device " + d.vectorName() + ", which has no PIC");
                }
                return new Step(Step.Kind.INTA, lineNo, text, byteValue(where, w[1], "VECTOR"), 0, 0, null);
            }
            default:
                throw new VectorFormatException(where + ": unknown step '" + w[0]
                        + "' (known: device, out, in, clk, gate, pin, irq, inta)");
        }
    }

    private static String irqHint(DeviceKind d) {
        switch (d) {
            case PIC8259: return " (lines 0-7)";
            case PIC8259X2: return " (lines 0-15, 2 is the cascade)";
            case BOARD: return " (0 belongs to the PIT, 2 is the cascade)";
            default: return " (it has no PIC)";
        }
    }

    private static void expectWords(String where, String[] w, int min, int max, String usage)
            throws VectorFormatException {
        if (w.length < min || w.length > max) {
            throw new VectorFormatException(where + ": expected '" + usage + "', found '" + String.join(" ", w) + "'");
        }
    }

    private static int port(String where, String s, DeviceKind d) throws VectorFormatException {
        long p = number(where, s, "PORT");
        if (p > 0xFFFF || !d.hasPort((int) p)) {
            throw new VectorFormatException(where + ": port " + s + " is out of range for device " + d.vectorName());
        }
        return (int) p;
    }

    private static long byteValue(String where, String s, String what) throws VectorFormatException {
        long v = number(where, s, what);
        if (v > 0xFF) {
            throw new VectorFormatException(where + ": " + what + " " + s + " is not a byte (0-255)");
        }
        return v;
    }

    private static long level(String where, String s) throws VectorFormatException {
        if (s.equals("0") || s.equals("1")) {
            return s.charAt(0) - '0';
        }
        throw new VectorFormatException(where + ": LEVEL must be 0 or 1, found '" + s + "'");
    }

    /** A non-negative decimal number, or hexadecimal with a 0x prefix. */
    static long number(String where, String s, String what) throws VectorFormatException {
        try {
            long v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                String digits = s.substring(2);
                if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
                    throw new NumberFormatException();
                }
                v = Long.parseLong(digits, 16);
            } else {
                if (s.startsWith("+") || s.startsWith("-")) {
                    throw new NumberFormatException();
                }
                v = Long.parseLong(s, 10);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new VectorFormatException(where + ": bad number for " + what + ": '" + s + "'");
        }
    }
}
