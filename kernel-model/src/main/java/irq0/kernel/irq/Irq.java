package irq0.kernel.irq;

import irq0.board.PcBoard;
import irq0.kernel.Errno;
import irq0.kernel.Kernel;
import irq0.kernel.KernelVersion;
import irq0.kernel.bh.BottomHalves;
import irq0.trace.KernelSlice;
import irq0.trace.TraceEvent;

/**
 * Hardware interrupt entry for the 8259A pair, after Linux 2.2's arch/i386/kernel/irq.c:
 * {@code irq_desc[]}, {@code request_irq}/{@code free_irq}, {@code do_IRQ},
 * {@code do_8259A_IRQ}, {@code mask_and_ack_8259A}, {@code enable_8259A_irq}, and the PIC
 * initialisation that 2.2 leaves to arch/i386/boot/setup.S. Every PIC access is port I/O on the
 * board. The per-interrupt path allocates nothing.
 */
public final class Irq {
    public static final int NR_IRQS = 16;
    /** Handler runs with interrupts disabled (handle_IRQ_event does not sti). */
    public static final int SA_INTERRUPT = 0x20000000;
    /** Several handlers may share the line. */
    public static final int SA_SHIRQ = 0x04000000;

    static final int IRQ_INPROGRESS = 1;
    static final int IRQ_DISABLED = 2;
    static final int IRQ_REPLAY = 8;

    private final Kernel kernel;
    private final PcBoard board;
    private final BottomHalves bottomHalves;
    /** mask_and_ack_8259A's EOI: specific (0x60 + IR) or non-specific (0x20). */
    private final boolean specificEoi;
    private final IrqAction[] action = new IrqAction[NR_IRQS];
    private final int[] status = new int[NR_IRQS];
    private final int[] depth = new int[NR_IRQS];
    /** kstat.irqs: interrupts taken per line, for /proc/interrupts. */
    private final int[] kstatIrqs = new int[NR_IRQS];
    /** cached_irq_mask: the IMR contents the kernel last wrote, slave in bits 8-15. */
    private int cachedIrqMask = 0xFFFF;
    /** 2.4's lightweight spurious-IRQ check in mask_and_ack_8259A (2.2 has none). */
    private final boolean spuriousCheck;
    /** 2.4: the lines already reported spurious (spurious_irq_mask), and irq_err_count. */
    private int spuriousIrqMask;
    private int irqErrCount;

    public Irq(Kernel kernel, PcBoard board, BottomHalves bottomHalves, KernelVersion version) {
        this.kernel = kernel;
        this.board = board;
        this.bottomHalves = bottomHalves;
        this.specificEoi = version.specificEoi();
        this.spuriousCheck = version == KernelVersion.V2_4;
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

    private void out(int port, int value) {
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

    /** {@code enable_irq}: the last of the nested enables unmasks the line. */
    public void enableIrq(int irq) {
        if (depth[irq] == 0) {
            kernel.printk("enable_irq() unbalanced from " + irq);
            return;
        }
        if (--depth[irq] == 0) {
            status[irq] &= ~IRQ_DISABLED;
            if ((status[irq] & IRQ_INPROGRESS) == 0) {
                enable8259AIrq(irq);
            }
        }
    }

    // ---- the 8259A handler type ----

    private void disable8259AIrq(int irq) {
        cachedIrqMask |= 1 << irq;
        writeImr(irq);
    }

    private void enable8259AIrq(int irq) {
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

    /**
     * {@code mask_and_ack_8259A}: "mask it first, then send the EOI, and the order of EOI to the
     * two 8259s is important": a dummy read of the IMR, the IMR with this line masked, then a
     * non-specific EOI (a slave line gets a specific EOI for IR2 to the master, then a
     * non-specific one to the slave).
     */
    private void maskAndAck8259A(int irq) {
        if ((cachedIrqMask & (1 << irq)) != 0 && spuriousCheck) {
            spurious8259AIrq(irq); // the rare path: a masked line (IRQ7, IRQ15 come even so)
        }
        cachedIrqMask |= 1 << irq;
        boolean specific = specificEoi;
        if ((irq & 8) != 0) {
            board.in(0xA1);
            out(0xA1, cachedIrqMask >>> 8);
            if (specific) {
                out(0xA0, 0x60 + (irq & 7));
                out(0x20, 0x62);
            } else {
                out(0x20, 0x62);
                out(0xA0, 0x20);
            }
        } else {
            board.in(0x21);
            out(0x21, cachedIrqMask & 0xFF);
            out(0x20, specific ? 0x60 + irq : 0x20);
        }
    }

    /**
     * 2.4.22's spurious_8259A_irq: i8259A_irq_real reads the ISR (OCW3 0x0B, then 0x0A back to
     * the IRR); if the line is not in service it is spurious: "spurious 8259A interrupt: IRQ%d."
     * once per line and irq_err_count counts it; either way it is then handled as a real one.
     */
    private void spurious8259AIrq(int irq) {
        int cmd = (irq & 8) != 0 ? 0xA0 : 0x20;
        out(cmd, 0x0B);
        int inService = board.in(cmd) & (1 << (irq & 7));
        out(cmd, 0x0A);
        if (inService != 0) {
            return;
        }
        if ((spuriousIrqMask & (1 << irq)) == 0) {
            kernel.printk("spurious 8259A interrupt: IRQ" + irq + ".");
            spuriousIrqMask |= 1 << irq;
        }
        irqErrCount++;
    }

    /** irq_err_count (2.4): spurious interrupts seen. */
    public int irqErrCount() {
        return irqErrCount;
    }

    /**
     * {@code do_IRQ}: count, {@code do_8259A_IRQ}, then the bottom halves if any is active and
     * enabled. Called with interrupts disabled (the gate cleared IF).
     */
    public void doIrq(int irq) {
        if (irq < 0 || irq >= NR_IRQS) {
            return;
        }
        kernel.trace(TraceEvent.DO_IRQ, irq, 0);
        kstatIrqs[irq]++;
        do8259AIrq(irq);
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

    private void do8259AIrq(int irq) {
        kernel.enter(KernelSlice.MASK_AND_ACK, irq);
        maskAndAck8259A(irq);
        kernel.leave(KernelSlice.MASK_AND_ACK, irq);
        int st = status[irq] & ~IRQ_REPLAY;
        IrqAction a = null;
        if ((st & (IRQ_DISABLED | IRQ_INPROGRESS)) == 0) {
            a = action[irq];
        }
        status[irq] = st | IRQ_INPROGRESS;
        if (a == null) {
            return;
        }
        handleIrqEvent(irq, a);
        if (kernel.stopped()) {
            return;
        }
        st = status[irq] & ~IRQ_INPROGRESS;
        status[irq] = st;
        if ((st & IRQ_DISABLED) == 0) {
            enable8259AIrq(irq);
        }
    }

    /** {@code handle_IRQ_event}: irq_enter, sti unless SA_INTERRUPT, the chain, cli, irq_exit. */
    private void handleIrqEvent(int irq, IrqAction a) {
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
        b.append(String.format("NMI: %10d%n", 0));
        if (spuriousCheck) {
            b.append(String.format("ERR: %10d%n", irqErrCount)); // 2.4's get_irq_list
        }
        return b.toString();
    }

    public int count(int irq) {
        return kstatIrqs[irq];
    }

    public int cachedIrqMask() {
        return cachedIrqMask;
    }
}
