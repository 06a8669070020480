package irq0.kernel;

import irq0.kernel.mm.KernelMemory;
import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import irq0.kernel.taskqueue.TaskQueue;
import irq0.kernel.taskqueue.TqStruct;
import java.util.ArrayList;
import java.util.List;

/** A test module with N tasks whose routines log "name@jiffies" and may queue themselves again. */
final class TestTasks extends KernelModule {
    final int count;
    final int[] routine;
    final int[] task;
    final boolean[] requeue;
    final TaskQueue[] queueOf;
    final List<String> runs = new ArrayList<>();
    int initResult;
    int useCountSeenInInit = -1;
    /** Where the test reads this module's struct module from inside init_module, if it asks. */
    irq0.kernel.module.Modules modules;
    int cleanups;
    /**
     * When 1 or more, task {@code crossPage}'s tq_struct starts 8 bytes before a page boundary, so
     * that it crosses it (as {@code __attribute__((aligned(4)))} data after a pad can).
     */
    int crossPage = -1;

    TestTasks(int count) {
        this.count = count;
        routine = new int[count];
        task = new int[count];
        requeue = new boolean[count];
        queueOf = new TaskQueue[count];
    }

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    protected void layout(ModuleLayout image) {
        for (int i = 0; i < count; i++) {
            int n = i;
            routine[i] = image.function("routine" + i, 0x20, data -> run(n, data));
        }
        image.function("init_module", 0x20);
        image.function("cleanup_module", 0x20);
        for (int i = 0; i < count; i++) {
            if (i == crossPage) {
                int pad = (KernelMemory.PAGE_SIZE - 8 - (task[i - 1] + TqStruct.SIZE)) & (KernelMemory.PAGE_SIZE - 1);
                if (pad != 0) {
                    image.data("pad", pad, 4);
                }
                task[i] = image.data("task" + i, TqStruct.SIZE, 4);
            } else {
                task[i] = image.data("task" + i, TqStruct.SIZE);
            }
            image.initPointer(task[i] + TqStruct.ROUTINE, routine[i]);
            image.initWord(task[i] + TqStruct.DATA, 100 + i);
        }
    }

    private void run(int n, int data) {
        runs.add("t" + n + "(" + data + ")@" + kernel().jiffies());
        if (requeue[n]) {
            queue(n, queueOf[n]);
        }
    }

    int queue(int n, TaskQueue q) {
        queueOf[n] = q;
        return kernel().queueTask(address(task[n]), q);
    }

    @Override
    protected int initModule(Process current) {
        if (modules != null) {
            useCountSeenInInit = modules.moduleOf(this).useCount();
        }
        return initResult;
    }

    @Override
    protected Step cleanupModule(Process current) {
        cleanups++;
        return Step.exit(0);
    }

    /** Where task {@code n}'s tq_struct is. */
    int taskAddress(int n) {
        return address(task[n]);
    }

    /** Where routine {@code n} starts. */
    int routineAddress(int n) {
        return address(routine[n]);
    }

    List<String> takeRuns() {
        List<String> r = new ArrayList<>(runs);
        runs.clear();
        return r;
    }
}
