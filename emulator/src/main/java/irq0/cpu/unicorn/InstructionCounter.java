package irq0.cpu.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Counts the instructions Unicorn executes and remembers the linear address of the last one, for
 * exact virtual time: how many instructions ran before an IN or OUT, before HLT, before a hook
 * stopped the engine. Unicorn keeps such a count for {@code uc_emu_start}'s {@code count} but
 * does not expose it.
 *
 * <p>It can <em>watch the code segment</em>: stop before an instruction outside the 64 KiB from a
 * base ({@link #watchCodeSegment}), so that the machine can wrap IP at offset FFFFh as a real-mode
 * CPU does, which Unicorn 2.0.1 does not (it runs on into the next 64 KiB).
 *
 * <p>It can also <em>watch the interrupt flag</em>: while watching, it stops the engine before an
 * instruction that may set IF (STI, POPF, IRET, or anything with an operand-size prefix, which
 * covers POPFD and IRETD) and does not count it, so that a machine with an interrupt pending and
 * IF=0 can run long stretches and still take the interrupt right after the STI. The watch ends at
 * the first such stop.
 *
 * <p>A Java code hook would cost an upcall (microseconds) per guest instruction. Instead the hook
 * is native code written here into a page of executable memory (mapped writable, then read and
 * execute); Unicorn calls it as {@code uc_cb_hookcode_t(uc, address, size, user_data)} with the
 * System V AMD64 convention, {@code user_data} (rcx) pointing at this counter's cell: [0] count,
 * [8] last address, [16] host address of guest address 0, [24] watch flag, [32] {@code uc_emu_stop},
 * [40] code segment base, [48] "stopped outside the segment" flag, [56] segment limit.
 * <pre>
 *         mov rax, rsi
 *         sub rax, [rcx+40]           ; offset in the code segment
 *         cmp rax, [rcx+56]           ; past its limit (or below its base)?
 *         ja .outside
 *         cmp qword [rcx+24], 0       ; watching IF?
 *         jne .watch
 * .count: add qword [rcx], 1
 *         mov [rcx+8], rsi
 *         ret
 * .outside:
 *         mov qword [rcx+48], 1
 *         mov rax, [rcx+32]
 *         jmp rax                     ; uc_emu_stop(uc): the instruction does not run
 * .watch: mov rax, [rcx+16]
 *         mov r8d, esi
 *         and r8d, 0xFFFFF
 *         movzx eax, byte [rax+r8]    ; the instruction's first byte
 *         cmp al, 0xFB / je .stop     ; sti
 *         cmp al, 0x9D / je .stop     ; popf
 *         cmp al, 0xCF / je .stop     ; iret
 *         cmp al, 0x66 / je .stop     ; operand-size prefix
 *         jmp .count
 * .stop:  mov qword [rcx+24], 0       ; the watch ends
 *         mov rax, [rcx+32]
 *         jmp rax                     ; tail call uc_emu_stop(uc): the instruction does not run
 * </pre>
 * On other hosts the same work is done by a Java callback (correct, slow).
 *
 * <p>Ordering (Unicorn 2.0 {@code helper_uc_tracecode}): the engine's own count hook runs first and
 * a stop it or another hook requested ends the hook list before this one runs, so an instruction
 * that does not execute is not counted.
 */
public final class InstructionCounter {
    private static final byte[] AMD64_HOOK = {
        0x48, (byte) 0x89, (byte) 0xf0, 0x48, 0x2b, 0x41, 0x28, 0x48, 0x3b, 0x41, 0x38, 0x77, 0x10,
        0x48, (byte) 0x83, 0x79, 0x18, 0x00, 0x75, 0x17, 0x48, (byte) 0x83, 0x01, 0x01, 0x48, (byte)
        0x89, 0x71, 0x08, (byte) 0xc3, 0x48, (byte) 0xc7, 0x41, 0x30, 0x01, 0x00, 0x00, 0x00, 0x48,
        (byte) 0x8b, 0x41, 0x20, (byte) 0xff, (byte) 0xe0, 0x48, (byte) 0x8b, 0x41, 0x10, 0x41,
        (byte) 0x89, (byte) 0xf0, 0x41, (byte) 0x81, (byte) 0xe0, (byte) 0xff, (byte) 0xff, 0x0f,
        0x00, 0x42, 0x0f, (byte) 0xb6, 0x04, 0x00, 0x3c, (byte) 0xfb, 0x74, 0x0e, 0x3c, (byte) 0x9d,
        0x74, 0x0a, 0x3c, (byte) 0xcf, 0x74, 0x06, 0x3c, 0x66, 0x74, 0x02, (byte) 0xeb, (byte) 0xc4,
        0x48, (byte) 0xc7, 0x41, 0x18, 0x00, 0x00, 0x00, 0x00, 0x48, (byte) 0x8b, 0x41, 0x20, (byte)
        0xff, (byte) 0xe0
    };
    private static volatile Pointer amd64Code;

    private static final int CELL = 64;
    private final Memory cell = new Memory(CELL);
    /** The cell seen from Java without native calls. */
    private final ByteBuffer view = cell.getByteBuffer(0, CELL).order(ByteOrder.nativeOrder());
    private final Object nativeCallback;
    private final boolean canWatch;

    interface CodeCallback extends Callback {
        void invoke(long uc, long address, int size, long userData);
    }

    /** {@code guestZero}: host address of guest address 0 (0 if guest memory is not Java's: no watch). */
    InstructionCounter(long guestZero) {
        cell.clear();
        cell.setLong(16, guestZero);
        cell.setPointer(32, UnicornLibrary.function("uc_emu_stop"));
        cell.setLong(56, -1L); // no segment check until one is asked for
        canWatch = guestZero != 0;
        if (Platform.isLinux() && Platform.isIntel() && Platform.is64Bit()) {
            nativeCallback = amd64Code();
        } else {
            CodeCallback cb = (uc, address, size, data) -> {
                if (Long.compareUnsigned(address - cell.getLong(40), cell.getLong(56)) > 0) {
                    cell.setLong(48, 1);
                    UnicornLibrary.uc_emu_stop(uc);
                    return;
                }
                if (cell.getLong(24) != 0) {
                    int op = new Pointer(guestZero).getByte(address & 0xFFFFF) & 0xFF;
                    if (op == 0xFB || op == 0x9D || op == 0xCF || op == 0x66) {
                        cell.setLong(24, 0);
                        UnicornLibrary.uc_emu_stop(uc);
                        return;
                    }
                }
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

    /**
     * Starts (or ends) watching for instructions that may set IF; the watch ends by itself at the
     * first one, which is then not executed. See {@link #watchTriggered}.
     */
    public void watchInterruptFlag(boolean on) {
        if (on && !canWatch) {
            throw new IllegalStateException("watching IF needs guest memory mapped from Java at address 0");
        }
        view.putLong(24, on ? 1 : 0);
    }

    /**
     * From the next instruction on, stops the engine before any instruction whose linear address
     * is outside {@code [base, base + 0x10000)} (not counting it), and clears
     * {@link #leftCodeSegment}.
     */
    public void watchCodeSegment(long base) {
        view.putLong(40, base);
        view.putLong(48, 0);
        view.putLong(56, 0xFFFF);
    }

    /** True if the last stop was the segment watch's: the instruction at the new address did not run. */
    public boolean leftCodeSegment() {
        return view.getLong(48) != 0;
    }

    /** True while watching; false after the watch stopped the engine (or was never started). */
    public boolean watching() {
        return view.getLong(24) != 0;
    }

    Object nativeCallback() {
        return nativeCallback;
    }

    Pointer cell() {
        return cell;
    }

    /**
     * Instructions executed since the counter was added (or since {@link #reset}); an engine that
     * replaced the first ({@link Unicorn#recreate}) counts on in the same cell.
     */
    public long count() {
        return view.getLong(0);
    }

    /** The linear address (CS*16+IP in real mode) of the last instruction counted. */
    public long lastAddress() {
        return view.getLong(8);
    }

    public void reset() {
        view.putLong(0, 0);
        view.putLong(8, 0);
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
