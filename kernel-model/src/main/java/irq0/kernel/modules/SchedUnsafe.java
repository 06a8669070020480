package irq0.kernel.modules;

import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * sched.c as LKMPG warns not to write it: cleanup_module unregisters /proc/sched and returns at
 * once, so the module's memory is freed while Task is still on tq_timer. On the next tick
 * run_task_queue reads the freed Task and the kernel oopses in tqueue_bh, in interrupt context
 * of the idle task: a panic. Same layout as sched, so a sched loaded right after lands on it.
 */
public final class SchedUnsafe extends Sched {
    @Override
    public String name() {
        return "sched_unsafe";
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procFs().procUnregister(procFile);
        return Step.exit(0);
    }
}
