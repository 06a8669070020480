package irq0.cpu.unicorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binding against the real libunicorn.so.2, in 16-bit mode, code at 1000:0100 (linear 0x10100). */
class UnicornTest {
    private static final int CODE = 0x10100;
    private Unicorn cpu;
    private ByteBuffer ram;
    private InstructionCounter counter;

    @BeforeEach
    void open() {
        cpu = Unicorn.openReal();
        ram = cpu.mapHostMemory(0, 0x100000);
        counter = cpu.addInstructionCounter();
        cpu.writeRegister(X86.REG_CS, 0x1000);
        cpu.writeRegister(X86.REG_SS, 0x2000);
        cpu.writeRegister(X86.REG_SP, 0x1000);
    }

    @AfterEach
    void close() {
        cpu.close();
    }

    private void code(int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            ram.put(CODE + i, (byte) bytes[i]);
        }
    }

    private int ip() {
        return (int) cpu.readRegister(X86.REG_IP);
    }

    @Test
    void shouldRunExactlyTheCountGivenFromTheFirstStartOn() {
        // 200 x "inc ax", then hlt. Unicorn 2.0 honours a count only in code translated while a
        // count was in force: the machine passes one on every start, from the first; so does this.
        for (int i = 0; i < 200; i++) {
            ram.put(CODE + i, (byte) 0x40);
        }
        ram.put(CODE + 200, (byte) 0xF4);
        long begin = CODE;
        int[] counts = {1, 7, 50, 3, 100};
        long total = 0;
        for (int n : counts) {
            assertThat(cpu.emulate(begin, -1L, n)).isEqualTo(X86.ERR_OK);
            total += n;
            assertThat(counter.count()).isEqualTo(total);
            assertThat(ip()).isEqualTo(0x100 + total);
            assertThat(cpu.readRegister(X86.REG_AX) & 0xFFFF).isEqualTo(total);
            assertThat(counter.lastAddress()).isEqualTo(CODE + total - 1);
            begin = CODE + total;
        }
        // a count larger than what is left: HLT ends it early, and the HLT is counted
        assertThat(cpu.emulate(begin, -1L, 1000)).isEqualTo(X86.ERR_OK);
        assertThat(total).isEqualTo(161);
        assertThat(counter.count()).isEqualTo(200 + 1);
        assertThat(counter.lastAddress()).isEqualTo(CODE + 200);
        assertThat(ip()).isEqualTo(0x100 + 201);
    }

    @Test
    void shouldRefuseToRunWithoutACount() {
        // one start with count 0 would make Unicorn 2.0 ignore every later count
        assertThatThrownBy(() -> cpu.emulate(CODE, -1L, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count >= 1");
    }

    @Test
    void shouldKeepCountingExactlyAfterAStopFromAPortHook() {
        // out 0x80,al; inc ax; inc ax; inc ax; out 0x80,al; inc ax ...
        code(0xE6, 0x80, 0x40, 0x40, 0x40, 0xE6, 0x80, 0x40, 0x40, 0xF4);
        List<long[]> seen = new ArrayList<>();
        cpu.hookPortOut((port, size, value) -> {
            seen.add(new long[] {port, value, counter.count(), counter.lastAddress()});
            cpu.stop();
        });
        assertThat(cpu.emulate(CODE, -1L, 100)).isEqualTo(X86.ERR_OK);
        // the hook saw the OUT as the 1st instruction; the stop took effect before the 2nd
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly(0x80, 0, 1, CODE);
        assertThat(counter.count()).isEqualTo(1);
        assertThat(ip()).isEqualTo(0x102);

        assertThat(cpu.emulate(CODE + 2, -1L, 100)).isEqualTo(X86.ERR_OK);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).containsExactly(0x80, 3, 5, CODE + 5);
        assertThat(counter.count()).isEqualTo(5);

        assertThat(cpu.emulate(CODE + 7, -1L, 2)).isEqualTo(X86.ERR_OK);
        assertThat(counter.count()).isEqualTo(7);
        assertThat(ip()).isEqualTo(0x109);
    }

    @Test
    void shouldStopBeforeAnInstructionThatMaySetIfWhileWatching() {
        // nop; nop; popf; nop; sti; nop; hlt
        code(0x90, 0x90, 0x9D, 0x90, 0xFB, 0x90, 0xF4);
        counter.watchInterruptFlag(true);
        assertThat(cpu.emulate(CODE, -1L, 100)).isEqualTo(X86.ERR_OK);
        // stopped before the POPF, which is not counted; the watch has ended
        assertThat(counter.count()).isEqualTo(2);
        assertThat(ip()).isEqualTo(0x102);
        assertThat(counter.watching()).isFalse();

        assertThat(cpu.emulate(CODE + 2, -1L, 1)).isEqualTo(X86.ERR_OK); // the POPF alone
        counter.watchInterruptFlag(true);
        assertThat(cpu.emulate(CODE + 3, -1L, 100)).isEqualTo(X86.ERR_OK);
        assertThat(counter.count()).isEqualTo(4);
        assertThat(ip()).isEqualTo(0x104);

        // not watching: STI is just an instruction
        assertThat(cpu.emulate(CODE + 4, -1L, 100)).isEqualTo(X86.ERR_OK);
        assertThat(counter.count()).isEqualTo(7);
        assertThat(ip()).isEqualTo(0x107);
    }

    @Test
    void shouldSupplyTheValueOfAnInFromTheHook() {
        code(0xE4, 0x61, 0xF4); // in al, 0x61; hlt
        cpu.hookPortIn((port, size) -> port == 0x61 ? 0x5A : 0xFF);
        assertThat(cpu.emulate(CODE, -1L, 10)).isEqualTo(X86.ERR_OK);
        assertThat(cpu.readRegister(X86.REG_AX) & 0xFF).isEqualTo(0x5A);
    }

    @Test
    void shouldReportSoftwareInterruptsAndFaultsToTheInterruptHook() {
        // int 0x21; nop; xor bx,bx; div bx
        code(0xCD, 0x21, 0x90, 0x31, 0xDB, 0xF7, 0xF3);
        List<Integer> vectors = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        cpu.hookInterrupt(intno -> {
            vectors.add(intno);
            at.add(counter.lastAddress());
            cpu.stop();
        });
        cpu.emulate(CODE, -1L, 100);
        cpu.emulate(CODE + ip() - 0x100, -1L, 100);
        // INT n: the hook runs and Unicorn goes on after the INT (no IVT delivery of its own)
        assertThat(vectors).containsExactly(0x21, 0x00);
        assertThat(at).containsExactly((long) CODE, (long) CODE + 5);
        // a fault leaves IP at the faulting instruction
        assertThat(ip()).isEqualTo(0x105);
    }

    @Test
    void shouldStopWithInsnInvalidOnAnUndefinedOpcode() {
        code(0x90, 0x0F, 0x0B); // nop; ud2
        assertThat(cpu.emulate(CODE, -1L, 10)).isEqualTo(X86.ERR_INSN_INVALID);
        assertThat(ip()).isEqualTo(0x101);
        assertThat(Unicorn.errorText(X86.ERR_INSN_INVALID)).contains("UC_ERR_INSN_INVALID");
    }

    @Test
    void shouldReportAnUnmappedFetchToTheInvalidMemoryHook() {
        code(0xEA, 0x10, 0x00, 0xFF, 0xFF); // jmp 0xFFFF:0x0010 = linear 0x100000
        long[] seen = new long[2];
        cpu.hookInvalidMemory((type, address, size, value) -> {
            seen[0] = type;
            seen[1] = address;
            return false;
        });
        assertThat(cpu.emulate(CODE, -1L, 10)).isEqualTo(X86.ERR_FETCH_UNMAPPED);
        assertThat(seen).containsExactly(X86.MEM_FETCH_UNMAPPED, 0x100000);
    }

    @Test
    void shouldMapEveryErrorToAnExceptionWithUcStrerrorsText() {
        assertThatThrownBy(() -> cpu.mapHostMemory(0, 0x1000))
                .isInstanceOf(UnicornException.class)
                .hasMessageContaining("uc_mem_map_ptr")
                .hasMessageContaining("UC_ERR_MAP")
                .satisfies(e -> assertThat(((UnicornException) e).error()).isEqualTo(11));
        assertThatThrownBy(() -> cpu.mapHostMemory(0x100, 0x1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMoveRegistersInBatches() {
        RegisterBatch batch = cpu.batch(X86.REG_AX, X86.REG_BX, X86.REG_DS);
        batch.set(0, 0x1111);
        batch.set(1, 0x2222);
        batch.set(2, 0x3000);
        batch.write();
        assertThat(cpu.readRegister(X86.REG_BX)).isEqualTo(0x2222);
        assertThat(cpu.readRegister(X86.REG_DS)).isEqualTo(0x3000);
        cpu.writeRegister(X86.REG_AX, 0xBEEF);
        batch.read();
        assertThat(batch.get(0)).isEqualTo(0xBEEF);
        assertThat(batch.get(2)).isEqualTo(0x3000);
    }

    @Test
    void shouldShareGuestMemoryWithJava() {
        code(0xC7, 0x06, 0x00, 0x02, 0x34, 0x12, 0xF4); // mov word [0x200], 0x1234 (DS=0); hlt
        cpu.writeRegister(X86.REG_DS, 0);
        ram.putShort(0x300, (short) 0x5678);
        cpu.emulate(CODE, -1L, 10);
        assertThat(ram.getShort(0x200)).isEqualTo((short) 0x1234);
        byte[] b = new byte[2];
        cpu.read(0x300, b);
        assertThat(b).containsExactly(0x78, 0x56);
    }

    @Test
    void shouldRefuseUseAfterCloseAndCloseTwiceQuietly() {
        Unicorn other = Unicorn.openReal();
        other.close();
        other.close();
        assertThatThrownBy(() -> other.readRegister(X86.REG_AX)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Unicorn 2.0.1 keeps every translation until the engine is closed: straight-line stores
     * ({@code add [bx+si],al}, zeros) entered at 6 different instructions are 6 chains of
     * blocks, about 8 MB each (the machine replaces the engine when they pass a budget). A new
     * engine in the same state has none of them, goes on where the old one stopped, and keeps the
     * count and the hooks.
     */
    @Test
    void shouldGiveBackTheTranslationsAndKeepTheStateWhenTheEngineIsReplaced() {
        List<Integer> ports = new ArrayList<>();
        cpu.hookPortOut((port, size, value) -> ports.add(port));
        cpu.writeRegister(X86.REG_DS, 0x5000);
        for (int entry = 0; entry < 6; entry++) {
            cpu.writeRegister(X86.REG_CS, 0x2000);
            // 32,000 instructions from 2000:2*entry, each translated (chains never rejoin)
            assertThat(cpu.emulate(0x20000 + 2 * entry, -1L, 32_000)).isEqualTo(X86.ERR_OK);
        }
        long before = cpu.residentCodeBytes();
        assertThat(before).as("translations of 6 entry points, in bytes").isGreaterThan(40L << 20);
        long count = counter.count();
        cpu.writeRegister(X86.REG_CS, 0x1000);
        cpu.writeRegister(X86.REG_AX, 0x1234);
        code(0xE6, 0x80, 0x40, 0xF4); // out 80h,al; inc ax; hlt

        cpu.recreate();

        assertThat(cpu.recreations()).isEqualTo(1);
        assertThat(cpu.readRegister(X86.REG_AX)).isEqualTo(0x1234);
        assertThat(cpu.readRegister(X86.REG_DS)).isEqualTo(0x5000);
        assertThat(cpu.emulate(CODE, -1L, 10)).isEqualTo(X86.ERR_OK);
        assertThat(cpu.readRegister(X86.REG_AX)).isEqualTo(0x1235);
        assertThat(ports).containsExactly(0x80);
        assertThat(counter.count()).isEqualTo(count + 3);
        assertThat(cpu.residentCodeBytes()).as("translations after the new engine's first run").isLessThan(8L << 20);
    }
}
