package irq0.cpu;

import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.Unicorn;

/**
 * Bounds the memory Unicorn's translations take. Unicorn 2.0.1 appends every translation to a
 * 1 GiB buffer that it resets only when full, and a guest that keeps entering straight-line code
 * at new instructions (interrupted at timer edges in a long run of zeros or NOPs, or writing the
 * code it runs) fills it: each new entry point translates everything up to the next branch again
 * (DEVELOPERS.md, runaway guests). So, at points fixed by the guest's own progress (every
 * {@link #CHECK_INSTRUCTIONS} instructions or {@link #CHECK_RUNS} runs of Unicorn), the machine
 * measures the buffer's resident part and, past {@link #MAX_RESIDENT_CODE}, replaces the engine
 * by a new one in the same state ({@link Unicorn#recreate}): invisible to the guest, which only
 * pays for translating its working set once more.
 */
final class TranslationBudget {
    /**
     * About 0.07 virtual seconds at 8 MHz and 4 cycles per instruction, in which a guest that keeps
     * entering a zero-filled segment at new instructions translates up to about 15 MB (a whole
     * segment from a new entry point: 8.7 MB).
     */
    static final long CHECK_INSTRUCTIONS = 1 << 17;
    /** Runs between checks when few instructions run (the idle loop: one run per timer interrupt); a check costs about 0.3 ms. */
    static final int CHECK_RUNS = 1 << 14;
    /** Translations kept before the engine is replaced: 64 MiB, so the process stays under 200 MB (about 170 MB at most). */
    static final long MAX_RESIDENT_CODE = 64L << 20;

    private final Unicorn cpu;
    private final InstructionCounter counter;
    private long nextCheck = CHECK_INSTRUCTIONS;
    private int runs;
    /** Tests: replace the engine before every this many runs (0: only when the budget is spent). */
    int recreateEvery;
    private int runsSinceForced;

    TranslationBudget(Unicorn cpu, InstructionCounter counter) {
        this.cpu = cpu;
        this.counter = counter;
    }

    /** Before a run of Unicorn: replaces the engine if its translations took too much memory. */
    void beforeRun() {
        if (recreateEvery > 0 && ++runsSinceForced >= recreateEvery) {
            runsSinceForced = 0;
            cpu.recreate();
            return;
        }
        if (++runs < CHECK_RUNS && counter.count() < nextCheck) {
            return;
        }
        runs = 0;
        nextCheck = counter.count() + CHECK_INSTRUCTIONS;
        if (cpu.residentCodeBytes() > MAX_RESIDENT_CODE) {
            cpu.recreate();
        }
    }
}
