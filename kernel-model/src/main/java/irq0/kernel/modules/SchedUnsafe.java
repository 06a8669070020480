package irq0.kernel.modules;

import irq0.kernel.KernelVersion;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * sched.c as LKMPG warns not to write it: cleanup_module unregisters /proc/sched and returns at
 * once, so the module's memory is freed while Task is still on tq_timer. On the next tick
 * run_task_queue reads the freed Task and the kernel oopses in tqueue_bh, in interrupt context
 * of the idle task: a panic.
 *
 * <p>If another module is loaded before that tick (rmmod then insmod in one go), vmalloc's first
 * fit puts it on the freed area and run_task_queue follows the stale pointer into it, reading
 * whatever the new image holds at the old Task's address as a tq_struct:
 * <ul>
 * <li>{@code sched} (same layout): the new Task lies exactly there. init_module's queue_task
 * links it in front of the stale head, which is itself, so Task-&gt;next = Task. Each tick then
 * runs intrpt_routine twice (the first run re-queues it, the second run links it to itself
 * again), so /proc/sched counts two per tick; and when rmmod sched sleeps, the routine stops
 * re-queuing, Task-&gt;next stays Task, and tqueue_bh loops for ever: a lockup, reported by the
 * model and ending the run with {@link irq0.kernel.Kernel#EXIT_LOCKUP}.</li>
 * <li>{@code jiq}: the address falls inside jiq's code. The model holds no instruction bytes
 * (code reads as zeros), so the stale "task" has routine 0: run_task_queue clears its "sync"
 * word and calls address 0, as 2.2.8 does whatever the routine is, and the kernel oopses on the
 * instruction fetch ("Unable to handle kernel NULL pointer dereference", EIP 0) and panics.</li>
 * </ul>
 */
public final class SchedUnsafe extends Sched {
    @Override
    public String name() {
        return "sched_unsafe";
    }

    @Override
    public boolean builtFor(KernelVersion version) {
        return true;
    }

    /** Built against the running kernel's headers: 2.4's /proc calls where proc_register is gone. */
    @Override
    protected String[] undefinedSymbols() {
        return new String[] {"create_proc_entry", "remove_proc_entry", "tq_timer", "sprintf"};
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procUnregister(procFile);
        return Step.exit(0);
    }
}
