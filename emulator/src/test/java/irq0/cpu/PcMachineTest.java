package irq0.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.board.PcBoard;
import irq0.time.VirtualTime;
import irq0.trace.Trace;
import irq0.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The machine with the bundled BIOS and small boot sectors (firmware/src/asm), on the real
 * Unicorn. Default CPU: 8 MHz, 4 cycles per instruction, so 9 instructions = 36 cycles =
 * floor(36 * 1193182 / 8000000) = 5 PIT clocks.
 */
class PcMachineTest {
    private static final byte[] BIOS = BootImage.bundled("bios");

    /** The result of one boot. */
    static final class Run {
        final PcBoard board;
        final Recording trace = new Recording();
        final StringBuilder console = new StringBuilder();
        BootMachine.Stop stop;
        int exitStatus;
        String message;
        long interrupts;
        long timerInterrupts;
        int biosTicks;

        Run(byte[] bootImage, MachineOptions options, KernelGate kernel) {
            board = new PcBoard(trace);
            board.setConsole(b -> console.append((char) b));
            MachineOptions o = bootImage == null ? options : options.withBootImage(bootImage);
            try (PcMachine m = new PcMachine(board, BIOS, kernel, o, trace)) {
                stop = m.run();
                exitStatus = m.exitStatus();
                message = m.message();
                interrupts = m.interrupts();
                timerInterrupts = m.timerInterrupts();
                biosTicks = m.readWord(0x0040, 0x006C);
            }
        }
    }

    static Run boot(String image) {
        return boot(BootImage.bundled(image));
    }

    static Run boot(byte[] image) {
        return new Run(image, MachineOptions.defaults().withMaxSeconds(5), null);
    }

    /** A boot sector made of {@code code} at 0000:7C00, padded, with the 0x55 0xAA signature. */
    static byte[] sector(int... code) {
        return BootImage.sector(code);
    }

