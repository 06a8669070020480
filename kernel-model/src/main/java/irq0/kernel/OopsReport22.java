package irq0.kernel;

import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.sched.Process;
import java.util.function.Consumer;

/** Linux 2.2.8's Oops and panic lines (arch/i386/mm/fault.c, arch/i386/kernel/traps.c, kernel/panic.c). */
final class OopsReport22 extends OopsReport {
    /** traps.c's MODULE_RANGE: the part of the vmalloc area the Call Trace takes for module code. */
    private static final int MODULE_RANGE = 8 << 20;

    private final KernelMemory memory;

    OopsReport22(Consumer<String> printk, KernelMemory memory) {
        super(printk);
        this.memory = memory;
    }

    /** no_context prints the task's page directory and the CPU's. */
    @Override
    public void noContext(int eip) {
        printk.accept(String.format("current->tss.cr3 = %08x, %%cr3 = %08x", KernelMemory.SWAPPER_PG_DIR, KernelMemory.SWAPPER_PG_DIR));
    }

    @Override
    public String eipLine(int eip) {
        return String.format("EIP:    0010:[<%08x>]", eip);
    }

    @Override
    public String processLine(Process current, int stackPage) {
        return String.format("Process %s (pid: %d, process nr: %d, stackpage=%08x)", current.comm(), current.pid(), current.pid(), stackPage);
    }

    /** Every word in _stext.._etext or the module area, 8 to a line (the first 7). */
    @Override
    public void callTrace(int[] words) {
        printCallTrace(words, w -> KernelText.isKernelText(w) || inModuleArea(w), "Call Trace: ", "       ", "[<%08x>] ", 8);
    }

    /** The first MODULE_RANGE bytes of the vmalloc area, where 2.2 takes any word for module code. */
    private static boolean inModuleArea(int w) {
        return Integer.compareUnsigned(w, KernelMemory.VMALLOC_START) >= 0
                && Integer.compareUnsigned(w, KernelMemory.VMALLOC_START + MODULE_RANGE) <= 0;
    }

    /**
     * The 20 bytes at EIP; "Bad EIP value." at EIP 0 (2.2 checks for it) and, in the model, at any
     * other unmapped EIP, where reading the bytes would fault again inside die().
     */
    @Override
    public String code(int eip) {
        byte[] code = KernelText.code(eip);
        if (code == null && eip != 0 && memory.mapped(eip, 4) && memory.mapped(eip + 16, 4)) {
            code = new byte[20];
            for (int i = 0; i < 20; i++) {
                code[i] = (byte) memory.read8(eip + i);
            }
        }
        return code == null ? "Bad EIP value." : hexBytes(code);
    }

    @Override
    public String killingInterruptHandler() {
        return "Aiee, killing interrupt handler";
    }

    /** 2.2's do_exit prints and goes on. */
    @Override
    public boolean panicsInInterrupt() {
        return false;
    }

    /** do_bottom_half's call of the routine. */
    @Override
    public int bottomHalfFrame(int[] out, int n, int nr) {
        out[n++] = KernelText.DO_BOTTOM_HALF_AFTER_CALL;
        return n;
    }

    /** 2.2.8 asks whether it is the idle task first. */
    @Override
    public String notSyncing(boolean idleTask, boolean inInterrupt) {
        if (idleTask) {
            return "In swapper task - not syncing";
        }
        return inInterrupt ? "In interrupt handler - not syncing" : null;
    }
}
