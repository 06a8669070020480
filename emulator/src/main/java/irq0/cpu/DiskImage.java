package irq0.cpu;

import java.util.Arrays;

/**
 * A disk the BIOS serves through INT 13h: the bytes of an image file in 512-byte sectors (a last
 * partial sector reads as if padded with zeros), with the geometry a PC BIOS reports for it. An
 * image of a standard diskette size is that diskette, drive 00h; any other image is the first
 * hard disk, drive 80h, with the translated geometry BIOSes give small disks: 16 heads, 63 sectors
 * per track, as many cylinders as it takes (at most 1024, the most CHS can address).
 */
final class DiskImage {
    static final int SECTOR = 512;
    static final int FLOPPY = 0x00;
    static final int HARD_DISK = 0x80;

    /** Diskette sizes: bytes, cylinders, heads, sectors per track, the CMOS drive type INT 13h AH=08h reports in BL. */
    private static final int[][] DISKETTES = {
        {160 * 1024, 40, 1, 8, 1},
        {180 * 1024, 40, 1, 9, 1},
        {320 * 1024, 40, 2, 8, 1},
        {360 * 1024, 40, 2, 9, 1},
        {720 * 1024, 80, 2, 9, 3},
        {1200 * 1024, 80, 2, 15, 2},
        {1440 * 1024, 80, 2, 18, 4},
        {2880 * 1024, 80, 2, 36, 6},
    };

    private final byte[] bytes;
    final int drive;
    final int cylinders;
    final int heads;
    final int sectorsPerTrack;
    /** The diskette type for AH=08h (0 for a hard disk). */
    final int diskType;
    final long sectors;

    DiskImage(byte[] bytes) {
        this.bytes = bytes;
        this.sectors = (bytes.length + SECTOR - 1) / SECTOR;
        int[] diskette = null;
        for (int[] d : DISKETTES) {
            if (d[0] == bytes.length) {
                diskette = d;
            }
        }
        if (diskette != null) {
            drive = FLOPPY;
            cylinders = diskette[1];
            heads = diskette[2];
            sectorsPerTrack = diskette[3];
            diskType = diskette[4];
        } else {
            drive = HARD_DISK;
            heads = 16;
            sectorsPerTrack = 63;
            cylinders = (int) Math.max(1, Math.min(1024, (sectors + 16 * 63 - 1) / (16 * 63)));
            diskType = 0;
        }
    }

    /** The LBA of a CHS address (sector from 1), or -1 if the geometry has no such sector. */
    long lba(int cylinder, int head, int sector) {
        if (cylinder >= cylinders || head >= heads || sector < 1 || sector > sectorsPerTrack) {
            return -1;
        }
        return ((long) cylinder * heads + head) * sectorsPerTrack + sector - 1;
    }

    boolean has(long lba) {
        return lba >= 0 && lba < sectors;
    }

    /** Sector {@code lba} (which must exist). */
    byte[] sector(long lba) {
        int from = (int) (lba * SECTOR);
        return Arrays.copyOfRange(bytes, from, from + SECTOR); // past the end: zeros
    }
}
