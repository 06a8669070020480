package irq0.kernel;

import irq0.kernel.bh.BottomHalves;
import irq0.kernel.bh.BottomHalves22;
import irq0.kernel.bh.BottomHalves24;
import irq0.kernel.irq.I8259AIrqType;
import irq0.kernel.irq.I8259AIrqType22;
import irq0.kernel.irq.I8259AIrqType24;
import irq0.kernel.irq.Irq;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.taskqueue.TaskQueues22;
import irq0.kernel.taskqueue.TaskQueues24;
import irq0.kernel.taskqueue.TqStruct;
import irq0.kernel.taskqueue.TqStruct24;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The parts of the timer path that differ between kernel releases, in one place: the numbers and
 * texts as fields, and the algorithms as the strategy objects each constant makes once at boot
 * (the kernel keeps them in final fields, so no per-tick code asks which release it is).
 */
public enum KernelVersion {
    /**
     * Linux 2.2.8: bottom-half numbers from include/linux/interrupt.h (TIMER_BH 0, CONSOLE_BH 1,
     * TQUEUE_BH 2, ... NET_BH 9, SCSI_BH 10, IMMEDIATE_BH 11), queue_task linking at the head
     * (include/linux/tqueue.h), mask_and_ack_8259A with a dummy IMR read, an IMR write and a
     * non-specific EOI (arch/i386/kernel/irq.c), timer_interrupt latching counter 0 with the TSC
     * in use (arch/i386/kernel/time.c).
     */
    V2_2("2.2.8", 0, 2, 11, TqStruct.SIZE, TqStruct.ROUTINE, TqStruct.DATA, false) {
        @Override
        public TaskQueues newTaskQueues(KernelContext kernel, KernelMemory memory) {
            return new TaskQueues22(kernel, memory);
        }

        @Override
        public BottomHalves newBottomHalves(KernelContext kernel, TaskQueues taskQueues) {
            return new BottomHalves22(kernel, taskQueues);
        }

        @Override
        public int runnerCallReturn() {
            return KernelText.RUNNER_CALL_RETURN;
        }

        @Override
        public I8259AIrqType newIrqType(Irq irq) {
            return new I8259AIrqType22(irq);
        }

        @Override
        public OopsReport newOopsReport(Consumer<String> printk, KernelMemory memory, IntPredicate inLoadedModule) {
            return new OopsReport22(printk, memory);
        }
    },
    /**
     * Linux 2.4.22: bottom halves numbered TIMER_BH 0, TQUEUE_BH 1, ... IMMEDIATE_BH 9
     * (include/linux/interrupt.h) and run as hi-priority tasklets by do_softirq
     * (kernel/softirq.c); task queues as list_heads, queue_task = list_add_tail (FIFO),
     * __run_task_queue splicing the list; mask_and_ack_8259A with a specific EOI; do_exit panics
     * in interrupt context ("Aiee, killing interrupt handler!").
     */
    V2_4("2.4.22", 0, 1, 9, TqStruct24.SIZE, TqStruct24.ROUTINE, TqStruct24.DATA, true) {
        @Override
        public TaskQueues newTaskQueues(KernelContext kernel, KernelMemory memory) {
            return new TaskQueues24(kernel, memory);
        }

        @Override
        public BottomHalves newBottomHalves(KernelContext kernel, TaskQueues taskQueues) {
            return new BottomHalves24(kernel);
        }

        @Override
        public int runnerCallReturn() {
            return KernelText.RUNNER24_CALL_RETURN;
        }

        @Override
        public I8259AIrqType newIrqType(Irq irq) {
            return new I8259AIrqType24(irq);
        }

        @Override
        public OopsReport newOopsReport(Consumer<String> printk, KernelMemory memory, IntPredicate inLoadedModule) {
            return new OopsReport24(printk, memory, inLoadedModule);
        }
    };

    /** The release's task queues: made once, at boot. */
    public abstract TaskQueues newTaskQueues(KernelContext kernel, KernelMemory memory);

    /** The release's bottom halves: made once, at boot. */
    public abstract BottomHalves newBottomHalves(KernelContext kernel, TaskQueues taskQueues);

    /** The release's i8259A_irq_type (do_IRQ's work at the 8259A, EOI and all): made once, at boot. */
    public abstract I8259AIrqType newIrqType(Irq irq);

    /**
     * The release's lines of an Oops and a panic (no_context, show_registers, do_exit, panic):
     * made once, at boot. {@code inLoadedModule} is mod_bound over module_list, which 2.4's Call
     * Trace asks of each stack word.
     */
    public abstract OopsReport newOopsReport(Consumer<String> printk, KernelMemory memory, IntPredicate inLoadedModule);

    /** How far after its runner's address a task queue's call of a routine returns (the Oops's stack). */
    public abstract int runnerCallReturn();

    /**
     * Whether the kernel exports {@code symbol} to modules. 2.4.22 has no proc_register for modules
     * (static in fs/proc/generic.c) and no proc_unregister (remove_proc_entry replaced it).
     */
    public boolean exports(String symbol) {
        return this != V2_4 || !(symbol.equals("proc_register") || symbol.equals("proc_unregister"));
    }

    /**
     * How the trace names a bottom half: 2.2 by its number's name ({@code constant}, the index
     * do_bottom_half runs bh_base[] by), 2.4 by the {@code routine} that bh_action calls.
     */
    public String bottomHalfName(String constant, String routine) {
        return this == V2_4 ? routine : constant;
    }

    /** The release named as on the command line: "2.2" or "2.4", or null. */
    public static KernelVersion named(String name) {
        switch (name) {
            case "2.2": return V2_2;
            case "2.4": return V2_4;
            default: return null;
        }
    }

    private final String release;
    private final int timerBh;
    private final int tqueueBh;
    private final int immediateBh;
    private final int tqStructSize;
    private final int tqRoutine;
    private final int tqData;
    private final boolean resetsHighPitCount;

    KernelVersion(String release, int timerBh, int tqueueBh, int immediateBh, int tqStructSize, int tqRoutine,
            int tqData, boolean resetsHighPitCount) {
        this.release = release;
        this.timerBh = timerBh;
        this.tqueueBh = tqueueBh;
        this.immediateBh = immediateBh;
        this.tqStructSize = tqStructSize;
        this.tqRoutine = tqRoutine;
        this.tqData = tqData;
        this.resetsHighPitCount = resetsHighPitCount;
    }

    /** sizeof(struct tq_struct): 16 in 2.2, 20 in 2.4 (its list_head). */
    public int tqStructSize() {
        return tqStructSize;
    }

    /** offsetof(struct tq_struct, routine). */
    public int tqRoutine() {
        return tqRoutine;
    }

    /** offsetof(struct tq_struct, data). */
    public int tqData() {
        return tqData;
    }

    /**
     * timer_interrupt resets a counter 0 whose latched count is above LATCH (2.4.22's
     * arch/i386/kernel/time.c; 2.2.8 has no such check).
     */
    public boolean resetsHighPitCount() {
        return resetsHighPitCount;
    }

    public String release() {
        return release;
    }

    /** TIMER_BH: run first, as every release numbers it 0. */
    public int timerBh() {
        return timerBh;
    }

    public int tqueueBh() {
        return tqueueBh;
    }

    public int immediateBh() {
        return immediateBh;
    }
}
