package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.cpu.BootImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code irq0 boot} on the Unicorn CPU: the bundled BIOS and the kernel end to end, boot images, bad inputs. */
class UnicornBootCommandTest extends CommandLineTest {
    @TempDir
    Path dir;

    private static long jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldRunTheSchedModuleForAHundredTicksOnTheBundledFirmware() {
        int code = run("boot", "--run", "insmod sched", "--run", "sleep 0.99", "--run", "cat /proc/sched",
                "--run", "rmmod sched");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("irq0 BIOS: POST done", "# insmod sched", "# cat /proc/sched\n"
                + "Timer called 100 times so far\n# rmmod sched\n");
        assertThat(err.toString()).startsWith("irq0 boot: kernel stopped after 1.0");
    }

    @Test
    void shouldReturnFromRmmodSchedAtTheNextTick() {
        String[] script = {"--run", "insmod sched", "--run", "sleep 0.5", "--run", "cat /proc/sched"};
        assertThat(run(concat(new String[] {"boot", "--json"}, script))).isZero();
        String before = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run(concat(new String[] {"boot", "--json"}, script, new String[] {"--run", "rmmod sched"}))).isZero();
        String after = out.toString();

        // cleanup_module sleeps until the task has run once more: one timer interrupt, one LATCH
        // (HZ=100: (1193180 + 50) / 100 = 11932 clocks) later than the script without it
        assertThat(jsonNumber(after, "timerInterrupts")).isEqualTo(jsonNumber(before, "timerInterrupts") + 1);
        assertThat(jsonNumber(after, "pitClocks") - jsonNumber(before, "pitClocks")).isEqualTo(11932);
    }

    @Test
    void shouldEndInTheKernelsPanicWhenTheUnsafeModuleIsRemoved() {
        int code = run("boot", "-q", "--run", "insmod sched_unsafe", "--run", "sleep 0.5", "--run", "rmmod sched_unsafe",
                "--run", "sleep 0.5");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("Unable to handle kernel paging request", "Oops:", "Kernel panic:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldRunABootSectorAndExitWithItsDebugExitCode() throws IOException {
        Path image = dir.resolve("tick1000.img");
        Files.write(image, BootImage.bundled("tick1000"));

        assertThat(run("boot", "--seconds", "2", image.toString())).isEqualTo(0x21);
        assertThat(err.toString()).startsWith("irq0 boot: guest exit after 1.000");
    }

    @Test
    void shouldRunABootSectorToItsOwnExitWhenNoLengthIsGiven() throws IOException {
        // 1000 ticks at HZ=1000 take just over a virtual second: longer than a kernel boot's
        // default length, which must not cut a boot image short
        Path image = dir.resolve("tick1000.img");
        Files.write(image, BootImage.bundled("tick1000"));

        assertThat(run("boot", image.toString())).isEqualTo(0x21);
        assertThat(err.toString()).startsWith("irq0 boot: guest exit after 1.000");
    }

    @Test
    void shouldRefuseShellCommandsWithABootImage() throws IOException {
        Path image = dir.resolve("hello.img");
        Files.write(image, BootImage.bundled("hello"));

        assertThat(run("boot", "--run", "lsmod", image.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: shell commands need the kernel, and a boot image replaces it: "
                + "drop --run or " + image + "\n");
    }

    @Test
    void shouldRefuseAMissingImageWithExitCode7() {
        Path missing = dir.resolve("missing.img");
        assertThat(run("boot", missing.toString())).isEqualTo(7);
        assertThat(err.toString()).isEqualTo("irq0 boot: " + missing + ": no such file\n");
    }

    @Test
    void shouldRefuseAnEmptyImageADirectoryAndAnOversizedImage() throws IOException {
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);
        assertThat(run("boot", empty.toString())).isEqualTo(7);
        assertThat(run("boot", dir.toString())).isEqualTo(7);
        Path big = dir.resolve("big.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L * 1024 * 1024 + 1); // sparse: one byte over the 64 MiB a disk image may have
        }
        assertThat(run("boot", big.toString())).isEqualTo(7);
        assertThat(err.toString().split("\n")).containsExactly(
                "irq0 boot: " + empty + ": empty file, not a boot image",
                "irq0 boot: " + dir + ": is a directory, not a boot image",
                "irq0 boot: " + big + ": 67108865 bytes, larger than the 67108864 bytes (64 MiB) of disk image irq0 serves");
    }

    @Test
    void shouldStopGarbageThatFaultsWithExitCode10AndARegisterDump() throws IOException {
        byte[] garbage = new byte[512];
        new java.util.Random(20261126L).nextBytes(garbage);
        garbage[510] = 0x55;
        garbage[511] = (byte) 0xAA;
        Path image = Files.write(dir.resolve("garbage.img"), garbage);

        assertThat(run("boot", "-q", image.toString())).isEqualTo(10);
        assertThat(err.toString()).startsWith("irq0 boot: guest fault: ").contains("CS=", "IP=", "FLAGS=")
                .doesNotContain("Exception");
    }

    @Test
    void shouldRefuseAnUnknownOptionWithExitCode2() {
        assertThat(run("boot", "--turbo")).isEqualTo(2);
        assertThat(err.toString()).startsWith("irq0: Unknown option: '--turbo'").doesNotContain("Exception");
    }

    @Test
    void shouldSayWhichPackageIsMissingWhenLibunicornIsNotInstalled() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dirq0.unicorn.library=libunicorn-irq0-missing.so.9", Irq0.class.getName(), "boot"))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(text).isEqualTo("irq0 boot: cannot load the Unicorn CPU emulator (libunicorn-irq0-missing.so.9): "
                + "install the Debian package libunicorn2, or run ./setup\n");
    }

    @Test
    void shouldPrintOnlyTheJsonSummaryOnStdout() {
        assertThat(run("boot", "--json", "--hz", "1000", "--ticks", "50")).isZero();

        assertThat(out.toString()).startsWith("{\"stop\":\"length\",\"exitCode\":0,").endsWith("}\n");
        assertThat(jsonNumber(out.toString(), "timerInterrupts")).isEqualTo(50);
        assertThat(err.toString()).contains("irq0 BIOS: POST done", "HZ=1000");
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
