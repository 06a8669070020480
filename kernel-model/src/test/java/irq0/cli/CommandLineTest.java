package irq0.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the irq0 command line in-process, keeping what it writes to stdout and stderr. */
abstract class CommandLineTest {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    /** {@code irq0 ARGS...}: the exit code. */
    protected int run(String... args) {
        picocli.CommandLine cl = Irq0.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
