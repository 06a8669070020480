package irq0.cpu.unicorn;

/** Run in a child JVM by {@link MissingLibraryTest}: opens an engine and reports how it went. */
public final class OpenProbe {
    private OpenProbe() {
    }

    public static void main(String[] args) {
        try (Unicorn cpu = Unicorn.openReal()) {
            System.out.println("opened Unicorn " + Unicorn.version());
        } catch (UnicornUnavailableException e) {
            System.out.println(e.getMessage());
            System.exit(69);
        }
    }
}
