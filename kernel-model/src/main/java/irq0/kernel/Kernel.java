package irq0.kernel;

import irq0.board.PcBoard;
import irq0.cpu.InterruptTiming;
import irq0.cpu.KernelGate;
import irq0.cpu.MachineOptions;
import irq0.kernel.bh.BottomHalves;
import irq0.kernel.bh.KernelBottomHalf;
import irq0.kernel.irq.Irq;
import irq0.kernel.irq.IrqAction;
import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.module.KernelSymbols;
import irq0.kernel.module.Modules;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.proc.ProcFs;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Scheduler;
import irq0.kernel.sched.Step;
import irq0.kernel.shell.Shell;
import irq0.kernel.taskqueue.TaskQueues;
import irq0.kernel.time.Time;
import irq0.kernel.timer.Timers;
import irq0.time.VirtualTime;
import irq0.trace.KernelSlice;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
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
public final class Kernel extends KernelContext implements KernelGate {
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
        long acknowledgeClocks = InterruptTiming.clocksFromWake(MachineOptions.DEFAULT_CPU_HZ,
                MachineOptions.DEFAULT_CYCLES_PER_INSTRUCTION)[0];

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

        /**
         * The x86's clock ({@code --cpu-hz}, {@code --cpi}): how long the CPU's INTA bus cycles
         * take when the kernel's own code takes an interrupt (at an sti, inside udelay).
         */
        public Config cpu(long cpuHz, int cyclesPerInstruction) {
            this.acknowledgeClocks = InterruptTiming.clocksFromWake(cpuHz, cyclesPerInstruction)[0];
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
    /** What modules are linked against: the subsystems' calls a module may make. */
    private final KernelSymbols symbols;
    private final Modules modules;
    private final ProcFs procFs = new ProcFs();
    private final Shell shell;
    /** The release's lines of an Oops and a panic. */
    private final OopsReport oopsReport;
    private final List<String> script;
    private final boolean stopWhenScriptEnds;
    /** Virtual time of start_kernel: printk's clock counts from it, as Linux's does from boot. */
    private long bootClock;

    /** Interrupts taken by {@link #takePendingInterrupts}, which the machine never saw. */
    private long interruptsTakenInside;
    private long timerInterruptsTakenInside;
    private int localIrqCount;
    private int localBhCount;
    private boolean interruptFlag;
    private boolean started;
    private boolean stopped;
    private int exitStatus;
    /** The code address being executed, for an Oops's EIP (module functions entered through {@link #call}). */
    private int currentText = KernelText.SCHEDULE;
    /*
     * The model's kernel stack, as frames of the calls that an Oops's Stack and Call Trace show
     * (arch/i386/kernel/traps.c, show_registers): interrupt entry (common_interrupt's pt_regs and
     * ret_from_intr), do_bottom_half, a bottom half's routine, and a call through a pointer with
     * its argument. Each entry costs two int stores; the words are rendered only by die().
     */
    private static final int FRAME_IRQ = 1;
    private static final int FRAME_DO_BOTTOM_HALF = 2;
    private static final int FRAME_BOTTOM_HALF = 3;
    private static final int FRAME_CALL = 4;
    private static final int MAX_FRAMES = 64;
    private final int[] frameKind = new int[MAX_FRAMES];
    private final int[] frameValue = new int[MAX_FRAMES];
    private final int[] frameArg = new int[MAX_FRAMES];
    private int frameDepth;
    /** The general registers the model's code keeps values in (the rest read 0): for an Oops. */
    private int eax;
    private int ebx;
    private int ecx;
    private int edx;
    private int esi;
    /** Where a task queue runner's call of a routine returns, from the runner's address. */
    private final int callReturn;
    /** PIT clocks of the CPU's two INTA bus cycles ({@link InterruptTiming}). */
    private final long acknowledgeClocks;

    public Kernel(PcBoard board, Trace trace, Config config) {
        this.version = config.version;
        this.board = board;
        this.trace = trace == null ? Trace.NONE : trace;
        this.tracing = this.trace != Trace.NONE;
        this.console = config.console;
        this.printk.setConsole(config.console);
        this.printk.setPrintkTime(config.printkTime);
        // each part gets the parts it calls on every tick now, rather than asking for them then
        this.taskQueues = version.newTaskQueues(this, memory);
        this.bottomHalves = version.newBottomHalves(this, taskQueues);
        this.callReturn = version.runnerCallReturn();
        this.acknowledgeClocks = config.acknowledgeClocks;
        this.scheduler = new Scheduler(this, bottomHalves);
        this.time = new Time(board, version, config.hz, config.initialJiffies, scheduler, bottomHalves, taskQueues.tqTimer,
                this::printk);
        this.time.setTrace(this.trace);
        this.timers = new Timers(this, time, scheduler, config.initialJiffies);
        this.irq = new Irq(this, board, bottomHalves, version::newIrqType);
        this.symbols = new KernelSymbols(this, version, board, time, bottomHalves, taskQueues, timers, scheduler, procFs);
        this.modules = new Modules(symbols, memory, console);
        this.shell = new Shell(console, scheduler, timers, modules, procFs, time.hz());
        this.oopsReport = version.newOopsReport(this::printk, memory, modules::modBound);
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
        trace(TraceEvent.KERNEL_START, time.hz(), 0);
        printk("irq0: Linux " + version.release() + " timer-path model, HZ=" + time.hz());
        irq.initPics();
        irq.initIsaIrqs();
        for (int i = 0; i < Irq.NR_IRQS; i++) {
            gates.setInterruptGate(0x20 + i, i);
        }
        time.programPit();
        irq.setupIrq(2, new IrqAction((line, dev) -> { }, 0, "cascade", null));
        irq.setupIrq(13, new IrqAction((line, dev) -> { }, 0, "fpu", null));
        bottomHalves.initBh(version.timerBh(), KernelBottomHalf.timerBh(timers));
        bottomHalves.initBh(version.tqueueBh(), KernelBottomHalf.runTaskQueue(taskQueues, taskQueues.tqTimer));
        bottomHalves.initBh(version.immediateBh(), KernelBottomHalf.runTaskQueue(taskQueues, taskQueues.tqImmediate));
        traceName(TraceEvent.BH_NAME, version.timerBh(), version.bottomHalfName("TIMER_BH", "timer_bh"));
        traceName(TraceEvent.BH_NAME, version.tqueueBh(), version.bottomHalfName("TQUEUE_BH", "tqueue_bh"));
        traceName(TraceEvent.BH_NAME, version.immediateBh(), version.bottomHalfName("IMMEDIATE_BH", "immediate_bh"));
        traceName(TraceEvent.SYMBOL, KernelText.PROCESS_TIMEOUT, "process_timeout");
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
        procFs.setPidStatus(pid -> {
            Process task = scheduler.task(pid);
            if (task == null || (task.exited() && pid != 0)) {
                return null;
            }
            // fs/proc/array.c, proc_pid_status: task_name and task_state's first lines
            return new ProcEntry(pid + "/status", (p, page) -> {
                page.append("Name:\t").append(task.comm()).append('\n')
                        .append("State:\t").append(task.stateName()).append('\n')
                        .append("Pid:\t").append(task.pid()).append('\n')
                        .append("PPid:\t").append(task.ppid()).append('\n');
                return Step.exit(0);
            });
        });
        interruptFlag = true;
        if (!script.isEmpty()) {
            shell.start(script);
        }
    }

    @Override
    public void interrupt(int line) {
        if (stopped) {
            return;
        }
        boolean wasEnabled = interruptFlag;
        interruptFlag = false; // the interrupt gate cleared IF
        enterFrame(FRAME_IRQ, line, currentText);
        enter(KernelSlice.INTERRUPT, line);
        irq.doIrq(line);
        if (!stopped) {
            frameDepth--;
            leave(KernelSlice.INTERRUPT, line);
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

    // ---- CPU state as the kernel sees it ----

    /** The IF flag: may the machine deliver an interrupt now? */
    public boolean interruptsEnabled() {
        return interruptFlag;
    }

    public void cli() {
        interruptFlag = false;
    }

    /**
     * sti: IF set; an interrupt request the PIC holds (INT high, as after a {@link #udelay} with
     * interrupts off) is taken right here, as the CPU takes it after the instruction that
     * follows STI. Without time passing inside the kernel INT is never high here.
     */
    public void sti() {
        interruptFlag = true;
        if (started && board.interruptRequested()) {
            takePendingInterrupts();
        }
    }

    /**
     * What the CPU does for a request while the kernel's own code runs with IF set: INTA (its bus
     * cycles take {@code acknowledgeClocks}; then the PIC gives the vector), then the gate this
     * kernel installed for it, as {@link #interrupt}; again while INT stays high.
     */
    @Override
    public long interruptsTakenInside() {
        return interruptsTakenInside;
    }

    @Override
    public long timerInterruptsTakenInside() {
        return timerInterruptsTakenInside;
    }

    private void takePendingInterrupts() {
        while (interruptFlag && !stopped && board.interruptRequested()) {
            // INT is sampled at an instruction boundary; the two INTA bus cycles take time here as
            // they do after HLT (InterruptTiming), so a request withdrawn meanwhile is answered
            // with the 8259A's default IR7 (data sheet: the IR input must stay high until the
            // first INTA): a spurious IRQ7
            board.advance(acknowledgeClocks);
            int vector = board.acknowledge() & 0xFF;
            int line = vector - 0x20;
            interruptsTakenInside++;
            if (line == 0) {
                timerInterruptsTakenInside++;
            }
            trace(TraceEvent.INT_ENTRY, vector, line);
            if (line >= 0 && line < Irq.NR_IRQS) {
                interrupt(line);
            }
            trace(TraceEvent.INT_EXIT, vector, 0);
        }
    }

    /**
     * udelay (arch/i386/lib/delay.c): a busy wait of {@code usecs} microseconds. 2.2 counts
     * calibrated loops (loops_per_sec from calibrate_delay); the model lets exactly that much
     * virtual time pass on the board, rounded up to a PIT clock. The PIT keeps counting: with
     * interrupts enabled each request is taken as it comes, and with them disabled the PIC
     * remembers one edge per line in its IRR, which {@link #sti} then takes.
     */
    public void udelay(int usecs) {
        long end = board.now() + (usecs * (long) VirtualTime.PIT_HZ + 999_999) / 1_000_000;
        while (!stopped) {
            if (interruptFlag && board.interruptRequested()) {
                takePendingInterrupts();
                continue;
            }
            long now = board.now();
            if (now >= end) {
                return;
            }
            board.advance(Math.min(end - now, Math.max(1, board.clocksUntilNextEvent())));
        }
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

    // ---- the model's kernel stack, for an Oops ----

    private void enterFrame(int kind, int value, int arg) {
        if (frameDepth < MAX_FRAMES) {
            frameKind[frameDepth] = kind;
            frameValue[frameDepth] = value;
            frameArg[frameDepth] = arg;
        }
        frameDepth++;
    }

    /** do_bottom_half is entered (from do_IRQ or schedule(), whichever frame is below). */
    public void enterDoBottomHalf() {
        enterFrame(FRAME_DO_BOTTOM_HALF, 0, 0);
    }

    /** do_bottom_half calls bottom half {@code nr}'s routine. */
    public void enterBottomHalf(int nr) {
        enterFrame(FRAME_BOTTOM_HALF, nr, 0);
    }

    /** The innermost frame entered through {@link #enterDoBottomHalf} or {@link #enterBottomHalf} returns. */
    public void leaveFrame() {
        frameDepth--;
    }

    /**
     * run_task_queue's registers as it calls a routine: arg in %eax, p (the next task) in %ebx,
     * save_p in %ecx, f in %edx (the model's encoding, {@link KernelText#code}).
     */
    public void taskQueueRegisters(int arg, int next, int saveP, int f) {
        eax = arg;
        ebx = next;
        ecx = saveP;
        edx = f;
    }

    /** The general registers as the model's code of a release keeps them, for an Oops. */
    public void setRegisters(int eax, int ebx, int ecx, int edx, int esi) {
        this.eax = eax;
        this.ebx = ebx;
        this.ecx = ecx;
        this.edx = edx;
        this.esi = esi;
    }

    /** run_task_queue is about to read the task {@code p}: it is in %ebx. */
    public void taskQueuePointer(int p) {
        ebx = p;
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
        return readWordSlowly(address, eip);
    }

    /*
     * The unaligned and faulting cases of readWord, writeWord and call are methods of their own:
     * kept out of line, the hot part of each stays small enough for the JIT to inline into its
     * callers on the tick (the fault path with its String.format made each too large to inline).
     */
    private int readWordSlowly(int address, int eip) {
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
        writeWordSlowly(address, value, eip);
    }

    private void writeWordSlowly(int address, int value, int eip) {
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
        KernelFunction f = memory.functionAt(address);
        int saved = currentText;
        // the call pushes its argument and return address before the fetch at the target
        enterFrame(FRAME_CALL, saved + callReturn, data);
        if (f == null) {
            callFault(address);
            return;
        }
        currentText = address;
        f.call(data);
        frameDepth--;
        currentText = saved;
    }

    /**
     * The call frame of a loop that calls one routine after another from the same instruction
     * (run_task_queue's {@code (*f)(arg)}), written once for the whole loop: its return address in
     * the code running now. It is on the model's stack only while a call runs, so a fault in the
     * loop's own code shows the stack without it. Returns the frame for {@link #callFrom}.
     */
    public int enterCallSite() {
        int frame = frameDepth;
        if (frame < MAX_FRAMES) {
            frameKind[frame] = FRAME_CALL;
            frameValue[frame] = currentText + callReturn;
        }
        return frame;
    }

    /**
     * {@link #call} from the call site {@code frame}, up to the jump: the frame's kind and return
     * address are already written, so a call stores only its argument, the stack's depth and the
     * routine's address as the code running. Returns the function for the caller to run, then to
     * report with {@link #returnedTo}; or null when the fetch at {@code address} faulted, as
     * {@link #call} faults. The caller makes the call itself so that each runner's call has a call
     * site of its own for the JIT, as each inlined copy of run_task_queue has its own
     * {@code call *%edx}. The loop's own accesses give their EIP explicitly, and
     * {@link #leaveCallSite} restores the code address once.
     */
    public KernelFunction callFrom(int frame, int address, int data) {
        pushCall(frame, data);
        KernelFunction f = memory.functionAt(address);
        if (f == null) {
            callFault(address);
            return null;
        }
        currentText = address;
        return f;
    }

    /** {@link #callFrom} of a routine whose function the caller holds: its frame, no fetch. */
    public void callFromAgain(int frame, int address, int data) {
        pushCall(frame, data);
        currentText = address;
    }

    /** The call at {@code frame} pushes its argument (its return address is already there). */
    private void pushCall(int frame, int data) {
        if (frame < MAX_FRAMES) {
            frameArg[frame] = data;
        }
        frameDepth = frame + 1;
    }

    /** The function {@link #callFrom} gave returned: its frame is off the stack. */
    public void returnedTo(int frame) {
        frameDepth = frame;
    }

    /** The loop of {@link #enterCallSite} is done: the code at {@code text} runs again. */
    public void leaveCallSite(int frame, int text) {
        frameDepth = frame;
        currentText = text;
    }

    /**
     * A call that cannot run, its frame pushed: an instruction fetch from an unmapped page, or an
     * invalid opcode (mapped bytes that are no function's entry point). Either way the call
     * instruction pushed the return address before the fetch at the target faulted.
     */
    private void callFault(int address) {
        if (memory.pageFunctions(address) == null) {
            pageFault(address, false, address);
        } else {
            die("invalid operand", 0, address);
        }
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
        oopsReport.noContext(eip);
        int pde = memory.pageDirectoryEntry(address);
        printk(String.format("*pde = %08x", pde));
        if ((pde & 1) != 0) {
            printk(String.format("*pte = %08x", 0));
        }
        die("Oops", write ? 2 : 0, eip);
    }

    /**
     * die() (arch/i386/kernel/traps.c): "%s: %04lx", then show_registers (CPU, EIP, EFLAGS, the
     * general registers, the segments, the process, up to kstack_depth_to_print (24) stack words 8
     * to a line, the Call Trace and the code bytes at EIP), then do_exit: "Aiee, killing interrupt
     * handler" in interrupt context, and a panic when the victim is the idle task. The lines the
     * releases print differently are the {@link OopsReport}'s. The registers the model keeps no
     * value in (esi, edi, ebp) read 0; the stack is the model's frames ({@link #stackWords}).
     * The machine stops.
     */
    public void die(String what, int errorCode, int eip) {
        printk(String.format("%s: %04x", what, errorCode & 0xFFFF));
        printk("CPU:    0");
        printk(oopsReport.eipLine(eip));
        printk(String.format("EFLAGS: %08x", interruptFlag ? 0x00000202 : 0x00000002));
        Process current = scheduler.current();
        int stackTop = stackTop(current);
        int[] words = stackWords(current);
        int esp = stackTop - 4 * words.length;
        printk(String.format("eax: %08x   ebx: %08x   ecx: %08x   edx: %08x", eax, ebx, ecx, edx));
        printk(String.format("esi: %08x   edi: %08x   ebp: %08x   esp: %08x", esi, 0, 0, esp));
        printk(String.format("ds: %04x   es: %04x   ss: %04x", 0x18, 0x18, 0x18));
        int stackPage = stackTop - 4096;
        printk(oopsReport.processLine(current, stackPage));
        StringBuilder line = new StringBuilder("Stack: ");
        for (int i = 0; i < Math.min(24, words.length); i++) {
            if (i != 0 && i % 8 == 0) {
                printk(line.toString());
                line.setLength(0);
                line.append("       ");
            }
            line.append(String.format("%08x ", words[i]));
        }
        printk(line.toString());
        line.setLength(0);
        oopsReport.callTrace(words);
        printk("Code: " + oopsReport.code(eip));
        if (inInterrupt()) {
            if (oopsReport.panicsInInterrupt()) {
                panic(oopsReport.killingInterruptHandler());
                return;
            }
            printk(oopsReport.killingInterruptHandler());
        }
        if (current.pid() == 0) {
            panic("Attempted to kill the idle task!");
        } else {
            stopped = true;
            exitStatus = EXIT_PANIC;
        }
    }

    /** The end of the process's 8 KB kernel stack (task_struct at its base). */
    private static int stackTop(Process p) {
        return p.pid() == 0 ? KernelText.INIT_TASK_UNION + 8192 : 0xc1000000 + p.pid() * 8192 + 8192;
    }

    /**
     * The words of the model's kernel stack from %esp up to its top: each frame as i386 code
     * leaves it (a call: its return address, then its argument; an interrupt: ret_from_intr,
     * then the pt_regs SAVE_ALL and the CPU pushed; do_bottom_half: the return into do_IRQ or
     * schedule()), innermost first, then the bottom: the idle task's return into start_kernel, or
     * a process's return into system_call and the user-mode pt_regs of its system call.
     */
    private int[] stackWords(Process current) {
        int[] out = new int[16 * Math.min(frameDepth, MAX_FRAMES) + 20];
        int n = 0;
        for (int i = Math.min(frameDepth, MAX_FRAMES) - 1; i >= 0; i--) {
            switch (frameKind[i]) {
                case FRAME_CALL:
                    out[n++] = frameValue[i];
                    out[n++] = frameArg[i];
                    break;
                case FRAME_BOTTOM_HALF:
                    n = oopsReport.bottomHalfFrame(out, n, frameValue[i]);
                    break;
                case FRAME_DO_BOTTOM_HALF:
                    out[n++] = i > 0 && frameKind[i - 1] == FRAME_IRQ ? KernelText.DO_IRQ_AFTER_BH : KernelText.SCHEDULE_AFTER_BH;
                    break;
                case FRAME_IRQ:
                    out[n++] = KernelText.RET_FROM_INTR;
                    // SAVE_ALL: ebx ecx edx esi edi ebp eax ds es; orig_eax = irq - 256; eip cs eflags
                    for (int r = 0; r < 7; r++) {
                        out[n++] = 0;
                    }
                    out[n++] = 0x18;
                    out[n++] = 0x18;
                    out[n++] = frameValue[i] - 256;
                    out[n++] = current.pid() == 0 ? KernelText.CPU_IDLE_AFTER_HLT : frameArg[i];
                    out[n++] = 0x10;
                    out[n++] = 0x246;
                    break;
                default:
                    break;
            }
        }
        if (current.pid() == 0) {
            out[n++] = KernelText.START_KERNEL_AFTER_CPU_IDLE;
        } else {
            out[n++] = KernelText.SYSTEM_CALL_AFTER_CALL;
            // user pt_regs: ebx ecx edx esi edi ebp eax ds es orig_eax eip cs eflags esp ss
            int[] user = {0, 0, 0, 0, 0, 0, 0, 0x2b, 0x2b, 0, 0x08048080, 0x23, 0x246, 0xbffffd00, 0x2b};
            System.arraycopy(user, 0, out, n, user.length);
            n += user.length;
        }
        return Arrays.copyOf(out, n);
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

    /** panic() (kernel/panic.c): the message, then why it does not sync (the release's order of questions). */
    public void panic(String message) {
        printk("Kernel panic: " + message);
        String notSyncing = oopsReport.notSyncing(scheduler.current().pid() == 0, inInterrupt());
        if (notSyncing != null) {
            printk(notSyncing);
        }
        stopped = true;
        exitStatus = EXIT_PANIC;
    }

    /** schedule() from interrupt context: 2.2 prints this, then writes to address 0. */
    public void schedulingInInterrupt() {
        printk("Scheduling in interrupt");
        pageFault(0, true, KernelText.SCHEDULE);
    }

    // ---- the log, the console and the trace ----

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

    /** {@code mark_bh}. */
    public void markBh(int nr) {
        bottomHalves.markBh(nr);
    }

    public boolean tracing() {
        return tracing;
    }

    public void trace(int kind, int a, int b) {
        if (tracing) {
            trace.record(board.now(), kind, a, b);
        }
    }

    /** The model enters kernel function {@code slice} ({@link KernelSlice}); costs a branch untraced. */
    public void enter(int slice, int arg) {
        if (tracing) {
            trace.record(board.now(), TraceEvent.ENTER, slice, arg);
        }
    }

    /** The model leaves kernel function {@code slice}. */
    public void leave(int slice, int arg) {
        if (tracing) {
            trace.record(board.now(), TraceEvent.LEAVE, slice, arg);
        }
    }

    /**
     * A name for the trace ({@link TraceEvent#SYMBOL}, {@link TraceEvent#BH_NAME},
     * {@link TraceEvent#PROCESS_NAME}): when a module is loaded or a process created, never per tick.
     */
    public void traceName(int kind, int key, String text) {
        if (tracing) {
            trace.record(board.now(), kind, key, trace.intern(text));
        }
    }

    /** The number the trace gives {@code text}, -1 untraced (for names carried in an event's argument). */
    public int traceIntern(String text) {
        return tracing ? trace.intern(text) : -1;
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

    public KernelSymbols symbols() {
        return symbols;
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
