package irq0.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.kernel.module.KernelModule;
import irq0.kernel.module.ModuleLayout;
import irq0.kernel.module.Variable;
import irq0.kernel.sched.Process;
import irq0.kernel.sched.Step;
import org.junit.jupiter.api.Test;

/**
 * A module's {@code static int} ({@link Variable}) is its word in the modelled memory: what the
 * module writes there the kernel reads at the variable's address and the other way round, an
 * insmod parameter sets it, and once rmmod has freed the module an access is one to whatever is
 * at that address now: a fault while nothing is, as any other access to freed memory.
 */
class ModuleVariableTest {
    static final class Counter extends KernelModule {
        Variable count;
        Variable limit;

        @Override
        public String name() {
            return "counter";
        }

        @Override
        protected void layout(ModuleLayout image) {
            image.function("init_module", 0x10);
            image.function("cleanup_module", 0x10);
            image.data("pad", 0x1000 - 4 - 0x70, 4); // the code ends at 0x70: count is the first page's last word, limit the second's first
            count = image.variable("count");
            limit = image.variable("limit");
            image.initWord(limit, 7);
            image.parameter("limit", limit);
        }

        @Override
        protected int initModule(Process current) {
            count.set(count.get() + 1);
            return 0;
        }

        @Override
        protected Step cleanupModule(Process current) {
            return Step.exit(0);
        }

        int address(Variable v) {
            return address(v.offset());
        }
    }

    /** The instances insmod made, one for each load. */
    private final java.util.List<Counter> made = new java.util.ArrayList<>();

    private KernelRig rig() {
        KernelRig rig = new KernelRig();
        rig.kernel.modules().addProvider(() -> {
            Counter c = new Counter();
            made.add(c);
            return c;
        });
        return rig;
    }

    private Counter load(KernelRig rig, String arguments) {
        rig.run("insmod counter" + arguments);
        assertThat(rig.kernel.modules().findModule("counter")).isNotNull();
        return made.get(made.size() - 1);
    }

    @Test
    void shouldBeTheWordAtItsAddressInEitherDirection() {
        KernelRig rig = rig();
        Counter m = load(rig, "");
        assertThat(rig.kernel.readWord(m.address(m.count), 0)).isEqualTo(1);
        rig.kernel.writeWord(m.address(m.count), 41, 0);
        assertThat(m.count.get()).isEqualTo(41);
        m.count.set(42);
        assertThat(rig.kernel.readWord(m.address(m.count), 0)).isEqualTo(42);
        assertThat(m.limit.get()).isEqualTo(7);
        assertThat(m.address(m.limit) & 0xFFF).isZero(); // the two variables are on different pages
        assertThat(m.address(m.count) >>> 12).isEqualTo((m.address(m.limit) >>> 12) - 1);
    }

    @Test
    void shouldTakeAnInsmodParameter() {
        KernelRig rig = rig();
        Counter m = load(rig, " limit=300");
        assertThat(m.limit.get()).isEqualTo(300);
        assertThat(rig.kernel.readWord(m.address(m.limit), 0)).isEqualTo(300);
    }

    @Test
    void shouldFaultAtItsAddressOnceTheModuleIsFreed() {
        KernelRig rig = rig();
        Counter m = load(rig, "");
        int address = m.address(m.count);
        rig.run("rmmod counter");
        assertThat(rig.kernel.running()).isTrue();
        rig.output();
        m.count.get();
        assertThat(rig.output()).contains(
                String.format("Unable to handle kernel paging request at virtual address %08x", address));
        assertThat(rig.kernel.running()).isFalse();
    }

    @Test
    void shouldReachWhatIsAtItsAddressNowOnceFreed() {
        // a stale access is an access to the address as it is now: after another insmod there,
        // the new module's word, as a stale pointer on 2.2 would reach it
        KernelRig rig = rig();
        Counter old = load(rig, "");
        int address = old.address(old.count);
        rig.run("rmmod counter");
        Counter next = load(rig, "");
        assertThat(next.address(next.count)).isEqualTo(address);
        old.count.set(99);
        assertThat(next.count.get()).isEqualTo(99);
        assertThat(rig.kernel.running()).isTrue();
    }
}
