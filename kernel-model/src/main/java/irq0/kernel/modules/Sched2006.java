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
 * LKMPG's sched.c as its 2.4 edition has it, "sched" on a 2.4 kernel:
 * <pre>
 * static int TimerIntrpt = 0;
 * static int waitq = 0;
 * static struct tq_struct Task = { routine: intrpt_routine, data: NULL };
 * static DECLARE_WAIT_QUEUE_HEAD(WaitQ);
 * static void intrpt_routine(void *irrelevant) {
 *     TimerIntrpt++;
 *     if (waitq) wake_up(&amp;WaitQ);          // cleanup_module is (about to be) waiting: stop
 *     else queue_task(&amp;Task, &amp;tq_timer);
 * }
 * init_module:    queue_task(&amp;Task, &amp;tq_timer);
 *                 create_proc_read_entry("sched", 0444, NULL, procfile_read, NULL); return 0;
 * cleanup_module: remove_proc_entry("sched", &amp;proc_root); waitq = 1; sleep_on(&amp;WaitQ);
 * </pre>
 * The flag makes a race: a tick that runs the routine after {@code waitq = 1} and before
 * sleep_on has queued rmmod wakes nobody and does not re-queue the task, so rmmod sleeps for
 * ever (state D) and the module stays "(deleted)". Process context takes no virtual time in
 * the model, so the window is empty unless asked for: the model's parameter {@code race_udelay}
 * (not in LKMPG) busy-waits that many microseconds, interrupts on, between the two statements,
 * which places the next tick inside the window when it is at least the time to that tick.
 */
public final class Sched2006 extends KernelModule {
    private int intrptRoutine;
    private Variable timerIntrpt;
    private Variable waitq;
    private Variable raceUdelay;
    private int task;
    private final WaitQueue waitQ = new WaitQueue();
    private ProcEntry procFile;

    @Override
    public String name() {
        return "sched";
    }

    @Override
    public boolean builtFor(KernelVersion version) {
        return version == KernelVersion.V2_4;
    }

    @Override
    protected void layout(ModuleLayout image) {
        intrptRoutine = image.function("intrpt_routine", 0x40, data -> intrptRoutine());
        image.function("procfile_read", 0x60);
        image.function("init_module", 0x40);
        image.function("cleanup_module", 0x40);
        timerIntrpt = image.variable("TimerIntrpt");
        image.parameter("TimerIntrpt", timerIntrpt);
        waitq = image.variable("waitq");
        raceUdelay = image.variable("race_udelay");
        image.parameter("race_udelay", raceUdelay);
        task = image.data("Task", image.tqStructSize());
        image.initPointer(task + image.tqRoutine(), intrptRoutine);
        image.data("WaitQ", 12);
        image.undefined("create_proc_entry", "remove_proc_entry", "proc_root", "sleep_on", "__wake_up", "tq_timer", "sprintf");
    }

    private void intrptRoutine() {
        timerIntrpt.set(timerIntrpt.get() + 1);
        if (waitq.get() != 0) {
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
        kernel().procRegister(procFile); // create_proc_read_entry
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().procUnregister(procFile); // remove_proc_entry
        waitq.set(1);
        int us = raceUdelay.get();
        if (us > 0) {
            kernel().udelay(us);
        }
        return kernel().sleepOn(waitQ, p -> Step.exit(0));
    }
}
