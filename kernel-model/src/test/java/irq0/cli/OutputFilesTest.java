package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 1: {@code --trace}/{@code --vcd} treat what is at their path as {@code tee}
 * does. Real files and child processes, because file types and a process's own stdout are what is
 * tested.
 */
class OutputFilesTest extends CommandLineTest {
    /** S_IFMT and S_IFCHR of stat(2). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    @TempDir
    Path dir;

    private static String[] boot(String... outputs) {
        List<String> args = new ArrayList<>(List.of("boot", "-q", "--cpu", "none", "--hz", "1000",
                "--run", "insmod sched", "--run", "sleep 0.02"));
        args.addAll(List.of(outputs));
        return args.toArray(new String[0]);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A node of /dev/full's device (1, 7) in the test's folder where mknod is allowed, so that a
     * broken build cannot replace the machine's own; /dev/full where it is not (not root).
     */
    private String fullDevice() throws Exception {
        Path node = dir.resolve("full");
        Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "1", "7").start();
        return mknod.waitFor(10, TimeUnit.SECONDS) && mknod.exitValue() == 0 ? node.toString() : "/dev/full";
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldWriteThroughDevNullAndLeaveItACharacterDevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        long rdev = (Long) Files.getAttribute(devNull, "unix:rdev");

        Irq0Process.Result r = Irq0Process.run(boot("--trace", "/dev/null"));

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).isEmpty();
        assertThat(mode(devNull) & S_IFMT).as("/dev/null is still a character device").isEqualTo(S_IFCHR);
        assertThat((Long) Files.getAttribute(devNull, "unix:rdev")).isEqualTo(rdev);
        assertThat(Files.size(devNull)).isZero();
    }

    @Test
    void shouldWriteThroughACharacterDeviceNodeOfItsOwn() throws Exception {
        // the same as /dev/null on a node this test owns (made only where mknod is allowed): a test
        // that may be run against old code without risking the machine's /dev/null
        Path node = dir.resolve("null");
        Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "1", "3").start();
        assumeThat(mknod.waitFor(10, TimeUnit.SECONDS) && mknod.exitValue() == 0).as("mknod allowed").isTrue();

        Irq0Process.Result r = Irq0Process.run(boot("--trace", node.toString()));

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(mode(node) & S_IFMT).as("still a character device").isEqualTo(S_IFCHR);
        assertThat(filesInDir()).containsExactly("null");
    }

    @Test
    void shouldStreamIntoAFifoAReaderIsReadingAndLeaveItAFifo() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllLines(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Irq0Process.Result r = Irq0Process.run(boot("--trace", fifo.toString()));

        assertThat(r.exitCode).as(r.toString()).isZero();
        List<String> lines = reader.get(60, TimeUnit.SECONDS);
        assertThat(lines.get(0)).startsWith("# irq0 trace");
        assertThat(lines).anyMatch(l -> l.contains(" do_IRQ "));
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(filesInDir()).containsExactly("trace.fifo");
    }

    @Test
    void shouldStreamIntoAProcessSubstitution() throws Exception {
        // bash's --trace >(grep ...) hands irq0 /dev/fd/63, a link to a pipe: written through
        Path count = dir.resolve("count");
        String java = System.getProperty("java.home") + "/bin/java";
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + Irq0.class.getName()
                + " boot -q --cpu none --hz 1000 --run 'insmod sched' --run 'sleep 0.02'"
                + " --trace >(grep -c ' do_IRQ ' > '" + count + "'); status=$?; wait $!; exit $status";
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(Integer.parseInt(Files.readString(count).trim())).as("one do_IRQ per tick of 20 ms at HZ=1000")
                .isBetween(20, 22);
    }

    @Test
    void shouldWriteTheFileASymlinkPointsToAndKeepTheLink() throws Exception {
        Path real = Files.writeString(dir.resolve("real.trace"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.trace"), Path.of("real.trace"));
        Path dangling = Files.createSymbolicLink(dir.resolve("new.vcd"), Path.of("made.vcd"));

        assertThat(run(boot("--trace", link.toString(), "--vcd", dangling.toString()))).as(err.toString()).isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(real)).startsWith("# irq0 trace");
        assertThat(Files.readString(dir.resolve("made.vcd"))).startsWith("$version irq0 $end");
        assertThat(filesInDir()).containsExactly("link.trace", "made.vcd", "new.vcd", "real.trace");
    }

    @Test
    void shouldCreateANewFileWithTheUmasksPermissionsAndKeepAnOldFilesOwn() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path old = Files.writeString(dir.resolve("old.vcd"), "old\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(run(boot("--trace", dir.resolve("new.trace").toString(), "--vcd", old.toString()))).isZero();

        assertThat(Files.getPosixFilePermissions(dir.resolve("new.trace")))
                .as("0666 less the umask, like any file this process creates")
                .isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-r-----");
        assertThat(Files.readString(old)).startsWith("$version irq0 $end");
    }

    @Test
    void shouldRefuseAReadOnlyFileInOneLineAndLeaveIt() throws Exception {
        Path ro = Files.writeString(dir.resolve("ro.trace"), "keep me\n");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));

        int code = run(boot("--trace", ro.toString()));

        assertThat(code).isEqualTo(8);
        assertThat(err.toString()).isEqualTo("irq0 boot: --trace " + ro + ": Permission denied (a read-only file)\n");
        assertThat(Files.readString(ro)).isEqualTo("keep me\n");
        assertThat(filesInDir()).containsExactly("ro.trace");
    }

    @Test
    void shouldSayInOneLineThatAFullDiskTookTheOutputAndExit8() throws Exception {
        Path trace = dir.resolve("kept.trace");
        String full = fullDevice();

        Irq0Process.Result r = Irq0Process.run(boot("--vcd", full, "--trace", trace.toString()));

        assertThat(r.exitCode).as(r.toString()).isEqualTo(8);
        assertThat(r.stderr).isEqualTo("irq0 boot: --vcd " + full + ": No space left on device; written up to the failure\n");
        assertThat(Files.readString(trace)).as("the other output is whole").startsWith("# irq0 trace").contains(" do_IRQ ");
        assertThat(filesInDir()).isEqualTo(full.startsWith("/dev/") ? List.of("kept.trace") : List.of("full", "kept.trace"));
    }

    @Test
    void shouldRefuseTheSameFileForTwoOutputsWithExit2() throws Exception {
        Path file = dir.resolve("both");
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), file.getFileName());

        assertThat(run(boot("--trace", file.toString(), "--vcd", file.toString()))).isEqualTo(2);
        assertThat(run(boot("--trace", file.toString(), "--vcd", alias.toString()))).isEqualTo(2);
        assertThat(run(boot("--trace", "-", "--vcd", "/dev/stdout"))).isEqualTo(2);

        assertThat(err.toString()).isEqualTo(
                "irq0 boot: --vcd " + file + " is the same file as --trace " + file + "\n"
                + "irq0 boot: --vcd " + alias + " is the same file as --trace " + file + "\n"
                + "irq0 boot: --vcd /dev/stdout is the same file as --trace -\n");
        assertThat(filesInDir()).containsExactly("alias");
    }

    @Test
    void shouldRefuseAFolderAsAnOutputWithExit2() {
        assertThat(run(boot("--trace", dir.toString()))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("irq0 boot: --trace " + dir + ": is a folder\n");
    }

    @Test
    void shouldStreamToItsOwnStdoutAndTakeAReaderThatStopsEarlyAsABrokenPipe() throws Exception {
        // `irq0 boot --trace /dev/stdout | head -n 3`: 5,000 interrupts are megabytes, far more
        // than a pipe holds, so the reader's early exit reaches the writer
        for (String stdout : new String[] {"/dev/stdout", "-"}) {
            Irq0Process p = Irq0Process.start("boot", "-q", "--cpu", "none", "--hz", "1000", "--run", "sleep 5",
                    "--trace", stdout);
            p.process.getOutputStream().close();
            List<String> head = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8));
            for (int i = 0; i < 10; i++) {
                head.add(in.readLine());
            }
            in.close();
            Irq0Process.Result r = p.result();

            // the kernel's log shares stdout with the trace
            assertThat(head).anyMatch(l -> l.startsWith("# irq0 trace: "));
            assertThat(r.exitCode).as(r.toString()).isEqualTo(8);
            assertThat(r.stderr).isEqualTo("irq0 boot: --trace " + stdout + ": Broken pipe; written up to the failure\n");
        }
    }

    @Test
    void shouldLeaveNoTemporaryFileAndTheOldFileWhenTheRunsOutputCannotBePublished() throws Exception {
        Path trace = dir.resolve("t.trace");
        OutputOptions options = new OutputOptions();
        options.trace = trace.toString();
        TraceOutputs outputs = TraceOutputs.open(options);
        outputs.trace().record(0, irq0.trace.TraceEvent.PORT_OUT, 0x43, 0x34);
        // something takes the name while the run goes on: the rename fails, the temporary file goes
        Files.createDirectories(trace.resolve("in-the-way"));

        List<String> lines = outputs.finish();

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("irq0 boot: --trace " + trace + ": ").endsWith("; nothing written");
        assertThat(filesInDir()).containsExactly("t.trace");
        assertThat(Files.isDirectory(trace)).isTrue();
    }

    @Test
    void shouldPublishTheRunSoFarWhenAbandoned() throws Exception {
        Path trace = dir.resolve("t.trace");
        OutputOptions options = new OutputOptions();
        options.trace = trace.toString();
        TraceOutputs outputs = TraceOutputs.open(options);
        outputs.trace().record(0, irq0.trace.TraceEvent.PORT_OUT, 0x43, 0x34);
        outputs.trace().record(11932, irq0.trace.TraceEvent.PIN, irq0.trace.Pins.OUT0, 1);

        List<String> lines = outputs.abandon("interrupted");

        assertThat(lines).containsExactly("irq0 boot: --trace " + trace + ": interrupted; kept the run up to there");
        assertThat(Files.readAllLines(trace)).hasSize(8).last().asString().endsWith(" pin OUT0 1");
        assertThat(filesInDir()).containsExactly("t.trace");
        assertThat(outputs.finish()).as("ended once").isEmpty();
    }
}
