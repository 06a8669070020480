package irq0.kernel;

import irq0.board.PcBoard;
import irq0.cpu.KernelGate;
import irq0.kernel.bh.BottomHalves;
import irq0.kernel.irq.Irq;
import irq0.kernel.irq.IrqAction;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.module.Modules;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.proc.ProcFs;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.sched.Step;
import irq0.kernel.shell.Shell;
import irq0.kernel.taskqueue.TaskQueue;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.time.Time;
import irq0.kernel.timer.Timers;
import irq0.trace.Trace;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Java model of the Linux 2.2 kernel's timer path, running on a {@link PcBoard}: interrupt
 * entry, jiffies, bottom halves, task queues, the timer wheel, a small process model, modules,
 * /proc and a shell. It is entered only through {@link KernelGate}, by a CPU or by
 * {@link NoCpuMachine}, and touches the hardware only through the board's ports.
 *
 * <p>A kernel fault (an Oops) is reported as 2.2 prints it and stops the machine: every loop
 * checks {@link #stopped()} and unwinds, so no Java exception ever reaches the caller.
 */
public final class Kernel implements KernelGate {
    /** Exit status after a panic or any Oops. */
    public static final int EXIT_PANIC = 1;
    /** Exit status when the kernel locked up (a real machine would hang): see {@link #lockup}. */
    public static final int EXIT_LOCKUP = 6;
    /** Exit status when the script ran and one of its commands failed. */
    public static final int EXIT_COMMAND_FAILED = 4;

    /** Options a boot is made with. */
    public static final class Config {
        KernelVersion version = KernelVersion.V2_2;
        int hz = 100;
        int initialJiffies;
        boolean printkTime;
        List<String> script = List.of();
        boolean stopWhenScriptEnds = true;
        Consumer<String> console = line -> { };

        public Config version(KernelVersion v) {
            this.version = v;
            return this;
        }

        public Config hz(int hz) {
            this.hz = hz;
            return this;
        }

        /** jiffies at boot (2.2 starts at 0; a value near 2^32 tests the wrap). */
        public Config initialJiffies(int j) {
            this.initialJiffies = j;
            return this;
        }

        /** Stamp every log line with virtual time, as 2.6's CONFIG_PRINTK_TIME does (2.2 printed none). */
        public Config printkTime(boolean on) {
            this.printkTime = on;
            return this;
        }

        /** Shell commands run in process context after boot; the machine stops when they are done. */
        public Config script(List<String> commands) {
            this.script = List.copyOf(commands);
            return this;
        }

        /**
         * Whether the kernel stops the machine when its script is done (the default, for a run
         * whose length is the script's), or idles on, as a booted kernel does, until the caller
         * ends the run.
         */
        public Config stopWhenScriptEnds(boolean stop) {
            this.stopWhenScriptEnds = stop;
            return this;
        }

        /** Where kernel log lines and command output go, one line at a time. */
        public Config console(Consumer<String> console) {
            this.console = console;
            return this;
        }
    }

    private final KernelVersion version;
    private final PcBoard board;
    private final Trace trace;
    /** False for {@link Trace#NONE}: {@link #trace} then builds no event (the hot path calls it per task). */
    private final boolean tracing;
    private final Consumer<String> console;
    private final Printk printk = new Printk();
    private final KernelMemory memory = new KernelMemory();
    private final Irq irq;
    private final Time time;
    private final BottomHalves bottomHalves;
    private final TaskQueues taskQueues;
    private final Timers timers;
    private final Scheduler scheduler;
    private final Modules modules;
    private final ProcFs procFs = new ProcFs();
    private final Shell shell;
    private final List<String> script;
    private final boolean stopWhenScriptEnds;
    /** Virtual time of start_kernel: printk's clock counts from it, as Linux's does from boot. */
    private long bootClock;

    private int localIrqCount;
    private int localBhCount;
    private boolean interruptFlag;
    private boolean started;
    private boolean stopped;
    private int exitStatus;
    /** The code address being executed, for an Oops's EIP (module functions entered through {@link #call}). */
    private int currentText = KernelText.SCHEDULE;
    /*
     * call()'s direct-mapped cache from an entry address to the module function there, indexed
     * by the address's 16-byte slot (a function's entry is 16-byte aligned), so 4 KiB of
     * consecutive entry points never collide. Which function an address holds depends only on
     * the page mappings and module_list, so the cache is emptied whenever either epoch moves: a
     * call through a stale pointer after rmmod (or into a module loaded since) resolves afresh
     * and faults or runs exactly as without it. Only hits are cached; address 0 is never
     * mapped and an empty slot holds no function, so it cannot match.
     */
    private static final int CALL_CACHE_SLOTS = 256;
    private final int[] callCacheAddress = new int[CALL_CACHE_SLOTS];
    private final KernelFunction[] callCacheFunction = new KernelFunction[CALL_CACHE_SLOTS];
    private int callCacheMappingEpoch;
    private int callCacheListEpoch;

    public Kernel(PcBoard board, Trace trace, Config config) {
        this.version = config.version;
        this.board = board;
        this.trace = trace == null ? Trace.NONE : trace;
        this.tracing = this.trace != Trace.NONE;
        this.console = config.console;
        this.printk.setConsole(config.console);
        this.printk.setPrintkTime(config.printkTime);
        this.irq = new Irq(this);
        this.time = new Time(this, config.hz, config.initialJiffies);
        this.bottomHalves = new BottomHalves(this);
        this.taskQueues = new TaskQueues(this);
        this.timers = new Timers(this, config.initialJiffies);
        this.scheduler = new Scheduler(this);
        this.modules = new Modules(this);
        this.shell = new Shell(this);
        this.script = config.script;
        this.stopWhenScriptEnds = config.stopWhenScriptEnds;
    }

    // ---- KernelGate ----

    /**
     * start_kernel as far as the timer path goes: init_IRQ (the PIC programming of setup.S,
     * init_ISA_irqs, the 16 interrupt gates, the PIT at HZ, the cascade and FPU lines),
     * sched_init (TIMER_BH, TQUEUE_BH, IMMEDIATE_BH), time_init (IRQ0), the built-in /proc files,
     * sti; then the shell, if there is a script.
     */
    @Override
    public void startKernel(InterruptGates gates) {
        if (started) {
            return;
        }
        started = true;
        bootClock = board.now();
        printk("irq0: Linux " + version.release() + " timer-path model, HZ=" + time.hz());
        irq.initPics();
        irq.initIsaIrqs();
        for (int i = 0; i < Irq.NR_IRQS; i++) {
            gates.setInterruptGate(0x20 + i, i);
        }
        time.programPit();
        irq.setupIrq(2, new IrqAction((line, dev) -> { }, 0, "cascade", null));
        irq.setupIrq(13, new IrqAction((line, dev) -> { }, 0, "fpu", null));
        bottomHalves.initBh(version.timerBh(), this::timerBh);
        bottomHalves.initBh(version.tqueueBh(), () -> taskQueues.runTaskQueue(taskQueues.tqTimer));
        bottomHalves.initBh(version.immediateBh(), () -> taskQueues.runTaskQueue(taskQueues.tqImmediate));
        time.timeInit(irq);
        procFs.procRegister(new ProcEntry("interrupts", (p, page) -> {
            page.append(irq.procInterrupts());
            return Step.exit(0);
        }));
        procFs.procRegister(new ProcEntry("modules", (p, page) -> {
            page.append(modules.procModules());
            return Step.exit(0);
        }));
        procFs.procRegister(new ProcEntry("uptime", (p, page) -> {
            page.append(time.procUptime());
            return Step.exit(0);
        }));
        interruptFlag = true;
        if (!script.isEmpty()) {
            shell.start(script);
        }
    }

    /** timer_bh: update_times (folded into do_timer here), run_old_timers (none), run_timer_list. */
    private void timerBh() {
        timers.runTimerList();
    }

    @Override
    public void interrupt(int line) {
        if (stopped) {
            return;
        }
        boolean wasEnabled = interruptFlag;
        interruptFlag = false; // the interrupt gate cleared IF
        irq.doIrq(line);
        if (!stopped) {
            interruptFlag = wasEnabled; // IRET
        }
    }

    /** cpu_idle after HLT: if a process is runnable or a bottom half pending, schedule(). */
    @Override
    public void idle() {
        if (stopped || !started) {
            return;
        }
        scheduler.schedule();
        if (!stopped && stopWhenScriptEnds && shell.finished()) {
            stopped = true;
            exitStatus = shell.failures() == 0 ? 0 : EXIT_COMMAND_FAILED;
        }
    }

    @Override
    public boolean running() {
        return started && !stopped;
    }

    @Override
    public int exitStatus() {
        return exitStatus;
    }

    /** True once every scripted command has run (a boot without a script: at once). */
    public boolean scriptFinished() {
        return started && (script.isEmpty() || shell.finished());
    }

    /** Scripted commands that failed so far. */
    public int scriptFailures() {
        return shell.failures();
    }

    /** Virtual time (PIT clocks) at which the kernel started; printk's timestamps count from it. */
    public long bootClock() {
        return bootClock;
    }

    // ---- CPU state as the kernel sees it ----

    /** The IF flag: may the machine deliver an interrupt now? */
    public boolean interruptsEnabled() {
        return interruptFlag;
    }

    public void cli() {
        interruptFlag = false;
    }

    public void sti() {
        interruptFlag = true;
    }

    public void irqEnter() {
        localIrqCount++;
    }

    public void irqExit() {
        localIrqCount--;
    }

    public int localIrqCount() {
        return localIrqCount;
    }

    public int localBhCount() {
        return localBhCount;
    }

    public void localBhEnter() {
        localBhCount++;
    }

    public void localBhExit() {
        localBhCount--;
    }

    /** {@code start_bh_atomic}: no bottom half runs until {@link #endBhAtomic}. */
    public void startBhAtomic() {
        localBhCount++;
    }

    public void endBhAtomic() {
        localBhCount--;
    }

    /** {@code in_interrupt()}: in a hardware handler or a bottom half. */
    public boolean inInterrupt() {
        return localIrqCount + localBhCount != 0;
    }

    public boolean stopped() {
        return stopped;
    }

    // ---- memory, calls through pointers, faults ----

    /** Reads a word of kernel memory as code at {@code eip} would; a fault if it is not mapped. */
    public int readWord(int address, int eip) {
        int[] words = memory.pageWords(address);
        if (words != null && (address & 3) == 0) {
            return words[(address & (KernelMemory.PAGE_SIZE - 1)) >>> 2]; // every tq_struct field: one lookup, one load
        }
        if (!memory.mapped(address, 4)) {
            pageFault(address, false, eip);
            return 0;
        }
        return memory.read32(address);
    }

    public void writeWord(int address, int value, int eip) {
        int[] words = memory.pageWords(address);
        if (words != null && (address & 3) == 0) {
            words[(address & (KernelMemory.PAGE_SIZE - 1)) >>> 2] = value;
            return;
        }
        if (!memory.mapped(address, 4)) {
            pageFault(address, true, eip);
            return;
        }
        memory.write32(address, value);
    }

    /**
     * Calls the function at {@code address} with {@code data}: a function of a loaded module runs;
     * an unmapped address faults on the instruction fetch (EIP = CR2 = the address); mapped bytes
     * that are not a function's entry point are taken to be an undefined opcode (the model does
     * not decode x86 code), which 2.2 reports as "invalid operand".
     */
    public void call(int address, int data) {
        if (callCacheMappingEpoch != memory.mappingEpoch() || callCacheListEpoch != modules.listEpoch()) {
            Arrays.fill(callCacheAddress, 0);
            Arrays.fill(callCacheFunction, null);
            callCacheMappingEpoch = memory.mappingEpoch();
            callCacheListEpoch = modules.listEpoch();
        }
        int slot = (address >>> 4) & (CALL_CACHE_SLOTS - 1);
        KernelFunction f = callCacheFunction[slot];
        if (f == null || callCacheAddress[slot] != address) {
            if (memory.pageWords(address) == null) {
                pageFault(address, false, address);
                return;
            }
            f = modules.functionAt(address);
            if (f == null) {
                die("invalid operand", 0, address);
                return;
            }
            callCacheAddress[slot] = address;
            callCacheFunction[slot] = f;
        }
        int saved = currentText;
        currentText = address;
        f.call(data);
        currentText = saved;
    }

    /** The address of the code running now, for a fault's EIP. */
    public int currentText() {
        return currentText;
    }

    /** Marks entry into the code at {@code address}; returns the previous value to restore. */
    public int enterText(int address) {
        int saved = currentText;
        if (address != 0) {
            currentText = address;
        }
        return saved;
    }

    /** do_page_fault's kernel-mode path (arch/i386/mm/fault.c, 2.2), then die("Oops"). */
    public void pageFault(int address, boolean write, int eip) {
        if (stopped) {
            return;
        }
        if (Integer.compareUnsigned(address, KernelMemory.PAGE_SIZE) < 0) {
            printk(String.format("Unable to handle kernel NULL pointer dereference at virtual address %08x", address));
        } else {
            printk(String.format("Unable to handle kernel paging request at virtual address %08x", address));
        }
        printk(String.format("current->tss.cr3 = %08x, %%cr3 = %08x", KernelMemory.SWAPPER_PG_DIR, KernelMemory.SWAPPER_PG_DIR));
        int pde = memory.pageDirectoryEntry(address);
        printk(String.format("*pde = %08x", pde));
        if ((pde & 1) != 0) {
            printk(String.format("*pte = %08x", 0));
        }
        die("Oops", write ? 2 : 0, eip);
    }

    /**
     * die() (arch/i386/kernel/traps.c): the error code, the registers the model knows (EIP,
     * EFLAGS with IF, the process), then do_exit: "Aiee, killing interrupt handler" in interrupt
     * context, and a panic when the victim is the idle task. The general registers, stack dump
     * and code bytes are not modelled and not printed. The machine stops.
     */
    public void die(String what, int errorCode, int eip) {
        printk(String.format("%s: %04x", what, errorCode & 0xFFFF));
        printk("CPU:    0");
        printk(String.format("EIP:    0010:[<%08x>]", eip));
        printk(String.format("EFLAGS: %08x", interruptFlag ? 0x00000202 : 0x00000002));
        Process current = scheduler.current();
        int stackPage = current.pid() == 0 ? KernelText.INIT_TASK_UNION + 4096 : 0xc1000000 + current.pid() * 8192 + 4096;
        printk(String.format("Process %s (pid: %d, process nr: %d, stackpage=%08x)", current.comm(), current.pid(), current.pid(), stackPage));
        if (inInterrupt()) {
            printk(version.killingInterruptHandler());
        }
        if (current.pid() == 0) {
            panic("Attempted to kill the idle task!");
        } else {
            stopped = true;
            exitStatus = EXIT_PANIC;
        }
    }

    /**
     * The kernel would never get out of what it is doing (no NMI watchdog on a 2.2 uniprocessor):
     * the model says so on the console, not in the kernel log, and stops the machine.
     */
    public void lockup(String why) {
        console("irq0: kernel lockup: " + why);
        stopped = true;
        exitStatus = EXIT_LOCKUP;
    }

    /** panic() (kernel/panic.c, 2.2): the message, then why it does not sync. */
    public void panic(String message) {
        printk("Kernel panic: " + message);
        if (scheduler.current().pid() == 0) {
            printk(version.idleNotSyncing());
        } else if (inInterrupt()) {
            printk("In interrupt handler - not syncing");
        }
        stopped = true;
        exitStatus = EXIT_PANIC;
    }

    /** schedule() from interrupt context: 2.2 prints this, then writes to address 0. */
    public void schedulingInInterrupt() {
        printk("Scheduling in interrupt");
        pageFault(0, true, KernelText.SCHEDULE);
    }

    // ---- services for modules ----

    public void printk(String text) {
        printk.printk(board.now() - bootClock, text);
    }

    /** Output of a user command (not the kernel log). */
    public void console(String line) {
        console.accept(line);
    }

    public int jiffies() {
        return time.jiffies();
    }

    public int hz() {
        return time.hz();
    }

    /** {@code queue_task}. */
    public int queueTask(int task, TaskQueue queue) {
        return taskQueues.queueTask(task, queue);
    }

    /** {@code mark_bh}. */
    public void markBh(int nr) {
        bottomHalves.markBh(nr);
    }

    public void trace(int kind, int a, int b) {
        if (tracing) {
            trace.record(board.now(), kind, a, b);
        }
    }

    // ---- parts ----

    public KernelVersion version() {
        return version;
    }

    public PcBoard board() {
        return board;
    }

    public KernelMemory memory() {
        return memory;
    }

    public Irq irq() {
        return irq;
    }

    public Time time() {
        return time;
    }

    public BottomHalves bottomHalves() {
        return bottomHalves;
    }

    public TaskQueues taskQueues() {
        return taskQueues;
    }

    public Timers timers() {
        return timers;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Modules modules() {
        return modules;
    }

    public ProcFs procFs() {
        return procFs;
    }

    public Shell shell() {
        return shell;
    }

    public Printk log() {
        return printk;
    }
}
