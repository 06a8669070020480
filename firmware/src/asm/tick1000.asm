; tick1000.asm: a boot sector that does what Linux's init_IRQ and time_init do to the timer
; hardware, then counts timer interrupts: PIC pair remapped to vectors 0x20/0x28, PIT counter 0
; in mode 2 with LATCH = 1193 (HZ = 1000, as Linux 2.2's LATCH for CLOCK_TICK_RATE 1193180).
; Its IRQ0 handler counts ticks; at the 1000th it ends the run through isa-debug-exit with
; value 0x10 (exit code 0x21). Also runs on QEMU (-device isa-debug-exit,iobase=0xf4).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"
HZ      equ 1000
LATCH   equ 1193
TICKS   equ 1000

start:  cli
        xor ax, ax
        mov ds, ax
        set_vector 0x20, irq0
        ; ICW1-4 as Linux's init_8259A: master 0x20-0x27, slave 0x28-0x2F
        mov al, 0x11
        out PIC1_CMD, al
        out PIC2_CMD, al
        mov al, 0x20
        out PIC1_DATA, al
        mov al, 0x28
        out PIC2_DATA, al
        mov al, 0x04
        out PIC1_DATA, al
        mov al, 0x02
        out PIC2_DATA, al
        mov al, 0x01
        out PIC1_DATA, al
        out PIC2_DATA, al
        mov al, 0xFE            ; only IRQ0
        out PIC1_DATA, al
        mov al, 0xFF
        out PIC2_DATA, al
        ; time_init: counter 0, LSB then MSB, mode 2, binary
        mov al, 0x34
        out PIT_CTRL, al
        mov al, LATCH & 0xFF
        out PIT_CH0, al
        mov al, LATCH >> 8
        out PIT_CH0, al
idle:   sti
        hlt
        jmp idle

irq0:   push ax
        inc word [ticks]
        mov al, EOI
        out PIC1_CMD, al
        cmp word [ticks], TICKS
        jne .done
        mov al, 0x10
        out DEBUG_EXIT, al
.done:  pop ax
        iret

ticks:  dw 0
        times 510 - ($ - $$) db 0
        dw 0xAA55
