package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code irq0 boot --help} promises: every module it names loads, every exit code it lists is one the code uses. */
class HelpTextTest extends CommandLineTest {
    private String help() {
        assertThat(run("boot", "--help")).isZero();
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void shouldLoadEveryModuleTheHelpNames() {
        Matcher m = Pattern.compile("Modules: ([^(]+) \\(and any on the class path\\)").matcher(help());
        assertThat(m.find()).as("the module list in --help").isTrue();
        List<String> modules = List.of(m.group(1).split(", "));
        assertThat(modules).contains("sched", "sched_unsafe", "jiq", "jitimer");
        for (String module : modules) {
            out.getBuffer().setLength(0);
            assertThat(run("boot", "--cpu", "none", "-q", "--run", "insmod " + module))
                    .as("insmod %s: %s", module, out).isZero();
            assertThat(out.toString()).as("insmod " + module).doesNotContain("insmod: ");
        }
    }

    @Test
    void shouldListTheExitCodesOfTheRunnerAndTheCommand() {
        String help = help();
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 70, 130, 143}) {
            assertThat(help).as("exit code %d listed", code).containsPattern(" " + code + " [a-z]");
        }
    }
}
