package irq0.cpu.unicorn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The ways x86 code can enter Java, each checked for what it does: every round trip (guest code
 * reaching the gate, Java running, the guest going on) enters Java exactly once. What each costs
 * is measured by bench/'s GateMechanismBenchmark and GateInHookBenchmark (JMH), whose figures
 * DEVELOPERS.md gives.
 */
class GateMechanismTest {
    private static final int CODE = 0x10100;
    private static final int ROUNDS = 1_000;

    private interface Body {
        long run(Unicorn cpu, InstructionCounter counter, RegisterBatch regs);
    }

    /** Runs {@code body} on a fresh CPU holding {@code code} at 1000:0100; what it counted. */
    private static long run(int[] code, Body body) {
        try (Unicorn cpu = Unicorn.openReal()) {
            ByteBuffer ram = cpu.mapHostMemory(0, 0x100000);
            for (int i = 0; i < code.length; i++) {
                ram.put(CODE + i, (byte) code[i]);
            }
            cpu.writeRegister(X86.REG_CS, 0x1000);
            InstructionCounter counter = cpu.addInstructionCounter();
            RegisterBatch regs = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
            return body.run(cpu, counter, regs);
        }
    }

    @Test
    void shouldEnterJavaAtAHltGate() {
        // L: hlt; jmp L -- each start stops after the HLT; Java sees it by the counter's last address
        long n = run(new int[] {0xF4, 0xEB, 0xFD}, (cpu, counter, regs) -> {
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
        long n = run(new int[] {0xE6, 0xEF, 0xEB, 0xFC}, (cpu, counter, regs) -> {
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
        long n = run(new int[] {0xE6, 0xEF, 0xEB, 0xFC}, (cpu, counter, regs) -> {
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
        long n = run(new int[] {0x90, 0xEB, 0xFD}, (cpu, counter, regs) -> {
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
