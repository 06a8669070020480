package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.time.VirtualTime;
import irq0.trace.Trace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The BIOS a boot program expects: the first sector of a disk image loaded at 0000:7C00, the rest
 * served through INT 13h, INT 10h teletype to the console, INT 16h with no key, INT 1Ah's tick
 * count kept by the BIOS's IRQ0 handler, and unsupported calls answered CF=1, AH=01h and counted.
 */
class BiosServicesTest {
    private static final byte[] BIOS = BootImage.bundled("bios");
    /** One BIOS tick: counter 0 in mode 3 with count 0 (65536) gives a rising OUT0 edge every 65536 PIT clocks. */
    private static final long TICK = 65536;

    static final class Run {
        final StringBuilder console = new StringBuilder();
        BootMachine.Stop stop;
        int exitStatus;
        long clocks;
        long unsupported;
        long timerInterrupts;
        int biosTicks;
        int word7e00;

        Run(byte[] image, long seconds) {
            PcBoard board = new PcBoard(Trace.NONE);
            board.setConsole(b -> console.append((char) b));
            MachineOptions o = MachineOptions.defaults().withMaxSeconds(seconds).withBootImage(image);
            try (PcMachine m = new PcMachine(board, BIOS, null, o)) {
                stop = m.run();
                exitStatus = m.exitStatus();
                clocks = board.now();
                unsupported = m.unsupportedBiosCalls();
                timerInterrupts = m.timerInterrupts();
                biosTicks = m.readWord(0x0040, 0x006C);
                word7e00 = m.readWord(0, 0x7E00);
            }
        }

        /** The console after the BIOS's own two lines. */
        String program() {
            String s = console.toString();
            String boot = "irq0 BIOS: booting 0000:7C00\n";
            return s.substring(s.indexOf(boot) + boot.length());
        }
    }

    @Test
    void shouldLoadTheRestOfAHardDiskImageThroughInt13hAndPrintThroughInt10h() {
        Run run = new Run(BootImage.bundled("disk"), 5);

        assertThat(run.program()).isEqualTo(""
                + "stage 2: loaded by INT 13h AH=02h\n"
                + "drive 80h: last head 0Fh, sectors per track 3Fh\n"
                + "sector 4: read by INT 13h AH=42h (LBA 3)\n"
                + "INT 10h AH=00h: unsupported (CF=1, AH=01h)\n");
        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo(1);
        assertThat(run.unsupported).isEqualTo(1);
    }

    @Test
    void shouldBootA144MbFloppyImageAsDrive0WithItsGeometry() {
        byte[] floppy = Arrays.copyOf(BootImage.bundled("disk"), 1_474_560);

        Run run = new Run(floppy, 5);

        // 80 cylinders, 2 heads, 18 sectors per track; diskettes have no EDD, so AH=41h is unsupported too
        assertThat(run.program()).isEqualTo(""
                + "stage 2: loaded by INT 13h AH=02h\n"
                + "drive 00h: last head 01h, sectors per track 12h\n"
                + "no EDD on this drive\n"
                + "INT 10h AH=00h: unsupported (CF=1, AH=01h)\n");
        assertThat(run.exitStatus).isEqualTo(1);
        assertThat(run.unsupported).isEqualTo(2);
    }

    @Test
    void shouldLoadOnlyTheFirstSectorAt7C00() {
        // a boot sector that halts at once with IF=0... and a second sector the BIOS must not load
        byte[] image = new byte[1024];
        image[0] = (byte) 0xFA; // cli
        image[1] = (byte) 0xF4; // hlt
        image[510] = 0x55;
        image[511] = (byte) 0xAA;
        image[512] = 0x12;
        image[513] = 0x34;

        Run run = new Run(image, 1);

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.word7e00).as("the word at 0000:7E00").isZero();
    }

    @Test
    void shouldWaitEighteenBiosTicksOnInt1ahInOneSecond() {
        Run run = new Run(BootImage.bundled("biostick"), 5);

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        // the control word's rising edge in POST is the first tick (DEVELOPERS.md), taken at the
        // program's STI: it waits from 1 to 19
        assertThat(run.biosTicks).isEqualTo(19);
        // the 19th tick: 18 * 65536 PIT clocks after the PIT was programmed in POST, plus the few
        // instructions before it and after the wake-up: one second within one tick
        assertThat(run.clocks).isBetween(18 * TICK, 18 * TICK + TICK / 64);
        assertThat(Math.abs(run.clocks - VirtualTime.PIT_HZ)).isLessThan(TICK);
        assertThat(run.unsupported).isZero();
    }

    @Test
    void shouldReportNoKeyAndWaitForeverForOne() {
        // mov ah,1; int 16h; jnz fail (ZF=0 would mean a key); mov al,'n'; out E9,al;
        // mov ah,0; int 16h (waits: the timer still ticks); then "fail": mov al,'!'; out E9,al; hlt
        byte[] s = PcMachineTest.sector(0xB4, 0x01, 0xCD, 0x16, 0x75, 0x0A, 0xB0, 'n', 0xE6, 0xE9,
                0xB4, 0x00, 0xCD, 0x16, 0x90, 0x90, 0xB0, '!', 0xE6, 0xE9, 0xF4);

        Run run = new Run(s, 1);

        assertThat(run.program()).isEqualTo("n");
        assertThat(run.stop).isEqualTo(BootMachine.Stop.LENGTH);
        // ticks at 0 (the control word's edge), 65536, ..., 18 * 65536 < 1193182
        assertThat(run.biosTicks).as("BIOS ticks while waiting for a key").isEqualTo(19);
        assertThat(run.unsupported).isZero();
    }

    @Test
    void shouldFailReadsBeyondTheImageWithSectorNotFound() {
        // mov ax,0201h; mov cx,0003h (sector 3); xor dh,dh; mov bx,8000h; int 13h;
        // then AH -> console as a raw byte, CF -> 'C' or 'c'; hlt
        byte[] s = PcMachineTest.sector(0xB8, 0x01, 0x02, 0xB9, 0x03, 0x00, 0x30, 0xF6, 0xBB, 0x00, 0x80,
                0xCD, 0x13, 0x9C, 0x88, 0xE0, 0xE6, 0xE9, 0x58, 0x24, 0x01, 0x04, 'c', 0xE6, 0xE9, 0xFA, 0xF4);

        Run run = new Run(Arrays.copyOf(s, 1024), 1); // two sectors: sector 3 does not exist

        assertThat(run.program()).isEqualTo("\u0004d"); // AH=04h (sector not found), CF=1
        assertThat(run.unsupported).isZero();
    }
}
