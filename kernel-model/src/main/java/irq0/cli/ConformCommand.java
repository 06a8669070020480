package irq0.cli;

import irq0.conformance.BundledVectors;
import irq0.conformance.VectorPathException;
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

/**
 * {@code irq0 conform [PATH...]}: replays conformance vectors and ends with "N passed, M failed";
 * with no path, the suites the jar carries ({@link BundledVectors}).
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = {"Replay conformance vectors (*.vec, see FORMAT.md) against the emulated parts.",
            "With no PATH, replays the suites this build carries: the project's own vectors and the",
            "external suite as published, so one command checks a build."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file passed",
            "1:at least one file failed (or could not be parsed)",
            "2:bad usage; a path that does not exist, is not a regular file or folder (a device, a FIFO), is a file over 8 MiB, or is a folder with no *.vec file below it"})
public final class ConformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "vector files, or folders replayed recursively in sorted order (default: the bundled suites)")
    List<Path> paths;

    @Option(names = {"-v", "--verbose"}, description = "also list the files that pass")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = VectorRunner.expand(paths == null || paths.isEmpty() ? BundledVectors.suites() : paths);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("irq0 conform: no such file or folder: " + e.getFile());
            return 2;
        } catch (VectorPathException e) {
            err.println("irq0 conform: " + e.getMessage());
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
