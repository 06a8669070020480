package irq0.bus;

import java.util.Objects;

/**
 * The ISA I/O space: 65,536 byte ports, each mapped to at most one {@link IoDevice}. Dispatch is
 * one array load, with no allocation. An unmapped port reads 0xFF (the floating data bus of a PC)
 * and ignores writes; both are counted so that a trace can show them.
 */
public final class IoBus implements IoDevice {
    public static final int PORTS = 0x10000;

    private final IoDevice[] devices = new IoDevice[PORTS];
    private long unmappedReads;
    private long unmappedWrites;

    /** Maps ports {@code first..last} (inclusive) to {@code device}. */
    public void map(int first, int last, IoDevice device) {
        Objects.requireNonNull(device, "device");
        if (first < 0 || last >= PORTS || first > last) {
            throw new IllegalArgumentException("port range 0x" + Integer.toHexString(first) + "-0x"
                    + Integer.toHexString(last) + " is not within 0x0000-0xFFFF");
        }
        for (int p = first; p <= last; p++) {
            devices[p] = device;
        }
    }

    public boolean isMapped(int port) {
        return devices[port & 0xFFFF] != null;
    }

    @Override
    public int in(int port) {
        IoDevice d = devices[port & 0xFFFF];
        if (d == null) {
            unmappedReads++;
            return 0xFF;
        }
        return d.in(port & 0xFFFF) & 0xFF;
    }

    @Override
    public void out(int port, int value) {
        IoDevice d = devices[port & 0xFFFF];
        if (d == null) {
            unmappedWrites++;
            return;
        }
        d.out(port & 0xFFFF, value & 0xFF);
    }

    public long unmappedReads() {
        return unmappedReads;
    }

    public long unmappedWrites() {
        return unmappedWrites;
    }
}
