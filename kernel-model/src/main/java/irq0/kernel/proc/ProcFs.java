package irq0.kernel.proc;

import irq0.kernel.Errno;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * /proc's root directory: {@code proc_register}/{@code proc_unregister} (fs/proc/root.c, 2.2)
 * and lookup by name. proc_register links a new entry at the head of the directory's
 * subdir list and proc_lookup walks that list from the head, so
 * of two entries with one name the newest is found. A file that was unregistered is gone:
 * opening it fails with ENOENT.
 */
public final class ProcFs {
    private final List<ProcEntry> root = new ArrayList<>();
    private java.util.function.IntFunction<ProcEntry> pidStatus = pid -> null;

    /**
     * proc_root_lookup's numeric names: /proc/PID/status comes from {@code status} (null for a
     * pid with no process).
     */
    public void setPidStatus(java.util.function.IntFunction<ProcEntry> status) {
        this.pidStatus = status;
    }

    /** {@code proc_register(&proc_root, entry)}: 0. */
    public int procRegister(ProcEntry entry) {
        root.add(0, entry);
        return 0;
    }

    /** {@code proc_unregister(&proc_root, ino)}: 0, or -EINVAL if it is not registered. */
    public int procUnregister(ProcEntry entry) {
        return root.remove(entry) ? 0 : -Errno.EINVAL;
    }

    /** The entry for "/proc/NAME", or null. */
    public ProcEntry lookup(String path) {
        if (!path.startsWith("/proc/")) {
            return null;
        }
        String name = path.substring("/proc/".length());
        if (name.matches("[0-9]{1,9}/status")) {
            return pidStatus.apply(Integer.parseInt(name.substring(0, name.indexOf('/'))));
        }
        for (ProcEntry e : root) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Reads an entry into {@code page}. */
    public Step read(ProcEntry entry, Process current, StringBuilder page) {
        return entry.read.read(current, page);
    }
}
