package irq0.pic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Stopgap replayer of pic8259 / pic8259x2 vectors until irq0.conformance lands. */
final class PicVectorReplay {
    static String replay(Path file) throws IOException {
        List<String> text = Files.readAllLines(file);
        Pic8259 master = null;
        Pic8259 slave = null;
        for (int n = 0; n < text.size(); n++) {
            String line = text.get(n);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            String where = file.getFileName() + ":" + (n + 1) + " '" + line + "' ";
            switch (w[0]) {
                case "device": {
                    master = new Pic8259();
                    if (w[1].equals("pic8259x2")) {
                        slave = new Pic8259();
                        Pic8259 m = master;
                        master.attachSlave(2, slave);
                        slave.connectInt(level -> m.setIrq(2, level));
                    }
                    break;
                }
                case "out": {
                    int port = num(w[1]);
                    Pic8259 chip = port >= 0xa0 ? slave : master;
                    chip.write(port & 1, num(w[2]));
                    break;
                }
                case "in": {
                    int port = num(w[1]);
                    Pic8259 chip = port >= 0xa0 ? slave : master;
                    int got = chip.read(port & 1);
                    int mask = w.length > 3 ? num(w[3]) : 0xff;
                    if ((got & mask) != (num(w[2]) & mask)) {
                        return where + "got 0x" + Integer.toHexString(got);
                    }
                    break;
                }
                case "irq": {
                    int irq = num(w[1]);
                    boolean lvl = num(w[2]) != 0;
                    if (irq >= 8) {
                        slave.setIrq(irq - 8, lvl);
                    } else {
                        master.setIrq(irq, lvl);
                    }
                    break;
                }
                case "pin": {
                    boolean want = num(w[2]) != 0;
                    if (master.intOut() != want) {
                        return where + "got " + master.intOut();
                    }
                    break;
                }
                case "inta": {
                    int got = master.interruptAcknowledge();
                    if (got != num(w[1])) {
                        return where + "got 0x" + Integer.toHexString(got);
                    }
                    break;
                }
                default:
                    return where + "unknown step";
            }
        }
        return null;
    }

    private static int num(String s) {
        return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }
}
