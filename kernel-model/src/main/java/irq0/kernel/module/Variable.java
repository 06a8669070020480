package irq0.kernel.module;

/**
 * A {@code static int} of a module: four bytes of its data section whose address the module's
 * compiled code holds as a constant, since insmod relocated it when it loaded the image (so
 * {@code Runs++} is one {@code incl} of a fixed address, not a pointer to follow). While the
 * module is loaded the variable reaches its word in the page that holds it directly: no access
 * of a module to its own data can fault while its code is there to run, because rmmod frees the
 * pages only after cleanup_module has returned. Once they are freed, an access goes through the
 * kernel's checked memory again and faults where 2.2 would.
 */
public final class Variable {
    private final int offset;
    private KernelModule module;
    /** The words of the page holding the variable while the module is loaded, else null. */
    private int[] words;
    private int index;

    Variable(int offset) {
        this.offset = offset;
    }

    /** Where the variable is in the module's image. */
    public int offset() {
        return offset;
    }

    public int get() {
        int[] w = words;
        return w != null ? w[index] : module.peek(offset);
    }

    public void set(int value) {
        int[] w = words;
        if (w != null) {
            w[index] = value;
        } else {
            module.poke(offset, value);
        }
    }

    /** insmod placed the image: the variable's word is {@code page[index]}. */
    void map(KernelModule module, int[] page, int index) {
        this.module = module;
        this.words = page;
        this.index = index;
    }

    /** rmmod freed the image: from now on an access faults. */
    void unmap() {
        words = null;
    }
}
