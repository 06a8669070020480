package irq0.kernel.shell;

import irq0.kernel.Errno;
import irq0.kernel.module.KernelModule;
import irq0.kernel.module.Modules;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.proc.ProcFs;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.sched.Step;
import irq0.kernel.timer.Timers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A shell process (pid 1, "sh") running a script: each command line is echoed after a "# "
 * prompt and runs as its own child process named after the command, while the shell waits for
 * it (wait4); a line ending in {@code &} runs in the background and the shell goes on at once,
 * and {@code wait} waits for the background jobs. Commands: insmod NAME [symbol=value ...],
 * rmmod NAME, lsmod, cat FILE, sleep SECONDS (virtual time, fractions allowed, as GNU sleep →
 * nanosleep), ps, echo WORDS. Errors are one line, as the usual tools print them, and the script
 * goes on.
 *
 * <p>A user program: it reaches the kernel only through the system calls its commands make
 * (fork and wait4 on the scheduler, create_module/init_module/delete_module, open and read of
 * /proc, nanosleep), given to it when the kernel builds it, and writes to its terminal.
 */
public final class Shell {
    private final Consumer<String> terminal;
    private final Scheduler scheduler;
    private final Timers timers;
    private final Modules modules;
    private final ProcFs procFs;
    /** HZ, for sleep's timespec_to_jiffies. */
    private final int hz;
    private List<String> script = List.of();
    private Process process;
    private int next;
    private int failures;
    /** Background jobs ({@code cmd &}) not yet waited for. */
    private final List<Process> jobs = new ArrayList<>();

    public Shell(Consumer<String> terminal, Scheduler scheduler, Timers timers, Modules modules, ProcFs procFs, int hz) {
        this.terminal = terminal;
        this.scheduler = scheduler;
        this.timers = timers;
        this.modules = modules;
        this.procFs = procFs;
        this.hz = hz;
    }

    public void start(List<String> commands) {
        this.script = List.copyOf(commands);
        this.process = scheduler.spawn("sh", this::runNext);
    }

    /** The shell has run its whole script and exited. */
    public boolean finished() {
        return process != null && process.exited();
    }

    /** How many commands exited with a non-zero status. */
    public int failures() {
        return failures;
    }

    /**
     * Starts one command line as its own process, without the shell waiting for it: it runs at
     * the next schedule(). Tests use this to issue a command at an exact tick.
     */
    public Process spawnCommand(String line) {
        terminal.accept("# " + line.trim());
        String[] argv = line.trim().split("\\s+");
        return scheduler.spawn(argv[0], p -> command(p, argv));
    }

    private Step runNext(Process sh) {
        while (next < script.size()) {
            String line = script.get(next++).trim();
            terminal.accept("# " + line);
            boolean background = line.endsWith("&");
            if (background) {
                line = line.substring(0, line.length() - 1).trim();
            }
            String[] argv = line.isEmpty() ? new String[0] : line.split("\\s+");
            if (argv.length == 0) {
                continue;
            }
            if (argv[0].equals("wait") && argv.length == 1) {
                return waitForJobs(sh);
            }
            Process child = scheduler.spawn(argv[0], p -> command(p, argv));
            if (background) {
                jobs.add(child); // sh does not wait; the job runs at the next schedule()
                continue;
            }
            return scheduler.interruptibleSleepOn(child.exitWait(), s -> childExited(s, child));
        }
        return Step.exit(failures == 0 ? 0 : 1);
    }

    /** The {@code wait} builtin: until every background job has exited (their status is not counted). */
    private Step waitForJobs(Process sh) {
        for (Process job : jobs) {
            if (!job.exited()) {
                return scheduler.interruptibleSleepOn(job.exitWait(), this::waitForJobs);
            }
        }
        jobs.clear();
        return runNext(sh);
    }

    private Step childExited(Process sh, Process child) {
        if (!child.exited()) {
            return scheduler.interruptibleSleepOn(child.exitWait(), s -> childExited(s, child));
        }
        if (child.exitStatus() != 0) {
            failures++;
        }
        return runNext(sh);
    }

