package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole Oops of a stale task pointer, byte for byte against golden files, on both CPUs. The
 * lines follow, in order, Linux 2.2.8's:
 * <ul>
 * <li>arch/i386/mm/fault.c, do_page_fault's no_context path: "Unable to handle kernel NULL
 * pointer dereference" below PAGE_SIZE, else "... paging request", "at virtual address %08lx";
 * "current->tss.cr3 = %08lx, %%cr3 = %08lx"; "*pde = %08lx"; "*pte = %08lx" when the pde is
 * present; then die("Oops", regs, error_code);</li>
 * <li>arch/i386/kernel/traps.c, die: "%s: %04lx"; show_registers: "CPU:    %d", "EIP:
 * %04x:[&lt;%08lx&gt;]", "EFLAGS: %08lx", the eax-edx and esi-esp lines, "ds: %04x   es: %04x
 * ss: %04x", "Process %s (pid: %d, process nr: %d, stackpage=%08lx)", "Stack: " with up to
 * kstack_depth_to_print words 8 a line ("\n       " between), "Call Trace: " with the words in
 * the kernel text or the module area ("[&lt;%08lx&gt;] ", a new line before every 8th), "Code: "
 * with 20 bytes "%02x " or "Bad EIP value." for EIP 0;</li>
 * <li>kernel/exit.c, do_exit: "Aiee, killing interrupt handler" in interrupt context, then
 * panic("Attempted to kill the idle task!") for pid 0; kernel/panic.c, panic: "Kernel panic: %s",
 * and "In swapper task - not syncing" for the idle task.</li>
 * </ul>
 */
class OopsLayoutTest extends CommandLineTest {
    private static String golden(String name) throws IOException {
        try (InputStream in = OopsLayoutTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The run's stdout without the firmware's console line (the BIOS prints one on Unicorn). */
    private String kernelOutput() {
        return Stream.of(out.toString().split("\n", -1))
                .filter(l -> !l.startsWith("irq0 BIOS:"))
                .collect(Collectors.joining("\n"));
    }

    /** The freed Task read at tqueue_bh's first access, p->data: Oops 0000 at c0116f10. */
    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldPrintTheUnsafeUnloadsOopsIn228sLayout(String cpu) throws IOException {
        int code = run("boot", "-q", "--cpu", cpu, "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe", "--run", "sleep 1");
        assertThat(code).isEqualTo(1);
        assertThat(kernelOutput()).isEqualTo(golden("oops-sched-unsafe.txt"));
    }

    /** The stale Task in jiq's zero-filled code: routine 0 called, the fetch at 0 faults. */
    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldPrintTheCallThroughANullRoutinesOopsIn228sLayout(String cpu) throws IOException {
        int code = run("boot", "-q", "--cpu", cpu, "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe",
                "--run", "insmod jiq", "--run", "sleep 0.03");
        assertThat(code).isEqualTo(1);
        assertThat(kernelOutput()).isEqualTo(golden("oops-null-routine.txt"));
    }

    /**
     * 2.4.22: __run_task_queue's splice writes the freed first task's list.prev (Oops 0002, at
     * c880016c); do_page_fault's " printing eip:"; show_registers with "Not tainted", no process
     * nr; show_trace's "Call Trace:   " with 6 entries a line; do_exit panics in interrupt context.
     */
    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldPrintTheUnsafeUnloadsOopsIn2422sLayout(String cpu) throws IOException {
        int code = run("boot", "-q", "--cpu", cpu, "--kernel", "2.4", "--run", "insmod sched_unsafe", "--run", "rmmod sched_unsafe",
                "--run", "sleep 1");
        assertThat(code).isEqualTo(1);
        assertThat(kernelOutput()).isEqualTo(golden("oops-2.4-sched-unsafe.txt"));
    }
}
