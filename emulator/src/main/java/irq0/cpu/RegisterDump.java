package irq0.cpu;

import irq0.cpu.unicorn.X86;

/** All 16-bit registers and the bytes at CS:IP, as a debugger shows them, for a guest fault's message. */
final class RegisterDump {
    private RegisterDump() {
    }

    static String of(CpuState state, long now, long instructions, long interrupts) {
        state.sync();
        long ax = state.cpu.readRegister(X86.REG_AX);
        long bx = state.cpu.readRegister(X86.REG_BX);
        long cx = state.cpu.readRegister(X86.REG_CX);
        long dx = state.cpu.readRegister(X86.REG_DX);
        long si = state.cpu.readRegister(X86.REG_SI);
        long di = state.cpu.readRegister(X86.REG_DI);
        long bp = state.cpu.readRegister(X86.REG_BP);
        long ds = state.cpu.readRegister(X86.REG_DS);
        long es = state.cpu.readRegister(X86.REG_ES);
        StringBuilder code = new StringBuilder();
        // not wrapped at 1 MiB: FFFF:0010 is 0x100000, above RAM (A20 off, and Unicorn does not wrap)
        int at = (state.cs << 4) + state.ip;
        for (int i = 0; i < 8; i++) {
            code.append(at + i < PcMachine.RAM_SIZE ? String.format(" %02X", state.byteAt(at + i)) : " --");
        }
        return String.format("AX=%04X BX=%04X CX=%04X DX=%04X SI=%04X DI=%04X BP=%04X SP=%04X%n"
                + "CS=%04X DS=%04X ES=%04X SS=%04X IP=%04X FLAGS=%04X%n"
                + "CS:IP %04X:%04X (0x%05X):%s%n"
                + "virtual time %d PIT clocks, %d instructions, %d interrupts",
                ax & 0xFFFF, bx & 0xFFFF, cx & 0xFFFF, dx & 0xFFFF, si & 0xFFFF, di & 0xFFFF, bp & 0xFFFF, state.sp,
                state.cs, ds & 0xFFFF, es & 0xFFFF, state.ss, state.ip, state.flags & 0xFFFF, state.cs, state.ip, at,
                code, now, instructions, interrupts);
    }
}
