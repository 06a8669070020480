package irq0.cpu;

import irq0.cpu.unicorn.X86;

/**
 * The kernel gates: HLTs at addresses the firmware publishes ({@link FirmwareLayout}), where the
 * machine calls the Java kernel ({@link KernelGate}) instead of halting. See DEVELOPERS.md for why
 * a HLT and not an OUT or {@code uc_emu_start}'s {@code until}.
 */
final class Gates {
    private final FirmwareLayout layout;
    private final KernelGate kernel;
    private final CpuState state;
    private final CpuClock clock;
    private final InterruptEntry interrupts;
    private final BiosServices bios;
    private boolean kernelStarted;

    /** {@code layout} null: firmware without gates. */
    Gates(FirmwareLayout layout, KernelGate kernel, CpuState state, CpuClock clock, InterruptEntry interrupts,
            BiosServices bios) {
        this.layout = layout;
        this.kernel = kernel;
        this.state = state;
        this.clock = clock;
        this.interrupts = interrupts;
        this.bios = bios;
    }

    boolean kernelStarted() {
        return kernelStarted;
    }

    boolean isGate(long linear) {
        return layout != null && layout.isGate(linear);
    }

    /**
     * True if a run from {@code begin} that executed {@code executed} instructions, the last at
     * {@code last}, was exactly the firmware's kernel idle loop after the idle gate: {@code jmp}
     * to {@code sti; hlt}, which changes IP and sets IF and nothing else. The bytes are checked,
     * so a guest that rewrote them is read back as usual.
     */
    boolean ranIdleLoop(long begin, long executed, long last) {
        if (layout == null || executed != 3 || state.cs != FirmwareLayout.SEGMENT) {
            return false;
        }
        long gate = layout.idleGate();
        return begin == gate + 1 && last == gate - 1 && state.byteAt(gate + 1) == 0xEB
                && state.byteAt(gate + 2) == ((gate - 2 - (gate + 3)) & 0xFF)
                && state.byteAt(gate - 2) == Opcodes.STI && state.byteAt(gate - 1) == Opcodes.HLT;
    }

    /** IP after the idle loop's HLT: the idle gate's offset. */
    int idleLoopStopIp() {
        return (int) (layout.idleGate() - FirmwareLayout.SEGMENT * 16L);
    }

    /** The CPU is about to execute a gate's HLT: call the kernel without running it. */
    boolean enterGateAtStart() {
        if (layout == null) {
            return false;
        }
        long address = state.linearIp();
        if (!layout.isGate(address)) {
            return false;
        }
        state.ip = (state.ip + 1) & 0xFFFF;
        clock.charge(1);
        state.dirty = true;
        state.javaRanLast = true;
        gate(address);
        return true;
    }

    /** The gate's HLT at {@code address} has run: enter the kernel. */
    void gate(long address) {
        int irq = layout.irqOfGate(address);
        int vector = irq >= 0 ? -1 : layout.biosVectorOfGate(address);
        if (vector >= 0) {
            if (bios.call(vector)) {
                interrupts.returnFromInterrupt(); // the stub's IRET, with the result flags
            } else {
                // INT 16h waiting for a key: the caller is not returned to
                state.cs = FirmwareLayout.SEGMENT;
                state.ip = layout.keyWaitOffset();
                state.dirty = true;
            }
        } else if (irq >= 0) {
            if (kernelStarted) {
                kernel.interrupt(irq);
            }
            if (state.byteAt(address + 1) == Opcodes.IRET) {
                interrupts.returnFromInterrupt();
            }
        } else if (address == layout.startKernelGate()) {
            boolean takeOver = kernel != null;
            if (takeOver) {
                kernelStarted = true;
                kernel.startKernel(this::setInterruptGate);
            }
            state.cpu.writeRegister(X86.REG_AX, takeOver ? 1 : 0);
        } else if (address == layout.idleGate()) {
            if (kernelStarted) {
                kernel.idle();
            }
        }
    }

    private void setInterruptGate(int vector, int irq) {
        if (vector < 0 || vector > 255 || irq < 0 || irq > 15) {
            throw new IllegalArgumentException("interrupt gate: vector 0-255 and irq 0-15, not " + vector + "/" + irq);
        }
        state.ram.putShort(vector * 4, (short) layout.irqGateOffset(irq));
        state.ram.putShort(vector * 4 + 2, (short) FirmwareLayout.SEGMENT);
    }
}
