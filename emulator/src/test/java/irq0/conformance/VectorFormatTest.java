package irq0.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Malformed vectors are refused with file:line and what is wrong; well-formed ones replay. */
class VectorFormatTest {
    private static final Path FILE = Path.of("t.vec");

    private static Vector parse(String... lines) throws VectorFormatException {
        return Vector.parse(FILE, List.of(lines));
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "pit8254   | frob 1                | t.vec:2: unknown step 'frob'",
        "pit8254   | out 0x40 0x1G2        | t.vec:2: bad number for VALUE: '0x1G2'",
        "pit8254   | out 0x40 256          | t.vec:2: VALUE 256 is not a byte",
        "pit8254   | out 0x20 1            | t.vec:2: port 0x20 is out of range for device pit8254",
        "pic8259   | out 0xa0 1            | t.vec:2: port 0xa0 is out of range for device pic8259",
        "pit8254   | gate 3 1              | t.vec:2: counter 3 out of range 0-2",
        "pit8254   | gate 0 2              | t.vec:2: LEVEL must be 0 or 1",
        "board     | gate 2 1              | t.vec:2: 'gate' is not a step of device board",
        "pic8259   | clk 1                 | t.vec:2: 'clk' on device pic8259, which has no clock",
        "pic8259   | irq 8 1               | t.vec:2: request line 8 cannot be driven on device pic8259",
        "board     | irq 0 1               | t.vec:2: request line 0 cannot be driven on device board",
        "pic8259x2 | irq 2 1               | t.vec:2: request line 2 cannot be driven on device pic8259x2",
        "pit8254   | pin INT 1             | t.vec:2: device pit8254 has no output pin 'INT'",
        "pit8254   | in 0x40               | t.vec:2: expected 'in PORT VALUE [MASK]'",
        "pit8254   | clk -1                | t.vec:2: bad number for N: '-1'",
        "pit8254   | device pit8254        | t.vec:2: a second 'device' line",
    })
    void shouldRefuseMalformedStepsNamingFileAndLine(String device, String step, String message) {
        assertThatThrownBy(() -> parse("device " + device, step))
                .isInstanceOf(VectorFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldRequireTheDeviceLineFirst() {
        assertThatThrownBy(() -> parse("# comment", "", "out 0x43 0x34"))
                .hasMessageStartingWith("t.vec:3: the first step must be 'device NAME'");
        assertThatThrownBy(() -> parse("# only a comment"))
                .hasMessageStartingWith("t.vec:1: missing 'device NAME' line");
        assertThatThrownBy(() -> parse("device pit9999"))
                .hasMessageStartingWith("t.vec:1: unknown device 'pit9999'");
    }

    @Test
    void shouldReadDecimalHexCommentsAndTabs() throws VectorFormatException {
        Vector v = parse("device pit8254  # the part", "", "out\t0x43 52 # control word 0x34", "in 0x40 0x9C 0xF0");
        assertThat(v.device()).isEqualTo(DeviceKind.PIT8254);
        assertThat(v.steps()).hasSize(2);
        Step out = v.steps().get(0);
        assertThat(out.kind()).isEqualTo(Step.Kind.OUT);
        assertThat(out.line()).isEqualTo(3);
        assertThat(out.a()).isEqualTo(0x43);
        assertThat(out.b()).isEqualTo(0x34);
        Step in = v.steps().get(1);
        assertThat(in.b()).isEqualTo(0x9C);
        assertThat(in.c()).isEqualTo(0xF0);
    }

    @Test
    void shouldReportTheFirstFailingStepWithExpectedAndAnswered() throws VectorFormatException {
        // The board's debug-console port answers 0xE9; expecting 0x00 must fail at line 3.
        Vector v = parse("device board", "in 0xe9 0xe9", "in 0xe9 0x00", "in 0xe9 0x11");
        VectorResult r = VectorRunner.run(v);
        assertThat(r.passed()).isFalse();
        assertThat(r.describe()).isEqualTo("t.vec:3: 'in 0xe9 0x00': expected 0x00, the part answered 0xe9");
    }

    @Test
    void shouldCompareOnlyTheMaskedBits() throws VectorFormatException {
        Vector v = parse("device board", "in 0xe9 0x09 0x0f", "in 0xe9 0x00 0x00");
        assertThat(VectorRunner.run(v).passed()).isTrue();
    }
}
