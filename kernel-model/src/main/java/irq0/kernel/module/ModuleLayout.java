package irq0.kernel.module;

import irq0.kernel.KernelFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The image of a module as insmod lays it out in the area sys_create_module allocated: the
 * {@code struct module} first (2.2, i386: 18 words), then the code, then the data, each section
 * 16-byte aligned. Offsets are relative to the module's base address. Static initialisers of the
 * data are recorded as words, and pointers as relocations applied once the base is known, as
 * insmod does before init_module copies the image in. Functions must be declared before data.
 * The code section holds no instruction bytes: it reads as zeros, and only a function's entry
 * address means anything (the kernel calls the Java body registered there).
 */
public final class ModuleLayout {
    /** sizeof(struct module) in 2.2 on i386: 18 words. */
    public static final int STRUCT_MODULE_SIZE = 0x48;
    /** gcc's alignment of a static aggregate of 256 bits or more on i386 (ix86_data_alignment). */
    public static final int AGGREGATE_ALIGNMENT = 32;

    final List<String> functionNames = new ArrayList<>();
    final List<Integer> functionOffsets = new ArrayList<>();
    final List<KernelFunction> functions = new ArrayList<>();
    final List<int[]> initWords = new ArrayList<>();     // {offset, value}
    final List<int[]> relocations = new ArrayList<>();   // {offset, targetOffset}
    final java.util.Map<String, Integer> parameters = new java.util.LinkedHashMap<>(); // name -> offset
    final List<String> undefinedSymbols = new ArrayList<>();
    final List<Variable> variables = new ArrayList<>();
    private final irq0.kernel.KernelVersion version;
    private int codeCursor = align(STRUCT_MODULE_SIZE);
    private int dataCursor = -1;

    /** A layout for the kernel release {@code version} (its tq_struct, its symbols). */
    public ModuleLayout(irq0.kernel.KernelVersion version) {
        this.version = version;
    }

    /** The release the module is being loaded into, as insmod knows it from the running kernel. */
    public irq0.kernel.KernelVersion version() {
        return version;
    }

    /** sizeof(struct tq_struct) in the release loaded into. */
    public int tqStructSize() {
        return version.tqStructSize();
    }

    /** offsetof(struct tq_struct, routine). */
    public int tqRoutine() {
        return version.tqRoutine();
    }

    /** offsetof(struct tq_struct, data). */
    public int tqData() {
        return version.tqData();
    }

    /** Kernel symbols the object file refers to and insmod must resolve against the kernel's exports. */
    public void undefined(String... symbols) {
        undefinedSymbols.addAll(java.util.Arrays.asList(symbols));
    }

    private static int align(int v) {
        return (v + 15) & ~15;
    }

    /** A function of {@code size} bytes of code that the kernel may call through a pointer. */
    public int function(String name, int size, KernelFunction body) {
        if (dataCursor >= 0) {
            throw new IllegalStateException("module layout: function " + name + " declared after data");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("module layout: function " + name + " needs a size > 0: " + size);
        }
        int off = codeCursor;
        codeCursor = align(codeCursor + size);
        functionNames.add(name);
        functionOffsets.add(off);
        functions.add(body);
        return off;
    }

    /** A function only called directly (init_module, cleanup_module, a /proc read handler). */
    public int function(String name, int size) {
        return function(name, size, null);
    }

    /**
     * {@code size} bytes of data, zero unless initialised. An object of 32 bytes or more (on i386
     * only an aggregate: an array or a struct) is 32-byte aligned, as gcc's i386 back end aligns a
     * static aggregate of 256 bits or more for the cache (ix86_data_alignment, DATA_ALIGNMENT in
     * i386.h), and insmod keeps that alignment when it places the section (modutils'
     * obj_load_size honours sh_addralign; the module's base is vmalloc's page). So no 16-byte
     * tq_struct of a static array crosses a page, as none does in a real 2.2 module. Anything
     * smaller is 4-byte aligned: every object here holds ints or pointers.
     */
    public int data(String name, int size) {
        return data(name, size, size >= AGGREGATE_ALIGNMENT ? AGGREGATE_ALIGNMENT : 4);
    }

    /**
     * {@code size} bytes of data declared {@code __attribute__((aligned(alignment)))}: gcc takes
     * the user's alignment as it is and does not raise it (align_variable skips DATA_ALIGNMENT
     * for DECL_USER_ALIGN), so a test can place an object exactly, across a page for one.
     */
    public int data(String name, int size, int alignment) {
        if (alignment < 4 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("module layout: " + name + " needs a power-of-two alignment >= 4: " + alignment);
        }
        if (dataCursor < 0) {
            dataCursor = codeCursor;
        }
        int off = (dataCursor + alignment - 1) & -alignment;
        dataCursor = off + size;
        return off;
    }

    /** A {@code static int} of the module: 4 bytes of data it reaches at a fixed address. */
    public Variable variable(String name) {
        Variable v = new Variable(data(name, 4));
        variables.add(v);
        return v;
    }

    /** A static initialiser: the word at {@code offset} starts as {@code value}. */
    public void initWord(int offset, int value) {
        initWords.add(new int[] {offset, value});
    }

    /** A static int's initialiser: {@code static int name = value;}. */
    public void initWord(Variable variable, int value) {
        initWord(variable.offset(), value);
    }

    /** A relocated pointer: the word at {@code offset} starts as base + {@code targetOffset}. */
    public void initPointer(int offset, int targetOffset) {
        relocations.add(new int[] {offset, targetOffset});
    }

    /**
     * {@code MODULE_PARM(name, "i")}: the int variable at {@code offset} may be set by insmod
     * ({@code insmod MODULE name=value}) before init_module runs.
     */
    public void parameter(String name, int offset) {
        parameters.put(name, offset);
    }

    /** {@code MODULE_PARM(name, "i")} of a static int. */
    public void parameter(String name, Variable variable) {
        parameter(name, variable.offset());
    }

    /** The image size (mod->size): struct module, code and data. */
    public int size() {
        return dataCursor < 0 ? codeCursor : dataCursor;
    }
}
