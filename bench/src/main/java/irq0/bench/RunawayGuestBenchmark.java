package irq0.bench;

import irq0.board.PcBoard;
import irq0.cpu.BootMachine;
import irq0.cpu.BootImage;
import irq0.cpu.MachineOptions;
import irq0.cpu.PcMachine;
import irq0.trace.Trace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Question: what does one virtual second of a guest that has run away cost in host time, next to
 * one that spins in {@code cli; jmp $}? One op is {@code irq0 boot IMAGE --seconds 1} without the
 * JVM's start: a new machine (a new Unicorn engine), the BIOS's POST and the boot sector's load,
 * then the guest to one virtual second (2,000,000 instructions at 8 MHz and 4 cycles each); host
 * milliseconds per virtual second are the score. Guests: {@code cli; jmp $}; {@code jmp
 * 1000h:0000} and {@code jmp A000h:0000} into zeros ({@code add [bx+si],al}: a store per
 * instruction); a 32 KiB NOP sled at 1000:0000 into zeros. See DEVELOPERS.md, runaway guests
 * (which also has the figures of the same zeros with interrupts on, too slow for this harness: about
 * 4 host seconds per virtual second).
 *
 * <p>What could fool it: each op translates its guest afresh on its new engine (as a run of the
 * command line does), so the translation of the zero-filled segment (about 0.1 s) is part of
 * every op; a longer run spreads it thinner. The stores' cost is Unicorn 2.0.1's (every store to
 * RAM takes its slow path), not irq0's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RunawayGuestBenchmark {
    @Param({"cliJmp", "zeros1000", "zerosA000", "nopSled"})
    public String guest;

    private byte[] bios;
    private byte[] sector;

    @Setup
    public void image() {
        bios = BootImage.bundled(BootImage.BUNDLED_FIRMWARE);
        switch (guest) {
            case "cliJmp" -> sector = BootImage.sector(0xFA, 0xEB, 0xFE);
            case "zeros1000" -> sector = BootImage.sector(0xEA, 0x00, 0x00, 0x00, 0x10);
            case "zerosA000" -> sector = BootImage.sector(0xEA, 0x00, 0x00, 0x00, 0xA0);
            // mov ax,1000h; mov es,ax; xor di,di; mov al,90h; mov cx,8000h; rep stosb; jmp 1000h:0000
            case "nopSled" -> sector = BootImage.sector(0xB8, 0x00, 0x10, 0x8E, 0xC0, 0x31, 0xFF, 0xB0, 0x90, 0xB9, 0x00, 0x80,
                    0xF3, 0xAA, 0xEA, 0x00, 0x00, 0x00, 0x10);
            default -> throw new IllegalArgumentException("no such guest: " + guest);
        }
    }


    /** One virtual second of the guest from power-on; returns the instructions run (about 2,000,000). */
    @Benchmark
    public long oneVirtualSecond() {
        PcBoard board = new PcBoard(Trace.NONE);
        try (PcMachine m = new PcMachine(board, bios, null,
                MachineOptions.defaults().withMaxSeconds(1).withBootImage(sector))) {
            if (m.run() != BootMachine.Stop.LENGTH) {
                throw new IllegalStateException(guest + " stopped early: " + m.message());
            }
            return m.instructions();
        }
    }
}
