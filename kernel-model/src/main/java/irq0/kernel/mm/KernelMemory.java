package irq0.kernel.mm;

import irq0.kernel.KernelFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The modelled kernel address space of a 128 MB i386 machine under Linux 2.2: only the vmalloc
 * area is backed, because that is where {@code sys_create_module} puts a module ({@code module_map}
 * is {@code vmalloc}). Memory is bytes, little-endian, in 4 KB pages, each held as 1024 i386 words
 * (an aligned word, the size of every pointer and tq_struct field, is one array load); a page that is not mapped
 * faults, as after {@code vfree} cleared its page-table entries. Allocation follows 2.2's
 * {@code get_vm_area} (mm/vmalloc.c): first fit from {@code VMALLOC_START}, each area followed by a
 * one-page guard hole, so loading and removing modules is deterministic and a module loaded after
 * another was removed lands at the same address.
 */
public final class KernelMemory {
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;
    /**
     * 2.2's VMALLOC_START: (high_memory + VMALLOC_OFFSET) rounded to VMALLOC_OFFSET (8 MB). With
     * 128 MB of RAM high_memory is 0xc8000000.
     */
    public static final int VMALLOC_START = 0xc8800000;
    /** The model backs 64 MB of vmalloc space, far more than a handful of modules need. */
    public static final int VMALLOC_SIZE = 64 << 20;
    public static final int VMALLOC_END = VMALLOC_START + VMALLOC_SIZE;
    /** Physical address of swapper_pg_dir in 2.2 (arch/i386/kernel/head.S: 0xc0101000): the %cr3 of every kernel thread. */
    public static final int SWAPPER_PG_DIR = 0x00101000;

    public static final int WORDS_PER_PAGE = PAGE_SIZE / 4;

    /** Each mapped page's bytes as little-endian words (byte k of word w is address 4w+k); null where unmapped. */
    private final int[][] pages = new int[VMALLOC_SIZE >>> PAGE_SHIFT][];
    /**
     * Per mapped page, the function whose entry point is at each 16-byte slot (a module's entry
     * points are 16-byte aligned), null where none starts; the page's table goes with the page, so
     * a call through a pointer into freed memory finds no table and faults. The Agrona habit of a
     * table per page instead of a cache keyed on change counters: one lookup answers both "is it
     * mapped" and "what runs there".
     */
    private final KernelFunction[][] functions = new KernelFunction[VMALLOC_SIZE >>> PAGE_SHIFT][];
    /** The last entry point {@link #functionAt} found (0, outside the area, when none) and its function. */
    private int lookasideAddress;
    private KernelFunction lookasideFunction;
    /** Page directory entries of the vmalloc area, once a page table was allocated (never freed, as in 2.2). */
    private final int[] pde = new int[VMALLOC_SIZE >>> 22];
    /** Model frame numbers handed out for page tables and pages: deterministic, not a real allocator. */
    private int nextFrame = 0x07f00000;
    private final List<int[]> areas = new ArrayList<>(); // {addr, size incl. guard page}, sorted by addr

    /** True when the 4 bytes at {@code address} are mapped. */
    public boolean mapped(int address, int length) {
        if ((address & (PAGE_SIZE - 1)) <= PAGE_SIZE - length) {
            return pageWords(address) != null;
        }
        return pageWords(address) != null && pageWords(address + length - 1) != null;
    }

    /**
     * The words of the page holding {@code address}, or null when it is not mapped: one lookup
     * for a caller that checks and reads an aligned word (word {@code (address & 0xFFF) >>> 2}).
     * The array is the page's own storage and stays valid only while the page is mapped: a
     * caller must not keep it across anything that can {@link #vfree}.
     */
    public int[] pageWords(int address) {
        // an unsigned shift, so that one comparison with the length is the whole range check
        // and the JIT drops the array's own bounds check
        int index = (address - VMALLOC_START) >>> PAGE_SHIFT;
        return index < pages.length ? pages[index] : null;
    }

    /**
     * The function table of the page holding {@code address} (slot {@code (address & 0xFFF) >>> 4}),
     * or null when the page is not mapped.
     */
    public KernelFunction[] pageFunctions(int address) {
        int index = (address - VMALLOC_START) >>> PAGE_SHIFT;
        return index < functions.length ? functions[index] : null;
    }

    /**
     * The function whose entry point is {@code address}, or null where none starts (a call there
     * faults): the page's function table, through a one-entry lookaside of the last entry point
     * found. A task queue calls the same routine task after task, and the lookaside answers that
     * with one comparison; {@link #vfree} empties it, as 2.2's vfree flushes the TLB
     * (vmfree_area_pages), so a call through a pointer into freed memory still faults.
     */
    public KernelFunction functionAt(int address) {
        if (address == lookasideAddress) {
            return lookasideFunction;
        }
        KernelFunction[] table = pageFunctions(address);
        KernelFunction f = table != null && (address & 15) == 0 ? table[(address & (PAGE_SIZE - 1)) >>> 4] : null;
        if (f != null) {
            lookasideAddress = address;
            lookasideFunction = f;
        }
        return f;
    }

