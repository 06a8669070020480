package irq0.cli;

import irq0.conformance.VectorResult;
import irq0.conformance.VectorRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code irq0 conform DIR...}: replays conformance vectors and ends with "N passed, M failed". */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Replay conformance vectors (*.vec, see FORMAT.md) against the emulated parts.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file passed",
            "1:at least one file failed (or could not be parsed)",
            "2:bad usage, or a path that does not exist"})
public final class ConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "vector files, or folders replayed recursively in sorted order")
    List<Path> paths;

    @Option(names = {"-v", "--verbose"}, description = "also list the files that pass")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = VectorRunner.expand(paths);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("irq0 conform: no such file or folder: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("irq0 conform: cannot read: " + e.getMessage());
            return 2;
        }
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            VectorResult r = VectorRunner.run(f);
            if (r.passed()) {
                passed++;
                if (verbose) {
                    out.println("PASS " + f);
                }
            } else {
                failed++;
                out.println("FAIL " + r.describe());
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
