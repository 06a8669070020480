package irq0.kernel;

/**
 * What the kernel's interrupt and deferred-work code runs on, as do_IRQ, the bottom halves, the
 * task queues and the timer wheel need it on every tick: the CPU as the model keeps it (IF, the code address for a
 * fault's EIP, the registers and the kernel stack an Oops shows), in_interrupt()'s counters,
 * checked words of the modelled memory and calls through pointers, the trace's slices, and
 * whether the machine was stopped by an Oops, a panic or a lockup. {@link Kernel} is the one
 * implementation; the subsystems get it when they are built, so that none of them depends on
 * {@code Kernel} itself (which builds and owns them) and the dependencies run one way.
 *
 * <p>An abstract class, not an interface: with one subclass loaded the JIT binds every call
 * statically (class hierarchy analysis), where calls through an interface each kept a type
 * check, about 3 ns per task on run_task_queue's path (measured).
 */
public abstract class KernelContext {
    // ---- the CPU's IF ----

    /** The IF flag: may the machine deliver an interrupt now? */
    public abstract boolean interruptsEnabled();

    public abstract void cli();

    /** sti: IF set; a request the PIC holds is taken at once. */
    public abstract void sti();

    /** udelay (arch/i386/lib/delay.c): virtual time passes; requests are taken as they come while IF is set. */
    public abstract void udelay(int usecs);

    // ---- in_interrupt() ----

    /** {@code irq_enter}: a hardware interrupt handler runs. */
    public abstract void irqEnter();

    public abstract void irqExit();

    public abstract int localIrqCount();

    public abstract int localBhCount();

    public abstract void localBhEnter();

    public abstract void localBhExit();

    /** {@code in_interrupt()}: in a hardware handler or a bottom half. */
    public abstract boolean inInterrupt();

    // ---- the model's kernel stack and registers, for an Oops ----

    /** do_bottom_half is entered (from do_IRQ or schedule(), whichever frame is below). */
    public abstract void enterDoBottomHalf();

    /** do_bottom_half calls bottom half {@code nr}'s routine. */
    public abstract void enterBottomHalf(int nr);

    /** The innermost frame entered through {@link #enterDoBottomHalf} or {@link #enterBottomHalf} returns. */
    public abstract void leaveFrame();

    /** The address of the code running now, for a fault's EIP. */
    public abstract int currentText();

    /** Marks entry into the code at {@code address}; returns the previous value to restore. */
    public abstract int enterText(int address);

    /** 2.2's run_task_queue as it calls a routine: arg, next, save_p and f in its registers. */
    public abstract void taskQueueRegisters(int arg, int next, int saveP, int f);

    /** run_task_queue is about to read the task {@code p}: it is in %ebx. */
    public abstract void taskQueuePointer(int p);

    /** The general registers as the model's code of a release keeps them. */
    public abstract void setRegisters(int eax, int ebx, int ecx, int edx, int esi);

    // ---- memory and calls through pointers (a fault is an Oops) ----

    /** Reads a word of kernel memory as code at {@code eip} would; a fault if it is not mapped. */
    public abstract int readWord(int address, int eip);

    public abstract void writeWord(int address, int value, int eip);

    /** Calls the function at {@code address} with {@code data}; a fault where there is none. */
    public abstract void call(int address, int data);

    /**
     * A loop calling routine after routine from one instruction (run_task_queue) pushes that
     * call's frame once; returns it for {@link #callFrom} and {@link #leaveCallSite}.
     */
    public abstract int enterCallSite();

    /**
     * {@link #call} from the call site {@code frame} up to the jump, with the same stack and
     * faults but no frame pushed per call: the function to run, null when the fetch faulted.
     */
    public abstract KernelFunction callFrom(int frame, int address, int data);

    /**
     * {@link #callFrom} of the routine at {@code address} when the caller already holds its
     * function ({@link irq0.kernel.mm.KernelMemory#cachedFunction}): the same frame, no fetch to
     * fault. The caller runs the function, then reports with {@link #returnedTo}.
     */
    public abstract void callFromAgain(int frame, int address, int data);

    /** The function {@link #callFrom} gave has returned. */
    public abstract void returnedTo(int frame);

    /** The call site's loop is done: its frame popped, the code at {@code text} running again. */
    public abstract void leaveCallSite(int frame, int text);

    // ---- the machine stops ----

    /** True once an Oops, a panic or a lockup stopped the machine: every loop unwinds. */
    public abstract boolean stopped();

    /** The kernel would never get out of what it is doing: said on the console, the machine stops. */
    public abstract void lockup(String why);

    /** schedule() from interrupt context (a sleep there): 2.2 prints "Scheduling in interrupt" and oopses. */
    public abstract void schedulingInInterrupt();

    // ---- the log and the trace ----

    public abstract void printk(String text);

    public abstract void trace(int kind, int a, int b);

    /** True when this kernel records a trace: fixed when it is built. */
    public abstract boolean tracing();

    /** A name for the trace, given when a module is loaded or a process created, never per tick. */
    public abstract void traceName(int kind, int key, String text);

    /** The number the trace gives {@code text}, -1 untraced (for names carried in an event's argument). */
    public abstract int traceIntern(String text);

    /** The model enters kernel function {@code slice}; costs a branch untraced. */
    public abstract void enter(int slice, int arg);

    /** The model leaves kernel function {@code slice}. */
    public abstract void leave(int slice, int arg);
}
