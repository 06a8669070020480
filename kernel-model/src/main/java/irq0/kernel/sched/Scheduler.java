package irq0.kernel.sched;

import irq0.trace.KernelSlice;
import irq0.trace.TraceEvent;
import irq0.kernel.KernelContext;
import irq0.kernel.bh.BottomHalves;
import java.util.ArrayDeque;

/**
 * The process side of Linux 2.2 (kernel/sched.c) reduced to what the timer path touches: the
 * idle task (pid 0, "swapper"), a run queue served in FIFO order, {@code schedule()},
 * {@code sleep_on}/{@code interruptible_sleep_on}, {@code wake_up}/{@code wake_up_interruptible}
 * (every sleeper in a matching state) and {@code wake_up_process}; {@code schedule_timeout}, which
 * 2.2 keeps in kernel/sched.c beside add_timer, is with the timer wheel
 * ({@code Timers.scheduleTimeout}), so that the scheduler needs no timers and
 * do_timer's accounting (which reads {@code current}) can be built on it.
 * Process context runs only inside {@link #schedule()}, which the idle loop calls; a process
 * step runs to its end or its sleep without interruption, so adding a sleeper to a wait queue is
 * atomic against interrupts as 2.2's SLEEP_ON_HEAD makes it with write_lock_irqsave.
 *
 * <p>2.4.22 (kernel/sched.c, include/linux/wait.h) keeps the same calls on a
 * {@code wait_queue_head_t} (a lock and a list_head of wait_queue_t entries, SLEEP_ON_HEAD under
 * the queue's spinlock with interrupts off): its wake_up is {@code __wake_up(q,
 * TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE, 1)}, which stops after one <em>exclusive</em> sleeper
 * woken, but sleep_on's entries are never exclusive (only add_wait_queue_exclusive makes one, and
 * no modelled code sleeps that way), so every sleeper in a matching state wakes, as in 2.2.
 * What 2.4 drops is 2.2's {@code struct wait_queue *} variable and its NULL test
 * ({@link WaitQueue#pointerNonNull}); LKMPG's 2.4 sched.c tests a flag instead.
 */
public final class Scheduler {
    private final KernelContext kernel;
    private final BottomHalves bottomHalves;
    private final Process idle = new Process(0, 0, "swapper", null);
    /** The task list (for_each_task): every process ever spawned, in pid order. */
    private final java.util.List<Process> tasks = new java.util.ArrayList<>();
    private final ArrayDeque<Process> runQueue = new ArrayDeque<>();
    private Process current = idle;
    private int lastPid;

    public Scheduler(KernelContext kernel, BottomHalves bottomHalves) {
        this.kernel = kernel;
        this.bottomHalves = bottomHalves;
    }

    public Process current() {
        return current;
    }

    public Process idleTask() {
        return idle;
    }

    /** Creates a runnable process running {@code code} (fork + exec, as far as the model goes). */
    public Process spawn(String comm, ProcessCode code) {
        Process p = new Process(++lastPid, current.pid, comm, code);
        kernel.traceName(TraceEvent.PROCESS_NAME, p.pid, comm);
        runQueue.add(p);
        tasks.add(p);
        return p;
    }

    /** Every process but the idle task that has not exited, in pid order (what ps lists). */
    public java.util.List<Process> liveTasks() {
        java.util.List<Process> live = new java.util.ArrayList<>();
        for (Process p : tasks) {
            if (!p.exited()) {
                live.add(p);
            }
        }
        return live;
    }

    /** The process with {@code pid}, exited or not, or null (the idle task is pid 0). */
    public Process task(int pid) {
        if (pid == 0) {
            return idle;
        }
        return pid <= tasks.size() ? tasks.get(pid - 1) : null;
    }

    /**
     * The idle loop's {@code schedule()} after HLT, and the schedule() each process step ends in:
     * every call runs tq_scheduler once and the pending bottom halves once (2.2's handle_bh),
     * then switches to the next runnable process. Work queued or marked during those runs waits
     * for the next schedule() or do_IRQ, as in 2.2.
     */
    public void schedule() {
        Process caller = idle;
        while (!kernel.stopped()) {
            setCurrent(caller); // tq_scheduler and handle_bh run in the context of whoever called schedule()
            bottomHalves.runFromSchedule();
            if (kernel.stopped()) {
                return;
            }
            setCurrent(idle);
            Process p = runQueue.poll();
            if (p == null) {
                return;
            }
            runProcess(p);
            caller = p;
        }
        current = idle;
    }

