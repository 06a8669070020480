package irq0.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import irq0.trace.Pins;
import irq0.trace.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PC/AT wiring around the parts: ports 0x61, 0x80, 0xE9, 0xF4, unmapped ports, the trace. */
class PcBoardTest {
    private final List<String> events = new ArrayList<>();
    private final PcBoard board = new PcBoard((t, k, a, b) -> events.add(t + " " + TraceEvent.name(k) + " " + a + " " + b));

    @Test
    void shouldReadUnmappedPortsAsFloatingBusAndCountThem() {
        assertThat(board.in(0x3F8)).isEqualTo(0xFF);
        board.out(0x3F8, 0x41);
        board.out(0x2F8, 0x41);
        assertThat(board.unmappedReads()).isEqualTo(1);
        assertThat(board.unmappedWrites()).isEqualTo(2);
        assertThat(events).containsExactly("0 unmapped-in 1016 255", "0 unmapped-out 1016 65", "0 unmapped-out 760 65");
    }

    @Test
    void shouldSendDebugConsoleBytesToTheConsoleAndAnswerE9() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        board.setConsole(console::write);
        for (byte c : "hi\n".getBytes()) {
            board.out(0xE9, c);
        }
        assertThat(console.toString()).isEqualTo("hi\n");
        assertThat(board.in(0xE9)).isEqualTo(0xE9);
    }

    @Test
    void shouldEndTheRunThroughIsaDebugExitWithTheFirstCodeWritten() {
        assertThat(board.exitRequested()).isFalse();
        board.out(0xF4, 0x10);
        board.out(0xF4, 0x00); // a second write does not change the code already asked for
        assertThat(board.exitRequested()).isTrue();
        assertThat(board.exitCode()).isEqualTo((0x10 << 1) | 1);
    }

    @Test
    void shouldKeepPostCodesForTheTrace() {
        board.out(0x80, 0x11);
        board.out(0x80, 0x22);
        assertThat(board.lastPostCode()).isEqualTo(0x22);
        assertThat(board.postCodeCount()).isEqualTo(2);
        assertThat(board.in(0x80)).isEqualTo(0x22);
        assertThat(events).contains("0 post 17 0", "0 post 34 0");
    }

    @Test
    void shouldKeepPort61ControlBitsAndIgnoreWritesToItsStatusBits() {
        board.out(0x61, 0xFE); // status bits 4-7 are read-only; GATE2 stays low
        assertThat(board.in(0x61) & 0x0F).isEqualTo(0x0E);
        assertThat(board.in(0x61) & 0xC0).isZero(); // no parity or channel-check error is ever raised
        assertThat(board.pit().gate(2)).isFalse();
        board.out(0x61, 0x03);
        assertThat(board.pit().gate(2)).isTrue();
        assertThat(events).contains("0 pin " + Pins.GATE2 + " 1");
    }

    @Test
    void shouldReadOut2AsPort61Bit5() {
        board.out(0x43, 0xB0); // counter 2, LSB then MSB, mode 0: OUT2 low after the control word
        board.out(0x42, 0x03);
        board.out(0x42, 0x00);
        board.out(0x61, 0x01); // GATE2 high: counting starts
        assertThat(board.in(0x61) & 0x20).isZero();
        board.advance(1 + 3); // one CLK loads the count, three count it down to 0
        assertThat(board.pit().out(2)).isTrue();
        assertThat(board.in(0x61) & 0x20).isEqualTo(0x20);
    }

    @Test
    void shouldToggleRefreshBitOnEachRisingEdgeOfOut1() {
        board.out(0x43, 0x54); // counter 1, LSB only, mode 2: the AT's refresh timer
        board.out(0x41, 18);
        board.advance(1); // the count is loaded
        int before = board.in(0x61) & 0x10;
        board.advance(18); // one period: OUT1 falls at count 1 and rises again at the reload
        assertThat(board.in(0x61) & 0x10).isNotEqualTo(before);
        board.advance(18);
        assertThat(board.in(0x61) & 0x10).isEqualTo(before);
    }

    @Test
    void shouldRefuseToDriveTheTimerAndCascadeLines() {
        assertThatThrownBy(() -> board.setIrq(0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> board.setIrq(2, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> board.setIrq(16, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDeliverIrq0FromOut0ThroughThePairAsLinuxProgramsIt() {
        // init_8259A of Linux 2.2: vector bases 0x20/0x28, slave on IR2, 8086 mode
        int[][] init = {{0x20, 0x11}, {0x21, 0x20}, {0x21, 0x04}, {0x21, 0x01},
            {0xA0, 0x11}, {0xA1, 0x28}, {0xA1, 0x02}, {0xA1, 0x01}, {0x21, 0xFA}, {0xA1, 0xFF}};
        for (int[] w : init) {
            board.out(w[0], w[1]);
        }
        board.out(0x43, 0x34); // counter 0, mode 2, LATCH = 11932 at HZ=100
        board.out(0x40, 0x9C);
        board.out(0x40, 0x2E);
        board.advance(1); // load
        long untilEdge = board.clocksUntilNextEvent();
        assertThat(untilEdge).isEqualTo(11931); // OUT0 falls when the count reaches 1
        board.advance(untilEdge);
        assertThat(board.interruptRequested()).isFalse();
        assertThat(board.clocksUntilNextEvent()).isEqualTo(1);
        board.advance(1); // OUT0 rises at the reload: IRQ0's rising edge
        assertThat(board.now()).isEqualTo(1 + 11932);
        assertThat(board.interruptRequested()).isTrue();
        assertThat(board.acknowledge()).isEqualTo(0x20);
        assertThat(board.master().isr()).isEqualTo(0x01);
        board.out(0x20, 0x20); // non-specific EOI
        assertThat(board.master().isr()).isZero();
    }
}
