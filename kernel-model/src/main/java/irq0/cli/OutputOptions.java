package irq0.cli;

import picocli.CommandLine.Option;

/**
 * The files a run writes besides its console, and the stretch of virtual time they keep: a picocli
 * mixin, so every command that runs the board offers the same options with the same words.
 */
public final class OutputOptions {
    @Option(names = "--trace", paramLabel = "FILE",
            description = {"write every event (port I/O, pins, INTA, interrupt entry, do_IRQ, bottom halves, tasks) "
                    + "with its virtual time to FILE: about 1 KB per timer interrupt.",
                "FILE may be a FIFO, a device, - or /dev/stdout (written as the run goes); a regular file appears whole "
                    + "when the run ends; a symbolic link is followed."})
    String trace;

    @Option(names = "--vcd", paramLabel = "FILE",
            description = "write a VCD waveform of OUT0-2, GATE2, IRQ0-15, INT, INTA and IF to FILE (opens in GTKWave)")
    String vcd;

    @Option(names = "--trace-from", paramLabel = "S",
            description = "keep only what happens from S seconds of virtual time on in the output files (fractions allowed)")
    String from;

    @Option(names = "--trace-to", paramLabel = "S",
            description = "keep only what happens up to S seconds of virtual time in the output files (fractions allowed)")
    String to;
}
