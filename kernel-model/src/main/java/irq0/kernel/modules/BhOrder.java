package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.timer.TimerList;

/**
 * Which bottom half runs first when a tick marks both TIMER_BH and TQUEUE_BH: init_module arms a
 * timer_list for the next jiffy and queues a task on tq_timer, and each prints when it runs.
 * <pre>
 * init_module: timer.expires = jiffies + 1; add_timer(&amp;timer); queue_task(&amp;task, &amp;tq_timer);
 * bhorder_timer: printk("bhorder: timer_list function at jiffies %lu\n", jiffies);
 * bhorder_task:  printk("bhorder: tq_timer task at jiffies %lu\n", jiffies);
 * </pre>
 * 2.2's run_bottom_halves goes up the bit numbers: timer_bh (0) before tqueue_bh (2). In 2.4
 * do_timer marks TIMER_BH, then TQUEUE_BH, and each mark puts its tasklet at the head of the hi
 * list: tqueue_bh runs first.
 */
public final class BhOrder extends KernelModule {
    private int timerFunction;
    private int taskRoutine;
    private int task;
    private TimerList timer;

    @Override
    public String name() {
        return "bhorder";
    }

    @Override
    protected void layout(ModuleLayout image) {
        timerFunction = image.function("bhorder_timer", 0x30, data -> ran("timer_list function"));
        taskRoutine = image.function("bhorder_task", 0x30, data -> ran("tq_timer task"));
        image.function("init_module", 0x40);
        image.function("cleanup_module", 0x20);
        image.data("timer", 0x14);
        task = image.data("task", image.tqStructSize());
        image.initPointer(task + image.tqRoutine(), taskRoutine);
    }

    private void ran(String what) {
        kernel().printk("bhorder: " + what + " at jiffies " + Integer.toUnsignedLong(kernel().jiffies()));
    }

    @Override
    protected int initModule(Process current) {
        timer = new TimerList(data -> kernel().call(address(timerFunction), data), address(timerFunction));
        timer.expires = kernel().jiffies() + 1;
        kernel().addTimer(timer, address(timerFunction));
        kernel().queueTask(address(task), kernel().tqTimer());
        return 0;
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().delTimer(timer);
        return Step.exit(0);
    }
}
