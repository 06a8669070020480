package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import org.junit.jupiter.api.Test;

/**
 * A call through a function pointer ({@link Kernel#call}) resolves in the memory's per-page
 * function table: it runs the function whose entry point the address is; an address inside a
 * module that is no entry point is an undefined opcode ("invalid operand"); an address in freed
 * memory faults on the instruction fetch; and after rmmod and another insmod at the same address
 * the same pointer runs what the new module has there, as on 2.2.
 */
class CallThroughPointerTest {
    /** A module with two functions whose bodies count into its memory. */
    static final class Counting extends KernelModule {
        private final String name;
        private final int bump;
        int first;
        int second;
        private int count;

        Counting(String name, int bump) {
            this.name = name;
            this.bump = bump;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected void layout(ModuleLayout image) {
            first = image.function("first", 0x20, data -> poke(count, peek(count) + bump));
            second = image.function("second", 0x20, data -> poke(count, peek(count) + 100 * bump));
            image.function("init_module", 0x10);
            image.function("cleanup_module", 0x10);
            count = image.data("count", 4);
        }

        @Override
        protected int initModule(Process current) {
            return 0;
        }

        @Override
        protected Step cleanupModule(Process current) {
            return Step.exit(0);
        }

        int count() {
            return peek(count);
        }

        int at(int offset) {
            return address(offset);
        }
    }

    private static Counting load(KernelRig rig, Counting module) {
        rig.kernel.modules().addProvider(() -> module);
        rig.run("insmod " + module.name());
        assertThat(rig.kernel.modules().findModule(module.name())).isNotNull();
        return module;
    }

    @Test
    void shouldRunTheFunctionAtAnEntryPoint() {
        KernelRig rig = new KernelRig();
        Counting m = load(rig, new Counting("counting", 1));
        rig.kernel.call(m.at(m.first), 0);
        rig.kernel.call(m.at(m.second), 0);
        assertThat(m.count()).isEqualTo(101);
        assertThat(rig.kernel.running()).isTrue();
    }

    @Test
    void shouldReportAnInvalidOperandInsideAModuleButNotAtAnEntry() {
        KernelRig rig = new KernelRig();
        Counting m = load(rig, new Counting("counting", 1));
        int inside = m.at(m.first) + 4;
        rig.output();
        rig.kernel.call(inside, 0);
        assertThat(rig.output()).contains("invalid operand: 0000", String.format("EIP:    0010:[<%08x>]", inside));
        assertThat(rig.kernel.running()).isFalse();
    }

    @Test
    void shouldFaultOnTheFetchAfterRmmodEvenWhenTheSameAddressWasJustCalled() {
        // the last entry point found is remembered (KernelMemory.functionAt); vfree must forget
        // it, as 2.2's vfree flushes the TLB
        KernelRig rig = new KernelRig();
        Counting m = load(rig, new Counting("counting", 1));
        int stale = m.at(m.first);
        rig.kernel.call(stale, 0);
        assertThat(m.count()).isEqualTo(1);
        rig.run("rmmod counting");
        rig.output();
        rig.kernel.call(stale, 0);
        assertThat(rig.output()).contains(
                String.format("Unable to handle kernel paging request at virtual address %08x", stale),
                String.format("EIP:    0010:[<%08x>]", stale));
        assertThat(rig.kernel.running()).isFalse();
    }

    @Test
    void shouldRunTheNewModulesFunctionThroughAPointerIntoTheOldOne() {
        KernelRig rig = new KernelRig();
        Counting old = load(rig, new Counting("old", 1));
        int stale = old.at(old.second);
        rig.run("rmmod old");
        Counting now = load(rig, new Counting("new", 7));
        assertThat(now.at(now.second)).as("vmalloc's first fit: the same address").isEqualTo(stale);
        rig.kernel.call(stale, 0);
        assertThat(now.count()).isEqualTo(700);
        assertThat(rig.kernel.running()).isTrue();
    }
}
