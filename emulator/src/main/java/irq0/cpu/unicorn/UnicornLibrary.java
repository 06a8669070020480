package irq0.cpu.unicorn;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C functions of Unicorn 2 ({@code unicorn.h}). Every non-variadic call is bound by JNA's
 * direct mapping ({@link Native#register}): no proxy, no argument array, no boxing, which is what
 * keeps the machine's per-interrupt path free of allocation. Pointers are passed as {@code long}
 * addresses for the same reason. {@code uc_hook_add} is variadic, which direct mapping cannot
 * express; it goes through an ordinary interface mapping and is only called at set-up.
 */
final class UnicornLibrary {
    /** The soname of Unicorn 2 (Debian: libunicorn2); loaded by name so no -dev symlink is needed. */
    static final String DEFAULT_NAME = "libunicorn.so.2";
    /** System property naming another library to load instead (tests use it to simulate absence). */
    static final String NAME_PROPERTY = "irq0.unicorn.library";

    private static volatile Variadic variadic;
    private static volatile NativeLibrary library;
    private static volatile Throwable loadFailure;
    private static volatile boolean loaded;

    private UnicornLibrary() {
    }

    /** Loads and binds the library once; a failure is remembered and reported as one message. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        if (loadFailure != null) {
            throw unavailable(loadFailure);
        }
        String name = System.getProperty(NAME_PROPERTY, DEFAULT_NAME);
        try {
            NativeLibrary lib = NativeLibrary.getInstance(name);
            Native.register(UnicornLibrary.class, lib);
            library = lib;
            variadic = Native.load(name, Variadic.class);
            loaded = true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            loadFailure = e;
            throw unavailable(e);
        }
    }

    private static UnicornUnavailableException unavailable(Throwable cause) {
        String name = System.getProperty(NAME_PROPERTY, DEFAULT_NAME);
        return new UnicornUnavailableException("cannot load the Unicorn CPU emulator (" + name
                + "): install the Debian package libunicorn2, or run ./setup", cause);
    }

    /** The address of a function of the library, for native code that calls it. */
    static Pointer function(String name) {
        return library.getFunction(name);
    }

    static Variadic variadic() {
        return variadic;
    }

    /** {@code uc_hook_add(uc, &hh, type, callback, user_data, begin, end, ...)}. */
    interface Variadic extends Library {
        int uc_hook_add(Pointer uc, Pointer hh, int type, Callback callback, Pointer userData, long begin, long end,
                Object... extra);

        int uc_hook_add(Pointer uc, Pointer hh, int type, Pointer callback, Pointer userData, long begin, long end,
                Object... extra);
    }

    static native int uc_version(long major, long minor);

    static native int uc_open(int arch, int mode, long ucOut);

    static native int uc_close(long uc);

    static native Pointer uc_strerror(int code);

    static native int uc_mem_map(long uc, long address, long size, int perms);

    static native int uc_mem_map_ptr(long uc, long address, long size, int perms, long ptr);

    static native int uc_mem_read(long uc, long address, long bytes, long size);

    static native int uc_mem_write(long uc, long address, long bytes, long size);

    static native int uc_reg_read(long uc, int regid, long value);

    static native int uc_reg_write(long uc, int regid, long value);

    static native int uc_reg_read_batch(long uc, long regs, long values, int count);

    static native int uc_reg_write_batch(long uc, long regs, long values, int count);

    static native int uc_emu_start(long uc, long begin, long until, long timeout, long count);

    static native int uc_emu_stop(long uc);

    static native int uc_hook_del(long uc, long hook);

    static native int uc_context_alloc(long uc, long contextOut);

    static native int uc_context_save(long uc, long context);

    static native int uc_context_restore(long uc, long context);

    static native int uc_context_free(long context);
}
