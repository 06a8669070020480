package irq0.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Images the machine loads: the bundled firmware (from the irq0-firmware jar) and user boot
 * images. A boot image is a disk: a 512-byte boot sector ending in 0x55 0xAA, alone or followed by
 * more sectors (a 1.44 MB floppy image, a small hard disk image). The BIOS loads only the first
 * sector, at 0000:7C00, as a PC BIOS does, and serves the rest through INT 13h
 * ({@link BiosServices}). The whole image is held in memory, so it may be at most
 * {@link #MAX_SIZE} bytes. Each problem with a file is an {@link ImageException} with a one-line
 * message.
 */
public final class BootImage {
    /** Where a PC BIOS loads the boot sector (0000:7C00). */
    public static final int LOAD_ADDRESS = 0x7C00;
    /** The largest disk image served: 64 MiB (a 1.44 MB floppy is 1,474,560 bytes). */
    public static final int MAX_SIZE = 64 << 20;
    public static final int SECTOR = 512;

    /** The bundled firmware's resource name, without ".bin". */
    public static final String BUNDLED_FIRMWARE = "bios";

    private BootImage() {
    }

    /** A user's image is unusable: the message names the file and the reason. */
    public static final class ImageException extends Exception {
        private static final long serialVersionUID = 1L;

        public ImageException(String message) {
            super(message);
        }
    }

    /** Reads and checks a boot image file. */
    public static byte[] readBootImage(Path file) throws ImageException {
        if (!Files.exists(file)) {
            throw new ImageException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageException(file + ": is a directory, not a boot image");
        }
        if (!Files.isRegularFile(file)) {
            // a device (/dev/zero), a FIFO, a socket: no size to check, and reading may never end
            throw new ImageException(file + ": not a regular file, not a boot image");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read (" + reason(e) + ")");
        }
        if (size == 0) {
            throw new ImageException(file + ": empty file, not a boot image");
        }
        if (size > MAX_SIZE) {
            throw new ImageException(file + ": " + size + " bytes, larger than the " + MAX_SIZE
                    + " bytes (64 MiB) of disk image irq0 serves");
        }
        byte[] image;
        try {
            image = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read (" + reason(e) + ")");
        }
        check(file.toString(), image);
        return image;
    }

    /**
     * The operating system's words for why a file could not be read: Java's file exceptions carry
     * the path as their message and the reason only in their type or {@code getReason()}.
     */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * A boot sector made of {@code code} (bytes, as ints for readability) at 0000:7C00, padded with
     * zeros to 512 bytes and ending in the 0x55 0xAA signature: for guests written in a few bytes
     * (the tests' and the benchmarks').
     */
    public static byte[] sector(int... code) {
        if (code.length > SECTOR - 2) {
            throw new IllegalArgumentException("a boot sector holds at most 510 bytes of code: " + code.length);
        }
        byte[] s = new byte[SECTOR];
        for (int i = 0; i < code.length; i++) {
            s[i] = (byte) code[i];
        }
        s[SECTOR - 2] = 0x55;
        s[SECTOR - 1] = (byte) 0xAA;
        return s;
    }

    /** Checks an in-memory boot image (the boot signature and size). */
    public static void check(String name, byte[] image) throws ImageException {
        if (image.length < SECTOR) {
            throw new ImageException(name + ": " + image.length + " bytes, shorter than a 512-byte boot sector");
        }
        if (image.length > MAX_SIZE) {
            throw new ImageException(name + ": " + image.length + " bytes, larger than the " + MAX_SIZE
                    + " bytes (64 MiB) of disk image irq0 serves");
        }
        if ((image[510] & 0xFF) != 0x55 || (image[511] & 0xFF) != 0xAA) {
            throw new ImageException(name + ": not a boot sector (bytes 510-511 are not 0x55 0xAA)");
        }
    }

    /** An image assembled from firmware/src/asm and carried in the irq0-firmware jar. */
    public static byte[] bundled(String name) {
        String resource = "/firmware/" + name + ".bin";
        try (InputStream in = BootImage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("firmware image " + resource
                        + " is missing from the class path (build the firmware module: it needs nasm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read firmware image " + resource, e);
        }
    }
}
