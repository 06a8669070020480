package irq0.bus;

/** A part that answers CPU reads and writes of I/O ports. Ports are 16-bit, values bytes. */
public interface IoDevice {
    int in(int port);

    void out(int port, int value);
}
