package irq0.bench;

import irq0.cpu.InterruptTiming;
import irq0.cpu.MachineOptions;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor under {@link HotPathBenchmark}: step for step the logical work of one of HotPath's
 * timer interrupts, written on primitive fields and one flat {@code int[]} of kernel memory
 * instead of the model's objects, so that HotPath/Floor is the price of the model's structure and
 * nothing else. bench/README.md lists each step of HotPath beside the method here that does it;
 * {@code FloorBenchmarkTest} runs both for the same ticks and checks they did the same observable
 * work (jiffies, task runs, the 8259A's registers, counter 0, the timer wheel, the queue).
 *
 * <p>One op, as {@code NoCpuMachine.tick()} runs it: the idle loop's {@code schedule()}; HLT,
 * which jumps virtual time to counter 0's falling OUT edge (mode 2: CE reaches 1) and then one
 * clock on to the rising edge (CE reloads from CR), each edge driving IR0 and the 8259A
 * re-evaluating INT; INTA (IRR bit to ISR, the edge-sense latch reset, the vector); the gate's
 * table from vector to IRQ; do_IRQ: kstat, mask_and_ack_8259A (IMR read, OCW1, a non-specific
 * EOI resolved by priority, INT re-evaluated after each write), handle_IRQ_event: timer_interrupt
 * (counter latch command, LSB and MSB reads, the outb_p/inb_p writes to port 0x80), do_timer
 * (jiffies, idle ticks, TIMER_BH, TQUEUE_BH when tq_timer is not empty), enable_8259A_irq (OCW1,
 * INT re-evaluated); do_bottom_half: timer_bh's timer-wheel tick (run_timer_list for one jiffy,
 * the tv2.. cascade when tv1 wraps) and tqueue_bh's run_task_queue over tq_structs held in memory
 * words (data, routine, next read and sync cleared, with a present-page check that is where an
 * Oops would be, and the lockup bound), each routine called through a per-slot function table;
 * the routine's own work in memory (Runs++, Stopping read, queue_task's test_and_set_bit on sync
 * and the head insertion). What the model does only for a trace ({@code Trace.NONE}: one boolean
 * test per event) and timer_interrupt's delay_at_last_interrupt, which the model keeps as the
 * latched count and divides only when asked, are left out.
 *
 * <p>What could fool it: every interrupt takes the same branches, as HotPath's do. Every result
 * (the vector, jiffies, Runs) reaches the Blackhole and all state lives in fields and arrays, so
 * the JIT can neither drop the work nor fold one interrupt into the next.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {
    /** LATCH for HZ=1000: (1193180 + 500) / 1000, as Linux's timex.h computes it. */
    static final int LATCH = 1193;
    static final int VECTOR_BASE = 0x20;
    static final int TIMER_BH = 0;
    static final int TQUEUE_BH = 2;
    static final int IMMEDIATE_BH = 11;
    static final int PAGE_SHIFT = 12;
    static final int LOCKUP_TASKS = 1 << 20;
    /** Where vmalloc puts the first module (2.2's VMALLOC_START with 128 MB): the module's base. */
    static final int BASE = 0xc8800000;
    /**
     * {@link RequeueModule}'s image as ModuleLayout lays it out: struct module (0x48 bytes), then
     * requeue_routine (0x40), init_module and cleanup_module (0x30 each) at 16-byte boundaries,
     * then the data words, 4-byte aligned, and the tq_struct array: at 0x100 once it is 32 bytes
     * or more (gcc's alignment of a static aggregate), right after Queued when it is one task.
     */
    static final int REQUEUE_ROUTINE = 0x50;
    static final int RUNS = 0xF0;
    static final int STOPPING = 0xF4;
    static final int QUEUED = 0xF8;
    static final int TASKS_AFTER_QUEUED = 0xFC;
    static final int TASKS_ALIGNED = 0x100;
    /** struct tq_struct: next, sync, routine, data. */
    static final int NEXT = 0;
    static final int SYNC = 4;
    static final int ROUTINE = 8;
    static final int DATA = 12;
    static final int TQ_SIZE = 16;
    /** Function ids of the per-16-byte-slot function table (0: no function starts there). */
    static final int FN_REQUEUE = 1;

    /** How many self-re-queuing tasks are on tq_timer. */
    @Param({"0", "1", "16", "256"})
    public int tasks;
    /** Where the module's tq_struct array is. */
    private int taskArray;

    // ---- the 8254's counter 0 in mode 2 ----
    private long clocks;
    private int cr;
    private int ce;
    private int ol;
    private boolean olLatched;
    private boolean readMsb;
    private boolean out;
    private long risingEdges;
    /** The pulse counter 0 was last told of time at, and the pulse of OUT0's next edge. */
    private long syncedAt;
    private long edgeAt;
    // ---- the board ----
    private int irqLevels;
    private int lastPost;
    private long postCount;
    // ---- the master 8259A (edge-triggered, fully nested) ----
    private int lines;
    private int edgeSense;
    private int imr;
    private int isr;
    private int lowestPriority;
    private boolean intLevel;
    private boolean acknowledging;
    /** The resolver's answer at the last INT evaluation, which INTA takes (Pic8259.requested). */
    private int requested;
    /** The gates: the IRQ each vector enters with, -1 where none. */
    private final int[] gates = new int[256];
    private long interrupts;
    // ---- the kernel ----
    private boolean interruptFlag;
    private boolean stopped;
    private int localIrqCount;
    private int localBhCount;
    private int cachedIrqMask;
    /** What mask_and_ack's dummy read of the IMR returned. */
    private int imrRead;
    private int irq0Status;
    private final int[] kstatIrqs = new int[16];
    private int jiffies;
    private int idleTicks;
    private int latchedCount;
    private int bhActive;
    private int bhMask;
    private int tqTimer;
    private int tqImmediate;
    private int tqScheduler;
    private int runQueueLength;
    // ---- the timer wheel: slot heads (0: empty) and indices ----
    private final int[] tv1 = new int[256];
    private final int[][] tvn = new int[4][64];
    private final int[] index = new int[5];
    private int timerJiffies;
    // ---- the module's memory: one flat array of words, a present flag per page ----
    private int[] words;
    private boolean[] present;
    private int size;
    /** Per 16-byte slot of the image, the id of the function that starts there. */
    private int[] functions;

    @Setup(Level.Trial)
    public void setUp() {
        // as right after an interrupt: counter 0 reloaded (OUT high) the CPU's wake-up, INTA,
        // handler and return ago
        clocks = 0;
        cr = LATCH;
        ce = LATCH - (int) WAKE[3];
        out = true;
        syncedAt = 0;
        edgeAt = ce - 1;
        olLatched = false;
        readMsb = false;
        risingEdges = 0;
        irqLevels = 1;
        lastPost = 0;
        postCount = 0;
        // IR0 high and acknowledged (edge-sense reset), IR0 and IR2 unmasked as after init_IRQ and setup_irq
        lines = 1;
        edgeSense = 0xFE;
        imr = 0xFA;
        isr = 0;
        lowestPriority = 7;
        intLevel = false;
        requested = -1;
        java.util.Arrays.fill(gates, -1);
        for (int i = 0; i < 16; i++) {
            gates[VECTOR_BASE + i] = i;
        }
        interrupts = 0;
        interruptFlag = true;
        stopped = false;
        cachedIrqMask = 0xDFFA; // IRQ0, the cascade and the FPU's IRQ13 enabled
        irq0Status = 0;
        jiffies = 0;
        idleTicks = 0;
        bhActive = 0;
        bhMask = 1 << TIMER_BH | 1 << TQUEUE_BH | 1 << IMMEDIATE_BH;
        tqTimer = 0;
        tqImmediate = 0;
        tqScheduler = 0;
        runQueueLength = 0;
        timerJiffies = 1; // run_timer_list ran for jiffies 0: the next tick is 1
        index[0] = 1;
        taskArray = taskArray(tasks);
        size = taskArray + Math.max(1, tasks) * TQ_SIZE;
        int pages = (size + (1 << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
        words = new int[pages << (PAGE_SHIFT - 2)];
        present = new boolean[pages];
        java.util.Arrays.fill(present, true);
        functions = new int[(size + 15) >>> 4];
        functions[REQUEUE_ROUTINE >>> 4] = FN_REQUEUE;
        for (int t = 0; t < tasks; t++) {
            int task = BASE + taskArray + t * TQ_SIZE;
            store(task + ROUTINE, BASE + REQUEUE_ROUTINE);
            store(task + DATA, task);
            queueTask(task); // init_module
        }
        store(BASE + QUEUED, tasks);
    }

    @Benchmark
    public void timerInterrupt(Blackhole bh) {
        // NoCpuMachine.step: the idle loop's schedule(), then HLT until INT, then the interrupt
        schedule();
        if (deliverPendingInterrupt(bh)) {
            return;
        }
        do {
            advance(clocksUntilOutEdge());
        } while (!intLevel);
        deliverPendingInterrupt(bh);
        bh.consume(jiffies);
    }

    // ---- the machine ----

    private boolean deliverPendingInterrupt(Blackhole bh) {
        if (!intLevel || !interruptFlag || stopped) {
            return false;
        }
        // the CPU's time from the HLT, as NoCpuMachine charges it (InterruptTiming at 8 MHz):
        // the INTA bus cycles, the entry and the gate's HLT, then the IRET and the idle gate
        advance(ACKNOWLEDGE_CLOCKS);
        int vector = interruptAcknowledge();
        int irq = gates[vector & 0xFF];
        advance(TO_KERNEL_CLOCKS);
        if (irq >= 0) {
            interrupt(irq);
        }
        advance(TO_IDLE_CLOCKS);
        interrupts++;
        bh.consume(vector);
        return true;
    }

    private static final long[] WAKE = InterruptTiming.clocksFromWake(MachineOptions.DEFAULT_CPU_HZ,
            MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION);
    private static final long ACKNOWLEDGE_CLOCKS = WAKE[0];
    private static final long TO_KERNEL_CLOCKS = WAKE[1] - WAKE[0];
    private static final long TO_IDLE_CLOCKS = WAKE[3] - WAKE[1];

    // ---- counter 0, mode 2 (Pit8254.clocksUntilOutEdge, advance) ----

    private long clocksUntilOutEdge() {
        return edgeAt - clocks;
    }

    /**
     * Virtual time moves on by {@code n} pulses (at most to the next edge): a step before OUT0's
     * next edge moves only the clock, as Pit8254.advance; at the edge counter 0 catches up, OUT0
     * reaches IR0 and the next edge is found.
     */
    private void advance(long n) {
        clocks += n;
        if (clocks < edgeAt) {
            return;
        }
        sync();
        if (((irqLevels & 1) != 0) != out) {
            // the board: OUT0 drives IRQ0, IRQ0 is master IR0
            irqLevels = out ? irqLevels | 1 : irqLevels & ~1;
            setIrq(0, out);
        }
        edgeAt = clocks + (ce == 1 ? (out ? cr : 1) : ce - 1);
    }

    /** Counter 0 catches up with the pulses since it was last told of time: mode 2's closed form. */
    private void sync() {
        long n = clocks - syncedAt;
        if (n == 0) {
            return;
        }
        syncedAt = clocks;
        long toReload = ce == 1 ? 1 : ce;
        if (n < toReload) {
            ce -= (int) n;
            if (ce == 1) {
                out = false;
            }
        } else {
            ce = cr;
            out = true;
            risingEdges++;
        }
    }

    // ---- the 8259A (Pic8259) ----

    private int irr() {
        return lines & edgeSense;
    }

    private void setIrq(int ir, boolean level) {
        int bit = 1 << ir;
        if (level) {
            lines |= bit;
        } else {
            lines &= ~bit;
            edgeSense |= bit;
        }
        updateInt();
    }

    private int rank(int level) {
        return (level - lowestPriority - 1) & 7;
    }

    private int highestPriority(int mask) {
        int first = (lowestPriority + 1) & 7;
        int rotated = ((mask >>> first) | (mask << (8 - first))) & 0xFF;
        return (Integer.numberOfTrailingZeros(rotated) + first) & 7;
    }

    private int resolve() {
        int pending = irr() & ~imr;
        if (pending == 0) {
            return -1;
        }
        int request = highestPriority(pending);
        if (isr == 0 || rank(request) < rank(highestPriority(isr))) {
            return request;
        }
        return -1;
    }

    private void updateInt() {
        if (!acknowledging) {
            requested = resolve();
            intLevel = requested >= 0;
        }
    }

    private int interruptAcknowledge() {
        acknowledging = true;
        int level = requested;
        int vector = VECTOR_BASE | 7;
        if (level >= 0) {
            isr |= 1 << level;
            edgeSense &= ~(1 << level);
            vector = VECTOR_BASE | level;
        }
        acknowledging = false;
        updateInt();
        return vector;
    }

    /** OCW1. */
    private void writeImr(int value) {
        imr = value;
        updateInt();
    }

    /** OCW2 0x20: the highest-priority IS bit is reset. */
    private void nonSpecificEoi() {
        if (isr != 0) {
            isr &= ~(1 << highestPriority(isr));
        }
        updateInt();
    }

    // ---- the kernel: entry, do_IRQ (Irq) ----

    private void interrupt(int irq) {
        if (stopped) {
            return;
        }
        boolean wasEnabled = interruptFlag;
        interruptFlag = false;
        doIrq(irq);
        if (!stopped) {
            interruptFlag = wasEnabled;
        }
    }

    private void doIrq(int irq) {
        kstatIrqs[irq]++;
        // mask_and_ack_8259A: the dummy IMR read, OCW1, the non-specific EOI
        cachedIrqMask |= 1 << irq;
        imrRead = imr;
        writeImr(cachedIrqMask & 0xFF);
        nonSpecificEoi();
        irq0Status |= 1; // IRQ_INPROGRESS
        // handle_IRQ_event: SA_INTERRUPT, so no sti
        localIrqCount++;
        timerInterrupt();
        interruptFlag = false;
        localIrqCount--;
        irq0Status &= ~1;
        // enable_8259A_irq
        cachedIrqMask &= ~(1 << irq);
        writeImr(cachedIrqMask & 0xFF);
        if ((bhActive & bhMask) != 0) {
            doBottomHalf();
        }
    }

    /** timer_interrupt: latch, LSB and MSB with the outb_p/inb_p writes to port 0x80, do_timer. */
    private void timerInterrupt() {
        sync(); // the counter catches up when the CPU reaches it (Pit8254.catchUp)
        if (!olLatched) { // counter latch command (outb_p(0x00, 0x43))
            ol = ce;
            olLatched = true;
        }
        post(0x00);
        int count = readCounter(); // inb_p(0x40)
        post(count);
        count |= readCounter() << 8; // inb(0x40)
        latchedCount = count;
        // do_timer
        jiffies++;
        if (runQueueLength == 0) { // current is the idle task
            idleTicks++;
        }
        bhActive |= 1 << TIMER_BH;
        if (tqTimer != 0) {
            bhActive |= 1 << TQUEUE_BH;
        }
    }

    /** A read of counter 0, LSB then MSB: the latched count while latched. */
    private int readCounter() {
        int value = olLatched ? ol : ce;
        if (!readMsb) {
            readMsb = true;
            return value & 0xFF;
        }
        readMsb = false;
        olLatched = false;
        return value >>> 8;
    }

    private void post(int value) {
        lastPost = value & 0xFF;
        postCount++;
    }

    // ---- bottom halves (BottomHalves), timer_bh (Timers) ----

    private void doBottomHalf() {
        if (localBhCount != 0) {
            return;
        }
        localBhCount++;
        if (localIrqCount == 0) {
            boolean wasEnabled = interruptFlag;
            interruptFlag = true;
            int active = bhActive & bhMask;
            bhActive &= ~active;
            for (int nr = 0; active != 0 && !stopped; nr++, active >>>= 1) {
                if ((active & 1) != 0) {
                    runBottomHalf(nr);
                }
            }
            if (!wasEnabled) {
                interruptFlag = false;
            }
        }
        localBhCount--;
    }

    private void runBottomHalf(int nr) {
        switch (nr) {
            case TIMER_BH:
                runTimerList();
                break;
            case TQUEUE_BH: {
                int head = tqTimer; // run_task_queue detaches the list first
                tqTimer = 0;
                runTaskQueue(head);
                break;
            }
            case IMMEDIATE_BH: {
                int head = tqImmediate;
                tqImmediate = 0;
                runTaskQueue(head);
                break;
            }
            default:
                break;
        }
    }

    private void runTimerList() {
        while (jiffies - timerJiffies >= 0) {
            if (index[0] == 0) {
                int n = 1;
                do {
                    // cascade_timers: no timer in the slot to move down
                    if (tvn[n - 1][index[n]] != 0) {
                        stopped = true;
                    }
                    index[n] = (index[n] + 1) & 63;
                } while (index[n] == 1 && ++n < 5);
            }
            if (tv1[index[0]] != 0) {
                stopped = true; // no timer is ever added here
            }
            timerJiffies++;
            index[0] = (index[0] + 1) & 255;
        }
    }

    // ---- task queues (TaskQueues) on the module's memory ----

    /** run_task_queue on a detached list: per task data, routine, next, sync = 0, the call. */
    private void runTaskQueue(int head) {
        int p = head;
        int ran = 0;
        while (p != 0) {
            if (++ran > LOCKUP_TASKS || !mapped(p, TQ_SIZE)) {
                stopped = true; // the lockup, or the Oops at p->data
                return;
            }
            int w = (p - BASE) >>> 2;
            int arg = words[w + (DATA >>> 2)];
            int f = words[w + (ROUTINE >>> 2)];
            p = words[w + (NEXT >>> 2)];
            words[w + (SYNC >>> 2)] = 0;
            call(f, arg); // whatever f is: a routine of 0 is a jump to address 0, which faults
            if (stopped) {
                return;
            }
        }
    }

    /** A call through a function pointer: the page must be present and a function start there. */
    private void call(int f, int arg) {
        int off = f - BASE;
        if (!mapped(f, 1) || (off & 15) != 0) {
            stopped = true;
            return;
        }
        switch (functions[off >>> 4]) {
            case FN_REQUEUE:
                requeueRoutine(arg);
                break;
            default:
                stopped = true; // invalid operand
                break;
        }
    }

    /** RequeueModule's routine: Runs++, and queue_task unless Stopping. */
    private void requeueRoutine(int task) {
        store(BASE + RUNS, load(BASE + RUNS) + 1);
        if (load(BASE + STOPPING) != 0) {
            int left = load(BASE + QUEUED) - 1;
            store(BASE + QUEUED, left);
        } else {
            queueTask(task);
        }
    }

    /** queue_task (LIFO, 2.2): test_and_set_bit(0, &amp;sync), then the head insertion. */
    private void queueTask(int task) {
        if (!mapped(task, TQ_SIZE)) {
            stopped = true;
            return;
        }
        int w = (task - BASE) >>> 2;
        int sync = words[w + (SYNC >>> 2)];
        words[w + (SYNC >>> 2)] = sync | 1;
        if ((sync & 1) == 0) {
            words[w + (NEXT >>> 2)] = tqTimer;
            tqTimer = task;
        }
    }

    private boolean mapped(int address, int length) {
        int off = address - BASE;
        return Integer.compareUnsigned(off, size - length + 1) < 0
                && present[off >>> PAGE_SHIFT] && present[(off + length - 1) >>> PAGE_SHIFT];
    }

    private int load(int address) {
        if (!mapped(address, 4)) {
            stopped = true;
            return 0;
        }
        return words[(address - BASE) >>> 2];
    }

    private void store(int address, int value) {
        if (!mapped(address, 4)) {
            stopped = true;
            return;
        }
        words[(address - BASE) >>> 2] = value;
    }

    // ---- the idle loop's schedule() (Scheduler) ----

    private void schedule() {
        if (stopped) {
            return;
        }
        if (tqScheduler != 0) {
            int head = tqScheduler;
            tqScheduler = 0;
            runTaskQueue(head);
        }
        if ((bhActive & bhMask) != 0) {
            doBottomHalf();
        }
        if (runQueueLength != 0) {
            stopped = true; // no process is ever runnable here
        }
    }

    // ---- for FloorBenchmarkTest: what HotPath's model shows ----

    int jiffies() {
        return jiffies;
    }

    int runs() {
        return words[RUNS >>> 2];
    }

    long clocks() {
        return clocks;
    }

    int imr() {
        return imr;
    }

    int isr() {
        return isr;
    }

    int irrBits() {
        return irr();
    }

    int counter0() {
        sync();
        return ce;
    }

    boolean out0() {
        sync();
        return out;
    }

    long risingEdges() {
        sync();
        return risingEdges;
    }

    int kstat(int irq) {
        return kstatIrqs[irq];
    }

    int timerJiffies() {
        return timerJiffies;
    }

    int tqTimerHead() {
        return tqTimer;
    }

    int sync(int task) {
        return words[(taskArray + task * TQ_SIZE + SYNC) >>> 2];
    }

    /** The tq_struct array's offset in the module for {@code tasks} tasks. */
    static int taskArray(int tasks) {
        return Math.max(1, tasks) * TQ_SIZE >= 32 ? TASKS_ALIGNED : TASKS_AFTER_QUEUED;
    }

    /** delay_at_last_interrupt as timer_interrupt computes it from the latched count, at HZ=1000. */
    int delayAtLastInterrupt() {
        int tickSize = (1_000_000 + 500) / 1000;
        int count = ((LATCH - 1) - latchedCount) * tickSize;
        return (count + LATCH / 2) / LATCH;
    }

    int bhActive() {
        return bhActive;
    }

    int lastPost() {
        return lastPost;
    }

    long postCount() {
        return postCount;
    }

    int idleTicks() {
        return idleTicks;
    }

    boolean stopped() {
        return stopped;
    }
}
