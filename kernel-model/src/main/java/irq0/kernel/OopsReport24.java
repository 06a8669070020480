package irq0.kernel;

import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.sched.Process;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/** Linux 2.4.22's Oops and panic lines (arch/i386/mm/fault.c, arch/i386/kernel/traps.c, kernel/panic.c). */
final class OopsReport24 extends OopsReport {
    private final KernelMemory memory;
    /** mod_bound over module_list: is an address inside a loaded module's image? */
    private final IntPredicate inLoadedModule;

    OopsReport24(Consumer<String> printk, KernelMemory memory, IntPredicate inLoadedModule) {
        super(printk);
        this.memory = memory;
        this.inLoadedModule = inLoadedModule;
    }

    /** no_context prints the faulting EIP instead of the task's cr3. */
    @Override
    public void noContext(int eip) {
        printk.accept(" printing eip:");
        printk.accept(String.format("%08x", eip));
    }

    /** show_registers adds print_tainted() after the EIP. */
    @Override
    public String eipLine(int eip) {
        return String.format("EIP:    0010:[<%08x>]    Not tainted", eip);
    }

    @Override
    public String processLine(Process current, int stackPage) {
        return String.format("Process %s (pid: %d, stackpage=%08x)", current.comm(), current.pid(), stackPage);
    }

    /**
     * show_trace: "Call Trace:   " and " [&lt;%08lx&gt;]" for every word kernel_text_address
     * accepts (_stext.._etext, or inside a module on module_list), a new line " " before every
     * 6th.
     */
    @Override
    public void callTrace(int[] words) {
        printCallTrace(words, w -> KernelText.isKernelText(w) || inLoadedModule.test(w), "Call Trace:   ", " ", " [<%08x>]", 6);
    }

    /** The bytes read, then " Bad EIP value." below PAGE_OFFSET or where __get_user fails. */
    @Override
    public String code(int eip) {
        if (Integer.compareUnsigned(eip, 0xc0000000) < 0) {
            return " Bad EIP value.";
        }
        byte[] code = KernelText.code(eip);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            int c;
            if (code != null) {
                c = code[i] & 0xFF;
            } else if (memory.mapped(eip + i, 1)) {
                c = memory.read8(eip + i);
            } else {
                return b.append(" Bad EIP value.").toString();
            }
            b.append(String.format("%02x ", c));
        }
        return b.toString();
    }

    @Override
    public String killingInterruptHandler() {
        return "Aiee, killing interrupt handler!";
    }

    /** 2.4's do_exit panics in interrupt context. */
    @Override
    public boolean panicsInInterrupt() {
        return true;
    }

    /** bh_action's call of the routine, tasklet_hi_action's of bh_action, do_softirq's of the action. */
    @Override
    public int bottomHalfFrame(int[] out, int n, int nr) {
        out[n++] = KernelText.BH_ACTION_AFTER_CALL;
        out[n++] = nr; // bh_action(nr)'s argument
        out[n++] = KernelText.TASKLET_HI_ACTION_AFTER_CALL;
        out[n++] = KernelText.DO_SOFTIRQ_AFTER_CALL;
        return n;
    }

    /** 2.4.22 asks in_interrupt() first. */
    @Override
    public String notSyncing(boolean idleTask, boolean inInterrupt) {
        if (inInterrupt) {
            return "In interrupt handler - not syncing";
        }
        return idleTask ? "In idle task - not syncing" : null;
    }
}
