package irq0.cpu.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Unicorn engine emulating an x86 in 16-bit (real) mode: the only class outside this package's
 * internals that owns native state. Close it to free the engine; hooks stay registered (and their
 * Java callbacks strongly reachable) until the engine is closed or the hook is removed.
 *
 * <p>Every Unicorn error becomes a {@link UnicornException} carrying {@code uc_strerror}'s text,
 * except {@link #emulate}, which returns the code: a guest fault is an expected outcome there,
 * and the hot path throws nothing.
 */
public final class Unicorn implements AutoCloseable {
    private static final int UC_ARCH_X86 = 4;
    private static final int UC_MODE_16 = 1 << 1;
    private static final int UC_HOOK_INTR = 1;
    private static final int UC_HOOK_INSN = 1 << 1;
    private static final int UC_HOOK_CODE = 1 << 2;
    /** UC_HOOK_MEM_READ_UNMAPPED | WRITE_UNMAPPED | FETCH_UNMAPPED | the three _PROT kinds. */
    private static final int UC_HOOK_MEM_INVALID = 0x3F0;
    private static final long PAGE = 4096;

    /** Reads a byte from port {@code port} ({@code size} 1, 2 or 4 bytes wide). */
    @FunctionalInterface
    public interface PortIn {
        int in(int port, int size);
    }

    @FunctionalInterface
    public interface PortOut {
        void out(int port, int size, int value);
    }

    /** An interrupt or exception Unicorn raised ({@code intno} is the vector). */
    @FunctionalInterface
    public interface Interrupt {
        void interrupt(int intno);
    }

    /** An access to unmapped or protected memory; return true to retry (after mapping it), false to fault. */
    @FunctionalInterface
    public interface InvalidMemory {
        boolean access(int type, long address, int size, long value);
    }

    interface InCallback extends Callback {
        int invoke(long uc, int port, int size, long userData);
    }

    interface OutCallback extends Callback {
        void invoke(long uc, int port, int size, int value, long userData);
    }

    interface IntrCallback extends Callback {
        void invoke(long uc, int intno, long userData);
    }

    interface MemCallback extends Callback {
        boolean invoke(long uc, int type, long address, int size, long value, long userData);
    }

    private Pointer handle;
    private long uc;
    private final Memory scratch = new Memory(16);
    /** Callbacks and host memory Unicorn points into: kept reachable until {@link #close}. */
    private final List<Object> keepAlive = new ArrayList<>();
    /** What {@link #recreate} gives the new engine: host memory mapped, hooks (in order), batches. */
    private final List<long[]> mappings = new ArrayList<>();
    private final List<Registration> hooks = new ArrayList<>();
    private final List<RegisterBatch> batches = new ArrayList<>();
    private boolean closed;
    /** Host address of guest address 0 when it is mapped from Java memory, else 0. */
    private long guestZero;
    /** The large executable mappings before this engine's code buffer existed; null once it is found. */
    private Map<Long, Long> mappingsBefore;
    private CodeBuffer codeBuffer;
    private long recreations;

    private Unicorn(Pointer handle, Map<Long, Long> mappingsBefore) {
        this.handle = handle;
        this.uc = Pointer.nativeValue(handle);
        this.mappingsBefore = mappingsBefore;
    }

    /**
     * Opens an engine for a 16-bit x86. Throws {@link UnicornUnavailableException} when the library
     * is missing.
     */
    public static Unicorn openReal() {
        UnicornLibrary.load();
        Map<Long, Long> before = CodeBuffer.largeExecutableMappings();
        return new Unicorn(open(), before);
    }

    private static Pointer open() {
        Memory out = new Memory(8);
        out.setLong(0, 0);
        check("uc_open", UnicornLibrary.uc_open(UC_ARCH_X86, UC_MODE_16, Pointer.nativeValue(out)));
        return out.getPointer(0);
    }

    /** "major.minor" of the loaded library ({@code uc_version}). */
    public static String version() {
        UnicornLibrary.load();
        Memory m = new Memory(8);
        long base = Pointer.nativeValue(m);
        UnicornLibrary.uc_version(base, base + 4);
        return m.getInt(0) + "." + m.getInt(4);
    }

    /** {@code uc_strerror}'s text for an error code. */
    public static String errorText(int error) {
        UnicornLibrary.load();
        Pointer p = UnicornLibrary.uc_strerror(error);
        return p == null ? "unknown error " + error : p.getString(0);
    }

    static void check(String function, int error) {
        if (error != X86.ERR_OK) {
            throw new UnicornException(function, error, errorText(error));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Unicorn engine is closed");
        }
    }

    // ---- memory ----

    /**
     * Maps {@code size} bytes at guest address {@code address} onto memory this process owns
     * ({@code uc_mem_map_ptr}) and returns it as a little-endian buffer: the guest's stores are
     * visible there and Java's are visible to the guest, with no native call. Valid until close.
     */
    public ByteBuffer mapHostMemory(long address, long size) {
        checkOpen();
        if (address % PAGE != 0 || size % PAGE != 0 || size <= 0) {
            throw new IllegalArgumentException("guest memory must be whole 4 KiB pages: 0x"
                    + Long.toHexString(address) + " + 0x" + Long.toHexString(size));
        }
        Memory host = new Memory(size + PAGE);
        long base = Pointer.nativeValue(host);
        long aligned = (base + PAGE - 1) & -PAGE;
        host.clear();
        check("uc_mem_map_ptr", UnicornLibrary.uc_mem_map_ptr(uc, address, size, X86.PROT_ALL, aligned));
        keepAlive.add(host);
        mappings.add(new long[] {address, size, aligned});
        findCodeBuffer(); // the first mapping initialises the engine, its code buffer with it
        if (address == 0) {
            guestZero = aligned;
        }
        return host.getByteBuffer(aligned - base, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies guest memory out ({@code uc_mem_read}). */
    public void read(long address, byte[] dst) {
        checkOpen();
        Memory m = new Memory(Math.max(1, dst.length));
        check("uc_mem_read", UnicornLibrary.uc_mem_read(uc, address, Pointer.nativeValue(m), dst.length));
        m.read(0, dst, 0, dst.length);
    }

    /** Copies into guest memory ({@code uc_mem_write}). */
    public void write(long address, byte[] src) {
        checkOpen();
        Memory m = new Memory(Math.max(1, src.length));
        m.write(0, src, 0, src.length);
        check("uc_mem_write", UnicornLibrary.uc_mem_write(uc, address, Pointer.nativeValue(m), src.length));
    }

    // ---- registers ----

    public long readRegister(int reg) {
        checkOpen();
        scratch.setLong(0, 0);
        check("uc_reg_read", UnicornLibrary.uc_reg_read(uc, reg, Pointer.nativeValue(scratch)));
        return scratch.getLong(0);
    }

    public void writeRegister(int reg, long value) {
        checkOpen();
        scratch.setLong(0, value);
        check("uc_reg_write", UnicornLibrary.uc_reg_write(uc, reg, Pointer.nativeValue(scratch)));
    }

    /** A fixed set of registers read or written in one native call each way, allocating nothing per use. */
    public RegisterBatch batch(int... registers) {
        checkOpen();
        RegisterBatch b = new RegisterBatch(uc, registers);
        keepAlive.add(b);
        batches.add(b);
        return b;
    }

    // ---- running ----

    /**
     * {@code uc_emu_start}: runs from linear address {@code begin} (in 16-bit mode Unicorn sets
     * IP = begin - CS*16) until {@code until} is reached, {@code count} instructions have run, the
     * guest halts, or a hook stops it. Returns the {@code uc_err} code (0 when stopped normally).
     * Unicorn 2.0 honours {@code count} only in code translated while a count was in force: after
     * one start without a count, later counts are ignored. So a count (&gt;= 1) is required here,
     * on every call.
     */
    public int emulate(long begin, long until, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("emulate needs a count >= 1 (Unicorn 2.0 ignores counts in code "
                    + "translated without one): " + count);
        }
        return UnicornLibrary.uc_emu_start(uc, begin, until, 0, count);
    }

    /** {@code uc_emu_stop}: from a hook, ends the current {@link #emulate} at the next instruction boundary. */
    public void stop() {
        UnicornLibrary.uc_emu_stop(uc);
    }

    // ---- hooks ----

    /** A registered hook; closing it removes it. */
    public final class Hook implements AutoCloseable {
        private long id;
        private final Object callback;
        private boolean removed;

        Hook(long id, Object callback) {
            this.id = id;
            this.callback = callback;
        }

        @Override
        public void close() {
            if (!removed && !closed) {
                removed = true;
                check("uc_hook_del", UnicornLibrary.uc_hook_del(uc, id));
                keepAlive.remove(callback);
                hooks.removeIf(r -> r.hook == this);
            }
        }
    }

    /** A hook as registered, to register it again on a new engine ({@link #recreate}). */
    private static final class Registration {
        final int type;
        /** A JNA {@link Callback}, or a {@link Pointer} to native code. */
        final Object callback;
        final Pointer userData;
        final Object[] extra;
        /** The Java handle whose id follows the engine; null for the instruction counter. */
        final Hook hook;

        Registration(int type, Object callback, Pointer userData, Object[] extra, Hook hook) {
            this.type = type;
            this.callback = callback;
            this.userData = userData;
            this.extra = extra;
            this.hook = hook;
        }

        /** {@code uc_hook_add} on the engine {@code engine}: the new hook's id. */
        long addTo(Pointer engine) {
            Memory hh = new Memory(8);
            int err = callback instanceof Pointer
                    ? UnicornLibrary.variadic().uc_hook_add(engine, hh, type, (Pointer) callback, userData, 1L, 0L, extra)
                    : UnicornLibrary.variadic().uc_hook_add(engine, hh, type, (Callback) callback, userData, 1L, 0L, extra);
            check("uc_hook_add", err);
            return hh.getLong(0);
        }
    }

    private Hook add(int type, Callback callback, Object... extra) {
        checkOpen();
        Hook hook = new Hook(0, callback);
        Registration r = new Registration(type, callback, null, extra, hook);
        hook.id = r.addTo(handle);
        keepAlive.add(callback);
        hooks.add(r);
        return hook;
    }

    /** Hooks the x86 IN instruction: {@code handler} supplies the value read. */
    public Hook hookPortIn(PortIn handler) {
        InCallback cb = (u, port, size, data) -> handler.in(port, size);
        return add(UC_HOOK_INSN, cb, X86.INS_IN);
    }

    /** Hooks the x86 OUT instruction. */
    public Hook hookPortOut(PortOut handler) {
        OutCallback cb = (u, port, size, value, data) -> handler.out(port, size, value);
        return add(UC_HOOK_INSN, cb, X86.INS_OUT);
    }

    /**
     * Hooks interrupts and exceptions ({@code UC_HOOK_INTR}). Unicorn does not deliver them through
     * the real-mode IVT itself: without a hook it stops with UC_ERR_EXCEPTION; with one, it calls the
     * hook and goes on at the instruction after the one that raised it.
     */
    public Hook hookInterrupt(Interrupt handler) {
        IntrCallback cb = (u, intno, data) -> handler.interrupt(intno);
        return add(UC_HOOK_INTR, cb);
    }

    /** Hooks accesses to unmapped or protected memory. */
    public Hook hookInvalidMemory(InvalidMemory handler) {
        MemCallback cb = (u, type, address, size, value, data) -> handler.access(type, address, size, value);
        return add(UC_HOOK_MEM_INVALID, cb);
    }

    /**
     * Adds an {@link InstructionCounter}: a code hook on every instruction that counts them and
     * remembers the address of the last one, without calling into Java. Map guest memory at 0
     * with {@link #mapHostMemory} first if the counter is to watch IF.
     */
    public InstructionCounter addInstructionCounter() {
        checkOpen();
        InstructionCounter counter = new InstructionCounter(guestZero);
        Registration r = new Registration(UC_HOOK_CODE, counter.nativeCallback(), counter.cell(), new Object[0], null);
        r.addTo(handle);
        keepAlive.add(counter);
        hooks.add(r);
        return counter;
    }

    // ---- translations ----

    /**
     * Bytes of this engine's translation buffer in RAM, or -1 where that cannot be measured (see
     * {@link CodeBuffer}). Unicorn 2.0.1 gives none of it back until the engine is closed or the
     * buffer (1 GiB) is full.
     */
    public long residentCodeBytes() {
        checkOpen();
        findCodeBuffer();
        return codeBuffer == null ? -1 : codeBuffer.residentBytes();
    }

    private void findCodeBuffer() {
        if (codeBuffer == null && mappingsBefore != null) {
            codeBuffer = CodeBuffer.appeared(mappingsBefore, CodeBuffer.largeExecutableMappings());
            if (codeBuffer != null) {
                mappingsBefore = null;
            }
        }
    }

    /**
     * Replaces the engine by a new one in the same state, to give back the memory of every
     * translation: the CPU's whole state (every register, the hidden parts of the segment
     * registers, control registers, FPU; {@code uc_context_save} and {@code uc_context_restore},
     * which copy QEMU's CPU state as it is), the same host memory mapped at the same guest
     * addresses, every hook registered again in the same order (the instruction counter keeps its
     * count), register batches pointed at the new engine. Nothing a guest can see changes; the
     * next run translates what it executes afresh. Call it between runs, never from a hook.
     */
    public void recreate() {
        checkOpen();
        Map<Long, Long> before = CodeBuffer.largeExecutableMappings();
        Memory out = new Memory(8);
        check("uc_context_alloc", UnicornLibrary.uc_context_alloc(uc, Pointer.nativeValue(out)));
        long context = out.getLong(0);
        Pointer fresh = null;
        try {
            check("uc_context_save", UnicornLibrary.uc_context_save(uc, context));
            fresh = open();
            long freshUc = Pointer.nativeValue(fresh);
            for (long[] m : mappings) {
                check("uc_mem_map_ptr", UnicornLibrary.uc_mem_map_ptr(freshUc, m[0], m[1], X86.PROT_ALL, m[2]));
            }
            long[] ids = new long[hooks.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = hooks.get(i).addTo(fresh);
            }
            check("uc_context_restore", UnicornLibrary.uc_context_restore(freshUc, context));
            for (int i = 0; i < ids.length; i++) {
                if (hooks.get(i).hook != null) {
                    hooks.get(i).hook.id = ids[i];
                }
            }
        } catch (RuntimeException e) {
            if (fresh != null) {
                UnicornLibrary.uc_close(Pointer.nativeValue(fresh));
            }
            throw e;
        } finally {
            UnicornLibrary.uc_context_free(context);
        }
        long old = uc;
        handle = fresh;
        uc = Pointer.nativeValue(fresh);
        for (RegisterBatch b : batches) {
            b.rebind(uc);
        }
        codeBuffer = null;
        mappingsBefore = before;
        findCodeBuffer();
        recreations++;
        check("uc_close", UnicornLibrary.uc_close(old));
    }

    /** How many times {@link #recreate} replaced the engine. */
    public long recreations() {
        return recreations;
    }

    /**
     * Closes the engine ({@code uc_close}) and releases the callbacks. The memory the engine
     * pointed into (guest RAM, register batches, counters) is left to JNA's cleaner: a buffer from
     * {@link #mapHostMemory} keeps its memory alive, so a late read cannot touch freed memory.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int err = UnicornLibrary.uc_close(uc);
        keepAlive.clear();
        check("uc_close", err);
    }
}
