package irq0.cpu;

/**
 * What the machine needs to know about the instruction at a linear address, read from guest
 * memory: its prefixes and opcode, so that it can tell which instruction ended a run (HLT, STI)
 * and what raised an exception (INT n, a divide). The instruction counter gives the address of
 * the last instruction exactly; Unicorn's IP in 16-bit hooks is stale.
 */
final class Opcodes {
    static final int HLT = 0xF4;
    static final int STI = 0xFB;
    static final int IRET = 0xCF;
    static final int INT = 0xCD;
    static final int INT3 = 0xCC;
    static final int INTO = 0xCE;
    static final int INT1 = 0xF1;

    private final CpuState state;

    Opcodes(CpuState state) {
        this.state = state;
    }

    int prefixLength(long address) {
        int n = 0;
        while (n < 4) {
            int b = state.byteAt(address + n);
            if (b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65 || b == 0x66
                    || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    int opcodeAt(long address) {
        return state.byteAt(address + prefixLength(address));
    }

    /** The instruction at {@code address} is {@code opcode} and one byte long, and CS:IP is right after it. */
    boolean justExecuted(int opcode, long address) {
        return opcodeAt(address) == opcode
                && state.linearIp() == ((address + prefixLength(address) + 1) & 0xFFFFF);
    }

    /** DIV/IDIV (F6/F7 with ModRM reg 6 or 7) or AAM (D4): the instructions that raise #DE. */
    boolean isDivide(long address) {
        int p = prefixLength(address);
        int op = state.byteAt(address + p);
        if (op == 0xD4) {
            return true;
        }
        if (op == 0xF6 || op == 0xF7) {
            int reg = (state.byteAt(address + p + 1) >> 3) & 7;
            return reg == 6 || reg == 7;
        }
        return false;
    }
}
