package irq0.kernel.time;

import irq0.board.PcBoard;
import irq0.kernel.KernelVersion;
import irq0.kernel.bh.BottomHalves;
import irq0.kernel.irq.Irq;
import irq0.kernel.irq.IrqAction;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.taskqueue.TaskQueue;
import irq0.trace.KernelSlice;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import java.util.function.Consumer;

/**
 * Timekeeping of Linux 2.2: the PIT programming of init_IRQ (arch/i386/kernel/irq.c), time_init
 * and timer_interrupt (arch/i386/kernel/time.c) and do_timer (kernel/sched.c). jiffies is a
 * 32-bit unsigned long that wraps; compare it only by signed difference ({@link #timeAfter}).
 */
public final class Time {
    /** CLOCK_TICK_RATE: the PIT frequency the kernel believes in (include/asm-i386/timex.h). */
    public static final int CLOCK_TICK_RATE = 1193180;
    /** Port 0x80: the write that outb_p/inb_p add after each access to slow the bus down. */
    private static final int SLOW_DOWN_IO_PORT = 0x80;

    private final PcBoard board;
    private final Scheduler scheduler;
    private final BottomHalves bottomHalves;
    private final TaskQueue tqTimer;
    private final int timerBh;
    private final int tqueueBh;
    private final int hz;
    private final int latch;
    /** TICK_SIZE, {@code tick}: microseconds per jiffy, (1000000 + HZ/2) / HZ (kernel/sched.c), computed once. */
    private final int tickSize;
    /**
     * 2.4.22's timer_interrupt resets a PIT whose latched count is above LATCH; 2.2.8's has no such
     * check (see {@link #timerInterrupt}).
     */
    private final boolean resetsHighCount;
    /** The kernel's printk, for the rare message of the tick. */
    private final Consumer<String> printk;
    private int jiffies;
    /** Ticks charged to the idle task (update_process_times), for /proc/uptime's second field. */
    private int idleTicks;
    /**
     * The count timer_interrupt latched and read back: delay_at_last_interrupt is computed from it
     * when asked ({@link #delayAtLastInterrupt}), since nothing on the tick reads it.
     */
    private int countAtLastInterrupt;
    private Trace trace = Trace.NONE;
    /** False for {@link Trace#NONE}: the timer path's slice events cost a branch. */
    private boolean tracing;

    public Time(PcBoard board, KernelVersion version, int hz, int initialJiffies, Scheduler scheduler,
            BottomHalves bottomHalves, TaskQueue tqTimer, Consumer<String> printk) {
        if (hz < 19 || hz > 1193180) {
            throw new IllegalArgumentException("HZ must be between 19 and 1193180 (LATCH must fit 16 bits): " + hz);
        }
        this.board = board;
        this.scheduler = scheduler;
        this.bottomHalves = bottomHalves;
        this.tqTimer = tqTimer;
        this.timerBh = version.timerBh();
        this.tqueueBh = version.tqueueBh();
        this.hz = hz;
        this.latch = latch(hz);
        this.tickSize = (1_000_000 + hz / 2) / hz;
        this.resetsHighCount = version.resetsHighPitCount();
        this.printk = printk;
        this.jiffies = initialJiffies;
    }

    /** LATCH = (CLOCK_TICK_RATE + HZ/2) / HZ: 11932 (0x2E9C) at HZ=100, 1193 at HZ=1000. */
    /** Where timer_interrupt and do_timer report their entry and exit (the kernel's trace). */
    public void setTrace(Trace trace) {
        this.trace = trace == null ? Trace.NONE : trace;
        this.tracing = this.trace != Trace.NONE;
    }

    private void slice(int kind, int slice) {
        if (tracing) {
            trace.record(board.now(), kind, slice, 0);
        }
    }

    public static int latch(int hz) {
        return (CLOCK_TICK_RATE + hz / 2) / hz;
    }

    private void outbP(int value, int port) {
        board.out(port, value);
        board.out(SLOW_DOWN_IO_PORT, value);
    }

    private int inbP(int port) {
        int v = board.in(port);
        board.out(SLOW_DOWN_IO_PORT, v);
        return v;
    }

    /**
     * init_IRQ's "set the clock to HZ": control word 0x34 (counter 0, LSB then MSB, mode 2,
     * binary) and LATCH low byte with outb_p, then the high byte with outb.
     */
    public void programPit() {
        programCounter0(board, latch);
    }

