package irq0.kernel.proc;

/** {@code struct proc_dir_entry}, as far as a read-only file in /proc needs one. */
public final class ProcEntry {
    final String name;
    final ProcRead read;

    public ProcEntry(String name, ProcRead read) {
        this.name = name;
        this.read = read;
    }

    public String name() {
        return name;
    }
}
