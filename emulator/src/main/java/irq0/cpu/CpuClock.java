package irq0.cpu;

import irq0.board.PcBoard;
import irq0.pit.Pit8254;
import irq0.time.VirtualTime;

/**
 * The CPU's virtual time: each instruction costs {@link MachineOptions#cyclesPerInstruction()}
 * cycles at {@link MachineOptions#cpuHz()}, turned into PIT clocks with the remainder carried
 * ({@code floor((cycles * PIT_HZ + remainder) / cpuHz)}), never through floating point; how many
 * instructions a run may last before the board's next event or the length limit; and HLT's idling
 * to the next event.
 */
final class CpuClock {
    /**
     * Instructions in one run when no event is due: 2^22, about 2 virtual seconds at the default
     * 8 MHz and 4 cycles per instruction. Long, because each start of a run in straight-line code
     * costs a fresh translation (DEVELOPERS.md, runaway guests); a pause point waits for its end.
     */
    static final long MAX_QUANTUM = 1 << 22;

    private final PcBoard board;
    private final MachineOptions options;
    private final long cpuHz;
    private final long cyclesPerInstruction;
    /** PIT clocks that MAX_QUANTUM instructions last (rounded up). */
    private final long maxQuantumClocks;
    /** (cycles * PIT_HZ) mod cpuHz not yet turned into a PIT clock. */
    private long cycleRemainder;
    /** {@link PcMachine#runUntil}'s clock: runs end there too. */
    long pauseClock = Long.MAX_VALUE;

    CpuClock(PcBoard board, MachineOptions options) {
        this.board = board;
        this.options = options;
        this.cpuHz = options.cpuHz();
        this.cyclesPerInstruction = options.cyclesPerInstruction();
        this.maxQuantumClocks = (MAX_QUANTUM * cyclesPerInstruction * VirtualTime.PIT_HZ) / cpuHz + 1;
    }

    /** Charges {@code instructions} instructions' cycles, moving the board forward. */
    void charge(long instructions) {
        if (instructions <= 0) {
            return;
        }
        chargeCycles(instructions * cyclesPerInstruction);
    }

    /** Charges {@code cycles} CPU cycles (bus cycles that are no instruction: INTA), moving the board forward. */
    void chargeCycles(long cycles) {
        long num = cycles * VirtualTime.PIT_HZ + cycleRemainder;
        long clocks = num / cpuHz;
        cycleRemainder = num % cpuHz;
        if (clocks > 0) {
            board.advance(clocks);
        }
    }

    /**
     * Instructions until the first boundary at or after the next board event, but none that would
     * end past the length limit (see {@link #retiredByLength}).
     */
    long quantum() {
        return retiredByLength(instructionsFor(Math.min(board.clocksUntilNextEvent(), clocksToLength())));
    }

    /**
     * Instructions until the length limit, whatever the board does: for a CPU whose course no
     * board event can change (IF=0). None that would end past the limit.
     */
    long quantumToLength() {
        return retiredByLength(instructionsFor(clocksToLength()));
    }

    /**
     * A run's length is a length: the run ends at it exactly, and an instruction that would end
     * after it is still in flight there, not retired. {@code n} instructions end at the first
     * boundary at or after some clock; if the last of them would end past the length (only when
     * one instruction lasts more than a PIT clock: {@code --cpu-hz 100 --cpi 1000} makes it 10
     * virtual seconds), it is not run. 0 means the next instruction itself crosses the length:
     * see {@link #finishAtLength}.
     */
    private long retiredByLength(long n) {
        long toLength = clocksToLength();
        if (toLength == Long.MAX_VALUE || toLength > maxQuantumClocks) {
            return n;
        }
        return clocksAfter(n) > toLength ? n - 1 : n;
    }

    /** PIT clocks that {@code n} more instructions move the board (at most MAX_QUANTUM, so no overflow). */
    private long clocksAfter(long n) {
        return (n * cyclesPerInstruction * VirtualTime.PIT_HZ + cycleRemainder) / cpuHz;
    }

    /**
     * True if the length limit is not reached and the next instruction would end past it: the run
     * then ends at the limit with that instruction in flight ({@link #finishAtLength}).
     */
    boolean nextInstructionCrossesLength() {
        long toLength = clocksToLength();
        return toLength > 0 && toLength != Long.MAX_VALUE && clocksAfter(1) > toLength;
    }

    /** Moves the board to the length limit: the instruction in flight there is never retired. */
    void finishAtLength() {
        long toLength = clocksToLength();
        if (toLength > 0 && toLength != Long.MAX_VALUE) {
            board.advance(toLength);
        }
    }

    private long instructionsFor(long clocks) {
        // beyond this many clocks the quantum is MAX_QUANTUM anyway (and clocks * cpuHz could overflow)
        if (clocks > maxQuantumClocks) {
            return MAX_QUANTUM;
        }
        // smallest cycle count x with floor((x * PIT_HZ + remainder) / cpuHz) >= clocks
        long needed = clocks * cpuHz - cycleRemainder;
        long cycles = needed <= 0 ? 0 : (needed + VirtualTime.PIT_HZ - 1) / VirtualTime.PIT_HZ;
        long n = (cycles + cyclesPerInstruction - 1) / cyclesPerInstruction;
        return Math.max(1, Math.min(n, MAX_QUANTUM));
    }

    /**
     * Clocks until the run's length. A pause point ({@link PcMachine#runUntil}) does not end a
     * run of Unicorn: every stop costs a restart, and in code Unicorn has not seen start at that
     * instruction a fresh translation (DEVELOPERS.md, runaway guests); the machine pauses at the
     * first stop at or after the pause point instead.
     */
    private long clocksToLength() {
        long maxClocks = options.maxClocks();
        return maxClocks > 0 ? Math.max(0, maxClocks - board.now()) : Long.MAX_VALUE;
    }

    /** Clocks until the run's length or the pause point, whichever is nearer. */
    long clocksToLimit() {
        long limit = pauseClock;
        long maxClocks = options.maxClocks();
        if (maxClocks > 0) {
            limit = Math.min(limit, maxClocks);
        }
        return limit == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, limit - board.now());
    }

    /**
     * HLT: idles the board to its next event (or the length limit); the CPU's cycle phase then
     * restarts at that clock. False if nothing will ever wake the CPU.
     */
    boolean idle() {
        long event = board.clocksUntilNextEvent();
        long clocks = Math.min(event, clocksToLimit());
        if (event == Pit8254.NEVER && clocks == Long.MAX_VALUE) {
            return false;
        }
        if (clocks > 0) {
            board.advance(clocks);
        }
        cycleRemainder = 0;
        return true;
    }
}
