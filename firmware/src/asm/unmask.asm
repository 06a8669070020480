; unmask.asm: a boot sector for a request made pending by an OUT. With IF=1 and IRQ0 masked in
; the IMR, it lets IRQ0 latch in the IRR (PIT counter 0 mode 0, count 50), then unmasks it with
; "out 0x21" and runs "inc bx; inc bx". The unmask raises INT at once (8259A: IMR bits gate
; the priority resolver, not the IRR), so the CPU takes the interrupt at the first boundary
; after the OUT: the handler must see BX = 0, and exits with it (exit code (0 << 1) | 1 = 1).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor bx, bx
        xor ax, ax
        mov ds, ax
        set_vector 0x08, irq0
        mov al, 0xFF                    ; everything masked
        out PIC1_DATA, al
        mov al, 0x30                    ; counter 0, LSB then MSB, mode 0
        out PIT_CTRL, al
        mov al, 50
        out PIT_CH0, al
        xor al, al
        out PIT_CH0, al
        sti
.wait:  mov al, OCW3_IRR                ; until IR0 is in the IRR
        out PIC1_CMD, al
        in al, PIC1_CMD
        test al, 0x01
        jz .wait
        mov al, 0xFE
        out PIC1_DATA, al               ; unmask IRQ0: INT rises with IF=1
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
