package irq0.cpu;

import irq0.board.PcBoard;
import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;

/**
 * The BIOS calls a boot program expects (INT 10h-1Ah), answered in Java at the firmware's BIOS
 * gates: the vector's stub is "hlt; iret", the machine sees the HLT at a published address, does
 * the work here with the caller's registers, writes the result flags into the FLAGS the INT
 * pushed, and completes the IRET. Why Java and not x86 code in bios.asm: INT 13h needs the disk
 * image, which is the machine's, not the guest's (a disk controller model would add a port, a
 * device and x86 code to reach the same bytes); and a gate costs no upcall (DEVELOPERS.md).
 *
 * <p>Served (IBM PC/AT BIOS conventions, results in AH with CF set on error):
 * <ul>
 * <li>INT 10h AH=0Eh: teletype output of AL, to the debug console (port 0xE9).</li>
 * <li>INT 12h: conventional memory size, AX = 640 (KiB).</li>
 * <li>INT 13h AH=00h reset; AH=02h read sectors (CHS); AH=08h drive parameters; AH=41h/42h
 *     the EDD extensions check and extended read (LBA, through a disk address packet), hard disks
 *     only, as on BIOSes of the time. The disk is the boot image (see {@link DiskImage}).</li>
 * <li>INT 16h AH=01h/11h: no key (ZF=1); AH=02h/12h: no shift keys; AH=00h/10h: waits for a key
 *     that never comes, in the firmware's {@code sti; hlt} loop (the machine has no keyboard).</li>
 * <li>INT 1Ah AH=00h: the tick count the BIOS's IRQ0 handler keeps at 0040:006C in CX:DX, and the
 *     midnight flag (0040:0070) in AL, which the call clears.</li>
 * </ul>
 * Every other call sets CF and AH=01h (invalid function) and is counted ({@link #unsupportedCalls}).
 */
final class BiosServices {
    private static final int CF = 1;
    private static final int ZF = 1 << 6;
    private static final int BDA_TICKS = 0x46C;
    private static final int BDA_MIDNIGHT = 0x470;

    // INT 13h status codes (AH)
    private static final int OK = 0x00;
    private static final int BAD_COMMAND = 0x01;
    private static final int SECTOR_NOT_FOUND = 0x04;

    private final CpuState state;
    private final Unicorn cpu;
    private final PcBoard board;
    private final DiskImage disk;
    private long unsupportedCalls;

    /** {@code disk} null: no disk (every INT 13h call fails). */
    BiosServices(CpuState state, PcBoard board, DiskImage disk) {
        this.state = state;
        this.cpu = state.cpu;
        this.board = board;
        this.disk = disk;
    }

    long unsupportedCalls() {
        return unsupportedCalls;
    }

    /**
     * Serves INT {@code vector} for the caller whose IRET frame is at SS:SP. Returns false if the
     * caller must not be returned to (INT 16h waiting for a key).
     */
    boolean call(int vector) {
        int ax = reg(X86.REG_AX);
        int ah = ax >>> 8;
        switch (vector) {
            case 0x10:
                if (ah == 0x0E) {
                    board.out(PcBoard.PORT_DEBUG_CONSOLE, ax & 0xFF);
                    return done(0);
                }
                break;
            case 0x12:
                setReg(X86.REG_AX, 640);
                return done(0);
            case 0x13:
                return disk(ah, ax);
            case 0x16:
                switch (ah) {
                    case 0x00:
                    case 0x10:
                        return false;
                    case 0x01:
                    case 0x11:
                        return done(ZF);
                    case 0x02:
                    case 0x12:
                        setReg(X86.REG_AX, ax & 0xFF00);
                        return done(0);
                    default:
                        break;
                }
                break;
            case 0x1A:
                if (ah == 0x00) {
                    setReg(X86.REG_CX, state.wordAt(BDA_TICKS + 2));
                    setReg(X86.REG_DX, state.wordAt(BDA_TICKS));
                    setReg(X86.REG_AX, (ax & 0xFF00) | state.byteAt(BDA_MIDNIGHT));
                    state.ram.put(BDA_MIDNIGHT, (byte) 0);
                    return done(0);
                }
                break;
            default:
                break;
        }
        unsupportedCalls++;
        setReg(X86.REG_AX, (BAD_COMMAND << 8) | (ax & 0xFF));
        return done(CF);
    }

