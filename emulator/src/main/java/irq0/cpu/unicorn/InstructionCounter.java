package irq0.cpu.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Counts the instructions Unicorn executes and remembers the linear address of the last one, for
 * exact virtual time: how many instructions ran before an IN or OUT, before HLT, before a hook
 * stopped the engine. Unicorn keeps such a count for {@code uc_emu_start}'s {@code count} but
 * does not expose it.
 *
 * <p>A Java code hook would cost an upcall (microseconds) per guest instruction. Instead the hook
 * is a three-instruction native function written here into a page of executable memory; Unicorn
 * calls it as {@code uc_cb_hookcode_t(uc, address, size, user_data)} with the System V AMD64
 * convention, {@code user_data} (rcx) pointing at this counter's cell:
 * <pre>
 *   48 83 01 01     add qword [rcx], 1      ; cell[0]: instructions executed
 *   48 89 71 08     mov [rcx+8], rsi        ; cell[1]: linear address of the last one
 *   c3              ret
 * </pre>
 * On other hosts the same work is done by a Java callback (correct, slow).
 *
 * <p>Ordering (Unicorn 2.0 {@code helper_uc_tracecode}): the engine's own count hook runs first and
 * a stop it or another hook requested ends the hook list before this one runs, so an instruction
 * that does not execute is not counted.
 */
public final class InstructionCounter {
    private static final byte[] AMD64_HOOK = {
        0x48, (byte) 0x83, 0x01, 0x01,
        0x48, (byte) 0x89, 0x71, 0x08,
        (byte) 0xC3,
    };
    private static volatile Pointer amd64Code;

    private final Memory cell = new Memory(16);
    private final Object nativeCallback;

    interface CodeCallback extends Callback {
        void invoke(long uc, long address, int size, long userData);
    }

    InstructionCounter() {
        cell.clear();
        if (Platform.isLinux() && Platform.isIntel() && Platform.is64Bit()) {
            nativeCallback = amd64Code();
        } else {
            CodeCallback cb = (uc, address, size, data) -> {
                cell.setLong(0, cell.getLong(0) + 1);
                cell.setLong(8, address);
            };
            nativeCallback = cb;
        }
    }

    private static synchronized Pointer amd64Code() {
        if (amd64Code == null) {
            Libc.load();
            long page = Libc.mmap(0, 4096, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
            if (page == -1L || page == 0) {
                throw new IllegalStateException("mmap of one page for the instruction-count hook failed");
            }
            Pointer p = new Pointer(page);
            p.write(0, AMD64_HOOK, 0, AMD64_HOOK.length);
            // W^X: writable while written, executable afterwards, never both.
            if (Libc.mprotect(page, 4096, Libc.PROT_READ | Libc.PROT_EXEC) != 0) {
                throw new IllegalStateException("mprotect of the instruction-count hook failed");
            }
            amd64Code = p;
        }
        return amd64Code;
    }

    Object nativeCallback() {
        return nativeCallback;
    }

    Pointer cell() {
        return cell;
    }

    /** Instructions executed since the engine was opened (or since {@link #reset}). */
    public long count() {
        return cell.getLong(0);
    }

    /** The linear address (CS*16+IP in real mode) of the last instruction counted. */
    public long lastAddress() {
        return cell.getLong(8);
    }

    public void reset() {
        cell.clear();
    }

    /** The three libc calls the hook's page needs, directly mapped. */
    static final class Libc {
        static final int PROT_READ = 1;
        static final int PROT_WRITE = 2;
        static final int PROT_EXEC = 4;
        static final int MAP_PRIVATE = 2;
        static final int MAP_ANONYMOUS = 0x20;
        private static boolean loaded;

        static synchronized void load() {
            if (!loaded) {
                Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                loaded = true;
            }
        }

        static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

        static native int mprotect(long addr, long length, int prot);
    }
}