    /**
     * The function at {@code address} if it is the lookaside's entry (the last entry point
     * {@link #functionAt} found, and no vfree since), else null: no table walk, so it can never
     * fault or find anything new.
     */
    public KernelFunction cachedFunction(int address) {
        return address == lookasideAddress ? lookasideFunction : null;
    }

    /** Forgets the lookaside's entry: what was at its address may have changed. */
    private void flushLookaside() {
        lookasideAddress = 0;
        lookasideFunction = null;
    }

    /** Records that {@code function} starts at {@code address} (mapped, 16-byte aligned): insmod's code. */
    public void setFunction(int address, KernelFunction function) {
        if ((address & 15) != 0 || !mapped(address, 1)) {
            throw new IllegalArgumentException(String.format("no 16-byte aligned mapped entry point at %08x", address));
        }
        functions[(address - VMALLOC_START) >>> PAGE_SHIFT][(address & (PAGE_SIZE - 1)) >>> 4] = function;
        flushLookaside();
    }

    /** The byte at a mapped address. */
    public int read8(int address) {
        int[] p = pageWords(address);
        return p[(address & (PAGE_SIZE - 1)) >>> 2] >>> ((address & 3) << 3) & 0xFF;
    }

    public void write8(int address, int value) {
        int[] p = pageWords(address);
        int w = (address & (PAGE_SIZE - 1)) >>> 2;
        int shift = (address & 3) << 3;
        p[w] = (p[w] & ~(0xFF << shift)) | ((value & 0xFF) << shift);
    }

    /** The little-endian 32-bit word at a mapped address (callers check {@link #mapped} first). */
    public int read32(int address) {
        if ((address & 3) == 0) {
            return pageWords(address)[(address & (PAGE_SIZE - 1)) >>> 2];
        }
        return read8(address) | read8(address + 1) << 8 | read8(address + 2) << 16 | read8(address + 3) << 24;
    }

    public void write32(int address, int value) {
        if ((address & 3) == 0) {
            pageWords(address)[(address & (PAGE_SIZE - 1)) >>> 2] = value;
            return;
        }
        for (int i = 0; i < 4; i++) {
            write8(address + i, value >>> (8 * i));
        }
    }

    /**
     * {@code vmalloc(size)}: zeroed pages at the first hole that fits {@code size} rounded up to a
     * page plus the guard page (2.2 {@code get_vm_area}); 0 when the area is full.
     */
    public int vmalloc(int size) {
        if (size <= 0) {
            return 0;
        }
        long rounded = ((size + PAGE_SIZE - 1L) & ~(PAGE_SIZE - 1L)) + PAGE_SIZE;
        long addr = VMALLOC_START & 0xFFFFFFFFL;
        int at = 0;
        for (; at < areas.size(); at++) {
            int[] a = areas.get(at);
            if (rounded + addr < (a[0] & 0xFFFFFFFFL)) {
                break;
            }
            addr = (a[0] & 0xFFFFFFFFL) + a[1];
        }
        if (addr + rounded > (VMALLOC_END & 0xFFFFFFFFL)) {
            return 0;
        }
        areas.add(at, new int[] {(int) addr, (int) rounded});
        for (long p = addr; p < addr + rounded - PAGE_SIZE; p += PAGE_SIZE) {
            int index = (int) ((p - (VMALLOC_START & 0xFFFFFFFFL)) >>> PAGE_SHIFT);
            pages[index] = new int[WORDS_PER_PAGE];
            functions[index] = new KernelFunction[PAGE_SIZE >>> 4];
            int dir = index >>> 10;
            if (pde[dir] == 0) {
                pde[dir] = nextFrame | 0x067; // _PAGE_TABLE: present, rw, user, accessed, dirty
                nextFrame -= PAGE_SIZE;
            }
        }
        return (int) addr;
    }

    /** {@code vfree(addr)}: unmaps the area's pages; later accesses fault. */
    public boolean vfree(int address) {
        for (int i = 0; i < areas.size(); i++) {
            int[] a = areas.get(i);
            if (a[0] == address) {
                areas.remove(i);
                flushLookaside();
                long start = address & 0xFFFFFFFFL;
                for (long p = start; p < start + a[1] - PAGE_SIZE; p += PAGE_SIZE) {
                    int index = (int) ((p - (VMALLOC_START & 0xFFFFFFFFL)) >>> PAGE_SHIFT);
                    pages[index] = null;
                    functions[index] = null;
                }
                return true;
            }
        }
        return false;
    }

    /** The page-directory entry covering {@code address} as fault.c prints it (*pde). */
    public int pageDirectoryEntry(int address) {
        long offset = (address & 0xFFFFFFFFL) - (VMALLOC_START & 0xFFFFFFFFL);
        if (offset < 0 || offset >= VMALLOC_SIZE) {
            return 0;
        }
        return pde[(int) (offset >>> 22)];
    }
}
