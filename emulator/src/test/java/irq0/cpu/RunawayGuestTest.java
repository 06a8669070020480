package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.time.VirtualTime;
import irq0.trace.Trace;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guests that run away (into zero-filled memory, down a NOP sled, round a {@code cli; jmp $})
 * cost Unicorn a translation each time a run of it starts where it has not started before
 * (DEVELOPERS.md, runaway guests). The bounds here are deterministic: how many runs of Unicorn
 * ({@code uc_emu_start}) such a guest takes per virtual second, and where IP goes at offset FFFFh.
 */
class RunawayGuestTest {
    private static final byte[] BIOS = BootImage.bundled("bios");

    private static final class Result {
        BootMachine.Stop stop;
        int exitStatus;
        long emulateCalls;
        long clocks;
        long recreations;
    }

    private static Result run(byte[] image, long seconds) {
        return run(image, seconds, false);
    }

    /** {@code waveform}: OUT1 and OUT2 watched too, as {@code --vcd} and {@code --timeline} watch them. */
    private static Result run(byte[] image, long seconds, boolean waveform) {
        Result r = new Result();
        PcBoard board = new PcBoard(Trace.NONE);
        board.watchAllOuts(waveform);
        NativeMeter meter = new NativeMeter();
        try (PcMachine m = new PcMachine(board, BIOS, null,
                MachineOptions.defaults().withMaxSeconds(seconds).withBootImage(image))) {
            m.meterNativeCalls(meter);
            // paused every 10 ms of virtual time, as the command line's runner does
            BootMachine.Stop stop;
            long until = 0;
            do {
                until += VirtualTime.PIT_HZ / 100;
                stop = m.runUntil(until);
            } while (stop == BootMachine.Stop.PAUSED);
            r.stop = stop;
            r.exitStatus = m.exitStatus();
            r.emulateCalls = meter.emulateCalls();
            r.clocks = board.now();
            r.recreations = m.engineRecreations();
        }
        return r;
    }

    @Test
    void shouldRunAGuestWithInterruptsOffInRunsAsLongAsTheQuantumNotOnePerTimerEdgeOrPause() {
        // cli; jmp $ for 8 virtual seconds: 16,000,000 instructions. The BIOS's 18.2 Hz tick is
        // pending from the first edge on, with IF=0: no edge can change what the CPU does
        Result r = run(PcMachineTest.sector(0xFA, 0xEB, 0xFE), 8);

        assertThat(r.stop).isEqualTo(BootMachine.Stop.LENGTH);
        assertThat(r.clocks).isEqualTo(8 * VirtualTime.PIT_HZ);
        // POST's runs, then 16,000,000 / 2^22 instructions; it was one run per OUT0 edge (36 a
        // second) and per 10 ms pause (100 a second): over a thousand
        assertThat(r.emulateCalls).isLessThan(40);
    }

    @Test
    void shouldNotCutTheCpusRunsAtTheRefreshEdgesAWaveformWatches() {
        // sti; jmp $ for 1 virtual second, with and without OUT1 and OUT2 watched. OUT1 (the AT's
        // refresh request, every 18 PIT clocks) reaches the CPU only through port 61h: its edges
        // are recorded inside the board's jumps, and no run of Unicorn ends at them. They did end
        // runs, 132,000 a second, and a guest in straight-line code then ran 40 times slower
        // (DEVELOPERS.md, runaway guests)
        byte[] stiJmp = PcMachineTest.sector(0xFB, 0xEB, 0xFE);

        Result plain = run(stiJmp, 1, false);
        Result watched = run(stiJmp, 1, true);

        assertThat(watched.stop).isEqualTo(BootMachine.Stop.LENGTH);
        assertThat(watched.clocks).isEqualTo(plain.clocks);
        assertThat(watched.emulateCalls).isEqualTo(plain.emulateCalls);
    }

