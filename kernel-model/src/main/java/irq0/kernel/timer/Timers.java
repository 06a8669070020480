package irq0.kernel.timer;

import irq0.trace.KernelSlice;
import irq0.kernel.KernelContext;
import irq0.kernel.mm.KernelText;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.ProcessCode;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.sched.Step;
import irq0.kernel.time.Time;

/**
 * Linux 2.2's timer wheel (kernel/sched.c): five vectors, tv1 of 256 slots indexed by the low 8
 * bits of expires, tv2-tv5 of 64 slots for the next 6 bits each. {@code run_timer_list}, from
 * TIMER_BH, walks {@code timer_jiffies} up to {@code jiffies} one tick at a time, cascading a
 * vector down whenever the one below wraps, so ticks whose bottom half did not run are caught up.
 * Within a slot timers are linked at the head. jiffies comparisons are 32-bit and wrap.
 */
public final class Timers {
    static final int TVN_BITS = 6;
    static final int TVR_BITS = 8;
    static final int TVN_SIZE = 1 << TVN_BITS;
    static final int TVR_SIZE = 1 << TVR_BITS;
    static final int TVN_MASK = TVN_SIZE - 1;
    static final int TVR_MASK = TVR_SIZE - 1;

    /** A slot: the head pointer a first timer's prev points back to. */
    static final class Slot {
        TimerList first;
    }

    private final KernelContext kernel;
    private final Time time;
    /** For schedule_timeout: the sleeper is current, process_timeout wakes it. */
    private final Scheduler scheduler;
    /** tvecs[0] is tv1 (256 slots), tvecs[1..4] are tv2..tv5 (64 slots). */
    private final Slot[][] tvecs = new Slot[5][];
    /** tvecs[0], which run_timer_list reads at every tick. */
    private final Slot[] tv1;
    private final int[] index = new int[5];
    private int timerJiffies;

    public Timers(KernelContext kernel, Time time, Scheduler scheduler, int initialJiffies) {
        this.kernel = kernel;
        this.time = time;
        this.scheduler = scheduler;
        tvecs[0] = slots(TVR_SIZE);
        tv1 = tvecs[0];
        for (int n = 1; n < 5; n++) {
            tvecs[n] = slots(TVN_SIZE);
        }
        timerJiffies = initialJiffies;
        // 2.2 starts at jiffies 0 with every index 0. For another start the indices are what they
        // would be after ticking from 0: tv1 at the low bits, tvN one past the slot last cascaded.
        long tj = initialJiffies & 0xFFFFFFFFL;
        index[0] = (int) (tj & TVR_MASK);
        for (int n = 1; n < 5; n++) {
            int shift = TVR_BITS + (n - 1) * TVN_BITS;
            long ceil = (tj + (1L << shift) - 1) >>> shift;
            index[n] = (int) (ceil & TVN_MASK);
        }
    }

    private static Slot[] slots(int n) {
        Slot[] s = new Slot[n];
        for (int i = 0; i < n; i++) {
            s[i] = new Slot();
        }
        return s;
    }

    /** {@code internal_add_timer}: choose the vector by how far away expires is. */
    private void internalAddTimer(TimerList timer) {
        int expires = timer.expires;
        long idx = (expires - timerJiffies) & 0xFFFFFFFFL;
        Slot slot;
        if (idx < TVR_SIZE) {
            slot = tvecs[0][expires & TVR_MASK];
        } else if (idx < 1L << (TVR_BITS + TVN_BITS)) {
            slot = tvecs[1][(expires >>> TVR_BITS) & TVN_MASK];
        } else if (idx < 1L << (TVR_BITS + 2 * TVN_BITS)) {
            slot = tvecs[2][(expires >>> (TVR_BITS + TVN_BITS)) & TVN_MASK];
        } else if (idx < 1L << (TVR_BITS + 3 * TVN_BITS)) {
            slot = tvecs[3][(expires >>> (TVR_BITS + 2 * TVN_BITS)) & TVN_MASK];
        } else if ((int) idx < 0) {
            // expires already passed (or is now): run at the next tick processed
            slot = tvecs[0][index[0]];
        } else {
            slot = tvecs[4][(expires >>> (TVR_BITS + 3 * TVN_BITS)) & TVN_MASK];
        }
        TimerList first = slot.first;
        timer.next = first;
        if (first != null) {
            first.prev = timer;
        }
        slot.first = timer;
        timer.prev = slot;
    }

