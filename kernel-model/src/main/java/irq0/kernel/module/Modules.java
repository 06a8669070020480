package irq0.kernel.module;

import irq0.trace.TraceEvent;
import irq0.kernel.Errno;
import irq0.kernel.KernelContext;
import irq0.kernel.KernelVersion;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Module loading and removal after Linux 2.2's kernel/module.c ({@code sys_create_module},
 * {@code sys_init_module}, {@code sys_delete_module}, {@code free_module},
 * {@code get_module_list}) and what modutils' insmod and rmmod do around them. The list is kept
 * newest first, as module_list is.
 */
public final class Modules {
    private final KernelContext kernel;
    private final KernelVersion version;
    private final KernelMemory memory;
    /** What modules are linked against. */
    private final KernelSymbols symbols;
    /** insmod's and rmmod's messages, as modutils prints them on the terminal. */
    private final Consumer<String> console;
    private final List<Module> moduleList = new ArrayList<>();
    private final List<Supplier<KernelModule>> extraProviders = new ArrayList<>();

    /** Modules loaded into {@code memory}'s vmalloc area and linked against {@code symbols}. */
    public Modules(KernelSymbols symbols, KernelMemory memory, Consumer<String> console) {
        this.kernel = symbols.kernel;
        this.version = symbols.version();
        this.memory = memory;
        this.symbols = symbols;
        this.console = console;
    }

    /** Makes {@code factory}'s modules loadable besides those ServiceLoader finds (tests, benchmarks). */
    public void addProvider(Supplier<KernelModule> factory) {
        extraProviders.add(factory);
    }

    /** A fresh instance of the module called {@code name}, or null: what insmod finds on its path. */
    public KernelModule findObject(String name) {
        for (Supplier<KernelModule> s : extraProviders) {
            KernelModule m = s.get();
            if (m.name().equals(name) && m.builtFor(version)) {
                return m;
            }
        }
        for (KernelModule m : ServiceLoader.load(KernelModule.class, Modules.class.getClassLoader())) {
            if (m.name().equals(name) && m.builtFor(version)) {
                return m;
            }
        }
        return null;
    }

