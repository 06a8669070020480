package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The machine may replace its Unicorn engine by a new one in the same state between two runs, to
 * give back the memory of Unicorn's translations ({@link TranslationBudget}). The guest must not
 * be able to tell: here the engine is replaced before every run, or every few runs, and
 * everything the guest and the board did (every traced event with its PIT clock, the console,
 * the exit, the instruction count) must be what it is without that.
 */
class EngineRecreationTest {
    private static final byte[] BIOS = BootImage.bundled("bios");

    private static final class Outcome {
        final PcBoard board;
        final Recording trace = new Recording();
        final StringBuilder console = new StringBuilder();
        BootMachine.Stop stop;
        int exitStatus;
        long instructions;
        long recreations;

        Outcome(byte[] image, KernelGateFactory kernel, long seconds, int recreateEvery) {
            board = new PcBoard(trace);
            board.setConsole(b -> console.append((char) b));
            MachineOptions o = MachineOptions.defaults().withMaxSeconds(seconds);
            if (image != null) {
                o = o.withBootImage(image);
            }
            try (PcMachine m = new PcMachine(board, BIOS, kernel == null ? null : kernel.make(board), o, trace)) {
                m.recreateEngineEvery(recreateEvery);
                stop = m.run();
                exitStatus = m.exitStatus();
                instructions = m.instructions();
                recreations = m.engineRecreations();
            }
        }
    }

    @FunctionalInterface
    private interface KernelGateFactory {
        KernelGate make(PcBoard board);
    }

    private static void assertSameRun(Outcome plain, Outcome recreated) {
        assertThat(recreated.stop).isEqualTo(plain.stop);
        assertThat(recreated.exitStatus).isEqualTo(plain.exitStatus);
        assertThat(recreated.instructions).isEqualTo(plain.instructions);
        assertThat(recreated.console.toString()).isEqualTo(plain.console.toString());
        assertThat(recreated.trace.lines).containsExactlyElementsOf(plain.trace.lines);
        assertThat(plain.recreations).isZero();
        assertThat(recreated.recreations).isPositive();
    }

    @ParameterizedTest(name = "{0}, a new engine every {1} runs")
    @CsvSource({
        "pctest, 1", "pctest, 3",
        "softint, 1", "stishadow, 1", "hltwake, 1", "singlestep, 1", "unmask, 2",
        "biostick, 5", "tick1000, 7", "disk, 1", "hello, 1",
    })
    void shouldRunEveryBundledBootImageAlikeWithTheEngineReplacedBetweenRuns(String image, int every) {
        byte[] sector = BootImage.bundled(image);

        assertSameRun(new Outcome(sector, null, 3, 0), new Outcome(sector, null, 3, every));
    }

    @Test
    void shouldRunTheKernelGatesAlikeWithTheEngineReplacedBetweenRuns() {
        // HZ=1000 for 0.3 s: the idle loop, the gates and the interrupt entry, 300 times
        assertSameRun(new Outcome(null, b -> new TickKernel(b, 300), 1, 0),
                new Outcome(null, b -> new TickKernel(b, 300), 1, 2));
    }

    /**
     * The hidden part of a segment register survives: the sector enters protected mode, loads DS
     * from a descriptor with base 12340h, returns to real mode ("unreal mode": DS keeps that base),
     * ends the run of Unicorn with INT 60h (the BIOS's IRET) and then reads [DS:0] in the next run,
     * on the new engine. Writing the registers to a new engine would give DS the base 8 * 16.
     */
    @Test
    void shouldKeepTheHiddenBaseOfASegmentRegisterOnTheNewEngine() {
        byte[] sector = PcMachineTest.sector(
                0xFA,                               // cli
                0xB8, 0x34, 0x12, 0x8E, 0xC0,       // mov ax,1234h; mov es,ax
                0x26, 0xC6, 0x06, 0x00, 0x00, 0x5A, // mov byte [es:0],5Ah (linear 12340h)
                0x0F, 0x01, 0x16, 0x40, 0x7C,       // lgdt [7C40h]
                0x0F, 0x20, 0xC0, 0x0C, 0x01,       // mov eax,cr0; or al,1
                0x0F, 0x22, 0xC0,                   // mov cr0,eax (protected mode)
                0xBB, 0x08, 0x00, 0x8E, 0xDB,       // mov bx,8; mov ds,bx (base 12340h)
                0x24, 0xFE, 0x0F, 0x22, 0xC0,       // and al,0FEh; mov cr0,eax (real mode)
                0xCD, 0x60,                         // int 60h: the run ends here
                0xA0, 0x00, 0x00,                   // mov al,[0]
                0xE6, 0xF4, 0xF4,                   // out 0F4h,al; hlt
                0x90, 0x90, 0x90, 0x90, 0x90,
                0, 0, 0, 0, 0, 0, 0, 0,             // 7C30: the GDT's null descriptor
                0xFF, 0xFF, 0x40, 0x23, 0x01, 0x92, 0x00, 0x00, // data, base 012340h, limit FFFFh
                0x0F, 0x00, 0x30, 0x7C, 0x00, 0x00); // 7C40: GDTR (limit 15, base 7C30h)

        Outcome recreated = new Outcome(sector, null, 1, 1);

        assertThat(recreated.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(recreated.exitStatus).isEqualTo((0x5A << 1) | 1);
        assertSameRun(new Outcome(sector, null, 1, 0), recreated);
    }
}
