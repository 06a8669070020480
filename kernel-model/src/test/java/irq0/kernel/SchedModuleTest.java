package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.mm.KernelMemory;
import irq0.kernel.mm.KernelText;
import irq0.kernel.module.Module;
import irq0.kernel.taskqueue.TqStruct;
import irq0.kernel.sched.Process;
import irq0.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * LKMPG's sched.c, tick by tick (Scheduling Tasks): the task runs once per timer interrupt from
 * the first tick after insmod; rmmod sleeps in cleanup_module until the next tick's run, which
 * wakes it instead of re-queuing; the unsafe variant leaves the task queued in freed memory.
 */
class SchedModuleTest {
    /** sched's image: struct module, 4 functions, then TimerIntrpt, WaitQ, Task (see Sched.layout). */
    static final int BASE = KernelMemory.VMALLOC_START; // vmalloc's first fit: the first module's place
    static final int INTRPT_ROUTINE = BASE + 0x50;
    static final int TASK = BASE + 0x168;

    /** The first page frame the model's vmalloc takes for a page table (KernelMemory). */
    private static final int FIRST_PAGE_TABLE_FRAME = 0x07f00000;
    /** _PAGE_TABLE (include/asm-i386/pgtable.h): present, rw, user, accessed, dirty. */
    private static final int PAGE_TABLE = 0x067;

    private static String hex(String format, Object... args) {
        return String.format(format, args);
    }

    private static long taskRuns(KernelRig rig, int routine) {
        return rig.events.stream().filter(e -> e[1] == TraceEvent.TASK_RUN && (int) e[2] == routine).count();
    }

    @Test
    void shouldCountOneRunPerTickAndLetRmmodReturnRightAfterTheNextTick() {
        KernelRig rig = new KernelRig();
        int t = 5;
        int k = 7;
        rig.ticks(t);
        Process insmod = rig.run("insmod sched");
        assertThat(insmod.exited()).isTrue();
        assertThat(insmod.exitStatus()).isZero();
        assertThat(rig.kernel.modules().findModule("sched").base()).isEqualTo(BASE);
        assertThat(rig.kernel.taskQueues().tqTimer.head()).isEqualTo(TASK);

        rig.ticks(k);
        rig.output();
        rig.run("cat /proc/sched");
        assertThat(rig.commandOutput()).containsExactly("# cat /proc/sched", "Timer called 7 times so far");

        Process rmmod = rig.run("rmmod sched");
        assertThat(rmmod.exited()).as("cleanup_module sleeps on WaitQ").isFalse();
        assertThat(rmmod.comm()).isEqualTo("rmmod");
        assertThat(rmmod.state()).as("sleep_on, not interruptible").isEqualTo(Process.TASK_UNINTERRUPTIBLE);
        assertThat(rig.kernel.modules().procModules()).isEqualTo("sched                    528   0 (deleted)\n");
        assertThat(rig.kernel.procFs().lookup("/proc/sched")).as("unregistered before the sleep").isNull();

        rig.tick(); // tick T+K+1: the routine's last run wakes rmmod instead of re-queuing
        assertThat(rig.jiffies()).isEqualTo(t + k + 1);
        assertThat(rmmod.exited()).isTrue();
        assertThat(rmmod.exitStatus()).isZero();
        assertThat(taskRuns(rig, INTRPT_ROUTINE)).isEqualTo(k + 1);
        assertThat(rig.kernel.taskQueues().tqTimer.isEmpty()).isTrue();
        assertThat(rig.kernel.modules().findModule("sched")).isNull();
        assertThat(rig.kernel.memory().mapped(TASK, 4)).isFalse();

        rig.ticks(3);
        assertThat(rig.kernel.running()).isTrue();
        assertThat(taskRuns(rig, INTRPT_ROUTINE)).isEqualTo(k + 1);
        rig.output();
        rig.run("cat /proc/sched");
        assertThat(rig.commandOutput()).containsExactly("# cat /proc/sched", "cat: /proc/sched: No such file or directory");
    }

    @Test
    void shouldListTheModuleUnusedWhileItRuns() {
        KernelRig rig = new KernelRig();
        rig.run("insmod sched");
        rig.output();
        rig.run("lsmod");
        assertThat(rig.commandOutput()).containsExactly("# lsmod", "Module                  Size  Used by", "sched                    528   0 (unused)");
    }

