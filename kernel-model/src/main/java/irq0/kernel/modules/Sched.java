package irq0.kernel.modules;

import irq0.kernel.KernelVersion;
import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.sched.WaitQueue;

/**
 * LKMPG (2001) example 11-1, sched.c: a task on tq_timer that counts timer interrupts and
 * re-queues itself, /proc/sched to read the count, and a cleanup_module that must not return
 * before the task has run for the last time:
 * <pre>
 * static int TimerIntrpt = 0;
 * static struct wait_queue *WaitQ = NULL;
 * static struct tq_struct Task = { NULL, 0, intrpt_routine, NULL };
 * static void intrpt_routine(void *irrelevant) {
 *     TimerIntrpt++;
 *     if (WaitQ != NULL) wake_up(&amp;WaitQ);      // cleanup_module is waiting: stop
 *     else queue_task(&amp;Task, &amp;tq_timer);     // again on the next tick
 * }
 * init_module:    queue_task(&amp;Task, &amp;tq_timer); return proc_register(&amp;proc_root, &amp;Our_Proc_File);
 * cleanup_module: proc_unregister(&amp;proc_root, Our_Proc_File.low_ino); sleep_on(&amp;WaitQ);
 * </pre>
 * TimerIntrpt and Task are in the module's memory; the wait queue is a Java object.
 */
public class Sched extends KernelModule {
    protected int intrptRoutine;
    protected Variable timerIntrpt;
    protected int task;
    protected final WaitQueue waitQ = new WaitQueue();
    protected ProcEntry procFile;

    @Override
    public String name() {
        return "sched";
    }

    /** As "sched", the 2001 edition is the one built for 2.2; 2.4's "sched" is {@link Sched2006}. */
    @Override
    public boolean builtFor(KernelVersion version) {
        return version == KernelVersion.V2_2;
    }

    /** The kernel symbols the 2001 edition's object refers to (it was written for 2.2). */
    protected String[] undefinedSymbols() {
        return new String[] {"proc_register", "proc_root", "proc_unregister", "sleep_on", "__wake_up", "tq_timer", "sprintf"};
    }

    @Override
    protected void layout(ModuleLayout image) {
        intrptRoutine = image.function("intrpt_routine", 0x40, data -> intrptRoutine());
        image.function("procfile_read", 0x60);
        image.function("init_module", 0x40);
        image.function("cleanup_module", 0x30);
        timerIntrpt = image.variable("TimerIntrpt");
        // not in LKMPG's sched.c: the model lets insmod start the count anywhere, so that a run can
        // show the %d of /proc/sched going negative after 2^31 runs
        image.parameter("TimerIntrpt", timerIntrpt);
        image.data("WaitQ", 4);
        task = image.data("Task", image.tqStructSize());
        image.initPointer(task + image.tqRoutine(), intrptRoutine);
        image.undefined(undefinedSymbols());
        image.data("Our_Proc_File", 0x40);
        image.data("my_buffer", 80);
    }

    /** The routine on tq_timer. */
    protected void intrptRoutine() {
        timerIntrpt.set(timerIntrpt.get() + 1);
        if (waitQ.pointerNonNull()) {
            kernel().wakeUp(waitQ);
        } else {
            kernel().queueTask(address(task), kernel().tqTimer());
        }
    }

    @Override
    protected int initModule(Process current) {
        kernel().queueTask(address(task), kernel().tqTimer());
        procFile = new ProcEntry("sched", (p, page) -> {
            page.append(String.format("Timer called %d times so far%n", timerIntrpt.get()));
            return Step.exit(0);
        });
        return kernel().procRegister(procFile);
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procUnregister(procFile);
        return kernel().sleepOn(waitQ, p -> Step.exit(0));
    }

    /** TimerIntrpt, as /proc/sched reports it. */
    public int timerIntrpt() {
        return timerIntrpt.get();
    }

    /** Where Task is. */
    public int taskAddress() {
        return address(task);
    }
}
