package irq0.kernel.modules;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.proc.ProcEntry;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.sched.WaitQueue;
import irq0.kernel.timer.TimerList;

/**
 * After LDD2's jiq.c /proc/jitimer, with the timer re-armed at each expiry: reading the file
 * prints a first line, arms jiq_timer for jiffies + HZ/10 and sleeps; jiq_timedout prints a line
 * from TIMER_BH and re-arms the timer (add_timer again, it is no longer pending) until the
 * buffer is past 512 bytes, then wakes the reader, which deletes the timer as LDD2 does in case
 * a signal woke it. (LDD2's jitimer fires once, one second later.)
 */
public final class JiTimer extends KernelModule {
    static final int LIMIT = 512;

    private int jiqTimedout;
    private int jiqReadTimer;
    private int lastJiffies;
    private final StringBuilder buffer = new StringBuilder();
    private final WaitQueue jiqWait = new WaitQueue();
    private TimerList jiqTimer;
    private ProcEntry procFile;

    @Override
    public String name() {
        return "jitimer";
    }

    @Override
    protected void layout(ModuleLayout image) {
        jiqTimedout = image.function("jiq_timedout", 0x60, this::jiqTimedout);
        jiqReadTimer = image.function("jiq_read_timer", 0x80);
        image.function("init_module", 0x20);
        image.function("cleanup_module", 0x20);
        image.data("jiq_timer", 0x14);
        image.data("jiq_wait", 4);
    }

    private int period() {
        return Math.max(1, kernel().hz() / 10);
    }

    private boolean jiqPrint() {
        int j = kernel().jiffies();
        if (buffer.length() > LIMIT) {
            kernel().wakeUpInterruptible(jiqWait);
            return false;
        }
        if (buffer.length() == 0) {
            buffer.append(Jiq.HEADER);
        }
        buffer.append(String.format("%9d  %3d        %d   %5d %3d %s%n",
                Integer.toUnsignedLong(j), j - lastJiffies, kernel().inInterrupt() ? 1 : 0,
                kernel().current().pid(), 0, kernel().current().comm()));
        lastJiffies = j;
        return true;
    }

    private void jiqTimedout(int data) {
        if (jiqPrint()) {
            jiqTimer.expires = kernel().jiffies() + period();
            kernel().addTimer(jiqTimer, address(jiqTimedout));
        }
    }

    @Override
    protected int initModule(Process current) {
        jiqTimer = new TimerList(this::jiqTimedout, address(jiqTimedout));
        procFile = new ProcEntry("jitimer", this::readTimer);
        return kernel().procRegister(procFile);
    }

    private Step readTimer(Process current, StringBuilder page) {
        buffer.setLength(0);
        lastJiffies = kernel().jiffies();
        jiqTimer.expires = kernel().jiffies() + period();
        jiqPrint();
        kernel().addTimer(jiqTimer, address(jiqReadTimer));
        return kernel().interruptibleSleepOn(jiqWait, p -> {
            kernel().delTimer(jiqTimer);
            page.append(buffer);
            return Step.exit(0);
        });
    }

    @Override
    protected Step cleanupModule(Process current) {
        kernel().delTimer(jiqTimer);
        kernel().procUnregister(procFile);
        return Step.exit(0);
    }
}
