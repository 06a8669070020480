package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 section 3: the README's picture of a tick is what scripts/tick-picture draws today. */
class TickPictureTest extends CommandLineTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The words of a shell command line with single quotes, as sh splits it. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void shouldMatchWhatTheScriptDrawsFromARealRun() throws IOException {
        String command = Files.readAllLines(ROOT.resolve("scripts/tick-picture")).stream()
                .filter(l -> l.startsWith("exec ./irq0 ")).findFirst().orElseThrow();
        List<String> args = words(command.substring("exec ./irq0 ".length()));
        Path drawn = dir.resolve("tick.svg");
        args.set(args.indexOf("docs/tick.svg"), drawn.toString());

        assertThat(run(args.toArray(new String[0]))).as(err.toString()).isZero();

        String svg = Files.readString(drawn);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains(">OUT0<", ">INTA<", ">do_timer<", ">sched:intrpt_routine<", ">run_task_queue(&amp;tq_timer)<");
        assertThat(svg).as("docs/tick.svg is stale: run scripts/tick-picture")
                .isEqualTo(Files.readString(ROOT.resolve("docs/tick.svg")));
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("![One timer interrupt](docs/tick.svg)");
    }

    @Test
    void shouldRefuseAPictureWithoutAWindow() {
        assertThat(run("boot", "--cpu", "none", "--svg", dir.resolve("x.svg").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "irq0 boot: --svg draws a window: give --trace-from and --trace-to (a tick or so)\n");
    }
}
