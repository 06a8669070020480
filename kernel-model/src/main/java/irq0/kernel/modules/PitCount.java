package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * A driver that reprograms the system timer behind the kernel's back, as drivers that used PIT
 * counter 0 for their own timing (or put the BIOS's 18.2 Hz back) did: init_module writes control
 * word 0x34 (counter 0, LSB then MSB, mode 2) and {@code count} (0 is 65536, the BIOS's count)
 * without taking i8253_lock, and cleanup_module leaves the PIT as it is.
 * <pre>
 * static int count = 0;  MODULE_PARM(count, "i");
 * int init_module(void) {
 *     outb_p(0x34, 0x43); outb_p(count &amp; 0xff, 0x40); outb(count &gt;&gt; 8, 0x40);
 *     return 0;
 * }
 * void cleanup_module(void) { }
 * </pre>
 * The 82C54 starts the new count at once (a control word ends the current period). At the next
 * OUT0 edge the counter has just been reloaded with {@code count}: 2.4.22's timer_interrupt
 * latches more than LATCH, prints "i8253 count too high! resetting.." and programs HZ again, so
 * one jiffy was long; 2.2.8's has no such check and the kernel ticks at the new rate for good.
 */
public final class PitCount extends KernelModule {
    private int count;

    @Override
    public String name() {
        return "pitcount";
    }

    @Override
    protected void layout(ModuleLayout image) {
        image.function("init_module", 0x30);
        image.function("cleanup_module", 0x10);
        count = image.data("count", 4);
        image.parameter("count", count);
    }

    @Override
    protected int initModule(Process current) {
        int c = peek(count);
        if (c < 0 || c > 0xFFFF) {
            return -22; // -EINVAL: the counter takes 16 bits
        }
        outbP(0x34, 0x43);
        outbP(c & 0xFF, 0x40);
        kernel().board().out(0x40, c >>> 8);
        return 0;
    }

    /** outb_p: the write, then the dummy write to port 0x80 that slows the ISA bus down. */
    private void outbP(int value, int port) {
        kernel().board().out(port, value);
        kernel().board().out(0x80, value);
    }

    @Override
    protected Step cleanupModule(Process current) {
        return Step.exit(0);
    }
}
