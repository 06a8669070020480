package irq0.cpu.unicorn;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An engine's TCG code buffer: in Unicorn 2.0.1 one read-write-execute mapping of 1 GiB per
 * engine, where every translation is appended and which is reset only when full (its size cannot
 * be set before 2.0.2, and a flush writes over all of it). It is found as the large
 * read-write-execute mapping that appeared with the engine (in {@code /proc/self/maps}), and what
 * translation has cost in memory is its resident part ({@code mincore}). Linux only: elsewhere
 * nothing is found and {@link #residentBytes} answers -1.
 */
final class CodeBuffer {
    /** Mappings at least this large and read-write-execute are code buffers (the JVM's code cache is smaller). */
    private static final long MIN_SIZE = 256L << 20;
    private static final long PAGE = 4096;
    private static final long PAGE_FLAG_BITS = 0x0101010101010101L;

    private final long start;
    private final long length;
    private final Memory residency;
    private final long residencyAddress;
    /** mincore's answer, one byte per page, seen from Java: counting allocates nothing. */
    private final ByteBuffer flags;

    private CodeBuffer(long start, long length) {
        this.start = start;
        this.length = length;
        this.residency = new Memory(length / PAGE);
        this.residencyAddress = Pointer.nativeValue(residency);
        this.flags = residency.getByteBuffer(0, residency.size()).order(ByteOrder.nativeOrder());
    }

    /** The large read-write-execute mappings of this process now: start to end. */
    static Map<Long, Long> largeExecutableMappings() {
        Map<Long, Long> found = new HashMap<>();
        if (!Platform.isLinux()) {
            return found;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash < 0 || space < dash || !line.startsWith("rwx", space + 1)) {
                    continue;
                }
                long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                if (to - from >= MIN_SIZE) {
                    found.put(from, to);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no /proc: the buffer stays unknown and unmeasured
        }
        return found;
    }

    /** The one large executable mapping that is in {@code now} but not in {@code before}, or null. */
    static CodeBuffer appeared(Map<Long, Long> before, Map<Long, Long> now) {
        CodeBuffer buffer = null;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                if (buffer != null) {
                    return null; // two new ones: which is ours is not known
                }
                buffer = new CodeBuffer(e.getKey(), e.getValue() - e.getKey());
            }
        }
        return buffer;
    }

    /** Bytes of the buffer in RAM (whole pages), or -1 if they cannot be counted. */
    long residentBytes() {
        if (Mincore.mincore(start, length, residencyAddress) != 0) {
            return -1;
        }
        long pages = 0;
        for (int i = 0; i + 8 <= flags.limit(); i += 8) {
            pages += Long.bitCount(flags.getLong(i) & PAGE_FLAG_BITS);
        }
        return pages * PAGE;
    }

    /** libc's mincore, directly mapped. */
    static final class Mincore {
        static {
            Native.register(Mincore.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Mincore() {
        }

        static native int mincore(long address, long length, long vector);
    }
}
