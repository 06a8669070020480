; hltwake.asm: a boot sector for the "sti; hlt" race. With IF=0 it lets IRQ0 become pending
; (PIT counter 0 mode 0, count 50: OUT0 rises once, 50 clocks after the count is loaded), spins
; well past that, then executes "sti; hlt". A CPU that takes the pending interrupt only at the
; next timer edge would wait forever (mode 0 gives one edge); the interrupt must come at once,
; after HLT. Its handler exits with value 0x07 (exit code 0x0F).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor ax, ax
        mov ds, ax
        set_vector 0x08, irq0       ; the BIOS left the master at vector base 0x08
        mov al, 0xFE
        out PIC1_DATA, al
        mov al, 0x30                    ; counter 0, LSB then MSB, mode 0
        out PIT_CTRL, al
        mov al, 50
        out PIT_CH0, al
        xor al, al
        out PIT_CH0, al
        mov cx, 200                     ; 200 x 2 instructions: far past the 50 clocks
.spin:  nop
        loop .spin
        sti
        hlt
        mov al, 0x01                    ; reached only if HLT returned without the interrupt
        out DEBUG_EXIT, al
        hlt

irq0:   mov al, 0x07
        out DEBUG_EXIT, al
        hlt
        times 510 - ($ - $$) db 0
        dw 0xAA55