    private Step command(Process p, String[] argv) {
        switch (argv[0]) {
            case "insmod":
                return insmod(p, argv);
            case "rmmod":
                if (argv.length != 2) {
                    terminal.accept("rmmod: usage: rmmod NAME");
                    return Step.exit(1);
                }
                return modules.rmmod(argv[1], p);
            case "lsmod":
                terminal.accept("Module                  Size  Used by");
                printLines(modules.procModules());
                return Step.exit(0);
            case "cat":
                return cat(p, argv, 1);
            case "sleep":
                return sleep(p, argv);
            case "ps":
                return ps();
            case "echo":
                terminal.accept(String.join(" ", Arrays.asList(argv).subList(1, argv.length)));
                return Step.exit(0);
            default:
                terminal.accept("sh: " + argv[0] + ": command not found");
                return Step.exit(127);
        }
    }

    private Step insmod(Process p, String[] argv) {
        if (argv.length < 2) {
            terminal.accept("insmod: usage: insmod NAME [symbol=value ...]");
            return Step.exit(1);
        }
        KernelModule object = modules.findObject(argv[1]);
        if (object == null) {
            terminal.accept("insmod: " + argv[1] + ": no module by that name found");
            return Step.exit(1);
        }
        List<String> arguments = Arrays.asList(argv).subList(2, argv.length);
        return Step.exit(modules.insmod(argv[1], object, arguments, p) == 0 ? 0 : 1);
    }

    private Step cat(Process p, String[] argv, int i) {
        if (argv.length < 2) {
            terminal.accept("cat: usage: cat FILE...");
            return Step.exit(1);
        }
        if (i >= argv.length) {
            return Step.exit(0);
        }
        ProcEntry e = procFs.lookup(argv[i]);
        if (e == null) {
            terminal.accept("cat: " + argv[i] + ": " + Errno.strerror(Errno.ENOENT));
            return Step.exit(1).andThen(s -> cat(p, argv, i + 1).andThen(t -> Step.exit(1)));
        }
        StringBuilder page = new StringBuilder();
        return procFs.read(e, p, page).andThen(s -> {
            printLines(page.toString());
            return cat(p, argv, i + 1);
        });
    }

    /**
     * sleep: sys_nanosleep's timespec_to_jiffies (rounding the nanoseconds up to a jiffy) plus one
     * jiffy for a non-zero request, then schedule_timeout, also for 0 ({0, 0}): its timer expires
     * at the current jiffies, which run_timer_list has passed, so it runs at the next tick.
     */
    private Step sleep(Process p, String[] argv) {
        if (argv.length != 2) {
            terminal.accept("sleep: usage: sleep SECONDS");
            return Step.exit(1);
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(argv[1]);
        } catch (NumberFormatException e) {
            terminal.accept("sleep: invalid time interval '" + argv[1] + "'");
            return Step.exit(1);
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(21_000_000)) > 0) {
            terminal.accept("sleep: invalid time interval '" + argv[1] + "'");
            return Step.exit(1);
        }
        long sec = seconds.longValue();
        long nsec = seconds.subtract(BigDecimal.valueOf(sec)).movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValue();
        long nsPerJiffy = 1_000_000_000L / hz;
        long timeout = hz * sec + (nsec + nsPerJiffy - 1) / nsPerJiffy + ((sec != 0 || nsec != 0) ? 1 : 0);
        return timers.scheduleTimeout((int) Math.min(timeout, Integer.MAX_VALUE), q -> Step.exit(0));
    }

    /**
     * ps: every process that has not exited, pid, state letter (fs/proc/array.c's: R, S, D) and
     * command name. The idle task is not listed, as ps does not list pid 0.
     */
    private Step ps() {
        terminal.accept("  PID STAT COMMAND");
        for (Process t : scheduler.liveTasks()) {
            terminal.accept(String.format("%5d %-4s %s", t.pid(), t.stateName().substring(0, 1), t.comm()));
        }
        return Step.exit(0);
    }

    private void printLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (String l : lines) {
            terminal.accept(l);
        }
    }
}
