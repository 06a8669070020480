package irq0.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The irq0 command line: {@code irq0 conform ...}, {@code irq0 boot ...}. */
@Command(name = "irq0", mixinStandardHelpOptions = true, version = "irq0 0.1.0",
        description = "Cycle-level emulator of the PC's timer-interrupt path (8254 PIT, 8259A PIC, x86 on Unicorn, a Linux 2.2 kernel model).",
        subcommands = {ConformCommand.class, BootCommand.class})
public final class Irq0 {
    /** An exception irq0 did not expect: a bug, never a user mistake (sysexits.h EX_SOFTWARE). */
    static final int EXIT_INTERNAL_ERROR = 70;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; user mistakes become one line on stderr and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Irq0());
        // every command answers --version, not only the top one
        String[] version = cl.getCommandSpec().version();
        cl.getSubcommands().values().forEach(c -> c.getCommandSpec().version(version));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("irq0: " + ex.getMessage() + " (try '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("irq0: internal error (a bug in irq0, please report it): " + ex);
            return EXIT_INTERNAL_ERROR;
        });
        return cl;
    }
}
