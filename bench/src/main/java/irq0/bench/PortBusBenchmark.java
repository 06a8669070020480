package irq0.bench;

import java.util.concurrent.TimeUnit;

import irq0.board.PcBoard;
import irq0.pic.Pic8259;
import irq0.trace.Trace;
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
 * Stage: what the I/O port bus adds to the port traffic of one timer interrupt. do_IRQ's
 * mask_and_ack_8259A and the unmask after the handler are three port writes to the master
 * (OCW1 with IR0 masked, the EOI, OCW1 with IR0 unmasked). One op is those three writes:
 *
 * <ul>
 * <li>{@code maskAckUnmaskThroughBoard}: through {@link PcBoard#out}: the board's port decode
 * (a switch on the port number), the trace check (tracing off), the chip;</li>
 * <li>{@code maskAckUnmaskOnChip}: the same three writes straight to {@link Pic8259#write}, the
 * floor of the bus's cost;</li>
 * <li>{@code imrReadThroughBoard}: one read of port 0x21 through the board, the cost of a single
 * dispatch.</li>
 * </ul>
 *
 * <p>What could fool it: with only port 0x21 touched, the JIT would profile the decode's branches
 * as if no other port existed, which a booted machine (PIT, PIC pair, port 0x61, POST, console)
 * never allows; so the set-up reads every port the board decodes many times before the benchmark
 * starts, to give the decode the profile it has in a real run. Results reach the Blackhole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PortBusBenchmark {
    private static final int MASTER_COMMAND = PcBoard.PORT_MASTER;
    private static final int MASTER_DATA = PcBoard.PORT_MASTER + 1;
    private static final int NON_SPECIFIC_EOI = 0x20;
    /** Every port the board maps, for profile pollution: PIT, PIC pair, 0x61, POST, console, exit. */
    private static final int[] BOARD_PORTS = {0x40, 0x41, 0x42, 0x43, 0x20, 0x21, 0xA0, 0xA1, 0x61, 0x80, 0xE9};
    private static final int POLLUTION_ROUNDS = 20_000;

    private PcBoard board;
    private Pic8259 chip;
    private int imr = 0xFA;
    private int pollutionSink;

    @Setup(Level.Trial)
    public void setUp() {
        board = new PcBoard(Trace.NONE);
        initialise(board);
        chip = new Pic8259();
        chip.write(0, 0x11);
        chip.write(1, 0x20);
        chip.write(1, 0x04);
        chip.write(1, 0x01);
        chip.write(1, imr);
        int sink = 0;
        for (int round = 0; round < POLLUTION_ROUNDS; round++) {
            for (int port : BOARD_PORTS) {
                sink += board.in(port);
            }
            board.out(PcBoard.PORT_POST, round & 0xFF);
        }
        pollutionSink = sink; // kept, so that the reads cannot be dropped
    }

    /** init_8259A through the ports, as a booted kernel leaves the pair. */
    private void initialise(PcBoard b) {
        b.out(0x20, 0x11);
        b.out(0x21, 0x20);
        b.out(0x21, 0x04);
        b.out(0x21, 0x01);
        b.out(0xA0, 0x11);
        b.out(0xA1, 0x28);
        b.out(0xA1, 0x02);
        b.out(0xA1, 0x01);
        b.out(0x21, imr);
        b.out(0xA1, 0xFF);
    }

    @Benchmark
    public void maskAckUnmaskThroughBoard(Blackhole bh) {
        board.out(MASTER_DATA, imr | 1);
        board.out(MASTER_COMMAND, NON_SPECIFIC_EOI);
        board.out(MASTER_DATA, imr);
        bh.consume(board.master().imr());
    }

    @Benchmark
    public void maskAckUnmaskOnChip(Blackhole bh) {
        chip.write(1, imr | 1);
        chip.write(0, NON_SPECIFIC_EOI);
        chip.write(1, imr);
        bh.consume(chip.imr());
    }

    @Benchmark
    public int imrReadThroughBoard() {
        return board.in(MASTER_DATA);
    }
}
