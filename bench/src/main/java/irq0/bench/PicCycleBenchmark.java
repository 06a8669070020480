package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.pic.Pic8259;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stage: the 8259A's share of one interrupt, on the chip itself (no ports, no bus). One op is a
 * request edge, the INTA sequence and the EOI, as Linux 2.2's init_8259A programs the PC/AT pair
 * (master vectors 0x20, slave 0x28 on master IR2, edge-triggered, 8086 mode, normal EOI):
 *
 * <ul>
 * <li>{@code raiseAcknowledgeEoi}: IR0 rises, INTA answers 0x20, a non-specific EOI (OCW2 0x20)
 * clears the in-service bit, IR0 falls again so that the next rise is a new edge;</li>
 * <li>{@code cascadeRaiseAcknowledgeEoi}: the same for IRQ8 (slave IR0): the slave's INT raises
 * master IR2, INTA goes through the cascade, and both chips get their EOI, slave first, as
 * mask_and_ack_8259A does for irq &amp; 8.</li>
 * </ul>
 *
 * <p>What could fool it: the same line every time keeps the priority resolver on its shortest
 * path (IR0 is the highest priority); a real machine sees other lines too. Each vector reaches the
 * Blackhole. Falling the line inside the op is part of the cost: the board's wiring does the same
 * whenever OUT0 goes low in mode 2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PicCycleBenchmark {
    private static final int NON_SPECIFIC_EOI = 0x20;

    private Pic8259 master;
    private Pic8259 slave;

    @Setup(Level.Trial)
    public void setUp() {
        master = new Pic8259();
        slave = new Pic8259();
        master.attachSlave(2, slave);
        slave.connectInt(level -> master.setIrq(2, level));
        // init_8259A: ICW1 edge, cascade, ICW4 needed; ICW2 vector base; ICW3 wiring; ICW4 8086 mode
        master.write(0, 0x11);
        master.write(1, 0x20);
        master.write(1, 0x04);
        master.write(1, 0x01);
        slave.write(0, 0x11);
        slave.write(1, 0x28);
        slave.write(1, 0x02);
        slave.write(1, 0x01);
        master.write(1, 0xFA); // IR0 (timer) and IR2 (cascade) unmasked
        slave.write(1, 0xFE); // IRQ8 unmasked
    }

    @Benchmark
    public void raiseAcknowledgeEoi(Blackhole bh) {
        master.setIrq(0, true);
        int vector = master.interruptAcknowledge();
        master.write(0, NON_SPECIFIC_EOI);
        master.setIrq(0, false);
        bh.consume(vector);
    }

    @Benchmark
    public void cascadeRaiseAcknowledgeEoi(Blackhole bh) {
        slave.setIrq(0, true);
        int vector = master.interruptAcknowledge();
        slave.write(0, NON_SPECIFIC_EOI);
        master.write(0, NON_SPECIFIC_EOI);
        slave.setIrq(0, false);
        bh.consume(vector);
    }
}