    /**
     * {@code add_timer}: a timer that is already pending is reported as 2.2 does ("bug: kernel
     * timer added twice at %p.", with the caller's address) and left as it was.
     */
    public void addTimer(TimerList timer, int callerAddress) {
        if (timer.prev != null) {
            kernel.printk(String.format("bug: kernel timer added twice at %08x.", callerAddress));
            return;
        }
        internalAddTimer(timer);
    }

    /** {@code detach_timer}: unlink if pending; true if it was. */
    private boolean detachTimer(TimerList timer) {
        Object prev = timer.prev;
        if (prev == null) {
            return false;
        }
        TimerList next = timer.next;
        if (next != null) {
            next.prev = prev;
        }
        if (prev instanceof Slot) {
            ((Slot) prev).first = next;
        } else {
            ((TimerList) prev).next = next;
        }
        return true;
    }

    /** {@code del_timer}: 1 if the timer was pending, 0 if not. */
    public int delTimer(TimerList timer) {
        boolean ret = detachTimer(timer);
        timer.next = null;
        timer.prev = null;
        return ret ? 1 : 0;
    }

    /** {@code mod_timer}: detach, set expires, add; 1 if it was pending. */
    public int modTimer(TimerList timer, int expires) {
        timer.expires = expires;
        boolean ret = detachTimer(timer);
        timer.next = null;
        timer.prev = null;
        internalAddTimer(timer);
        return ret ? 1 : 0;
    }

    /** {@code cascade_timers}: move every timer of the current slot of tvecs[n] down. */
    private void cascadeTimers(int n) {
        Slot slot = tvecs[n][index[n]];
        TimerList timer = slot.first;
        slot.first = null;
        while (timer != null) {
            TimerList tmp = timer;
            timer = timer.next;
            tmp.next = null;
            tmp.prev = null;
            internalAddTimer(tmp);
        }
        index[n] = (index[n] + 1) & TVN_MASK;
    }

    /** {@code run_timer_list}: up to the current jiffies, one tick at a time. */
    public void runTimerList() {
        int jiffies = time.jiffies();
        while (jiffies - timerJiffies >= 0) {
            if (index[0] == 0) {
                int n = 1;
                do {
                    cascadeTimers(n);
                } while (index[n] == 1 && ++n < 5);
            }
            Slot slot = tv1[index[0]];
            TimerList timer;
            while ((timer = slot.first) != null) {
                TimerFunction fn = timer.function;
                int data = timer.data;
                detachTimer(timer);
                timer.next = null;
                timer.prev = null;
                int address = timer.functionAddress;
                kernel.enter(KernelSlice.TIMER, address);
                fn.expire(data);
                if (kernel.stopped()) {
                    return;
                }
                kernel.leave(KernelSlice.TIMER, address);
            }
            timerJiffies++;
            index[0] = (index[0] + 1) & TVR_MASK;
        }
    }

    public int timerJiffies() {
        return timerJiffies;
    }

    /**
     * {@code schedule_timeout(timeout)} in TASK_INTERRUPTIBLE (kernel/sched.c, 2.2, beside
     * add_timer): a timer expiring at jiffies + timeout wakes the process (process_timeout); on
     * wake-up the timer is deleted.
     */
    public Step scheduleTimeout(int timeout, ProcessCode resume) {
        if (!scheduler.maySleep()) {
            return Step.exit(-1);
        }
        Process p = scheduler.current();
        TimerList timer = new TimerList(data -> scheduler.wakeUpProcess(p), KernelText.PROCESS_TIMEOUT);
        timer.expires = time.jiffies() + timeout;
        timer.data = p.pid();
        addTimer(timer, KernelText.SCHEDULE);
        return scheduler.sleep(Process.TASK_INTERRUPTIBLE, q -> {
            delTimer(timer);
            return resume.run(q);
        });
    }
}
