; stishadow.asm: a boot sector for the STI shadow with a request already pending. With IF=0 it
; lets IRQ0 become pending (PIT counter 0 mode 0, count 50), spins well past it, then runs
; "sti; inc bx; inc bx". The 8086 family takes the interrupt after the instruction that follows
; STI, never before it and never later: the handler must see BX = 1, and exits with it
; (exit code (1 << 1) | 1 = 3).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor bx, bx
        xor ax, ax
        mov ds, ax
        set_vector 0x08, irq0
        mov al, 0xFE
        out PIC1_DATA, al
        mov al, 0x30                    ; counter 0, LSB then MSB, mode 0
        out PIT_CTRL, al
        mov al, 50
        out PIT_CH0, al
        xor al, al
        out PIT_CH0, al
        mov cx, 200
.spin:  loop .spin
        sti
        inc bx                          ; in the STI's shadow: runs first
        inc bx                          ; must not run before the interrupt
        inc bx
        mov al, 0x7F
        out DEBUG_EXIT, al
        hlt

irq0:   mov al, bl
        out DEBUG_EXIT, al
        hlt
        times 510 - ($ - $$) db 0
        dw 0xAA55
