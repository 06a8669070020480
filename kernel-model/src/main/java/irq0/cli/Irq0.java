package irq0.cli;

/** The irq0 command line (filled in by the CLI work). */
public final class Irq0 {
    private Irq0() {
    }

    public static void main(String[] args) {
        System.err.println("irq0: no commands yet");
        System.exit(64);
    }
}
