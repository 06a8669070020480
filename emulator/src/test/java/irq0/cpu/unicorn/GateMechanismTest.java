package irq0.cpu.unicorn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The ways x86 code can enter Java, each checked for what it does and timed (printed, never
 * asserted: host speed is not a test). A "round trip" is guest code reaching the gate, Java
 * running, and the guest going on. The figures in DEVELOPERS.md come from this test.
 */
class GateMechanismTest {
    private static final int CODE = 0x10100;
    private static final int ROUNDS = 100_000;

    private interface Body {
        long run(Unicorn cpu, InstructionCounter counter, RegisterBatch regs);
    }

    private static long measure(String name, int[] code, Body body) {
        try (Unicorn cpu = Unicorn.openReal()) {
            ByteBuffer ram = cpu.mapHostMemory(0, 0x100000);
            for (int i = 0; i < code.length; i++) {
                ram.put(CODE + i, (byte) code[i]);
            }
            cpu.writeRegister(X86.REG_CS, 0x1000);
            InstructionCounter counter = cpu.addInstructionCounter();
            RegisterBatch regs = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
            body.run(cpu, counter, regs); // warm-up
            long t0 = System.nanoTime();
            long entries = body.run(cpu, counter, regs);
            long ns = System.nanoTime() - t0;
            System.out.printf("gate %-32s %8.0f round trips/s (%.2f us)%n", name, entries / (ns / 1e9), ns / 1e3 / entries);
            return entries;
        }
    }

    @Test
    void shouldEnterJavaAtAHltGate() {
        // L: hlt; jmp L -- each start stops after the HLT; Java sees it by the counter's last address
        long n = measure("hlt (stop, read registers)", new int[] {0xF4, 0xEB, 0xFD}, (cpu, counter, regs) -> {
            long entries = 0;
            long begin = CODE;
            for (int i = 0; i < ROUNDS; i++) {
                cpu.emulate(begin, -1L, 1000);
                regs.read();
                if (counter.lastAddress() == CODE) {
                    entries++;
                }
                begin = CODE + 1;
            }
            return entries;
        });
        assertThat(n).isEqualTo(ROUNDS);
    }

    @Test
    void shouldEnterJavaAtAnOutToAGatePortThatStops() {
        // L: out 0xEF, al; jmp L -- the OUT hook (an upcall) stops the engine
        long[] hooks = new long[1];
        long n = measure("out + hook + stop", new int[] {0xE6, 0xEF, 0xEB, 0xFC}, (cpu, counter, regs) -> {
            hooks[0] = 0;
            try (Unicorn.Hook h = cpu.hookPortOut((port, size, value) -> {
                hooks[0]++;
                cpu.stop();
            })) {
                long begin = CODE;
                for (int i = 0; i < ROUNDS; i++) {
                    cpu.emulate(begin, -1L, 1000);
                    regs.read();
                    begin = CODE + 2;
                }
            }
            return hooks[0];
        });
        assertThat(n).isEqualTo(ROUNDS);
    }

    @Test
    void shouldEnterJavaInsideAnOutHookWithoutStopping() {
        // the kernel would run inside the upcall; the guest never leaves uc_emu_start
        long[] hooks = new long[1];
        long n = measure("out + hook, no stop", new int[] {0xE6, 0xEF, 0xEB, 0xFC}, (cpu, counter, regs) -> {
            hooks[0] = 0;
            try (Unicorn.Hook h = cpu.hookPortOut((port, size, value) -> hooks[0]++)) {
                cpu.emulate(CODE, -1L, 2L * ROUNDS);
            }
            return hooks[0];
        });
        assertThat(n).isEqualTo(ROUNDS);
    }

    @Test
    void shouldEnterJavaWhenEmulationReachesTheUntilAddress() {
        // L: nop; G: jmp L -- uc_emu_start(begin = L, until = G): one NOP, then the stop at G
        long n = measure("until address", new int[] {0x90, 0xEB, 0xFD}, (cpu, counter, regs) -> {
            long entries = 0;
            for (int i = 0; i < ROUNDS; i++) {
                cpu.emulate(CODE, CODE + 1, 1000);
                regs.read();
                if ((regs.get(0) & 0xFFFF) == 0x101) {
                    entries++;
                }
            }
            return entries;
        });
        assertThat(n).isEqualTo(ROUNDS);
    }
}