    private boolean disk(int ah, int ax) {
        int dl = reg(X86.REG_DX) & 0xFF;
        boolean ours = disk != null && dl == disk.drive;
        switch (ah) {
            case 0x00:
                return status(ours ? OK : BAD_COMMAND, ax);
            case 0x02:
                return ours ? readChs(ax) : status(BAD_COMMAND, ax & 0xFF00);
            case 0x08:
                return ours ? parameters() : status(BAD_COMMAND, ax);
            case 0x41:
                if (ours && disk.drive == DiskImage.HARD_DISK && reg(X86.REG_BX) == 0x55AA) {
                    setReg(X86.REG_BX, 0xAA55);
                    setReg(X86.REG_CX, 0x0001); // extended disk access (AH=42h) supported
                    setReg(X86.REG_AX, 0x2100 | (ax & 0xFF)); // EDD 1.1
                    return done(0);
                }
                break;
            case 0x42:
                if (ours && disk.drive == DiskImage.HARD_DISK) {
                    return readExtended();
                }
                break;
            default:
                break;
        }
        unsupportedCalls++;
        return status(BAD_COMMAND, ax);
    }

    /** AH=02h: AL sectors from CH/CL (cylinder, sector) and DH (head) to ES:BX. */
    private boolean readChs(int ax) {
        int count = ax & 0xFF;
        int cx = reg(X86.REG_CX);
        int cylinder = (cx >>> 8) | ((cx & 0xC0) << 2);
        int sector = cx & 0x3F;
        int head = reg(X86.REG_DX) >>> 8;
        long lba = disk.lba(cylinder, head, sector);
        if (count == 0 || lba < 0) {
            return status(count == 0 ? BAD_COMMAND : SECTOR_NOT_FOUND, 0);
        }
        int read = transfer(lba, count, CpuState.linear(reg(X86.REG_ES), reg(X86.REG_BX)));
        return status(read == count ? OK : SECTOR_NOT_FOUND, read);
    }

    /** AH=08h: the last cylinder, head and sector the geometry has, and the number of such drives. */
    private boolean parameters() {
        int lastCylinder = disk.cylinders - 1;
        setReg(X86.REG_CX, ((lastCylinder & 0xFF) << 8) | ((lastCylinder >>> 2) & 0xC0) | disk.sectorsPerTrack);
        setReg(X86.REG_DX, ((disk.heads - 1) << 8) | 1);
        if (disk.drive == DiskImage.FLOPPY) {
            setReg(X86.REG_BX, (reg(X86.REG_BX) & 0xFF00) | disk.diskType);
            // ES:DI: the diskette parameter table INT 1Eh points at
            setReg(X86.REG_ES, state.wordAt(0x1E * 4 + 2));
            setReg(X86.REG_DI, state.wordAt(0x1E * 4));
        }
        return status(OK, 0);
    }

    /** AH=42h: the disk address packet at DS:SI (size, count, buffer offset:segment, 64-bit LBA). */
    private boolean readExtended() {
        int packet = CpuState.linear(reg(X86.REG_DS), reg(X86.REG_SI));
        int size = state.byteAt(packet);
        int count = state.wordAt(packet + 2);
        int buffer = CpuState.linear(state.wordAt(packet + 6), state.wordAt(packet + 4));
        long lba = (state.wordAt(packet + 8) & 0xFFFFL) | (long) state.wordAt(packet + 10) << 16
                | (long) state.wordAt(packet + 12) << 32 | (long) state.wordAt(packet + 14) << 48;
        if (size < 0x10 || count == 0 || count > 127) {
            return status(BAD_COMMAND, 0);
        }
        int read = transfer(lba, count, buffer);
        state.putWordAt(packet + 2, read); // the blocks actually transferred
        return status(read == count ? OK : SECTOR_NOT_FOUND, 0);
    }

    /** Copies up to {@code count} sectors from {@code lba} to guest memory; returns how many existed. */
    private int transfer(long lba, int count, int address) {
        int read = 0;
        while (read < count && disk.has(lba + read)) {
            byte[] data = disk.sector(lba + read);
            int at = (address + read * DiskImage.SECTOR) & 0xFFFFF;
            int first = Math.min(data.length, 0x100000 - at);
            // through uc_mem_write, which invalidates code Unicorn translated from these bytes
            if (first == data.length) {
                cpu.write(at, data);
            } else {
                cpu.write(at, java.util.Arrays.copyOfRange(data, 0, first));
                cpu.write(0, java.util.Arrays.copyOfRange(data, first, data.length));
            }
            read++;
        }
        return read;
    }

    /** INT 13h's result: AH = {@code code}, AL = {@code al} (sectors transferred), CF if code != 0. */
    private boolean status(int code, int al) {
        setReg(X86.REG_AX, (code << 8) | (al & 0xFF));
        return done(code == OK ? 0 : CF);
    }

    /** Writes CF and ZF, as given, into the FLAGS the INT pushed: the stub's IRET returns them. */
    private boolean done(int resultFlags) {
        int at = CpuState.linear(state.ss, state.sp + 4);
        int flags = state.wordAt(at);
        state.putWordAt(at, (flags & ~(CF | ZF)) | resultFlags);
        return true;
    }

    private int reg(int id) {
        return (int) cpu.readRegister(id) & 0xFFFF;
    }

    private void setReg(int id, int value) {
        cpu.writeRegister(id, value & 0xFFFF);
    }
}
