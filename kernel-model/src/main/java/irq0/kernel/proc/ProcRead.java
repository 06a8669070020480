package irq0.kernel.proc;

import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;

/**
 * A /proc file's read handler ({@code get_info}): appends the file's text to {@code page} and
 * exits with 0, or sleeps first (LDD2's jiq files do) and appends when continued.
 */
@FunctionalInterface
public interface ProcRead {
    Step read(Process current, StringBuilder page);
}
