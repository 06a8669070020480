package irq0.cpu;

import irq0.time.VirtualTime;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Runs a {@link BootMachine} for {@code irq0 boot}, whichever CPU it has: the length, the progress
 * bar, an interruption by a signal, the closing summary (text or JSON) and the exit code. Both
 * CPUs go through here, so an option means the same on both.
 *
 * <p>Output: the progress bar (only when asked, i.e. when stderr is a terminal) and the text
 * summary on {@code err}; with {@link Request#json} the summary is one JSON object on {@code out}
 * instead (the caller then sends the console to {@code err}, so that stdout is that object).
 */
public final class BootRunner {
    /**
     * The longest a run with no length lasts: a script that never ends, a boot image that never
     * writes to port 0xF4.
     */
    public static final long MAX_SECONDS = 3600;
    /** A run with no length, no script and no boot image lasts this long. */
    public static final long DEFAULT_SECONDS = 1;
    /** Exit status after SIGINT (Ctrl-C), as a shell reports a process killed by it: 128 + 2. */
    public static final int EXIT_SIGINT = 130;
    /** Exit status after SIGTERM: 128 + 15. */
    public static final int EXIT_SIGTERM = 143;

    /**
     * Virtual time between two looks at the stop request: short enough that Ctrl-C ends a run at
     * once, long enough that the look costs nothing (the machine's state is the same whether a
     * run is sliced or not).
     */
    private static final long SLICE_CLOCKS = VirtualTime.PIT_HZ / 100;

    /** How long to run and what to show. */
    public static class Request {
        /** Stop when virtual time reaches this many PIT clocks; -1 for no such length. */
        public long limitClocks = -1;
        /**
         * Deliver this many timer interrupts and stop where the next would be taken; -1 for no
         * such length.
         */
        public long limitTicks = -1;
        /** No summary and no progress bar. */
        public boolean quiet;
        /** The summary as one JSON object on stdout. */
        public boolean json;
        /** Draw a progress bar on stderr (the caller sets it when stderr is a terminal). */
        public boolean progress;
    }

    /** The outcome of a run, for the summary and for tests. */
    public static final class Outcome {
        public int exitCode;
        public BootMachine.Stop stop;
        /** The signal that ended the run ("SIGINT", "SIGTERM"), or null. */
        public String signal;
        /** The length ran out although the run meant to end by itself (a script, a boot image). */
        public boolean capReached;
        public long clocks;
        public long interrupts;
        public long timerInterrupts;
        public long instructions;
        public long hostNanos;
        /** CPU time the running thread used (the JIT and GC threads not included). */
        public long cpuNanos;
        /** BIOS calls the firmware does not serve (CF=1, AH=01h for the caller). */
        public long unsupportedBiosCalls;

        /** What ended the run, in the summary's words. */
        public String reason() {
            if (signal != null) {
                return "interrupted by " + signal;
            }
            switch (stop) {
                case LENGTH: return capReached ? "stopped at the " + MAX_SECONDS + " s limit" : "length reached";
                case GUEST_EXIT: return "guest exit";
                case KERNEL_STOPPED: return "kernel stopped";
                case FAULT: return "guest fault";
                case INTERNAL_ERROR: return "internal error";
                default: return stop.name().toLowerCase(Locale.ROOT);
            }
        }

        /** The JSON summary's "stop". */
        public String stopName() {
            if (signal != null) {
                return "interrupted";
            }
            return capReached ? "limit" : stop.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Decides the exit code once the machine has stopped, prints what it has to say on
     * {@code err} (one line each) and finishes what the run wrote; the summary follows it and
     * reports the code it returns.
     */
    public interface Verdict {
        int decide(Outcome outcome, int machineCode, PrintWriter err);
    }

    /** Set from a signal handler: the run ends at the next slice, cleanly. */
    private volatile String stopSignal;

    /** Asks the run to end as soon as it can (a signal handler's job). */
    public void requestStop(String signal) {
        stopSignal = signal;
    }

    /**
     * Runs {@code machine} as {@code request} says. {@code length} with neither limit set runs
     * until the machine stops by itself, at most {@link #MAX_SECONDS}, and then
     * {@link Outcome#capReached} is set.
     */
    public Outcome run(BootMachine machine, Request request, Verdict verdict, PrintWriter out, PrintWriter err) {
        Outcome outcome = new Outcome();
        long limitClocks = request.limitClocks;
        long limitTicks = request.limitTicks < 0 ? Long.MAX_VALUE : request.limitTicks;
        boolean capped = request.limitClocks < 0 && request.limitTicks < 0;
        if (capped) {
            limitClocks = MAX_SECONDS * VirtualTime.PIT_HZ;
        }
        if (limitClocks < 0) {
            limitClocks = Long.MAX_VALUE;
        }
        boolean drawProgress = request.progress && !request.quiet && !request.json;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        BootMachine.Stop stop;
        long lastDrawn = -1;
        while (true) {
            long now = machine.board().now();
            long until = now >= limitClocks - SLICE_CLOCKS ? limitClocks : now + SLICE_CLOCKS;
            stop = machine.runUntil(until, limitTicks);
            if (stop != BootMachine.Stop.PAUSED) {
                break;
            }
            now = machine.board().now();
            if (now >= limitClocks || machine.timerInterrupts() >= limitTicks && until > now) {
                stop = BootMachine.Stop.LENGTH;
                break;
            }
            if (stopSignal != null) {
                outcome.signal = stopSignal;
                break;
            }
            if (drawProgress && now / (SLICE_CLOCKS * 10) != lastDrawn) {
                lastDrawn = now / (SLICE_CLOCKS * 10);
                err.print(progressBar(now, request.limitClocks, limitTicks == Long.MAX_VALUE ? -1 : limitTicks,
                        machine.interrupts(), machine.timerInterrupts()));
                err.flush();
            }
        }
        if (drawProgress && lastDrawn >= 0) {
            err.print("\r\033[K");
        }
        outcome.hostNanos = System.nanoTime() - t0;
        outcome.cpuNanos = cpuTime ? threads.getCurrentThreadCpuTime() - c0 : 0;
        outcome.stop = stop;
        outcome.capReached = capped && stop == BootMachine.Stop.LENGTH;
        outcome.clocks = machine.board().now();
        outcome.interrupts = machine.interrupts();
        outcome.timerInterrupts = machine.timerInterrupts();
        outcome.instructions = machine.instructions();
        outcome.unsupportedBiosCalls = machine.unsupportedBiosCalls();
        out.flush();
        int code;
        if (outcome.signal != null) {
            code = outcome.signal.equals("SIGTERM") ? EXIT_SIGTERM : EXIT_SIGINT;
        } else {
            switch (stop) {
                case FAULT:
                    err.println("irq0 boot: " + machine.message());
                    code = PcMachine.EXIT_FAULT;
                    break;
                case INTERNAL_ERROR:
                    err.println("irq0 boot: " + machine.message());
                    code = PcMachine.EXIT_INTERNAL_ERROR;
                    break;
                case GUEST_EXIT:
                case KERNEL_STOPPED:
                    code = machine.exitStatus();
                    break;
                default:
                    code = 0;
            }
        }
        outcome.exitCode = verdict == null ? code : verdict.decide(outcome, code, err);
        if (request.json) {
            out.println(json(outcome));
        } else if (!request.quiet) {
            err.println(summary(outcome));
        }
        out.flush();
        err.flush();
        return outcome;
    }

    /** "\r[#####.....]  50% 0.500000/1.000000 s virtual, 500 interrupts". */
    static String progressBar(long clocks, long totalClocks, long totalTicks, long interrupts, long ticks) {
        StringBuilder sb = new StringBuilder("\r[");
        int width = 30;
        long percent = totalClocks > 0 ? Math.min(100, clocks * 100 / totalClocks)
                : totalTicks > 0 ? Math.min(100, ticks * 100 / totalTicks) : -1;
        int filled = percent < 0 ? 0 : (int) (percent * width / 100);
        for (int i = 0; i < width; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        sb.append("] ");
        if (percent >= 0) {
            sb.append(String.format(Locale.ROOT, "%3d%% ", percent));
        }
        sb.append(seconds(clocks));
        if (totalClocks > 0) {
            sb.append('/').append(seconds(totalClocks));
        }
        sb.append(" s virtual, ").append(count(interrupts, "interrupt"));
        return sb.toString();
    }

    /** Virtual seconds with six decimals, exact (integer arithmetic). */
    public static String seconds(long clocks) {
        long us = VirtualTime.toMicros(clocks);
        return String.format(Locale.ROOT, "%d.%06d", us / 1_000_000L, us % 1_000_000L);
    }

    /** "1 interrupt", "2 interrupts". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The closing summary line. */
    public static String summary(Outcome o) {
        double host = o.hostNanos / 1e9;
        double virtual = o.clocks / (double) VirtualTime.PIT_HZ;
        return String.format(Locale.ROOT,
                "irq0 boot: %s after %s s virtual: %s (%d timer), %s%s; host %.3f s, "
                        + "%.1fx real time, %.0f interrupts per host second; exit %d",
                o.reason(), seconds(o.clocks), count(o.interrupts, "interrupt"), o.timerInterrupts,
                count(o.instructions, "instruction"),
                o.unsupportedBiosCalls > 0 ? ", " + count(o.unsupportedBiosCalls, "unsupported BIOS call") : "",
                host, host > 0 ? virtual / host : 0.0, host > 0 ? o.interrupts / host : 0.0, o.exitCode);
    }

    /** The summary as one JSON object; its exitCode is the process's. */
    public static String json(Outcome o) {
        double host = o.hostNanos / 1e9;
        double virtual = o.clocks / (double) VirtualTime.PIT_HZ;
        return String.format(Locale.ROOT,
                "{\"stop\":\"%s\",\"exitCode\":%d,\"virtualSeconds\":%s,\"pitClocks\":%d,\"interrupts\":%d,"
                        + "\"timerInterrupts\":%d,\"instructions\":%d,\"hostSeconds\":%.6f,\"speed\":%.3f,"
                        + "\"interruptsPerHostSecond\":%.1f,\"cpuSeconds\":%.6f,\"unsupportedBiosCalls\":%d}",
                o.stopName(), o.exitCode, seconds(o.clocks), o.clocks, o.interrupts, o.timerInterrupts,
                o.instructions, host, host > 0 ? virtual / host : 0.0, host > 0 ? o.interrupts / host : 0.0,
                o.cpuNanos / 1e9, o.unsupportedBiosCalls);
    }
}
