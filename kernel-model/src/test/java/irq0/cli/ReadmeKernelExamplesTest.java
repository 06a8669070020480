package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of the README's "The kernel model" section, run as printed: each {@code $ ./irq0
 * ...} line of a console block, its words as a shell splits them (single quotes), must print the
 * lines below it on stdout exactly and exit 0, or the status its "# exit N" comment gives. The
 * same run on {@code --cpu none} must print the same, less the BIOS's line (and the time stamps
 * of --printk-time, which count the CPU's instructions).
 */
class ReadmeKernelExamplesTest {
    private static final Pattern EXIT = Pattern.compile("\\s+# exit (\\d+)$");

    record Example(String command, List<String> args, int exit, String stdout) {
    }

    static List<Example> examples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## The kernel model\n");
        assertThat(start).as("the README's kernel section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String[] lines = readme.substring(start, end < 0 ? readme.length() : end).split("\n", -1);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("$ ./irq0 ")) {
                continue;
            }
            String command = lines[i].substring(2);
            int exit = 0;
            Matcher m = EXIT.matcher(command);
            if (m.find()) {
                exit = Integer.parseInt(m.group(1));
                command = command.substring(0, m.start());
            }
            StringBuilder stdout = new StringBuilder();
            int j = i + 1;
            for (; !lines[j].startsWith("```") && !lines[j].startsWith("$ "); j++) {
                stdout.append(lines[j]).append('\n');
            }
            List<String> words = words(command);
            out.add(new Example(command, words.subList(1, words.size()), exit, stdout.toString()));
            i = j - 1;
        }
        return out;
    }

    /** A command line's words as sh splits them: blanks separate, single quotes keep. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                w = w == null ? new StringBuilder() : w;
            } else if (c == ' ') {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    private static final class Run extends CommandLineTest {
        int code;

        Run(List<String> args) {
            code = run(args.toArray(new String[0]));
        }

        String stdout() {
            return out.toString();
        }

        String stderr() {
            return err.toString();
        }
    }

    private static String comparable(String stdout) {
        return Stream.of(stdout.split("\n", -1))
                .filter(l -> !l.startsWith("irq0 BIOS:"))
                .map(l -> l.replaceFirst("^\\[ *\\d+\\.\\d{6}\\] ", "[stamp] "))
                .collect(Collectors.joining("\n"));
    }

    @TestFactory
    Stream<DynamicTest> shouldPrintWhatTheReadmeShows() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.command(), () -> {
            Run run = new Run(e.args());
            assertThat(run.stdout()).as(run.stderr()).isEqualTo(e.stdout());
            assertThat(run.code).isEqualTo(e.exit());
            List<String> none = new ArrayList<>(e.args());
            none.addAll(1, List.of("--cpu", "none")); // after the subcommand
            Run noCpu = new Run(none);
            assertThat(comparable(noCpu.stdout())).as(noCpu.stderr()).isEqualTo(comparable(e.stdout()));
            assertThat(noCpu.code).isEqualTo(e.exit());
        }));
    }
}
