package irq0.trace;

import irq0.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link TraceRecorder.Drain} that writes the kernel model's events as {@code trace-cmd report}
 * prints an ftrace recording: a {@code cpus=1} line, then one line per event,
 * <pre>
 *           &lt;idle&gt;-0     [000]     0.010000: irq_handler_entry:    irq=0 name=timer
 * </pre>
 * (the running task's comm and pid, the CPU, seconds with microseconds, the tracepoint and its
 * fields), with the names and field layouts of Linux's tracepoints (include/trace/events/irq.h,
 * sched.h, workqueue.h, timer.h) where one exists. Linux 2.2 had no tracepoints at all, and no
 * later kernel has one for its bottom halves or task queues, so: a bottom half is reported as a
 * softirq ({@code softirq_entry: vec=0 [action=TIMER_BH]}), a task queue's task as a work item
 * ({@code workqueue_execute_start: work struct tq_timer: function sched:intrpt_routine}), a
 * timer_list function by {@code timer_expire_entry/exit} with its function only. Process switches
 * are {@code sched_switch} with prio 120 (nice 0), wake-ups {@code sched_wakeup}.
 */
public final class FtraceFile implements TraceRecorder.Drain {
    private final BufferedWriter out;
    private final Window window;
    private final KernelNames names;
    /** The queue of each task being run, innermost last. */
    private final Deque<Integer> taskQueues = new ArrayDeque<>();
    private final StringBuilder line = new StringBuilder(160);
    private int currentPid;
    private char lastState = 'R';

    public FtraceFile(OutputFile file, Window window, TraceStrings strings) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16);
        this.window = window;
        this.names = new KernelNames(strings);
        out.write("cpus=1\n");
    }

    @Override
    public void accept(long[] time, int[] kind, int[] a, int[] b, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            event(time[i], kind[i], a[i], b[i]);
        }
        out.flush();
    }

    private void event(long t, int kind, int a, int b) throws IOException {
        if (names.learn(kind, a, b)) {
            return;
        }
        switch (kind) {
            case TraceEvent.BH_RUN:
                print(t, "softirq_entry", "vec=" + a + " [action=" + bottomHalf(a) + "]");
                return;
            case TraceEvent.TASK_RUN:
                taskQueues.addLast(b);
                print(t, "workqueue_execute_start", "work struct " + KernelSlice.queueName(b) + ": function " + symbol(a));
                return;
            case TraceEvent.PROCESS_STATE:
                if (b == TraceEvent.WAKE_UP) {
                    print(t, "sched_wakeup", "comm=" + comm(a) + " pid=" + a + " prio=120 target_cpu=000");
                } else {
                    lastState = b == TraceEvent.SLEEP ? 'S' : 'Z';
                }
                return;
            case TraceEvent.ENTER:
                enter(t, a, b);
                return;
            case TraceEvent.LEAVE:
                leave(t, a, b);
                return;
            default:
                return;
        }
    }

    private void enter(long t, int slice, int arg) throws IOException {
        switch (slice) {
            case KernelSlice.IRQ_ACTION:
                print(t, "irq_handler_entry", "irq=" + (arg & 0xFF) + " name=" + names.text(arg >> 8));
                return;
            case KernelSlice.TIMER:
                print(t, "timer_expire_entry", "function=" + symbol(arg));
                return;
            case KernelSlice.PROCESS:
                lastState = 'R';
                print(t, "sched_switch", "prev_comm=swapper prev_pid=0 prev_prio=120 prev_state=R ==> next_comm="
                        + comm(arg) + " next_pid=" + arg + " next_prio=120");
                currentPid = arg;
                return;
            default:
                return;
        }
    }

    private void leave(long t, int slice, int arg) throws IOException {
        switch (slice) {
            case KernelSlice.IRQ_ACTION:
                print(t, "irq_handler_exit", "irq=" + (arg & 0xFF) + " ret=handled");
                return;
            case KernelSlice.BOTTOM_HALF:
                print(t, "softirq_exit", "vec=" + arg + " [action=" + bottomHalf(arg) + "]");
                return;
            case KernelSlice.TASK:
                Integer q = taskQueues.pollLast();
                print(t, "workqueue_execute_end", "work struct " + KernelSlice.queueName(q == null ? -1 : q)
                        + ": function " + symbol(arg));
                return;
            case KernelSlice.TIMER:
                print(t, "timer_expire_exit", "function=" + symbol(arg));
                return;
            case KernelSlice.PROCESS:
                // the process's step ended: it sleeps, exits, or gives the CPU back still runnable
                print(t, "sched_switch", "prev_comm=" + comm(arg) + " prev_pid=" + arg + " prev_prio=120 prev_state="
                        + lastState + " ==> next_comm=swapper next_pid=0 next_prio=120");
                currentPid = 0;
                return;
            default:
                return;
        }
    }

    private String symbol(int address) {
        return names.symbol(address);
    }

    private String bottomHalf(int nr) {
        String s = names.bottomHalf(nr);
        return s != null ? s : "BH" + nr;
    }

    /** trace-cmd prints the idle task as "<idle>". */
    private String comm(int pid) {
        return pid == 0 ? "<idle>" : names.comm(pid);
    }

    /** trace-cmd report's layout: comm right-aligned in 16, "-", pid in 5, [cpu], time, event in 22. */
    private void print(long t, String event, String fields) throws IOException {
        if (!window.contains(t)) {
            return;
        }
        line.setLength(0);
        String comm = comm(currentPid);
        for (int i = comm.length(); i < 16; i++) {
            line.append(' ');
        }
        line.append(comm).append('-').append(currentPid);
        for (int i = Integer.toString(currentPid).length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [000] ");
        long us = VirtualTime.toMicros(t);
        String stamp = (us / 1_000_000) + "." + String.format("%06d", us % 1_000_000);
        for (int i = stamp.length(); i < 12; i++) {
            line.append(' ');
        }
        line.append(stamp).append(": ").append(event).append(':');
        for (int i = event.length() + 1; i < 22; i++) {
            line.append(' ');
        }
        if (event.length() + 1 >= 22) {
            line.append(' ');
        }
        line.append(fields).append('\n');
        out.append(line);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
