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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Stage: the price of single native calls into Unicorn through JNA, the calls the machine makes
 * around every slice of guest code: {@code uc_emu_start} on {@code sti; hlt} (enter the CPU, run
 * two instructions, leave at the HLT), the machine's register batch read and write (IP, CS,
 * FLAGS, SP, SS in one call each way), and the instruction counter's read. With these, the part
 * of {@link BootBenchmark}'s op that is not the Java kernel can be told apart into native calls
 * and the guest's own execution.
 *
 * <p>What could fool it: the code is translated once and then found in Unicorn's cache on every
 * call, as the idle loop is in a real run; the machine's hooks (port I/O, interrupts) are not
 * installed here, so a call here is slightly cheaper than in the machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UnicornCallBenchmark {
    /** Linear address of the code: CS:IP = 1000:0100. */
    private static final int CODE = 0x10100;

    private Unicorn cpu;
    private RegisterBatch registers;
    private InstructionCounter counter;

    @Setup(Level.Trial)
    public void open() {
        cpu = Unicorn.openReal();
        ByteBuffer ram = cpu.mapHostMemory(0, 1 << 20);
        ram.put(CODE, (byte) 0xFB); // sti
        ram.put(CODE + 1, (byte) 0xF4); // hlt
        counter = cpu.addInstructionCounter();
        cpu.writeRegister(X86.REG_CS, 0x1000);
        registers = cpu.batch(X86.REG_IP, X86.REG_CS, X86.REG_EFLAGS, X86.REG_SP, X86.REG_SS);
    }

    @TearDown(Level.Trial)
    public void close() {
        cpu.close();
    }

    @Benchmark
    public int emulateStiHlt() {
        return cpu.emulate(CODE, -1L, 2);
    }

    @Benchmark
    public void registerBatchRead() {
        registers.read();
    }

    @Benchmark
    public void registerBatchWrite() {
        registers.write();
    }

    @Benchmark
    public long instructionCount() {
        return counter.count();
    }
}
