package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.cpu.BootImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guests that run away into straight-line code keep a real {@code irq0 boot} process under 200 MB
 * of resident memory (issue 11, section 4): Unicorn 2.0.1 keeps every translation in a 1 GiB
 * buffer, and such guests used to fill it (631 MB for {@code jmp 1000h:0000} over 8 virtual
 * seconds, 758 MB with interrupts on). The peak is the child's own high-water mark
 * ({@code VmHWM} in {@code /proc/PID/status}), read while it runs; time is not judged here
 * (RunawayGuestBenchmark measures it).
 */
class RunawayGuestMemoryTest {
    private static final long LIMIT_KB = 200L * 1000;

    @TempDir
    Path dir;

    static Stream<Arguments> guests() {
        return Stream.of(
                Arguments.of("jmp 1000h:0000 (zeros), interrupts off", "8", BootImage.sector(0xEA, 0x00, 0x00, 0x00, 0x10)),
                Arguments.of("jmp A000h:0000 (zeros), interrupts off", "8", BootImage.sector(0xEA, 0x00, 0x00, 0x00, 0xA0)),
                // mov ax,1000h; mov es,ax; xor di,di; mov al,90h; mov cx,8000h; rep stosb; jmp 1000h:0000
                Arguments.of("32 KiB NOP sled into zeros, interrupts off", "8", BootImage.sector(0xB8, 0x00, 0x10, 0x8E, 0xC0,
                        0x31, 0xFF, 0xB0, 0x90, 0xB9, 0x00, 0x80, 0xF3, 0xAA, 0xEA, 0x00, 0x00, 0x00, 0x10)),
                // sti; jmp 1000h:0000: the BIOS's tick returns into the zeros at a new instruction each time
                Arguments.of("sti; jmp 1000h:0000 (zeros), interrupts on", "2", BootImage.sector(0xFB, 0xEA, 0x00, 0x00, 0x00, 0x10)));
    }


    @ParameterizedTest(name = "{0}, {1} virtual seconds")
    @MethodSource("guests")
    void shouldStayUnder200MegabytesOfResidentMemory(String name, String seconds, byte[] sector) throws Exception {
        Path image = dir.resolve("guest.img");
        Files.write(image, sector);
        Irq0Process child = Irq0Process.start("boot", image.toString(), "--seconds", seconds, "-q");
        child.process.getOutputStream().close();
        Path status = Path.of("/proc", Long.toString(child.process.pid()), "status");
        long peakKb = 0;
        while (child.process.isAlive()) {
            peakKb = Math.max(peakKb, highWaterMarkKb(status));
            Thread.sleep(20);
        }
        Irq0Process.Result result = child.result();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(peakKb).as("the child's VmHWM, in kB").isPositive().isLessThan(LIMIT_KB);
    }

    /** VmHWM of a running process, or 0 once it is gone. */
    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between isAlive and the read
        }
        return 0;
    }
}
