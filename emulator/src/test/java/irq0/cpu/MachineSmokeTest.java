package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.trace.Trace;
import org.junit.jupiter.api.Test;

class MachineSmokeTest {
    @Test
    void shouldBootHello() throws Exception {
        PcBoard board = new PcBoard(Trace.NONE);
        StringBuilder out = new StringBuilder();
        board.setConsole(b -> out.append((char) b));
        try (PcMachine m = new PcMachine(board, BootImage.bundled("bios"), null,
                MachineOptions.defaults().withMaxSeconds(1).withBootImage(BootImage.bundled("hello")))) {
            PcMachine.Stop s = m.run();
            System.out.println(s + " " + m.exitStatus() + " " + m.message() + "\n" + out + " now=" + board.now() + " instr=" + m.instructions());
        }
    }
}
