package irq0.kernel.irq;

import irq0.board.PcBoard;
import irq0.kernel.Errno;
import irq0.kernel.KernelContext;
import irq0.kernel.bh.BottomHalves;
import irq0.trace.KernelSlice;
import irq0.trace.TraceEvent;
import java.util.function.Function;

/**
 * Hardware interrupt entry for the 8259A pair, after arch/i386/kernel/irq.c: {@code irq_desc[]},
 * {@code request_irq}/{@code free_irq}, {@code disable_irq}/{@code enable_irq}, {@code do_IRQ},
 * {@code handle_IRQ_event}, {@code enable_8259A_irq}, and the PIC initialisation that 2.2 leaves
 * to arch/i386/boot/setup.S. What a release does with one interrupt at the 8259A (2.2.8's
 * do_8259A_IRQ, 2.4.22's ack, IRQ_PENDING loop and end) is its {@link I8259AIrqType}, made once
 * at boot. Every PIC access is port I/O on the board. The per-interrupt path allocates nothing.
 */
public final class Irq {
    public static final int NR_IRQS = 16;
    /** Handler runs with interrupts disabled (handle_IRQ_event does not sti). */
    public static final int SA_INTERRUPT = 0x20000000;
    /** Several handlers may share the line. */
    public static final int SA_SHIRQ = 0x04000000;

    /** irq_desc[].status bits (include/linux/irq.h, 2.4.22; 2.2.8 has all but PENDING). */
    static final int IRQ_INPROGRESS = 1;
    static final int IRQ_DISABLED = 2;
    static final int IRQ_PENDING = 4;
    static final int IRQ_REPLAY = 8;
    static final int IRQ_WAITING = 32;

    final KernelContext kernel;
    final PcBoard board;
    private final BottomHalves bottomHalves;
    /** The release's handling at the 8259A, chosen at boot. */
    private final I8259AIrqType type;
    final IrqAction[] action = new IrqAction[NR_IRQS];
    final int[] status = new int[NR_IRQS];
    private final int[] depth = new int[NR_IRQS];
    /** kstat.irqs: interrupts taken per line, for /proc/interrupts. */
    private final int[] kstatIrqs = new int[NR_IRQS];
    /** cached_irq_mask: the IMR contents the kernel last wrote, slave in bits 8-15. */
    int cachedIrqMask = 0xFFFF;

    /** {@code irqType} makes the release's i8259A_irq_type for these lines (it works on their status). */
    public Irq(KernelContext kernel, PcBoard board, BottomHalves bottomHalves, Function<Irq, I8259AIrqType> irqType) {
        this.kernel = kernel;
        this.board = board;
        this.bottomHalves = bottomHalves;
        this.type = irqType.apply(this);
    }

    /**
     * The 8259A programming 2.2 does in setup.S before entering protected mode: ICW1 0x11 (edge,
     * cascade, ICW4 needed) to both, ICW2 vector bases 0x20/0x28, ICW3 0x04 (slave on IR2) and
     * 0x02 (slave id 2), ICW4 0x01 (8086 mode, normal EOI), then everything masked but the cascade.
     */
    public void initPics() {
        out(0x20, 0x11);
        out(0xA0, 0x11);
        out(0x21, 0x20);
        out(0xA1, 0x28);
        out(0x21, 0x04);
        out(0xA1, 0x02);
        out(0x21, 0x01);
        out(0xA1, 0x01);
        out(0xA1, 0xFF);
        out(0x21, 0xFB);
    }

    /** init_ISA_irqs: every line disabled, no action, the 8259A as its controller. */
    public void initIsaIrqs() {
        for (int i = 0; i < NR_IRQS; i++) {
            status[i] = IRQ_DISABLED;
            action[i] = null;
            depth[i] = 0;
        }
    }

    void out(int port, int value) {
        board.out(port, value);
    }

    // ---- request_irq / free_irq / setup_x86_irq ----

    /**
     * {@code setup_x86_irq}: appends {@code newAction} to the line's chain (sharing only if every
     * action agrees on SA_SHIRQ); the first action enables the line. Returns 0 or -EBUSY.
     */
    public int setupIrq(int irq, IrqAction newAction) {
        newAction.traceName = kernel.traceIntern(newAction.name);
        IrqAction old = action[irq];
        if (old != null) {
            if ((old.flags & newAction.flags & SA_SHIRQ) == 0) {
                return -Errno.EBUSY;
            }
            while (old.next != null) {
                old = old.next;
            }
            old.next = newAction;
            return 0;
        }
        action[irq] = newAction;
        depth[irq] = 0;
        status[irq] &= ~IRQ_DISABLED;
        enable8259AIrq(irq);
        return 0;
    }

