package irq0.cli;

import picocli.CommandLine.Option;

/**
 * The files a run writes besides its console, and the stretch of virtual time they keep: a picocli
 * mixin, so every command that runs the board offers the same options with the same words.
 */
public final class OutputOptions {
    @Option(names = "--trace", paramLabel = "FILE",
            description = {"write every event (port I/O, pins, INTA, interrupt entry, do_IRQ, bottom halves, tasks) "
                    + "with its virtual time and what it means to FILE: about 1.4 KB per timer interrupt.",
                "FILE may be a FIFO, a device, - or /dev/stdout (written as the run goes); a regular file appears whole "
                    + "when the run ends; a symbolic link is followed."})
    String trace;

    @Option(names = "--vcd", paramLabel = "FILE",
            description = "write a VCD waveform of OUT0-2, GATE2, IRQ0-15, INT, INTA and IF to FILE (opens in GTKWave)")
    String vcd;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "write the run as Chrome/Perfetto trace-event JSON to FILE (open it in ui.perfetto.dev): "
                    + "hardware, port I/O, CPU, and the kernel's nested slices in interrupt and process context")
    String timeline;

    @Option(names = "--ftrace", paramLabel = "FILE",
            description = "write the kernel's events as Linux ftrace text to FILE, as trace-cmd report prints them "
                    + "(irq_handler_entry/exit, softirq_entry/exit, workqueue_execute_start/end, sched_switch...)")
    String ftrace;

    @Option(names = "--svg", paramLabel = "FILE",
            description = "draw the window (give --trace-from and --trace-to, a tick or so) as an SVG picture in FILE: "
                    + "OUT0, IRQ0, INT, INTA and IF, clock by clock around the first interrupt, and the kernel's slices; "
                    + "written when the run ends")
    String svg;

    @Option(names = "--trace-from", paramLabel = "S",
            description = "keep only what happens from S seconds of virtual time on in the output files (fractions allowed)")
    String from;

    @Option(names = "--trace-to", paramLabel = "S",
            description = "keep only what happens up to S seconds of virtual time in the output files (fractions allowed)")
    String to;
}