    @Test
    void shouldOopsAndPanicOnTheTickAfterTheUnsafeModuleIsRemoved() {
        KernelRig rig = new KernelRig();
        rig.ticks(2);
        rig.run("insmod sched_unsafe");
        rig.ticks(3);
        Process rmmod = rig.run("rmmod sched_unsafe");
        assertThat(rmmod.exited()).as("cleanup returns at once").isTrue();
        assertThat(rig.kernel.taskQueues().tqTimer.head()).as("Task is still queued, in freed memory").isEqualTo(TASK);
        int before = rig.kernel.log().lines().size();

        rig.tick();

        assertThat(rig.kernel.running()).isFalse();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_PANIC);
        assertThat(rig.logText().subList(before, rig.logText().size())).containsExactly(
                // run_task_queue reads the freed Task's data first (mov 0xc(%ebx),%eax)
                hex("Unable to handle kernel paging request at virtual address %08x", TASK + TqStruct.DATA),
                "current->tss.cr3 = 00101000, %cr3 = 00101000",
                // the vmalloc area's page table, the first frame the model hands out, as _PAGE_TABLE
                hex("*pde = %08x", FIRST_PAGE_TABLE_FRAME | PAGE_TABLE),
                "*pte = 00000000",
                "Oops: 0000",
                "CPU:    0",
                hex("EIP:    0010:[<%08x>]", KernelText.TQUEUE_BH),
                "EFLAGS: 00000202",
                // p in %ebx; %ecx and %edx still hold save_p and f from the task's run at the tick before
                hex("eax: 00000000   ebx: %08x   ecx: %08x   edx: %08x", TASK, TASK, INTRPT_ROUTINE),
                "esi: 00000000   edi: 00000000   ebp: 00000000   esp: c0213fbc",
                "ds: 0018   es: 0018   ss: 0018",
                // show_registers: stackpage = 4096 + (unsigned long) current, the idle task's
                hex("Process swapper (pid: 0, process nr: 0, stackpage=%08x)", KernelText.INIT_TASK_UNION + KernelMemory.PAGE_SIZE),
                // do_bottom_half's call of tqueue_bh, do_IRQ's of do_bottom_half, ret_from_intr and the
                // IRQ0 pt_regs (orig_eax 0 - 256, eip after cpu_idle's hlt), start_kernel's call of cpu_idle
                hex("Stack: %08x %08x %08x 00000000 00000000 00000000 00000000 00000000 ",
                        KernelText.DO_BOTTOM_HALF_AFTER_CALL, KernelText.DO_IRQ_AFTER_BH, KernelText.RET_FROM_INTR),
                hex("       00000000 00000000 00000018 00000018 ffffff00 %08x 00000010 00000246 ",
                        KernelText.CPU_IDLE_AFTER_HLT),
                hex("       %08x ", KernelText.START_KERNEL_AFTER_CPU_IDLE),
                hex("Call Trace: [<%08x>] [<%08x>] [<%08x>] [<%08x>] ", KernelText.DO_BOTTOM_HALF_AFTER_CALL,
                        KernelText.DO_IRQ_AFTER_BH, KernelText.RET_FROM_INTR, KernelText.CPU_IDLE_AFTER_HLT),
                "Code: 8b 43 0c 8b 53 08 89 d9 8b 1b c7 41 04 00 00 00 00 50 ff d2 ",
                "Aiee, killing interrupt handler",
                "Kernel panic: Attempted to kill the idle task!",
                "In swapper task - not syncing");
        rig.tick();
        assertThat(rig.jiffies()).as("a stopped machine takes no more interrupts").isEqualTo(6);
    }

    @Test
    void shouldRunTheReloadedModuleTwicePerTickThroughTheStalePointerThenLockUpOnRmmod() {
        KernelRig rig = new KernelRig();
        rig.run("insmod sched_unsafe");
        rig.ticks(3);
        rig.run("rmmod sched_unsafe");
        rig.run("insmod sched"); // same size: vmalloc's first fit puts it on the freed area
        Module sched = rig.kernel.modules().findModule("sched");
        assertThat(sched.base()).isEqualTo(BASE);
        // init's queue_task linked the new Task in front of the stale pointer: to itself
        assertThat(rig.kernel.memory().read32(TASK)).isEqualTo(TASK);

        rig.ticks(5);
        rig.output();
        rig.run("cat /proc/sched");
        assertThat(rig.commandOutput()).containsExactly("# cat /proc/sched", "Timer called 10 times so far");

        Process rmmod = rig.run("rmmod sched");
        assertThat(rmmod.exited()).isFalse();
        rig.tick(); // the routine now wakes rmmod instead of re-queuing: Task->next stays Task
        assertThat(rig.kernel.running()).isFalse();
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_LOCKUP);
        assertThat(rig.output()).contains(hex("irq0: kernel lockup: run_task_queue(&tq_timer) has run 1048576 tasks in one pass: the list loops (task %08x)", TASK));
    }

    @Test
    void shouldReportSchedulingInInterruptWhenABottomHalfSleeps() {
        KernelRig rig = new KernelRig();
        rig.kernel.bottomHalves().initBh(20, () -> rig.kernel.scheduler().sleepOn(new irq0.kernel.sched.WaitQueue(), p -> irq0.kernel.sched.Step.exit(0)));
        rig.kernel.markBh(20);
        rig.tick();
        assertThat(rig.logText()).containsSequence(
                "Scheduling in interrupt",
                "Unable to handle kernel NULL pointer dereference at virtual address 00000000",
                "current->tss.cr3 = 00101000, %cr3 = 00101000",
                "*pde = 00000000",
                "Oops: 0002",
                "CPU:    0",
                hex("EIP:    0010:[<%08x>]", KernelText.SCHEDULE));
        assertThat(rig.logText()).endsWith("Aiee, killing interrupt handler", "Kernel panic: Attempted to kill the idle task!", "In swapper task - not syncing");
        assertThat(rig.kernel.exitStatus()).isEqualTo(Kernel.EXIT_PANIC);
    }
}