    @Test
    void shouldCountAThousandTicksAtHz1000InOneVirtualSecond() {
        Run run = boot("tick1000");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo((0x10 << 1) | 1);
        assertThat(run.timerInterrupts).isEqualTo(1000);
        List<Long> entries = run.trace.times(TraceEvent.INT_ENTRY, 0x20);
        assertThat(entries).hasSize(1000);
        // every tick exactly LATCH = 1193 PIT clocks after the one before: no drift, no jitter
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i) - entries.get(i - 1)).as("tick %d", i).isEqualTo(1193);
        }
        // the first tick: 82C54 mode 2 loads the count on the first CLK pulse after its MSB is
        // written and OUT0 rises at the reload, LATCH + 1 pulses after the write; the entry follows
        // after the INTA bus cycles (8 CPU cycles: 1 or 2 PIT clocks, by the cycle remainder)
        List<Long> pitWrites = run.trace.times(TraceEvent.PORT_OUT, 0x40);
        long programmed = pitWrites.get(pitWrites.size() - 1);
        List<Long> irq0Rises = new java.util.ArrayList<>();
        for (long[] e : run.trace.events) {
            if (e[1] == TraceEvent.PIN && e[2] == irq0.trace.Pins.IRQ0 && e[3] == 1 && e[0] > programmed) {
                irq0Rises.add(e[0]);
            }
        }
        assertThat(irq0Rises.get(0) - programmed).isEqualTo(1193 + 1);
        assertThat(entries.get(0) - irq0Rises.get(0)).isBetween(1L, 2L);
        // the handler's OUT to 0xF4 ends the 9th instruction after entry: 36 cycles = 5 clocks
        assertThat(run.board.now()).isEqualTo(entries.get(999) + 5);
        // OUT0's 1000th rise: 999 periods of LATCH = 1193 clocks after the first (Linux's HZ=1000
        // second is 1000 of them, 1193000 of 1193182 clocks)
        assertThat(irq0Rises.get(999) - irq0Rises.get(0)).isEqualTo(999L * 1193);
    }

    @Test
    void shouldTimeEveryNativeCallWhileAMeterIsAttachedAndRunTheSame() {
        NativeMeter meter = new NativeMeter();
        Recording metered = new Recording();
        long timerInterrupts;
        MachineOptions options = MachineOptions.defaults().withMaxSeconds(5).withBootImage(BootImage.bundled("tick1000"));
        try (PcMachine m = new PcMachine(new PcBoard(metered), BIOS, null, options, metered)) {
            m.meterNativeCalls(meter);
            m.run();
            timerInterrupts = m.timerInterrupts();
        }

        assertThat(timerInterrupts).isEqualTo(1000);
        // every tick needs at least one run of the CPU, and every run ends in a register read
        assertThat(meter.emulateCalls()).isGreaterThanOrEqualTo(timerInterrupts);
        assertThat(meter.registerCalls()).isGreaterThanOrEqualTo(meter.emulateCalls());
        assertThat(meter.emulateNanos()).isPositive();
        assertThat(meter.registerNanos()).isPositive();
        // timing the calls takes host time only: the run is event for event the unmetered one
        assertThat(metered.lines).isEqualTo(boot("tick1000").trace.lines);
    }

    @Test
    void shouldDeliverSoftwareInterruptsAndDivideErrorsThroughTheIvt() {
        Run run = boot("softint");

        assertThat(run.console.toString()).endsWith("int 60h: ok\ndivide error x5: ok\nint3: ok\n");
        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo((0x2A << 1) | 1);
    }

    @Test
    void shouldTrapAfterEveryInstructionRunWithTrapFlag() {
        Run run = boot("singlestep");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).as("traps counted, as (n << 1) | 1").isEqualTo((5 << 1) | 1);
    }

    @Test
    void shouldTakeAnInterruptPendingAtStiHltAtOnce() {
        Run run = boot("hltwake");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).isEqualTo((0x07 << 1) | 1);
        assertThat(run.timerInterrupts).isEqualTo(1);
    }

    @Test
    void shouldTakeAPendingInterruptRightAfterTheInstructionAfterSti() {
        Run run = boot("stishadow");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).as("BX seen by the handler, as (BX << 1) | 1").isEqualTo((1 << 1) | 1);
    }

    @Test
    void shouldTakeARequestUnmaskedByAnOutAtTheBoundaryAfterTheOut() {
        Run run = boot("unmask");

        assertThat(run.stop).isEqualTo(BootMachine.Stop.GUEST_EXIT);
        assertThat(run.exitStatus).as("BX seen by the handler, as (BX << 1) | 1").isEqualTo((0 << 1) | 1);
    }

    @Test
    void shouldStopWithARegisterDumpOnAFetchFromUnmappedMemory() {
        // jmp 0xFFFF:0x0010 -> linear 0x100000, above the 1 MiB of RAM
        Run run = boot(sector(0xEA, 0x10, 0x00, 0xFF, 0xFF));

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.exitStatus).isEqualTo(PcMachine.EXIT_FAULT);
        assertThat(run.message).contains("fetch from unmapped memory at 0x100000")
                .contains("CS=FFFF").contains("IP=0010").contains("FLAGS=")
                .contains("CS:IP FFFF:0010 (0x100000): -- -- -- -- -- -- -- --");
    }

    @Test
    void shouldStopOnAnInvalidOpcodeWithNoHandler() {
        // xor ax,ax; mov ds,ax; mov [0x18],ax; mov [0x1A],ax (IVT[6] = 0000:0000); ud2
        Run run = boot(sector(0x31, 0xC0, 0x8E, 0xD8, 0xA3, 0x18, 0x00, 0xA3, 0x1A, 0x00, 0x0F, 0x0B));

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.message).contains("interrupt 0x06 has no handler").contains("IP=7C0A")
                .contains("0F 0B");
    }

    @Test
    void shouldStopADivideErrorThatRepeatsForever() {
        // the BIOS's default handler returns to the DIV, which faults again: xor bx,bx; div bx
        Run run = boot(sector(0x31, 0xDB, 0xF7, 0xF3));

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.message).contains("exception 0x00 (divide error) at 0000:7C02 repeated 9 times without progress")
                .contains("IP=7C02");
    }

    @Test
    void shouldNameAnInvalidOpcodeThatRepeatsAtItsAddressNotAsATripleFault() {
        // ud2: the BIOS's handler returns to it, so it faults again and again
        Run run = boot(sector(0x90, 0x0F, 0x0B));

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.message).startsWith("guest fault: exception 0x06 (invalid opcode) at 0000:7C01 repeated 9 times"
                + " without progress: its handler returns to the instruction that raised it\n")
                .doesNotContain("triple")
                .contains("CS:IP 0000:7C01 (0x07C01): 0F 0B");
    }

    @Test
    void shouldStopWithAnInternalErrorWhenAHookThrowsAndPrintNoStackTrace() {
        PcBoard board = new PcBoard(Trace.NONE);
        board.setConsole(b -> {
            throw new IllegalStateException("console broke");
        });
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true));
        try (PcMachine m = new PcMachine(board, BIOS, null, MachineOptions.defaults().withMaxSeconds(1)
                .withBootImage(sector(0xB0, 'x', 0xE6, 0xE9, 0xEB, 0xFE)))) { // mov al,'x'; out E9,al; jmp $
            assertThat(m.run()).isEqualTo(BootMachine.Stop.INTERNAL_ERROR);
            assertThat(m.exitStatus()).isEqualTo(PcMachine.EXIT_INTERNAL_ERROR);
            // the BIOS's own banner is the first OUT to 0xE9
            assertThat(m.message()).isEqualTo("internal error: the OUT to port 0xE9 hook threw "
                    + "java.lang.IllegalStateException: console broke");
        } finally {
            System.setErr(stderr);
        }
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void shouldStopWhenHaltedWithInterruptsDisabled() {
        Run run = boot(sector(0xFA, 0xF4)); // cli; hlt

        assertThat(run.stop).isEqualTo(BootMachine.Stop.FAULT);
        assertThat(run.message).contains("CPU halted with interrupts disabled");
    }

    @Test
    void shouldKeepTheBiosTickCountWithNoKernel() {
        Run run = new Run(null, MachineOptions.defaults().withMaxSeconds(1), null);

        assertThat(run.stop).isEqualTo(BootMachine.Stop.LENGTH);
        assertThat(run.console.toString()).contains("POST done").contains("no kernel");
        // the mode-3 control word drives OUT0 high (a rising edge: one request at POST), then
        // 1193182 clocks / 65536 per period (count 0) = 18 more
        assertThat(run.timerInterrupts).isEqualTo(1 + 18);
        assertThat(run.biosTicks).isEqualTo(19);
        List<Long> ticks = run.trace.times(TraceEvent.INT_ENTRY, 0x08);
        for (int i = 2; i < ticks.size(); i++) {
            assertThat(ticks.get(i) - ticks.get(i - 1)).isEqualTo(65536);
        }
        assertThat(run.board.now()).isEqualTo(VirtualTime.PIT_HZ);
        assertThat(run.trace.times(TraceEvent.POST, 0x06)).hasSize(1);
    }

    @Test
    void shouldProduceIdenticalTracesOnTwoRuns() {
        Run first = boot("tick1000");
        Run second = boot("tick1000");

        assertThat(second.trace.lines).isEqualTo(first.trace.lines);
        assertThat(first.trace.lines.size()).isGreaterThan(5000);
    }
}
