package irq0.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteOneLinePerEventInOrderAcrossBlockFlushes() throws Exception {
        Path file = dir.resolve("t.trace");
        // capacity 2 forces flushes between the events: order and content must not depend on it
        OutputFile out = OutputFile.check("--trace", file.toString()).open();
        try (TraceRecorder r = new TraceRecorder(2, new TraceFile(out, Window.ALL))) {
            r.record(0, TraceEvent.PORT_OUT, 0x43, 0x34);
            r.record(11932, TraceEvent.PIN, Pins.OUT0, 1);
            r.record(11932, TraceEvent.INTA, 0x20, 0);
            r.record(1_193_182, TraceEvent.PORT_IN, 0x40, 0x9c);
            r.record(1_193_183, TraceEvent.UNMAPPED_IN, 0x3f8, 0xff);
        }
        assertThat(out.finish()).isNull();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("# irq0 trace: ");
        assertThat(lines).filteredOn(l -> !l.startsWith("#")).containsExactly(
                "   0.000000000          0 out 0x0043 0x34  PIT control: counter 0, LSB+MSB, mode 2, binary",
                "   0.010000150      11932 pin OUT0 1",
                "   0.010000150      11932 inta 0x20",
                "   1.000000000    1193182 in 0x0040 0x9c  PIT counter 0",
                "   1.000000838    1193183 unmapped-in 0x03f8");
        try (var s = Files.list(dir)) {
            assertThat(s).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void shouldWriteAValueChangeDumpWithChangesOnlyAndInterruptAcknowledgesAsEvents() throws Exception {
        Path file = dir.resolve("t.vcd");
        OutputFile out = OutputFile.check("--vcd", file.toString()).open();
        try (TraceRecorder r = new TraceRecorder(16, new VcdFile(out, Window.ALL))) {
            r.record(0, TraceEvent.PIN, Pins.OUT0, 1);
            r.record(0, TraceEvent.PORT_OUT, 0x43, 0x34); // not a pin: not in the waveform
            r.record(11931, TraceEvent.PIN, Pins.OUT0, 0);
            r.record(11932, TraceEvent.PIN, Pins.OUT0, 1);
            r.record(11932, TraceEvent.PIN, Pins.INT, 1);
            r.record(11932, TraceEvent.PIN, Pins.INT, 1); // no change: not repeated
            r.record(11946, TraceEvent.PIN, Pins.INTA, 1);
            r.record(11946, TraceEvent.PIN, Pins.INTA, 0);
            r.record(11946, TraceEvent.PIN, Pins.INT, 0);
        }
        assertThat(out.finish()).isNull();
        String vcd = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(vcd).startsWith("$version irq0 $end\n$timescale 1ns $end\n$scope module pc_at $end\n"
                + "$var wire 1 ! OUT0 $end\n");
        assertThat(vcd).contains("$var event 1 6 INTA $end\n");
        // OUT0's level at 0 is in the $dumpvars block, the one #0; wires never reported are x
        assertThat(vcd).contains("$enddefinitions $end\n#0\n$dumpvars\n1!\nx\"\n");
        assertThat(vcd.split("\n#0\n", -1)).hasSize(2);
        assertThat(vcd).endsWith("x7\n$end\n#9999312\n0!\n#10000150\n1!\n15\n#10011884\n16\n05\n");
    }
}
