package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.time.Time;

/**
 * Bottom halves held off from process context, read through /proc/bhoff:
 * <pre>
 * static int ticks = 5, atomic = 0;  MODULE_PARM(ticks, "i"); MODULE_PARM(atomic, "i");
 * bhoff_read:
 *     if (!atomic) {          // one bottom half masked while the reader sleeps
 *         disable_bh(TQUEUE_BH); j0 = jiffies;
 *         current->state = TASK_INTERRUPTIBLE; schedule_timeout(ticks);
 *         j1 = jiffies; enable_bh(TQUEUE_BH);
 *     } else {                // all of them, busy-waiting with interrupts on
 *         start_bh_atomic(); j0 = jiffies;
 *         while (time_before(jiffies, j0 + ticks)) udelay(100);
 *         j1 = jiffies; end_bh_atomic();
 *     }
 *     len = sprintf(page, "bhoff: ... from jiffies %lu to %lu\n", j0, j1);
 * </pre>
 * Meanwhile do_timer counts every tick and marks TIMER_BH and TQUEUE_BH each time, but a mark
 * is one bit of bh_active: a bottom half held off for K ticks runs once for them, at the first
 * run point after it is allowed again (2.2.8's enable_bh and end_bh_atomic only change the mask
 * or the count, they run nothing). A busy wait cannot sleep: schedule() with local_bh_count
 * raised would be "Scheduling in interrupt".
 */
public final class BhOff extends KernelModule {
    private Variable ticks;
    private Variable atomic;
    private ProcEntry procFile;

    @Override
    public String name() {
        return "bhoff";
    }

    @Override
    protected void layout(ModuleLayout image) {
        image.function("bhoff_read", 0x80);
        image.function("init_module", 0x20);
        image.function("cleanup_module", 0x20);
        ticks = image.variable("ticks");
        atomic = image.variable("atomic");
        image.initWord(ticks, 5);
        image.parameter("ticks", ticks);
        image.parameter("atomic", atomic);
    }

    @Override
    protected int initModule(Process current) {
        procFile = new ProcEntry("bhoff", this::read);
        return kernel().procRegister(procFile);
    }

    private Step read(Process current, StringBuilder page) {
        int k = ticks.get();
        int j0 = kernel().jiffies();
        if (atomic.get() == 0) {
            int tqueueBh = kernel().version().tqueueBh();
            kernel().disableBh(tqueueBh);
            return kernel().scheduleTimeout(k, p -> {
                int j1 = kernel().jiffies();
                kernel().enableBh(tqueueBh);
                page.append(String.format("bhoff: TQUEUE_BH disabled from jiffies %d to %d%n",
                        Integer.toUnsignedLong(j0), Integer.toUnsignedLong(j1)));
                return Step.exit(0);
            });
        }
        kernel().startBhAtomic();
        while (!kernel().stopped() && Time.timeAfter(j0 + k, kernel().jiffies())) {
            kernel().udelay(100);
        }
        int j1 = kernel().jiffies();
        kernel().endBhAtomic();
        page.append(String.format("bhoff: bottom halves held off (start_bh_atomic) from jiffies %d to %d%n",
                Integer.toUnsignedLong(j0), Integer.toUnsignedLong(j1)));
        return Step.exit(0);
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procUnregister(procFile);
        return Step.exit(0);
    }
}
