package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.sched.WaitQueue;

/**
 * After LDD2's jiq.c, /proc/jiqimmed: reading the file resets the buffer, queues jiq_task on
 * tq_immediate, marks IMMEDIATE_BH and sleeps (interruptible_sleep_on). jiq_print_tq prints one
 * line per run ("time delta interrupt pid cpu command") and queues itself again with
 * mark_bh(IMMEDIATE_BH) until the buffer is past its limit, then wakes the reader. Marked
 * during a bottom-half pass, IMMEDIATE_BH runs at the next run point: schedule() for the first
 * line, then each interrupt. The limit is 512 bytes instead of LDD2's PAGE_SIZE-128 so the file
 * stays readable. jiq_task and jiq_data (len, jiffies) are in the module's memory.
 */
public final class Jiq extends KernelModule {
    static final int LIMIT = 512;
    static final String HEADER = "    time  delta interrupt  pid cpu command\n";

    private int jiqPrintTq;
    private int jiqTask;
    private Variable jiqDataLen;
    private Variable jiqDataJiffies;
    private final StringBuilder buffer = new StringBuilder();
    private final WaitQueue jiqWait = new WaitQueue();
    private ProcEntry procFile;

    @Override
    public String name() {
        return "jiq";
    }

    @Override
    protected void layout(ModuleLayout image) {
        jiqPrintTq = image.function("jiq_print_tq", 0x60, data -> jiqPrintTq());
        image.function("jiq_print", 0xa0);
        image.function("jiq_read_immed", 0x60);
        image.function("init_module", 0x20);
        image.function("cleanup_module", 0x20);
        jiqDataLen = image.variable("jiq_data.len");
        image.data("jiq_data.buf", 4);
        jiqDataJiffies = image.variable("jiq_data.jiffies");
        image.data("jiq_data.queue", 4);
        jiqTask = image.data("jiq_task", image.tqStructSize());
        image.initPointer(jiqTask + image.tqRoutine(), jiqPrintTq);
        image.initPointer(jiqTask + image.tqData(), jiqDataLen.offset()); // &jiq_data
        image.data("jiq_wait", 4);
    }

    /** jiq_print: one line, or false once the buffer is past the limit. */
    private boolean jiqPrint() {
        int len = jiqDataLen.get();
        int j = kernel().jiffies();
        if (len > LIMIT) {
            kernel().wakeUpInterruptible(jiqWait);
            return false;
        }
        String line = (len == 0 ? HEADER : "") + String.format("%9d  %3d        %d   %5d %3d %s%n",
                Integer.toUnsignedLong(j), j - jiqDataJiffies.get(), kernel().inInterrupt() ? 1 : 0,
                kernel().current().pid(), 0, kernel().current().comm());
        buffer.append(line);
        jiqDataLen.set(len + line.length());
        jiqDataJiffies.set(j);
        return true;
    }

    /** jiq_print_tq: print, then again on tq_immediate at the next bottom-half run. */
    private void jiqPrintTq() {
        if (jiqPrint()) {
            kernel().queueTask(address(jiqTask), kernel().tqImmediate());
            kernel().markBh(kernel().version().immediateBh());
        }
    }

    @Override
    protected int initModule(Process current) {
        procFile = new ProcEntry("jiqimmed", this::readImmed);
        return kernel().procRegister(procFile);
    }

    private Step readImmed(Process current, StringBuilder page) {
        buffer.setLength(0);
        jiqDataLen.set(0);
        jiqDataJiffies.set(kernel().jiffies());
        kernel().queueTask(address(jiqTask), kernel().tqImmediate());
        kernel().markBh(kernel().version().immediateBh());
        return kernel().interruptibleSleepOn(jiqWait, p -> {
            page.append(buffer);
            return Step.exit(0);
        });
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procUnregister(procFile);
        return Step.exit(0);
    }
}
