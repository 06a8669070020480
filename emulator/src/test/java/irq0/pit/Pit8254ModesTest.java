package irq0.pit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each mode's waveform, pulse by pulse, as the 82C54 datasheet's "Mode Definitions" and Figures
 * 15-20 draw it (8253 rows: the 8253 datasheet's mode 3). Counter 0 is programmed LSB then MSB;
 * before each pulse GATE is driven to the level given for it (1 when no levels are given); after
 * each pulse the count is latched and read, and OUT sampled. "?" marks a count the datasheet
 * leaves undefined (CE before the first load).
 */
class Pit8254ModesTest {

    @ParameterizedTest(name = "{0} {1}: {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # part | CW   | count | GATE before each pulse | CE after each pulse              | OUT after each pulse | what the datasheet says
        I8254  | 0x30 | 0x0003 |                       | 3 2 1 0 FFFF FFFE                | LLLHHH        | mode 0: loaded on the first pulse, OUT high N+1 pulses after the write, then wraps
        I8254  | 0x30 | 0x0003 | 1 1 0 0 1 1 1         | 3 2 2 2 1 0 FFFF                 | LLLLLHH       | mode 0: GATE low disables counting, has no effect on OUT
        I8254  | 0x30 | 0x0003 | 0 0 1 1 1             | 3 3 2 1 0                        | LLLLH         | mode 0: a count written while GATE is low is still loaded on the next pulse
        I8254  | 0x31 | 0x0010 |                       | 10 9 8 7 6 5 4 3 2 1 0 9999      | LLLLLLLLLLHH  | mode 0, BCD: counts down in decades and wraps to 9999
        I8254  | 0x32 | 0x0003 | 0 1 1 1 1 1           | ? 3 2 1 0 FFFF                   | HLLLHH        | mode 1: a trigger loads the count on the next pulse and OUT goes low for N pulses
        I8254  | 0x32 | 0x0003 | 0 1 1 0 1 1 1 1       | ? 3 2 1 3 2 1 0                  | HLLLLLLH      | mode 1: retriggerable, OUT low N pulses after the last trigger
        I8254  | 0x32 | 0x0003 | 0 1 0 0 0 0           | ? 3 2 1 0 FFFF                   | HLLLHH        | mode 1: GATE level has no effect once triggered
        I8254  | 0x34 | 0x0004 |                       | 4 3 2 1 4 3 2 1 4                | HHHLHHHLH     | mode 2: OUT low for the pulse where the count is 1, period N
        I8254  | 0x34 | 0x0004 | 1 1 0 0 1 1 1 1 1     | 4 3 3 3 4 3 2 1 4                | HHHHHHHLH     | mode 2: GATE low stops counting, its rising edge reloads the count
        I8254  | 0x34 | 0x0004 | 1 1 1 0 1 1 1 1 1     | 4 3 2 2 4 3 2 1 4                | HHHHHHHLH     | mode 2: GATE low before the count reaches 1 holds it there; the rising edge reloads
        I8254  | 0x35 | 0x0012 |                       | 12 11 10 9 8 7 6 5 4 3 2 1 12    | HHHHHHHHHHHLH | mode 2, BCD: period 12
        I8254  | 0x3C | 0x0003 |                       | 3 2 1 3 2 1                      | HHLHHL        | mode 6 is mode 2
        I8254  | 0x36 | 0x0006 |                       | 6 4 2 6 4 2 6                    | HHHLLLH       | mode 3, even: N/2 pulses high, N/2 low, count by two
        I8254  | 0x36 | 0x0005 |                       | 4 2 0 4 2 4 2 0 4 2 4            | HHHLLHHHLLH   | mode 3, odd (82C54): N-1 loaded, OUT low one pulse after the count expires
        I8254  | 0x36 | 0x0003 |                       | 2 0 2 2 0 2 2                    | HHLHHLH       | mode 3, N = 3 (82C54): two pulses high, one low
        I8254  | 0x37 | 0x0011 |                       | 10 8 6 4 2 0 10 8 6 4 2 10       | HHHHHHLLLLLH  | mode 3, BCD odd 11: six pulses high, five low
        I8254  | 0x3E | 0x0004 |                       | 4 2 4 2 4                        | HHLLH         | mode 7 is mode 3
        I8254  | 0x36 | 0x0006 | 1 1 1 1 0 1 1         | 6 4 2 6 6 6 4                    | HHHLHHH       | mode 3: GATE low while OUT is low sets OUT high at once; the rising edge reloads
        I8253  | 0x36 | 0x0005 |                       | 5 4 2 5 2 5 4 2 5 2 5            | HHHLLHHHLLH   | mode 3, odd (8253): loaded as is, -1 then -2 while high, -3 then -2 while low
        I8253  | 0x36 | 0x0003 |                       | 3 2 3 3 2 3 3                    | HHLHHLH       | mode 3, N = 3 (8253)
        I8253  | 0x36 | 0x0006 |                       | 6 4 2 6 4 2 6                    | HHHLLLH       | mode 3, even (8253): as the 82C54
        I8254  | 0x38 | 0x0003 |                       | 3 2 1 0 FFFF FFFE                | HHHLHH        | mode 4: one low pulse N+1 pulses after the write
        I8254  | 0x38 | 0x0003 | 1 0 0 1 1 1 1         | 3 3 3 2 1 0 FFFF                 | HHHHHLH       | mode 4: GATE low disables counting
        I8254  | 0x3A | 0x0003 | 0 1 1 1 1 1 1         | ? 3 2 1 0 FFFF FFFE              | HHHHLHH       | mode 5: the trigger loads the count, one low pulse N+1 pulses after it
        I8254  | 0x3A | 0x0003 | 0 1 1 0 1 1 1 1       | ? 3 2 1 3 2 1 0                  | HHHHHHHL      | mode 5: retriggerable
        I8254  | 0x3A | 0x0003 | 0 1 0 0 0 0 0         | ? 3 2 1 0 FFFF FFFE              | HHHHLHH       | mode 5: GATE level has no effect once triggered
        """)
    void shouldDrawTheDatasheetWaveform(String part, String controlWord, String count, String gates, String ce, String out,
                                        String what) {
        Pit8254 pit = new Pit8254(Pit8254.Variant.valueOf(part));
        int cw = Integer.decode(controlWord);
        int n = Integer.decode(count);
        pit.write(3, cw);
        pit.write(0, n & 0xFF);
        pit.write(0, n >> 8);
        followWaveform(pit, gates, ce, out, what);
    }

    /**
     * Pulse by pulse: GATE of counter 0 as {@code gates} says before each pulse, then the counter
     * latched and read (CE in hex, "?" where the datasheet leaves it open) and OUT sampled (H/L).
     */
    private static void followWaveform(Pit8254 pit, String gates, String ce, String out, String what) {
        String[] expectedCe = ce.trim().split("\\s+");
        String[] gate = gates == null ? new String[0] : gates.trim().split("\\s+");
        StringBuilder outs = new StringBuilder();
        for (int pulse = 0; pulse < expectedCe.length; pulse++) {
            if (pulse < gate.length) {
                pit.setGate(0, gate[pulse].equals("1"));
            }
            pit.advance(1);
            outs.append(pit.out(0) ? 'H' : 'L');
            pit.write(3, 0x00);
            int got = pit.read(0) | (pit.read(0) << 8);
            if (!expectedCe[pulse].equals("?")) {
                assertThat(Integer.toHexString(got).toUpperCase())
                        .as("CE after pulse %d (%s)", pulse + 1, what)
                        .isEqualTo(expectedCe[pulse]);
            }
        }
        assertThat(outs.toString()).as(what).isEqualTo(out);
    }

    /**
     * A count written while counting takes effect where each mode's definition says: modes 0 and
     * 4 on the next pulse; mode 2 at the end of the period, mode 3 at the end of the half-cycle;
     * modes 1 and 5 at the next trigger. Counter 0 runs {@code pulses} pulses on the first count,
     * then the new count is written and the waveform is followed.
     */
    @ParameterizedTest(name = "{0}: {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # CW   | count | pulses | new count | GATE before each later pulse | CE after each later pulse | OUT         | what the datasheet says
        0x30   | 5     | 2      | 3         |                              | 3 2 1 0 FFFF              | LLLHH       | mode 0: loaded on the next pulse, counting continues from it
        0x32   | 5     | 2      | 9         | 1 1 1 1 0 1 1                | 3 2 1 0 FFFF 9 8          | LLLHHLL     | mode 1: the current one-shot is not affected, the next trigger loads it
        0x34   | 5     | 2      | 3         |                              | 3 2 1 3 2 1 3             | HHLHHLH     | mode 2: does not affect the current period, loaded at its end
        0x34   | 5     | 2      | 3         | 0 1 1 1                      | 4 3 2 1                   | HHHL        | mode 2: a trigger after the write loads it on the next pulse
        0x36   | 8     | 2      | 10        |                              | 4 2 A 8 6 4 2 A           | HHLLLLLH    | mode 3: loaded at the end of the current half-cycle
        0x38   | 5     | 2      | 3         |                              | 3 2 1 0 FFFF              | HHHLH       | mode 4: loaded on the next pulse ("retriggered" by software)
        0x3A   | 5     | 2      | 9         | 1 1 1 1 1 0 1 1              | 3 2 1 0 FFFF FFFE 9 8     | HHHLHHHH    | mode 5: the current sequence is not affected, the next trigger loads it
        """)
    void shouldTakeANewCountWhenTheModeSays(String controlWord, int count, int pulses, int newCount, String gates,
                                            String ce, String out, String what) {
        Pit8254 pit = new Pit8254(Pit8254.Variant.I8254);
        int cw = Integer.decode(controlWord);
        pit.write(3, cw);
        pit.write(0, count);
        pit.write(0, 0);
        if (cw == 0x32 || cw == 0x3A) {
            pit.setGate(0, false);
            pit.setGate(0, true); // the trigger that starts the one-shot / strobe
        }
        pit.advance(pulses);
        pit.write(0, newCount);
        pit.write(0, 0);
        followWaveform(pit, gates, ce, out, what);
    }
}
