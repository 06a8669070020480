package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * Interrupts held off in process context, the textbook way to lose ticks: init_module does
 * {@code cli(); udelay(usecs); sti();} and prints jiffies around it.
 * <pre>
 * static int usecs = 50000;  MODULE_PARM(usecs, "i");
 * int init_module(void) {
 *     unsigned long j0 = jiffies, j1, j2;
 *     cli(); udelay(usecs); j1 = jiffies; sti(); j2 = jiffies;
 *     printk("irqoff: cli at jiffies %lu, sti %d us later at jiffies %lu, after sti %lu\n", j0, usecs, j1, j2);
 *     return 0;
 * }
 * </pre>
 * The PIT goes on counting: every OUT0 rising edge sets IRR bit 0, but one bit remembers one
 * edge (82C54/8259A: edge-triggered, IRR holds the request until INTA), so however many periods
 * pass, one IRQ0 is taken at the sti and jiffies falls behind the PIT for good by the rest.
 */
public final class IrqOff extends KernelModule {
    /** Longer than this is refused (init_module fails) so that a typo cannot stall a run for hours. */
    static final int MAX_USECS = 60_000_000;

    private Variable usecs;

    @Override
    public String name() {
        return "irqoff";
    }

    @Override
    protected void layout(ModuleLayout image) {
        image.function("init_module", 0x60);
        image.function("cleanup_module", 0x10);
        usecs = image.variable("usecs");
        image.initWord(usecs, 50_000);
        image.parameter("usecs", usecs);
    }

    @Override
    protected int initModule(Process current) {
        int us = usecs.get();
        if (us < 0 || us > MAX_USECS) {
            return -22; // -EINVAL (sys_init_module reports EBUSY)
        }
        int j0 = kernel().jiffies();
        kernel().cli();
        kernel().udelay(us);
        int j1 = kernel().jiffies();
        kernel().sti();
        int j2 = kernel().jiffies();
        kernel().printk(String.format("irqoff: cli at jiffies %d, sti %d us later at jiffies %d, after sti %d",
                Integer.toUnsignedLong(j0), us, Integer.toUnsignedLong(j1), Integer.toUnsignedLong(j2)));
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        return Step.exit(0);
    }
}
