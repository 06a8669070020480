package irq0.kernel.module;

import irq0.board.PcBoard;
import irq0.kernel.KernelContext;
import irq0.kernel.KernelVersion;
import irq0.kernel.bh.BottomHalves;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.proc.ProcFs;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.ProcessCode;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.sched.Step;
import irq0.kernel.sched.WaitQueue;
import irq0.kernel.taskqueue.TaskQueue;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.time.Time;
import irq0.kernel.timer.TimerList;
import irq0.kernel.timer.Timers;

/**
 * The kernel as a module sees it: what kernel/ksyms.c exports to modules (jiffies, queue_task
 * and tq_timer, add_timer, sleep_on and wake_up, proc_register, ...), what the headers give a
 * module inline (cli/sti, mark_bh, in_interrupt(), udelay, start_bh_atomic) and the I/O ports its
 * outb/inb reach. The kernel builds one at boot from the subsystems it owns; insmod links each
 * module against it ({@link KernelModule#kernel()}), so module code calls the subsystems it
 * uses directly and never the {@code Kernel} that owns them.
 *
 * <p>A final class: its calls bind statically and inline into a module's routine on the tick
 * (queue_task from a task's routine is on run_task_queue's path).
 */
public final class KernelSymbols {
    /** The CPU and memory as the model keeps them: for peek and poke, call, printk, cli/sti. */
    final KernelContext kernel;
    private final KernelVersion version;
    private final PcBoard board;
    private final Time time;
    private final BottomHalves bottomHalves;
    private final TaskQueues taskQueues;
    private final Timers timers;
    private final Scheduler scheduler;
    private final ProcFs procFs;

    public KernelSymbols(KernelContext kernel, KernelVersion version, PcBoard board, Time time,
            BottomHalves bottomHalves, TaskQueues taskQueues, Timers timers, Scheduler scheduler, ProcFs procFs) {
        this.kernel = kernel;
        this.version = version;
        this.board = board;
        this.time = time;
        this.bottomHalves = bottomHalves;
        this.taskQueues = taskQueues;
        this.timers = timers;
        this.scheduler = scheduler;
        this.procFs = procFs;
    }

    /** The release the module was built for (its header constants: TQUEUE_BH, IMMEDIATE_BH, ...). */
    public KernelVersion version() {
        return version;
    }

    /** The machine's I/O ports, which a module's outb/inb reach with no kernel symbol between. */
    public PcBoard board() {
        return board;
    }

    // ---- time ----

    /** {@code jiffies}. */
    public int jiffies() {
        return time.jiffies();
    }

    /** {@code HZ}. */
    public int hz() {
        return time.hz();
    }

    /** {@code udelay}: a busy wait; interrupts are taken meanwhile if IF is set. */
    public void udelay(int usecs) {
        kernel.udelay(usecs);
    }

    // ---- deferred work ----

    /** {@code queue_task}: 1 if the task was queued, 0 if it was already on a queue. */
    public int queueTask(int task, TaskQueue queue) {
        return taskQueues.queueTask(task, queue);
    }

    /** {@code tq_timer}: run by TQUEUE_BH after each tick that finds it non-empty. */
    public TaskQueue tqTimer() {
        return taskQueues.tqTimer;
    }

    /** {@code tq_immediate}: run by IMMEDIATE_BH once it is marked. */
    public TaskQueue tqImmediate() {
        return taskQueues.tqImmediate;
    }

    /** {@code mark_bh}. */
    public void markBh(int nr) {
        bottomHalves.markBh(nr);
    }

    /** {@code disable_bh}. */
    public void disableBh(int nr) {
        bottomHalves.disableBh(nr);
    }

    /** {@code enable_bh}. */
    public void enableBh(int nr) {
        bottomHalves.enableBh(nr);
    }

    /** {@code start_bh_atomic}: no bottom half runs until {@link #endBhAtomic}. */
    public void startBhAtomic() {
        kernel.localBhEnter();
    }

    /** {@code end_bh_atomic}: the count down, then what the release does with what is pending. */
    public void endBhAtomic() {
        kernel.localBhExit();
        bottomHalves.localBhEnabled();
    }

    /** {@code add_timer}, from the code at {@code callerAddress} (2.2's "added twice" message names it). */
    public void addTimer(TimerList timer, int callerAddress) {
        timers.addTimer(timer, callerAddress);
    }

    /** {@code del_timer}: 1 if the timer was pending. */
    public int delTimer(TimerList timer) {
        return timers.delTimer(timer);
    }

    // ---- processes ----

    /** {@code current}. */
    public Process current() {
        return scheduler.current();
    }

    /** {@code sleep_on}. */
    public Step sleepOn(WaitQueue q, ProcessCode resume) {
        return scheduler.sleepOn(q, resume);
    }

    /** {@code interruptible_sleep_on}. */
    public Step interruptibleSleepOn(WaitQueue q, ProcessCode resume) {
        return scheduler.interruptibleSleepOn(q, resume);
    }

    /** {@code wake_up}. */
    public void wakeUp(WaitQueue q) {
        scheduler.wakeUp(q);
    }

    /** {@code wake_up_interruptible}. */
    public void wakeUpInterruptible(WaitQueue q) {
        scheduler.wakeUpInterruptible(q);
    }

    /** {@code schedule_timeout} in TASK_INTERRUPTIBLE. */
    public Step scheduleTimeout(int timeout, ProcessCode resume) {
        return timers.scheduleTimeout(timeout, resume);
    }

    // ---- the CPU ----

    /** {@code in_interrupt()}. */
    public boolean inInterrupt() {
        return kernel.inInterrupt();
    }

    /** {@code cli()}. */
    public void cli() {
        kernel.cli();
    }

    /** {@code sti()}: a request the PIC holds is taken at once. */
    public void sti() {
        kernel.sti();
    }

    /** A call through a function pointer, as compiled code makes it (a fault where no function is). */
    public void call(int address, int data) {
        kernel.call(address, data);
    }

    /** True once an Oops, a panic or a lockup stopped the machine: a module's loop unwinds. */
    public boolean stopped() {
        return kernel.stopped();
    }

    // ---- /proc and the log ----

    /** {@code printk}. */
    public void printk(String text) {
        kernel.printk(text);
    }

    /** {@code proc_register(&proc_root, entry)}. */
    public int procRegister(ProcEntry entry) {
        return procFs.procRegister(entry);
    }

    /** {@code proc_unregister(&proc_root, ino)}. */
    public int procUnregister(ProcEntry entry) {
        return procFs.procUnregister(entry);
    }
}
