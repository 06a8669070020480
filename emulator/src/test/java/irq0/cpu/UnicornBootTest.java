package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot command's Unicorn path: images from files, outcomes as exit codes and one-line messages. */
class UnicornBootTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private BootRunner.Outcome boot(UnicornBoot.Request request) {
        PcBoard board = new PcBoard(Trace.NONE);
        return UnicornBoot.boot(request, board, null, Trace.NONE, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private BootRunner.Outcome boot(Path image) {
        UnicornBoot.Request r = new UnicornBoot.Request();
        r.image = image;
        r.limitClocks = 5 * irq0.time.VirtualTime.PIT_HZ;
        return boot(r);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] bundled(String name) {
        return BootImage.bundled(name);
    }

    @Test
    void shouldRunABootSectorFromAFileAndExitWithItsCode() throws IOException {
        BootRunner.Outcome o = boot(file("hello.img", bundled("hello")));

        assertThat(o.exitCode).isEqualTo(1);
        assertThat(out.toString()).endsWith("hello from the boot sector\n");
        assertThat(err.toString()).startsWith("irq0 boot: guest exit after 0.000");
    }

    @Test
    void shouldBootADiskImageWhoseFirstSectorIsABootSector() throws IOException {
        byte[] disk = new byte[4 * 512];
        System.arraycopy(bundled("tick1000"), 0, disk, 0, 512);
        BootRunner.Outcome o = boot(file("disk.img", disk));

        assertThat(o.exitCode).isEqualTo(0x21);
        assertThat(o.timerInterrupts).isEqualTo(1000);
    }

    @Test
    void shouldServeAMultiSectorImageThroughInt13hAndCountUnsupportedBiosCallsInTheSummary() throws IOException {
        BootRunner.Outcome o = boot(file("disk.img", bundled("disk")));

        assertThat(o.exitCode).isEqualTo(1);
        assertThat(o.unsupportedBiosCalls).isEqualTo(1);
        assertThat(out.toString()).contains("sector 4: read by INT 13h AH=42h (LBA 3)\n");
        assertThat(err.toString()).contains(" instructions, 1 unsupported BIOS call; host ");
    }

    @Test
    void shouldEndWithExit70AndOneLineWhenIrq0ItselfFails() throws IOException {
        UnicornBoot.Request r = new UnicornBoot.Request();
        r.image = file("hello.img", bundled("hello"));
        r.limitClocks = irq0.time.VirtualTime.PIT_HZ;
        r.quiet = true;
        PcBoard board = new PcBoard(Trace.NONE);
        // the console (stdout) fails with an unchecked exception at the BIOS's first character
        java.io.Writer broken = new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                throw new IllegalStateException("console broke");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        BootRunner.Outcome o = UnicornBoot.boot(r, board, null, Trace.NONE, new PrintWriter(broken, false),
                new PrintWriter(err, true));

        assertThat(o.exitCode).isEqualTo(PcMachine.EXIT_INTERNAL_ERROR);
        assertThat(o.stop).isEqualTo(BootMachine.Stop.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("irq0 boot: internal error: the OUT to port 0xE9 hook threw ")
                .hasLineCount(1);
    }

    @Test
    void shouldRefuseAMissingFile() {
        BootRunner.Outcome o = boot(dir.resolve("nothing.img"));

        assertThat(o.exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + dir.resolve("nothing.img") + ": no such file\n");
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
        Path p = file("empty.img", new byte[0]);
        assertThat(boot(p).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + p + ": empty file, not a boot image\n");
    }

    @Test
    void shouldRefuseADirectory() {
        assertThat(boot(dir).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + dir + ": is a directory, not a boot image\n");
    }

    @Test
    void shouldRefuseAnImageLargerThanTheDiskImagesItServes() throws IOException {
        Path p = dir.resolve("big.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(BootImage.MAX_SIZE + 1L); // sparse: nothing is written
        }
        assertThat(boot(p).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + p + ": 67108865 bytes, larger than the 67108864 bytes"
                + " (64 MiB) of disk image irq0 serves\n");
    }

    @Test
    void shouldRefuseACharacterDeviceAsNotARegularFile() {
        Path zero = Path.of("/dev/zero");
        assertThat(boot(zero).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: /dev/zero: not a regular file, not a boot image\n");
    }

    @Test
    void shouldRefuseAFifoWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("pipe.img");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(boot(fifo).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + fifo + ": not a regular file, not a boot image\n");
    }

    @Test
    void shouldSayWhyAFileCannotBeReadInTheOperatingSystemsWords() {
        // a test run as root (CI) can read any file, so the reason is checked on the exceptions
        // Java raises for EACCES and ENOENT, whose messages are only the path
        assertThat(BootImage.reason(new java.nio.file.AccessDeniedException("/x.img"))).isEqualTo("Permission denied");
        assertThat(BootImage.reason(new java.nio.file.NoSuchFileException("/x.img"))).isEqualTo("No such file or directory");
        assertThat(BootImage.reason(new java.nio.file.FileSystemException("/x.img", null, "Input/output error")))
                .isEqualTo("Input/output error");
    }

    @Test
    void shouldRefuseAFileWithoutTheBootSignature() throws IOException {
        Path p = file("text.img", new byte[600]);
        assertThat(boot(p).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + p + ": not a boot sector (bytes 510-511 are not 0x55 0xAA)\n");
    }

    @Test
    void shouldRefuseAFileShorterThanASector() throws IOException {
        Path p = file("short.img", new byte[100]);
        assertThat(boot(p).exitCode).isEqualTo(UnicornBoot.EXIT_BAD_IMAGE);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + p + ": 100 bytes, shorter than a 512-byte boot sector\n");
    }

    @Test
    void shouldStopGarbageThatFaultsWithARegisterDump() throws IOException {
        // seeded garbage: the same bytes every run
        byte[] garbage = new byte[512];
        new java.util.Random(20261126L).nextBytes(garbage);
        garbage[510] = 0x55;
        garbage[511] = (byte) 0xAA;
        BootRunner.Outcome o = boot(file("garbage.img", garbage));

        assertThat(o.exitCode).isEqualTo(PcMachine.EXIT_FAULT);
        assertThat(err.toString()).startsWith("irq0 boot: guest fault: ").contains("CS=").contains("FLAGS=");
    }

    @Test
    void shouldPrintTheSummaryAsJson() throws IOException {
        UnicornBoot.Request r = new UnicornBoot.Request();
        r.image = file("tick.img", bundled("tick1000"));
        r.json = true;
        r.limitClocks = 2 * irq0.time.VirtualTime.PIT_HZ;
        BootRunner.Outcome o = boot(r);

        assertThat(o.exitCode).isEqualTo(0x21);
        assertThat(out.toString()).matches("(?s)\\{\"stop\":\"guest_exit\",\"exitCode\":33,\"virtualSeconds\":1\\.000\\d+,"
                + "\"pitClocks\":\\d+,\"interrupts\":1000,\"timerInterrupts\":1000,\"instructions\":\\d+,"
                + "\"hostSeconds\":[0-9.]+,\"speed\":[0-9.]+,\"interruptsPerHostSecond\":[0-9.]+,\"cpuSeconds\":[0-9.]+,"
                + "\"unsupportedBiosCalls\":0\\}\n");
        assertThat(err.toString()).isEqualTo("irq0 BIOS: POST done (PIC 08h/70h, PIT 18.2 Hz)\n"
                + "irq0 BIOS: booting 0000:7C00\n");
    }

    @Test
    void shouldEndABootAtTheLengthGiven() {
        UnicornBoot.Request r = new UnicornBoot.Request();
        r.quiet = true;
        r.limitClocks = irq0.time.VirtualTime.PIT_HZ;
        BootRunner.Outcome o = boot(r);

        assertThat(o.exitCode).isZero();
        assertThat(o.stop).isEqualTo(BootMachine.Stop.LENGTH);
        assertThat(o.clocks).isEqualTo(irq0.time.VirtualTime.PIT_HZ);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("irq0 BIOS: POST done");
    }

    @Test
    void shouldDrawAProgressBar() {
        assertThat(BootRunner.progressBar(596591, 1193182, -1, 500, 500))
                .isEqualTo("\r[###############...............]  50% 0.500000/1.000000 s virtual, 500 interrupts");
        assertThat(BootRunner.progressBar(1193182, -1, 4000, 1, 1000))
                .isEqualTo("\r[#######.......................]  25% 1.000000 s virtual, 1 interrupt");
    }
}