    /**
     * {@code find_module}: the newest module of that name not marked MOD_DELETED (2.2.8 skips
     * those, so while a cleanup sleeps, rmmod of the name gets ENOENT and insmod may load it again).
     */
    public Module findModule(String name) {
        for (Module m : moduleList) {
            if ((m.flags & Module.MOD_DELETED) == 0 && m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /**
     * insmod: create_module (EEXIST, ENOMEM), copy the image with its relocations, then
     * init_module with the use count forced to 1; a failing init leaves the module not running,
     * never calls its cleanup, and insmod deletes it. Returns 0 or a negative errno; messages go
     * to the console as modutils prints them.
     */
    public int insmod(String name, KernelModule object, Process current) {
        return insmod(name, object, List.of(), current);
    }

    /**
     * insmod with arguments {@code symbol=value}: each names a MODULE_PARM "i" variable and sets
     * it in the image before init_module, as modutils' insmod does; the value is read as C's
     * strtol with base 0 does (decimal, 0x hex, leading 0 octal, a sign). A bad argument fails
     * the insmod before anything is created.
     */
    public int insmod(String name, KernelModule object, List<String> arguments, Process current) {
        ModuleLayout layout = new ModuleLayout(version);
        object.layout(layout);
        // obj_check_undefineds (modutils): every undefined symbol must be a kernel export; it
        // reports each one that is not, walking its symbol hash table (ELF hash mod 521) in order
        List<String> unresolved = new ArrayList<>();
        for (String symbol : layout.undefinedSymbols) {
            if (!version.exports(symbol) && !unresolved.contains(symbol)) {
                unresolved.add(symbol);
            }
        }
        if (!unresolved.isEmpty()) {
            unresolved.sort(java.util.Comparator.comparingLong(Modules::symbolBucket));
            for (String symbol : unresolved) {
                console.accept(name + ".o: unresolved symbol " + symbol);
            }
            return -Errno.ENOENT;
        }
        int[][] settings = new int[arguments.size()][];
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                console.accept("insmod: invalid argument syntax for " + arg);
                return -Errno.EINVAL;
            }
            Integer offset = layout.parameters.get(arg.substring(0, eq));
            if (offset == null) {
                console.accept("insmod: symbol for parameter " + arg.substring(0, eq) + " not found");
                return -Errno.EINVAL;
            }
            Long value = strtol(arg.substring(eq + 1));
            if (value == null) {
                console.accept("insmod: invalid argument syntax for " + arg);
                return -Errno.EINVAL;
            }
            settings[i] = new int[] {offset, (int) (long) value};
        }
        if (findModule(name) != null) {
            console.accept("insmod: a module named " + name + " already exists");
            return -Errno.EEXIST;
        }
        int size = layout.size();
        KernelMemory mem = memory;
        int base = mem.vmalloc(size);
        if (base == 0) {
            console.accept("insmod: create_module: " + Errno.strerror(Errno.ENOMEM));
            return -Errno.ENOMEM;
        }
        object.bind(symbols, base);
        for (Variable v : layout.variables) {
            int address = base + v.offset();
            v.map(object, mem.pageWords(address), (address & (KernelMemory.PAGE_SIZE - 1)) >>> 2);
        }
        Module mod = new Module(name, base, size, object, layout);
        for (int i = 0; i < mod.entries.length; i++) {
            kernel.traceName(TraceEvent.SYMBOL, mod.entries[i], name + ":" + mod.functionNames[i]);
        }
        moduleList.add(0, mod);
        for (int i = 0; i < mod.entries.length; i++) {
            mem.setFunction(mod.entries[i], mod.functions[i]); // what the kernel's calls through pointers find
        }
        for (int[] w : layout.initWords) {
            mem.write32(base + w[0], w[1]);
        }
        for (int[] r : layout.relocations) {
            mem.write32(base + r[0], base + r[1]);
        }
        for (int[] p : settings) {
            mem.write32(base + p[0], p[1]);
        }
        mod.useCount = 1;
        mod.flags |= Module.MOD_INITIALIZING;
        int saved = kernel.enterText(mod.symbol("init_module"));
        int error = object.initModule(current);
        kernel.enterText(saved);
        if (kernel.stopped()) {
            return -Errno.EINVAL;
        }
        if (error != 0) {
            // sys_init_module turns any non-zero return of init into -EBUSY
            mod.useCount = 0;
            mod.flags &= ~Module.MOD_INITIALIZING;
            error = -Errno.EBUSY;
            console.accept("init_module: " + Errno.strerror(error));
            unlinkAndFree(mod);
            return error;
        }
        mod.useCount--;
        mod.flags = (mod.flags | Module.MOD_RUNNING) & ~Module.MOD_INITIALIZING;
        return 0;
    }

    /**
     * rmmod: sys_delete_module's checks (ENOENT, EBUSY while the use count is not 0), then
     * free_module: MOD_DELETED, cleanup_module if it was running (it may sleep: the module stays
     * listed as "(deleted)" meanwhile), then unlink and vfree.
     */
    public Step rmmod(String name, Process current) {
        Module mod = findModule(name);
        if (mod == null) {
            console.accept("rmmod: module " + name + " is not loaded");
            return Step.exit(1);
        }
        if (mod.useCount != 0) {
            console.accept("rmmod: " + name + ": " + Errno.strerror(Errno.EBUSY));
            return Step.exit(1);
        }
        mod.flags |= Module.MOD_DELETED;
        Step cleanup;
        if ((mod.flags & Module.MOD_RUNNING) != 0) {
            int saved = kernel.enterText(mod.symbol("cleanup_module"));
            cleanup = mod.code.cleanupModule(current);
            kernel.enterText(saved);
        } else {
            cleanup = Step.exit(0);
        }
        return cleanup.andThen(status -> {
            mod.flags &= ~Module.MOD_RUNNING;
            unlinkAndFree(mod);
            return Step.exit(0);
        });
    }

    /** modutils' obj symbol table bucket: the ELF hash of the name, modulo HASH_BUCKETS (521). */
    static long symbolBucket(String symbol) {
        long h = 0;
        for (byte c : symbol.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            h = ((h << 4) + (c & 0xFF)) & 0xFFFFFFFFL;
            long g = h & 0xF0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h % 521;
    }

    /** A whole string as strtol(s, &amp;end, 0) reads it into a 32-bit long, or null if any of it is not a number. */
    static Long strtol(String s) {
        String t = s;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || t.length() > 11) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(t, radix);
        } catch (NumberFormatException e) {
            return null;
        }
        if (v > 0xFFFFFFFFL) {
            return null;
        }
        return negative ? -v : v;
    }

    private void unlinkAndFree(Module mod) {
        moduleList.remove(mod);
        for (Variable v : mod.variables) {
            v.unmap();
        }
        memory.vfree(mod.base);
    }

    /** {@code __MOD_INC_USE_COUNT}. */
    public void incUseCount(Module mod) {
        mod.useCount++;
        mod.flags |= Module.MOD_USED_ONCE;
    }

    /** {@code __MOD_DEC_USE_COUNT}. */
    public void decUseCount(Module mod) {
        mod.useCount--;
    }

    /** The loaded module whose code object is {@code code}. */
    public Module moduleOf(KernelModule code) {
        for (Module m : moduleList) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }

    /** {@code get_module_list}: /proc/modules; the name padded to 20 columns, nothing added to a longer one. */
    public String procModules() {
        StringBuilder b = new StringBuilder();
        for (Module m : moduleList) {
            b.append(m.name);
            for (int i = m.name.length(); i < 20; i++) {
                b.append(' ');
            }
            b.append(String.format("%8d", m.size));
            if ((m.flags & Module.MOD_RUNNING) != 0) {
                b.append(String.format("%4d", m.useCount));
            }
            if ((m.flags & Module.MOD_DELETED) != 0) {
                b.append(" (deleted)");
            } else if ((m.flags & Module.MOD_RUNNING) != 0) {
                if ((m.flags & Module.MOD_AUTOCLEAN) != 0) {
                    b.append(" (autoclean)");
                }
                if ((m.flags & Module.MOD_USED_ONCE) == 0) {
                    b.append(" (unused)");
                }
            } else {
                b.append(" (uninitialized)");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** mod_bound over module_list: is {@code address} inside a loaded module's image? */
    public boolean modBound(int address) {
        for (Module m : moduleList) {
            if (Integer.compareUnsigned(address - m.base, m.size) < 0) {
                return true;
            }
        }
        return false;
    }

    public List<Module> list() {
        return List.copyOf(moduleList);
    }
}
