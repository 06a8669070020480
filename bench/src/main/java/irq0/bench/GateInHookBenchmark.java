package irq0.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import irq0.cpu.unicorn.Unicorn;
import irq0.cpu.unicorn.X86;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Stage: the fourth gate of {@link GateMechanismBenchmark}, Java run inside the OUT hook (a JNA
 * upcall) while the guest goes on without leaving {@code uc_emu_start}: {@code L: out 0xEF, al;
 * jmp L}, one start of {@value #ENTRIES} round trips per invocation, scored per round trip.
 * What could fool it: no restart of the engine is paid at all, which a kernel that changes
 * registers (impossible from inside the hook) would need.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GateInHookBenchmark {
    private static final int CODE = 0x10100;
    private static final int ENTRIES = 1_000;

    private Unicorn cpu;
    private Unicorn.Hook hook;
    private long calls;

    @Setup(Level.Trial)
    public void open() {
        cpu = Unicorn.openReal();
        ByteBuffer ram = cpu.mapHostMemory(0, 1 << 20);
        int[] code = {0xE6, 0xEF, 0xEB, 0xFC};
        for (int i = 0; i < code.length; i++) {
            ram.put(CODE + i, (byte) code[i]);
        }
        cpu.writeRegister(X86.REG_CS, 0x1000);
        hook = cpu.hookPortOut((port, size, value) -> calls++);
    }

    @TearDown(Level.Trial)
    public void close() {
        hook.close();
        cpu.close();
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long roundTrip() {
        cpu.emulate(CODE, -1L, 2L * ENTRIES);
        return calls;
    }
}
