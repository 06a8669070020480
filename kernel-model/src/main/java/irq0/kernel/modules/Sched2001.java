package irq0.kernel.modules;

import irq0.kernel.KernelVersion;

/**
 * LKMPG's 2001 sched.c (the seed's code) under a name of its own, loadable on both kernels. On
 * 2.2 it is {@link Sched}. On 2.4 it fails as it did for the guide's readers: it calls
 * proc_register and proc_unregister, which 2.4.22 does not export (proc_register is static in
 * fs/proc/generic.c, proc_unregister is gone), so insmod stops at the unresolved symbols.
 */
public final class Sched2001 extends Sched {
    @Override
    public String name() {
        return "sched-2001";
    }

    @Override
    public boolean builtFor(KernelVersion version) {
        return true;
    }
}
