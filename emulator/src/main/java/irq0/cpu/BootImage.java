package irq0.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Images the machine loads: the bundled firmware (from the irq0-firmware jar) and user boot
 * images. A boot image is a 512-byte boot sector ending in 0x55 0xAA, or a larger disk image whose
 * first sector does; the whole image is placed at 0000:7C00, so it must end below the EBDA/video
 * hole at 0xA0000. Each problem with a file is an {@link ImageException} with a one-line message.
 */
public final class BootImage {
    /** Where a PC BIOS loads the boot sector (0000:7C00). */
    public static final int LOAD_ADDRESS = 0x7C00;
    /** Conventional memory ends here (640 KiB); a boot image must fit below it. */
    public static final int LOAD_LIMIT = 0xA0000;
    public static final int MAX_SIZE = LOAD_LIMIT - LOAD_ADDRESS;
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
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (size == 0) {
            throw new ImageException(file + ": empty file, not a boot image");
        }
        if (size > MAX_SIZE) {
            throw new ImageException(file + ": " + size + " bytes do not fit in memory at 0000:7C00 (at most "
                    + MAX_SIZE + " bytes, up to 0xA0000)");
        }
        byte[] image;
        try {
            image = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read (" + e.getMessage() + ")");
        }
        check(file.toString(), image);
        return image;
    }

    /** Checks an in-memory boot image (the boot signature and size). */
    public static void check(String name, byte[] image) throws ImageException {
        if (image.length < SECTOR) {
            throw new ImageException(name + ": " + image.length + " bytes, shorter than a 512-byte boot sector");
        }
        if (image.length > MAX_SIZE) {
            throw new ImageException(name + ": " + image.length + " bytes do not fit in memory at 0000:7C00");
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
