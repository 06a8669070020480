package irq0.cpu.unicorn;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A fixed list of registers moved in one {@code uc_reg_read_batch} / {@code uc_reg_write_batch}
 * call, through memory allocated once: reading and writing allocate nothing. Values are kept
 * here; {@link #get} and {@link #set} address them by position in the list, through a buffer view
 * (no native call). Unicorn writes only as many bytes as a register has: {@link #get} of a
 * register narrower than 64 bits has that register in its low bytes and must be masked.
 */
public final class RegisterBatch {
    private long uc;
    private final int count;
    private final Memory ids;
    private final Memory slots;
    private final Memory pointers;
    private final long idsAddress;
    private final long slotsAddress;
    private final long pointersAddress;
    private final ByteBuffer values;

    RegisterBatch(long uc, int[] registers) {
        if (registers.length == 0) {
            throw new IllegalArgumentException("a register batch needs at least one register");
        }
        this.uc = uc;
        this.count = registers.length;
        ids = new Memory(4L * count);
        slots = new Memory(8L * count);
        pointers = new Memory(8L * count);
        slots.clear();
        for (int i = 0; i < count; i++) {
            ids.setInt(4L * i, registers[i]);
            pointers.setPointer(8L * i, slots.share(8L * i));
        }
        values = slots.getByteBuffer(0, 8L * count).order(ByteOrder.nativeOrder());
        idsAddress = Pointer.nativeValue(ids);
        slotsAddress = Pointer.nativeValue(slots);
        pointersAddress = Pointer.nativeValue(pointers);
    }

    /** Reads every register of the list from the engine. */
    public void read() {
        Unicorn.check("uc_reg_read_batch", UnicornLibrary.uc_reg_read_batch(uc, idsAddress, pointersAddress, count));
    }

    /** Writes every register of the list to the engine. */
    public void write() {
        Unicorn.check("uc_reg_write_batch", UnicornLibrary.uc_reg_write_batch(uc, idsAddress, pointersAddress, count));
    }

    /** Points the batch at the engine that replaced the one it was made for ({@link Unicorn#recreate}). */
    void rebind(long newUc) {
        uc = newUc;
    }

    public long get(int index) {
        return values.getLong(8 * index);
    }

    public void set(int index, long value) {
        values.putLong(8 * index, value);
    }

    int size() {
        return count;
    }

    long slotsAddress() {
        return slotsAddress;
    }
}