    /** {@code request_irq}: -EINVAL for a bad line or no handler, else as {@link #setupIrq}. */
    public int requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) {
        if (irq < 0 || irq >= NR_IRQS || handler == null) {
            return -Errno.EINVAL;
        }
        return setupIrq(irq, new IrqAction(handler, flags, name, devId));
    }

    /**
     * {@code free_irq}: unlinks the action with {@code devId}; the last one masks the line. 2.2
     * prints "Trying to free free IRQ%d" when there is none.
     */
    public void freeIrq(int irq, Object devId) {
        if (irq < 0 || irq >= NR_IRQS) {
            return;
        }
        IrqAction prev = null;
        for (IrqAction a = action[irq]; a != null; prev = a, a = a.next) {
            if (a.devId != devId) {
                continue;
            }
            if (prev == null) {
                action[irq] = a.next;
            } else {
                prev.next = a.next;
            }
            if (action[irq] == null) {
                status[irq] |= IRQ_DISABLED;
                disable8259AIrq(irq);
            }
            return;
        }
        kernel.printk("Trying to free free IRQ" + irq);
    }

    /** {@code disable_irq}: nesting count; the first masks the line at the PIC. */
    public void disableIrq(int irq) {
        if (depth[irq]++ == 0) {
            status[irq] |= IRQ_DISABLED;
            disable8259AIrq(irq);
        }
    }

    /** {@code enable_irq}: the last of the nested enables unmasks the line, as the release does. */
    public void enableIrq(int irq) {
        if (depth[irq] == 0) {
            kernel.printk("enable_irq() unbalanced from " + irq);
            return;
        }
        if (--depth[irq] == 0) {
            status[irq] &= ~IRQ_DISABLED;
            type.enableLastDepth(irq);
        }
    }

    // ---- the 8259A handler type ----

    private void disable8259AIrq(int irq) {
        cachedIrqMask |= 1 << irq;
        writeImr(irq);
    }

    void enable8259AIrq(int irq) {
        cachedIrqMask &= ~(1 << irq);
        writeImr(irq);
    }

    private void writeImr(int irq) {
        if ((irq & 8) != 0) {
            out(0xA1, cachedIrqMask >>> 8);
        } else {
            out(0x21, cachedIrqMask & 0xFF);
        }
    }

    /** irq_err_count (2.4): spurious interrupts seen; 0 on 2.2. */
    public int irqErrCount() {
        return type.irqErrCount();
    }

    /**
     * {@code do_IRQ}: count, the release's handling at the 8259A (2.2: do_8259A_IRQ; 2.4: ack,
     * the IRQ_PENDING loop, end), then the bottom halves if any is pending (2.2: do_bottom_half;
     * 2.4: do_softirq). Called with interrupts disabled (the gate cleared IF).
     */
    public void doIrq(int irq) {
        if (irq < 0 || irq >= NR_IRQS) {
            return;
        }
        kernel.trace(TraceEvent.DO_IRQ, irq, 0);
        kstatIrqs[irq]++;
        type.handle(irq);
        if (kernel.stopped()) {
            return;
        }
        if (bottomHalves.pending()) {
            bottomHalves.doBottomHalf();
            if (kernel.stopped()) {
                return;
            }
        }
        kernel.leave(KernelSlice.DO_IRQ, irq);
    }

    /** {@code handle_IRQ_event}: irq_enter, sti unless SA_INTERRUPT, the chain, cli, irq_exit. */
    void handleIrqEvent(int irq, IrqAction a) {
        kernel.enter(KernelSlice.HANDLE_IRQ_EVENT, irq);
        kernel.irqEnter();
        if ((a.flags & SA_INTERRUPT) == 0) {
            kernel.sti();
        }
        do {
            int named = irq | a.traceName << 8;
            kernel.enter(KernelSlice.IRQ_ACTION, named);
            a.handler.handle(irq, a.devId);
            if (kernel.stopped()) {
                return;
            }
            kernel.leave(KernelSlice.IRQ_ACTION, named);
            a = a.next;
        } while (a != null);
        kernel.cli();
        kernel.irqExit();
        kernel.leave(KernelSlice.HANDLE_IRQ_EVENT, irq);
    }

    // ---- /proc/interrupts ----

    /** {@code get_irq_list}, uniprocessor layout: the lines with an action, then NMI. */
    public String procInterrupts() {
        StringBuilder b = new StringBuilder();
        b.append("           CPU0       \n");
        for (int i = 0; i < NR_IRQS; i++) {
            IrqAction a = action[i];
            if (a == null) {
                continue;
            }
            b.append(String.format("%3d: %10d  %14s  %s", i, Integer.toUnsignedLong(kstatIrqs[i]), "XT-PIC", a.name));
            for (a = a.next; a != null; a = a.next) {
                b.append(", ").append(a.name);
            }
            b.append('\n');
        }
        type.procInterruptsTail(b);
        return b.toString();
    }

    public int count(int irq) {
        return kstatIrqs[irq];
    }

    public int cachedIrqMask() {
        return cachedIrqMask;
    }
}
