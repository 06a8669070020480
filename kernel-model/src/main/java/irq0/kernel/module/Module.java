package irq0.kernel.module;

import irq0.kernel.KernelFunction;

/** {@code struct module} of Linux 2.2 (include/linux/module.h): what the kernel keeps per module. */
public final class Module {
    public static final int MOD_RUNNING = 1;
    public static final int MOD_DELETED = 2;
    public static final int MOD_AUTOCLEAN = 4;
    public static final int MOD_USED_ONCE = 16;
    public static final int MOD_INITIALIZING = 64;

    final String name;
    final int base;
    final int size;
    final KernelModule code;
    final int[] entries;
    final KernelFunction[] functions;
    final String[] functionNames;
    /** Its static variables, which reach their words directly while it is loaded. */
    final java.util.List<Variable> variables;
    int useCount;
    int flags;

    Module(String name, int base, int size, KernelModule code, ModuleLayout layout) {
        this.name = name;
        this.base = base;
        this.size = size;
        this.code = code;
        this.variables = layout.variables;
        int n = layout.functionOffsets.size();
        entries = new int[n];
        functions = new KernelFunction[n];
        functionNames = new String[n];
        for (int i = 0; i < n; i++) {
            entries[i] = base + layout.functionOffsets.get(i);
            functions[i] = layout.functions.get(i);
            functionNames[i] = layout.functionNames.get(i);
        }
    }

    public String name() {
        return name;
    }

    public int base() {
        return base;
    }

    public int size() {
        return size;
    }

    public int useCount() {
        return useCount;
    }

    /** The address of the function named {@code name}, or 0. */
    public int symbol(String symbolName) {
        for (int i = 0; i < entries.length; i++) {
            if (functionNames[i].equals(symbolName)) {
                return entries[i];
            }
        }
        return 0;
    }
}