    /**
     * {@code current = p}, stored only when it changes: a reference store pays the garbage
     * collector's write barrier, and the idle loop's schedule() finds the idle task current
     * already, at every tick.
     */
    private void setCurrent(Process p) {
        if (current != p) {
            current = p;
        }
    }

    private void runProcess(Process p) {
        current = p;
        if (p.waitingOn != null) {
            p.waitingOn.sleepers.remove(p); // SLEEP_ON_TAIL
            p.waitingOn = null;
        }
        ProcessCode code = p.next;
        kernel.enter(KernelSlice.PROCESS, p.pid);
        Step s = code.run(p);
        current = idle;
        if (kernel.stopped()) {
            return;
        }
        if (s.exit) {
            kernel.trace(TraceEvent.PROCESS_STATE, p.pid, TraceEvent.EXIT);
        }
        kernel.leave(KernelSlice.PROCESS, p.pid);
        if (s.exit) {
            p.state = Process.TASK_ZOMBIE;
            p.exitStatus = s.status;
            p.next = null;
            wakeUp(p.exitWait);
        } else {
            p.next = s.resume;
            if (p.state == Process.TASK_RUNNING && !runQueue.contains(p)) {
                runQueue.add(p);
            }
        }
    }

    /**
     * {@code sleep_on}: TASK_UNINTERRUPTIBLE on {@code q}, then schedule. From interrupt or
     * bottom-half context, schedule() reports "Scheduling in interrupt" and oopses, as in 2.2.
     */
    public Step sleepOn(WaitQueue q, ProcessCode resume) {
        return sleepOn(q, Process.TASK_UNINTERRUPTIBLE, resume);
    }

    /** {@code interruptible_sleep_on}: as sleep_on but TASK_INTERRUPTIBLE (no signals are modelled). */
    public Step interruptibleSleepOn(WaitQueue q, ProcessCode resume) {
        return sleepOn(q, Process.TASK_INTERRUPTIBLE, resume);
    }

    private Step sleepOn(WaitQueue q, int state, ProcessCode resume) {
        if (!maySleep()) {
            return Step.exit(-1);
        }
        q.sleepers.add(current);
        q.everUsed = true;
        current.waitingOn = q;
        return sleep(state, resume);
    }

    /**
     * {@code current->state = state; schedule();}: current sleeps until a wake-up, on a wait queue
     * its caller has put it on or on none (schedule_timeout's timer wakes it).
     */
    public Step sleep(int state, ProcessCode resume) {
        current.state = state;
        kernel.trace(TraceEvent.PROCESS_STATE, current.pid, TraceEvent.SLEEP);
        return Step.sleep(resume);
    }

    /**
     * Whether the caller may sleep: schedule() from interrupt or bottom-half context, or from the
     * idle task, reports "Scheduling in interrupt" and oopses, as 2.2's does.
     */
    public boolean maySleep() {
        if (kernel.inInterrupt() || current == idle) {
            kernel.schedulingInInterrupt();
            return false;
        }
        return true;
    }

    /** {@code wake_up}: every sleeper, interruptible or not, becomes runnable. */
    public void wakeUp(WaitQueue q) {
        wake(q, Process.TASK_INTERRUPTIBLE | Process.TASK_UNINTERRUPTIBLE);
    }

    /** {@code wake_up_interruptible}: only TASK_INTERRUPTIBLE sleepers. */
    public void wakeUpInterruptible(WaitQueue q) {
        wake(q, Process.TASK_INTERRUPTIBLE);
    }

    private void wake(WaitQueue q, int mask) {
        for (int i = 0; i < q.sleepers.size(); i++) {
            Process p = q.sleepers.get(i);
            if ((p.state & mask) != 0) {
                wakeUpProcess(p);
            }
        }
    }

    /** {@code wake_up_process}. */
    public void wakeUpProcess(Process p) {
        if (p.state == Process.TASK_INTERRUPTIBLE || p.state == Process.TASK_UNINTERRUPTIBLE) {
            p.state = Process.TASK_RUNNING;
            kernel.trace(TraceEvent.PROCESS_STATE, p.pid, TraceEvent.WAKE_UP);
            runQueue.add(p);
        }
    }
}
