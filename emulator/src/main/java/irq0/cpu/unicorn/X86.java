package irq0.cpu.unicorn;

/**
 * Unicorn's x86 numbers ({@code unicorn/x86.h} and {@code unicorn.h} of Unicorn 2): register ids
 * ({@code uc_x86_reg}), the instruction ids {@code UC_HOOK_INSN} accepts, memory-access kinds
 * ({@code uc_mem_type}) and error codes ({@code uc_err}).
 */
public final class X86 {
    public static final int REG_AX = 3;
    public static final int REG_BP = 6;
    public static final int REG_BX = 8;
    public static final int REG_CS = 11;
    public static final int REG_CX = 12;
    public static final int REG_DI = 14;
    public static final int REG_DL = 16;
    public static final int REG_DS = 17;
    public static final int REG_DX = 18;
    public static final int REG_EFLAGS = 25;
    public static final int REG_EIP = 26;
    public static final int REG_ES = 28;
    public static final int REG_FS = 32;
    public static final int REG_GS = 33;
    public static final int REG_IP = 34;
    public static final int REG_SI = 45;
    public static final int REG_SP = 47;
    public static final int REG_SS = 49;

    /** {@code UC_X86_INS_IN}, {@code UC_X86_INS_OUT}: the instructions an {@code UC_HOOK_INSN} hook can watch. */
    public static final int INS_IN = 218;
    public static final int INS_OUT = 500;

    /** {@code uc_mem_type} values an invalid-access hook receives. */
    public static final int MEM_READ_UNMAPPED = 19;
    public static final int MEM_WRITE_UNMAPPED = 20;
    public static final int MEM_FETCH_UNMAPPED = 21;

    /** {@code uc_err} values the machine distinguishes. */
    public static final int ERR_OK = 0;
    public static final int ERR_READ_UNMAPPED = 6;
    public static final int ERR_WRITE_UNMAPPED = 7;
    public static final int ERR_FETCH_UNMAPPED = 8;
    public static final int ERR_INSN_INVALID = 10;
    public static final int ERR_EXCEPTION = 21;

    /** EFLAGS bits. */
    public static final int FLAG_TF = 1 << 8;
    public static final int FLAG_IF = 1 << 9;

    /** {@code uc_prot}. */
    public static final int PROT_ALL = 7;

    private X86() {
    }

    /** The name of a {@code uc_mem_type} for messages. */
    public static String memoryAccessName(int type) {
        switch (type) {
            case 16: return "read";
            case 17: return "write";
            case 18: return "fetch";
            case MEM_READ_UNMAPPED: return "read of unmapped memory";
            case MEM_WRITE_UNMAPPED: return "write to unmapped memory";
            case MEM_FETCH_UNMAPPED: return "fetch from unmapped memory";
            case 22: return "write to write-protected memory";
            case 23: return "read of read-protected memory";
            case 24: return "fetch from non-executable memory";
            default: return "memory access (uc_mem_type " + type + ")";
        }
    }
}
