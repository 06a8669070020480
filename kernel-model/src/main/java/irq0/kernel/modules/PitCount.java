package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.time.Time;

/**
 * A driver that reprograms the system timer behind the kernel's back, as drivers that used PIT
 * counter 0 for their own timing (or put the BIOS's 18.2 Hz back) did: init_module writes control
 * word 0x34 (counter 0, LSB then MSB, mode 2) and {@code count} (0 is 65536, the BIOS's count)
 * without taking i8253_lock. With {@code usecs} it uses the timer that long, busy-waiting with
 * interrupts on, and then programs HZ back as init_IRQ does; without, it leaves the PIT as it is.
 * <pre>
 * static int count = 0, usecs = 0;  MODULE_PARM(count, "i");  MODULE_PARM(usecs, "i");
 * int init_module(void) {
 *     outb_p(0x34, 0x43); outb_p(count &amp; 0xff, 0x40); outb(count &gt;&gt; 8, 0x40);
 *     if (usecs) {
 *         udelay(usecs);
 *         outb_p(0x34, 0x43); outb_p(LATCH &amp; 0xff, 0x40); outb(LATCH &gt;&gt; 8, 0x40);
 *     }
 *     return 0;
 * }
 * void cleanup_module(void) { }
 * </pre>
 * A long count: the 82C54 starts it at once (a control word ends the current period), and at the
 * next OUT0 edge the counter has just been reloaded with it: 2.4.22's timer_interrupt latches more
 * than LATCH, prints "i8253 count too high! resetting.." and programs HZ again, so one jiffy was
 * long; 2.2.8's has no such check and the kernel ticks at the new rate for good.
 *
 * <p>A count of 2: in mode 2 OUT0 is high for one PIT clock of every two, shorter than the CPU's
 * INTA bus cycles, so each request is gone by the first INTA and the 8259A answers with its
 * default IR7: a spurious IRQ7 per period (2.4 reports the first and counts each in ERR), and no
 * timer interrupt in the busy wait until HZ is back. Without {@code usecs} it goes on in the idle
 * loop for good, where a request survives only when the CPU's INTA cycles (in CPU clocks, with
 * their remainder) happen to span two PIT clocks.
 */
public final class PitCount extends KernelModule {
    private Variable count;
    private Variable usecs;

    @Override
    public String name() {
        return "pitcount";
    }

    @Override
    protected void layout(ModuleLayout image) {
        image.function("init_module", 0x50);
        image.function("cleanup_module", 0x10);
        count = image.variable("count");
        image.parameter("count", count);
        usecs = image.variable("usecs");
        image.parameter("usecs", usecs);
    }

    @Override
    protected int initModule(Process current) {
        int c = count.get();
        int us = usecs.get();
        if (c < 0 || c > 0xFFFF || us < 0 || us > IrqOff.MAX_USECS) {
            return -22; // -EINVAL: the counter takes 16 bits; a typo must not stall the run for hours
        }
        Time.programCounter0(kernel().board(), c);
        if (us > 0) {
            kernel().udelay(us);
            Time.programCounter0(kernel().board(), Time.latch(kernel().hz()));
        }
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        return Step.exit(0);
    }
}
