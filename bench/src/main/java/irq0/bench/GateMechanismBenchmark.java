package irq0.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import irq0.cpu.unicorn.InstructionCounter;
import irq0.cpu.unicorn.RegisterBatch;
import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Stage: one round trip through each way x86 code can enter Java (guest code reaching the gate,
 * Java running, the guest going on), the measurement behind DEVELOPERS.md's choice of a HLT gate.
 * {@code GateMechanismTest} checks that each mechanism does what it is said to do; this prices
 * it. Each op is one round trip:
 * <ul>
 * <li>{@code hlt}: {@code L: hlt; jmp L}, one {@code uc_emu_start} that stops after the HLT,
 * then the register batch read;</li>
 * <li>{@code outStop}: {@code L: out 0xEF, al; jmp L}, the OUT hook (a JNA upcall) stops the
 * engine, then the batch read;</li>
 * <li>the same OUT with Java run inside the hook and the guest going on without leaving
 * {@code uc_emu_start}: {@link GateInHookBenchmark};</li>
 * <li>{@code until}: {@code L: nop; G: jmp L} with {@code uc_emu_start(until = G)}.</li>
 * </ul>
 * What could fool it: the code is translated once and then found in Unicorn's cache, as the idle
 * loop is in a real run; the machine's other hooks are not installed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GateMechanismBenchmark {
    /** Linear address of the code: CS:IP = 1000:0100. */
    private static final int CODE = 0x10100;
    @Param({"hlt", "outStop", "until"})
    public String mechanism;

    private Unicorn cpu;
    private RegisterBatch registers;
    private InstructionCounter counter;
    private Unicorn.Hook hook;
    private long hookCalls;
    private long begin;

    @Setup(Level.Trial)
    public void open() {
        cpu = Unicorn.openReal();
        ByteBuffer ram = cpu.mapHostMemory(0, 1 << 20);
        int[] code;
        switch (mechanism) {
            case "hlt":
                code = new int[] {0xF4, 0xEB, 0xFD};
                break;
            case "outStop":
                code = new int[] {0xE6, 0xEF, 0xEB, 0xFC};
                hook = cpu.hookPortOut((port, size, value) -> {
                    hookCalls++;
                    cpu.stop();
                });
                break;
            case "until":
                code = new int[] {0x90, 0xEB, 0xFD};
                break;
            default:
                throw new IllegalArgumentException(mechanism);
        }
        for (int i = 0; i < code.length; i++) {
            ram.put(CODE + i, (byte) code[i]);
        }
        counter = cpu.addInstructionCounter();
        cpu.writeRegister(X86.REG_CS, 0x1000);
        registers = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
        begin = CODE;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (hook != null) {
            hook.close();
        }
        cpu.close();
    }

    @Benchmark
    public long roundTrip() {
        switch (mechanism) {
            case "hlt":
                cpu.emulate(begin, -1L, 1000);
                registers.read();
                begin = CODE + 1; // on from the JMP after the HLT
                return counter.lastAddress();
            case "outStop":
                cpu.emulate(begin, -1L, 1000);
                registers.read();
                begin = CODE + 2;
                return hookCalls;
            default:
                cpu.emulate(CODE, CODE + 1, 1000);
                registers.read();
                return registers.get(0);
        }
    }
}