    /**
     * The write sequence for counter 0 in mode 2 with {@code count}: control word 0x34 and the
     * count's low byte with outb_p (each followed by the dummy write to port 0x80), then the high
     * byte with outb. init_IRQ and 2.4's timer_interrupt write LATCH so; a driver may write any.
     */
    public static void programCounter0(PcBoard board, int count) {
        board.out(0x43, 0x34);
        board.out(SLOW_DOWN_IO_PORT, 0x34);
        board.out(0x40, count & 0xFF);
        board.out(SLOW_DOWN_IO_PORT, count & 0xFF);
        board.out(0x40, count >>> 8);
    }

    /** time_init: setup_x86_irq(0, &amp;irq0) with timer_interrupt, SA_INTERRUPT, "timer". */
    public void timeInit(Irq irq) {
        irq.setupIrq(0, new IrqAction((line, dev) -> timerInterrupt(), Irq.SA_INTERRUPT, "timer", null));
    }

    /**
     * timer_interrupt with the TSC in use: latch counter 0 (outb_p 0x00 to 0x43), read it back
     * LSB (inb_p) then MSB (inb), kept for delay_at_last_interrupt, then
     * do_timer_interrupt → do_timer.
     *
     * <p>2.4.22 then checks the count: above LATCH ("Any unpaired read will cause the above to swap
     * MSB/LSB forever", or a driver that reprogrammed counter 0) it prints "i8253 count too high!
     * resetting..", writes control word 0x34 and LATCH again as init_IRQ does (outb_p, outb_p,
     * outb) and takes LATCH - 1; a count of exactly LATCH is taken as LATCH - 1 ("some i8253
     * clones hold the LATCH value visible momentarily"). 2.2.8's timer_interrupt has no check: it
     * keeps whatever it read, so a reprogrammed counter 0 stays reprogrammed and jiffies runs at
     * its rate. The check is ordered count-first, so the tick with a sane count never reads the
     * release's flag.
     */
    public void timerInterrupt() {
        slice(TraceEvent.ENTER, KernelSlice.TIMER_INTERRUPT);
        outbP(0x00, 0x43);
        int count = inbP(0x40);
        count |= board.in(0x40) << 8;
        if (count >= latch && resetsHighCount) {
            count = checkedCount24(count);
        }
        countAtLastInterrupt = count;
        doTimer();
        slice(TraceEvent.LEAVE, KernelSlice.TIMER_INTERRUPT);
    }

    /** 2.4.22's rare path of timer_interrupt: the count at or above LATCH. */
    private int checkedCount24(int count) {
        if (count > latch) {
            printk.accept("i8253 count too high! resetting..");
            programPit();
            return latch - 1;
        }
        return count - 1;
    }

    /**
     * do_timer: jiffies++, mark TIMER_BH, and TQUEUE_BH only when tq_timer is not empty. Every
     * tick lands on the idle task in this model (process context takes no virtual time).
     */
    public void doTimer() {
        slice(TraceEvent.ENTER, KernelSlice.DO_TIMER);
        jiffies++;
        if (scheduler.current() == scheduler.idleTask()) {
            idleTicks++;
        }
        bottomHalves.markBh(timerBh);
        if (!tqTimer.isEmpty()) {
            bottomHalves.markBh(tqueueBh);
        }
        slice(TraceEvent.LEAVE, KernelSlice.DO_TIMER);
    }

    /** time_after(a, b): a is later than b, across a wrap. */
    public static boolean timeAfter(int a, int b) {
        return b - a < 0;
    }

    public int jiffies() {
        return jiffies;
    }

    public int hz() {
        return hz;
    }

    public int latch() {
        return latch;
    }

    /**
     * delay_at_last_interrupt (arch/i386/kernel/time.c, timer_interrupt with the TSC): microseconds
     * the tick was late, ((LATCH-1) - count) * TICK_SIZE rounded over LATCH, from the latched count.
     */
    public int delayAtLastInterrupt() {
        int count = ((latch - 1) - countAtLastInterrupt) * tickSize;
        return (count + latch / 2) / latch;
    }

    /** /proc/uptime (fs/proc/array.c get_uptime): uptime and idle time in seconds with 2 decimals. */
    public String procUptime() {
        long uptime = Integer.toUnsignedLong(jiffies);
        long idle = Integer.toUnsignedLong(idleTicks);
        return String.format("%d.%02d %d.%02d%n",
                uptime / hz, (((uptime % hz) * 100) / hz) % 100,
                idle / hz, (((idle % hz) * 100) / hz) % 100);
    }
}
