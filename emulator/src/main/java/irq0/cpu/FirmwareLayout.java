package irq0.cpu;

import java.nio.ByteBuffer;

/**
 * What the machine needs to know about irq0 firmware, read from the descriptor the firmware
 * carries at F000:FF00 (see firmware/src/asm/_layout.inc):
 * <pre>
 *   FF00  "IRQ0"            signature
 *   FF04  db 2              descriptor version
 *   FF05  db boot flag      0: hand over to the kernel; 1: boot the disk image (set by the machine)
 *   FF06  dw start gate     offset in F000 of the gate that starts the kernel (AX=1 on return if one did)
 *   FF08  dw idle gate      offset of the gate the idle loop passes after each wake-up
 *   FF0A  dw IRQ gates      offset of 16 gate stubs, 2 bytes apart: IRQ n's is "hlt; iret"
 *   FF0C  dw BIOS gates     offset of the gate stubs of INT 10h-1Ah ("hlt; iret", 2 bytes apart),
 *                           followed by the loop INT 16h's wait for a key is sent to
 *   FF0E  db boot drive     the BIOS drive number of the disk image (set by the machine)
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
    private static final int VERSION = 2;
    /** The first BIOS service vector with a gate (INT 10h, video) and how many follow it (to INT 1Ah). */
    static final int FIRST_BIOS_VECTOR = 0x10;
    static final int BIOS_VECTORS = 0x1B - 0x10;

    private final int startKernelGate;
    private final int idleGate;
    private final int irqGates;
    private final int biosGates;

    private FirmwareLayout(int startKernelGate, int idleGate, int irqGates, int biosGates) {
        this.startKernelGate = startKernelGate;
        this.idleGate = idleGate;
        this.irqGates = irqGates;
        this.biosGates = biosGates;
    }

    /** The descriptor of the firmware loaded at the top of {@code ram}, or null if it has none. */
    static FirmwareLayout find(ByteBuffer ram, int firmwareLength) {
        if (firmwareLength < 0x100000 - DESCRIPTOR || ram.getInt(DESCRIPTOR) != SIGNATURE
                || ram.get(DESCRIPTOR + 4) != VERSION) {
            return null;
        }
        int start = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 6) & 0xFFFF);
        int idle = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 8) & 0xFFFF);
        int irq = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 10) & 0xFFFF);
        int bios = SEGMENT * 16 + (ram.getShort(DESCRIPTOR + 12) & 0xFFFF);
        return new FirmwareLayout(start, idle, irq, bios);
    }

    void setBootFlag(ByteBuffer ram, boolean boot) {
        ram.put(DESCRIPTOR + 5, (byte) (boot ? 1 : 0));
    }

    void setBootDrive(ByteBuffer ram, int drive) {
        ram.put(DESCRIPTOR + 14, (byte) drive);
    }

    boolean isGate(long linear) {
        return linear == startKernelGate || linear == idleGate || irqOfGate(linear) >= 0 || biosVectorOfGate(linear) >= 0;
    }

    /** The BIOS service vector (INT 10h-1Ah) whose gate stub starts at {@code linear}, or -1. */
    int biosVectorOfGate(long linear) {
        long d = linear - biosGates;
        return d >= 0 && d < 2 * BIOS_VECTORS && (d & 1) == 0 ? FIRST_BIOS_VECTOR + (int) (d >> 1) : -1;
    }

    /** Offset (in segment F000) of the loop where INT 16h waits for a key. */
    int keyWaitOffset() {
        return biosGates - SEGMENT * 16 + 2 * BIOS_VECTORS;
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
