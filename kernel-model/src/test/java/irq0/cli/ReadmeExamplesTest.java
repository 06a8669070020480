package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./irq0 ...} command in the README's shell blocks, run as printed through the real
 * command line, and checked for what the README says it does. A README example with no check
 * here fails: add the check with the example.
 *
 * <p>Relative paths of files that exist are the project root's; the files an example writes ({@code --vcd},
 * {@code --trace}, {@code --timeline}) go to a temporary folder instead.
 */
class ReadmeExamplesTest extends CommandLineTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--vcd", "--trace", "--timeline", "--ftrace");

    @TempDir
    Path outputs;

    /** What one example must do: its exit code, stdout, stderr and the files it wrote. */
    private interface Check {
        void verify(int code, String out, String err, Path outputs) throws IOException;
    }

    private static long jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Check> checks() {
        Map<String, Check> c = new LinkedHashMap<>();
        c.put("./irq0 boot --run 'insmod sched' --run 'sleep 1' --run 'cat /proc/sched' --run 'rmmod sched'",
                (code, out, err, files) -> {
                    // "loads sched, lets IRQ0 run it for a virtual second, prints /proc/sched, removes it"
                    assertThat(code).as(out + err).isZero();
                    assertThat(out).contains("# insmod sched\n# sleep 1\n# cat /proc/sched\nTimer called 101 times so far\n"
                            + "# rmmod sched\n");
                });
        c.put("./irq0 boot --hz 1000 --ticks 5000 --run 'insmod sched' --run 'cat /proc/sched' --vcd irq0.vcd",
                (code, out, err, files) -> {
                    // "5000 ticks, 5 virtual seconds"
                    assertThat(code).isZero();
                    assertThat(err).containsPattern("irq0 boot: length reached after 5\\.00\\d+ s virtual: 5000 interrupts "
                            + "\\(5000 timer\\)");
                    String vcd = Files.readString(files.resolve("irq0.vcd"), StandardCharsets.US_ASCII);
                    assertThat(vcd).contains("$enddefinitions");
                    // the waveform lasts as long: its last time stamp is past 5 s (in ns)
                    Matcher last = Pattern.compile("(?m)^#(\\d+)$").matcher(vcd);
                    long t = -1;
                    while (last.find()) {
                        t = Long.parseLong(last.group(1));
                    }
                    assertThat(t).isGreaterThan(5_000_000_000L / scale(vcd));
                });
        c.put("./irq0 boot --run 'insmod sched_unsafe' --run 'rmmod sched_unsafe' --run 'sleep 1'",
                (code, out, err, files) -> {
                    // "Oops at the first tick, panic, exit 1"
                    assertThat(code).isEqualTo(1);
                    assertThat(out).contains("Unable to handle kernel paging request", "Oops: 0000", "Kernel panic:");
                    assertThat(err).contains(": 1 interrupt (1 timer)");
                });
        c.put("./irq0 boot --cpu none --json --ticks 100 --run 'insmod sched'",
                (code, out, err, files) -> {
                    // "the same kernel without a CPU: JSON summary, 100 ticks"
                    assertThat(code).isZero();
                    assertThat(out).startsWith("{\"stop\":\"length\",\"exitCode\":0,").endsWith("}\n");
                    assertThat(jsonNumber(out, "timerInterrupts")).isEqualTo(100);
                    assertThat(err).contains("# insmod sched\n");
                });
        c.put("./irq0 boot firmware/target/classes/firmware/tick1000.bin; echo $?",
                (code, out, err, files) -> {
                    // "a boot sector: 1000 ticks, exit 33"
                    assertThat(code).isEqualTo(33);
                    assertThat(err).contains(": 1000 interrupts (1000 timer)");
                });
        c.put("./irq0 conform",
                (code, out, err, files) -> {
                    assertThat(code).isZero();
                    assertThat(out).containsPattern("(?m)^\\d+ passed, 0 failed$");
                });
        c.put("./irq0 conform emulator/src/main/resources/irq0/vectors/pic",
                (code, out, err, files) -> {
                    assertThat(code).isZero();
                    assertThat(out).containsPattern("(?m)^\\d+ passed, 0 failed$");
                });
        return c;
    }

    /** Nanoseconds per VCD time unit from its $timescale. */
    private static long scale(String vcd) {
        Matcher m = Pattern.compile("\\$timescale\\s+(\\d+)\\s*(s|ms|us|ns|ps)").matcher(vcd);
        assertThat(m.find()).as("$timescale").isTrue();
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "s": return n * 1_000_000_000L;
            case "ms": return n * 1_000_000L;
            case "us": return n * 1_000L;
            case "ns": return n;
            default: return 1; // ps: finer than ns, the bound above still holds
        }
    }

    /** The README's {@code ./irq0 ...} commands, comments and set-up prefixes removed. */
    static List<String> examples() throws IOException {
        List<String> found = new ArrayList<>();
        boolean inShell = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            String command = withoutComment(line).replaceFirst("^\\./setup && ", "").strip();
            if (command.startsWith("./irq0 ")) {
                found.add(command);
            }
        }
        return found;
    }

    /** The line up to a shell comment: a '#' after a blank, outside quotes. */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (ch == '#' && !quoted && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The shell's words of {@code ./irq0 ARGS} (single quotes group), with paths placed as said above. */
    private List<String> arguments(String command) {
        String args = command.substring("./irq0 ".length()).replaceFirst(";\\s*echo \\$\\?$", "");
        List<String> words = ReadmeKernelExamplesTest.words(args.strip());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i > 0 && OUTPUT_OPTIONS.contains(words.get(i - 1))) {
                words.set(i, outputs.resolve(w).toString());
            } else if (!w.startsWith("-") && !(i > 0 && words.get(i - 1).equals("--run"))
                    && Files.exists(ROOT.resolve(w))) {
                words.set(i, ROOT.resolve(w).normalize().toString());
            }
        }
        return words;
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeExampleDoesWhatTheReadmeSays() throws IOException {
        Map<String, Check> checks = checks();
        List<String> examples = examples();
        assertThat(examples).as("the README's ./irq0 examples").isNotEmpty();
        return examples.stream().map(example -> DynamicTest.dynamicTest(example, () -> {
            Check check = checks.get(example);
            if (check == null) {
                fail("README example with no check in ReadmeExamplesTest (add one that tests what the README says): "
                        + example);
            }
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            int code = run(arguments(example).toArray(new String[0]));
            check.verify(code, out.toString(), err.toString(), outputs);
        }));
    }
}
