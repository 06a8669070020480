package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * An unpaired read of the system timer, the fault 2.4.22's timer_interrupt names ("Any unpaired
 * read will cause the above to swap MSB/LSB forever ... This happens very occasionally with buggy
 * SMM bios code at least"): init_module latches counter 0 and reads one byte of the two.
 * <pre>
 * int init_module(void) { outb_p(0x00, 0x43); inb_p(0x40); return 0; }
 * void cleanup_module(void) { }
 * </pre>
 * The 82C54 keeps the other byte latched, and ignores a second Counter Latch Command until the
 * latch has been read out; after it the read flip-flop points at the MSB. So the next
 * timer_interrupt's latch does nothing, its first read gets the stale MSB and its second the
 * live count's LSB: the bytes are swapped, and stay swapped tick after tick, since each tick reads
 * two. 2.4.22 sees a count above LATCH as soon as the live LSB is above LATCH's MSB and writes
 * control word 0x34 (which resets the flip-flop) and LATCH; 2.2.8 goes on reading swapped counts
 * (only delay_at_last_interrupt, which nothing here prints, is wrong).
 */
public final class PitRead extends KernelModule {
    @Override
    public String name() {
        return "pitread";
    }

    @Override
    protected void layout(ModuleLayout image) {
        image.function("init_module", 0x20);
        image.function("cleanup_module", 0x10);
    }

    @Override
    protected int initModule(Process current) {
        kernel().board().out(0x43, 0x00);
        kernel().board().out(0x80, 0x00); // outb_p's dummy write
        int lsb = kernel().board().in(0x40);
        kernel().board().out(0x80, lsb); // inb_p's
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        return Step.exit(0);
    }
}
