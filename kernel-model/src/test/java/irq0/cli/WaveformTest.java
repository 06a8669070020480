package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VCD of {@code irq0 boot} on both CPUs: the CPU's IF pin is known from reset and moves at every interrupt. */
class WaveformTest extends CommandLineTest {
    @TempDir
    Path dir;

    /** The identifier code of the wire named {@code name}. */
    private static String id(String vcd, String name) {
        Matcher m = Pattern.compile("\\$var \\w+ 1 (\\S+) " + name + " \\$end").matcher(vcd);
        assertThat(m.find()).as(name + " declared").isTrue();
        return m.group(1);
    }

    /** Every value change of {@code id} after $dumpvars, in order ("0", "1", "x"). */
    private static List<String> changes(String vcd, String id) {
        List<String> values = new ArrayList<>();
        for (String line : vcd.substring(vcd.indexOf("$dumpvars")).split("\n")) {
            if (line.length() == 1 + id.length() && line.endsWith(id) && "01xz".indexOf(line.charAt(0)) >= 0) {
                values.add(line.substring(0, 1));
            }
        }
        return values;
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"none", "unicorn"})
    void shouldStartIfAtItsResetValueAndClearItAtEveryInterrupt(String cpu) throws IOException {
        Path vcd = dir.resolve("run.vcd");
        assertThat(run("boot", "--cpu", cpu, "-q", "--ticks", "3", "--vcd", vcd.toString())).isZero();
        String text = Files.readString(vcd);

        List<String> iF = changes(text, id(text, "IF"));
        // FLAGS resets with IF clear (0002h); never unknown. Without a CPU the kernel's sti comes
        // at time 0, so the dump may already show it set.
        assertThat(iF.get(0)).isIn("0", "1");
        assertThat(iF).doesNotContain("x");
        // set by the kernel's sti; then the interrupt gate clears it at each of the 3 entries
        // and the IRET sets it again
        assertThat(String.join("", iF)).endsWith("1" + "01".repeat(3));
    }
}
