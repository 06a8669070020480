package irq0.cpu;

import java.nio.ByteBuffer;

/**
 * What the machine needs to know about irq0 firmware, read from the descriptor the firmware
 * carries at F000:FF00 (see firmware/src/asm/_layout.inc):
 * <pre>
 *   FF00  "IRQ0"            signature
 *   FF04  db 1              descriptor version
 *   FF05  db boot flag      0: hand over to the kernel; 1: boot the image at 0000:7C00 (set by the machine)
 *   FF06  dw start gate     offset in F000 of the gate that starts the kernel (AX=1 on return if one did)
 *   FF08  dw idle gate      offset of the gate the idle loop passes after each wake-up
 *   FF0A  dw IRQ gates      offset of 16 gate stubs, 2 bytes apart: IRQ n's is "hlt; iret"
 * </pre>
 * A gate is a HLT at one of these addresses: the machine calls the kernel instead of halting.
 */
public final class FirmwareLayout {
    public static final int SEGMENT = 0xF000;
    public static final int DESCRIPTOR = 0xFFF00;
    /** Firmware occupies the top of the first megabyte: at most 128 KiB (0xE0000-0xFFFFF). */
    public static final int MAX_FIRMWARE = 128 * 1024;
    /** An {@code until} address no real-mode code reaches. */
    static final long NO_ADDRESS = -1L;
    private static final int SIGNATURE = 'I' | 'R' << 8 | 'Q' << 16 | '0' << 24;

    private final int startKernelGate;
    private final int idleGate;
    private final int irqGates;

    private FirmwareLayout(int startKernelGate, int idleGate, int irqGates) {
        this.startKernelGate = startKernelGate;
        this.idleGate = idleGate;
        this.irqGates = irqGates;
    }

    /** The descriptor of the firmware loaded at the top of {@code ram}, or null if it has none. */
    static FirmwareLayout find(ByteBuffer ram, int firmwareLength) {
        if (firmwareLength < 0x100000 - DESCRIPTOR || ram.getInt(DESCRIPTOR) != SIGNATURE || ram.get(DESCRIPTOR + 4) != 1) {
            return null;
        }
        int start = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 6) & 0xFFFF);
        int idle = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 8) & 0xFFFF);
        int irq = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 10) & 0xFFFF);
        return new FirmwareLayout(start, idle, irq);
    }

    void setBootFlag(ByteBuffer ram, boolean boot) {
        ram.put(DESCRIPTOR + 5, (byte) (boot ? 1 : 0));
    }

    boolean isGate(long linear) {
        return linear == startKernelGate || linear == idleGate || irqOfGate(linear) >= 0;
    }

    /** The IRQ whose gate stub starts at {@code linear}, or -1. */
    int irqOfGate(long linear) {
        long d = linear - irqGates;
        return d >= 0 && d < 32 && (d & 1) == 0 ? (int) (d >> 1) : -1;
    }

    /** Offset (in segment F000) of IRQ {@code irq}'s gate stub. */
    int irqGateOffset(int irq) {
        return irqGates - SEGMENT * 16 + 2 * irq;
    }

    long startKernelGate() {
        return startKernelGate;
    }

    long idleGate() {
        return idleGate;
    }
}