    @Test
    void shouldWrapIpAtOffsetFfffhAsARealModeCpuDoes() {
        // xor dx,dx; mov ax,1000h; mov es,ax;
        // mov dword [es:0FFFCh], 42424242h (4 x inc dx at 1000:FFFC-FFFF)
        // mov dword [es:0000h], 0F4E6D088h (mov al,dl; out 0F4h,al at 1000:0000)
        // jmp 1000h:0FFFCh
        byte[] s = PcMachineTest.sector(0x31, 0xD2, 0xB8, 0x00, 0x10, 0x8E, 0xC0,
                0x66, 0x26, 0xC7, 0x06, 0xFC, 0xFF, 0x42, 0x42, 0x42, 0x42,
                0x66, 0x26, 0xC7, 0x06, 0x00, 0x00, 0x88, 0xD0, 0xE6, 0xF4,
                0xEA, 0xFC, 0xFF, 0x00, 0x10);

        Result r = run(s, 1);

        // four INC DX, then IP wraps to 0000 (Unicorn alone runs on into 2000:0000's zeros)
        assertThat(r.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(r.exitStatus).isEqualTo((4 << 1) | 1);
    }

    /**
     * A guest that runs away with IF=0 into straight-line code: zeros ({@code add [bx+si],al}) at
     * 1000:0 or A000:0, or a 32 KiB NOP sled into zeros at 1000:0. Each run of Unicorn must be one
     * lap of the segment, from its start: a run that ended at a timer edge restarted in the middle
     * of the lap, and Unicorn translated the rest of the segment again from there (DEVELOPERS.md,
     * runaway guests), which grew to over 600 MB.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runaways")
    void shouldRunAGuestThatRunsAwayWithInterruptsOffInOneRunPerLapOfItsSegment(String name, byte[] sector,
            long instructionsPerLap) {
        // 4 virtual seconds: 8,000,000 instructions at 8 MHz and 4 cycles each
        Result r = run(sector, 4);

        assertThat(r.stop).isEqualTo(BootMachine.Stop.LENGTH);
        long laps = (8_000_000 + instructionsPerLap - 1) / instructionsPerLap;
        // about 20 runs of POST and the boot sector's load; one run more per rising OUT0 edge (73)
        // was the old way
        assertThat(r.emulateCalls).isBetween(laps, laps + 30);
        // one segment's translations (8.7 MB for zeros) fit Unicorn's budget: the engine is kept
        assertThat(r.recreations).isZero();
    }

    /**
     * With interrupts on, the BIOS's tick (18.2 Hz) interrupts the zeros at a new instruction each
     * time, and Unicorn translates the rest of the segment again from each: about 6 MB per
     * interrupt, 376 MB after 2 virtual seconds before the engine was replaced when its
     * translations pass {@link TranslationBudget#MAX_RESIDENT_CODE}. (RunawayGuestMemoryTest
     * checks the process's memory; this, that the guest runs on unharmed.)
     */
    @Test
    void shouldReplaceTheEngineWhenAGuestInterruptedInStraightLineCodeFillsItsTranslations() {
        // sti; jmp 1000h:0000
        Result r = run(PcMachineTest.sector(0xFB, 0xEA, 0x00, 0x00, 0x00, 0x10), 1);

        assertThat(r.stop).isEqualTo(BootMachine.Stop.LENGTH);
        assertThat(r.clocks).isEqualTo(VirtualTime.PIT_HZ);
        // 18 or 19 ticks, each of 6 MB or so, against a budget of 64 MiB
        assertThat(r.recreations).isBetween(1L, 3L);
    }

    static Stream<Arguments> runaways() {
        return Stream.of(
                Arguments.of("jmp 1000h:0000 (zeros)", PcMachineTest.sector(0xEA, 0x00, 0x00, 0x00, 0x10), 32_768L),
                Arguments.of("jmp A000h:0000 (zeros)", PcMachineTest.sector(0xEA, 0x00, 0x00, 0x00, 0xA0), 32_768L),
                // mov ax,1000h; mov es,ax; xor di,di; mov al,90h; mov cx,8000h; rep stosb;
                // jmp 1000h:0000: 32,768 NOPs, then 16,384 add [bx+si],al
                Arguments.of("32 KiB NOP sled into zeros", PcMachineTest.sector(0xB8, 0x00, 0x10, 0x8E, 0xC0,
                        0x31, 0xFF, 0xB0, 0x90, 0xB9, 0x00, 0x80, 0xF3, 0xAA, 0xEA, 0x00, 0x00, 0x00, 0x10), 49_152L));
    }
}
