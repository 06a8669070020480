package irq0.pic;

import irq0.bus.Line;

/**
 * SKELETON (API contract; the PIC issue replaces the body). Intel 8259A. Address is A0 (0 or 1).
 */
public final class Pic8259 {
    /** A diagnostic code reported through the diagnostic listener: ICW4 asked for 8080/8085 mode. */
    public static final int DIAG_8080_MODE = 1;

    public int read(int a0) {
        return 0xFF;
    }

    public void write(int a0, int value) {
    }

    /** Drives interrupt request line IR{@code ir} (0-7). */
    public void setIrq(int ir, boolean level) {
    }

    /** The INT output. */
    public boolean intOut() {
        return false;
    }

    public void connectInt(Line line) {
    }

    /** Tells this (master) chip that {@code slave}'s INT is wired to its IR{@code ir}. */
    public void attachSlave(int ir, Pic8259 slave) {
    }

    /** Both INTA pulses, the cascade included: the vector byte the CPU receives. */
    public int interruptAcknowledge() {
        return 0;
    }

    /** Side-effect-free views of the registers, for traces and tests. */
    public int irr() {
        return 0;
    }

    public int isr() {
        return 0;
    }

    public int imr() {
        return 0;
    }

    /** Receives diagnostics about input the datasheet leaves undefined or a PC does not use. */
    public void setDiagnosticListener(java.util.function.IntConsumer listener) {
    }
}
