package irq0.kernel.module;

import irq0.kernel.KernelContext;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * A loadable module written in Java: its code is Java, its variables live in the modelled memory
 * at the address insmod gave it. Implementations are found with {@link java.util.ServiceLoader}
 * (META-INF/services/irq0.kernel.module.KernelModule), so a jar on the class path adds modules;
 * insmod creates a fresh instance for each load.
 */
public abstract class KernelModule {
    /** The kernel's exports this module was linked against by insmod. */
    private KernelSymbols symbols;
    /** The memory its peek and poke go through, as its compiled code's loads and stores do. */
    private KernelContext kernel;
    private int base;

    /** The name insmod, rmmod and lsmod use. */
    public abstract String name();

    /** Whether insmod finds this object under {@link #name} for a kernel of release {@code version}. */
    public boolean builtFor(irq0.kernel.KernelVersion version) {
        return true;
    }

    /** Declares the code and data, as the object file would define them. */
    protected abstract void layout(ModuleLayout image);

    /** {@code init_module}: 0 on success, a negative errno otherwise. Runs in insmod's process. */
    protected abstract int initModule(Process current);

    /** {@code cleanup_module}: runs in rmmod's process and may sleep. */
    protected abstract Step cleanupModule(Process current);

    final void bind(KernelSymbols symbols, int base) {
        this.symbols = symbols;
        this.kernel = symbols.kernel;
        this.base = base;
    }

    /** The kernel's symbols this module calls (jiffies, queue_task, sleep_on, ...), as insmod resolved them. */
    protected final KernelSymbols kernel() {
        return symbols;
    }

    /** The module's load address: its struct module. */
    protected final int base() {
        return base;
    }

    /** The address of {@code offset} in this module's image. */
    protected final int address(int offset) {
        return base + offset;
    }

    /** Reads the module's word at {@code offset} as its code would (a fault if it is gone). */
    protected final int peek(int offset) {
        return kernel.readWord(base + offset, kernel.currentText());
    }

    protected final void poke(int offset, int value) {
        kernel.writeWord(base + offset, value, kernel.currentText());
    }
}
