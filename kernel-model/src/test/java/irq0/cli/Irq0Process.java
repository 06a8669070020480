package irq0.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code irq0 ARGS...} as a child process with the test's class path: for what only a real process
 * shows (its own stdout as a pipe, file types, signals).
 */
final class Irq0Process {
    final Process process;

    private Irq0Process(Process process) {
        this.process = process;
    }

    static Irq0Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), Irq0.class.getName()));
        command.addAll(List.of(args));
        return new Irq0Process(new ProcessBuilder(command).start());
    }

    /** Runs to the end: the exit code, stdout and stderr. */
    static Result run(String... args) throws IOException, InterruptedException {
        Irq0Process p = start(args);
        p.process.getOutputStream().close();
        return p.result();
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    /** Waits (at most two minutes) and collects what is left of stdout and stderr. */
    Result result() throws IOException, InterruptedException {
        // stderr on its own thread, so a child filling one pipe cannot block on the other
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the child is gone: what was read is the answer
            }
        });
        errReader.start();
        String out;
        try {
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException closedByTheTest) {
            out = "";
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("irq0 did not end within two minutes");
        }
        errReader.join();
        return new Result(process.exitValue(), out, err.toString());
    }

    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }
}
