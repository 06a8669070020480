; biostick.asm: waits for 18 BIOS ticks by polling INT 1Ah AH=00h (the count the BIOS's IRQ0
; handler keeps at 0040:006C), with interrupts enabled as DOS programs do, then exits through port
; 0xF4 with 0. 18 ticks of the AT's 18.2 Hz timer (65536 PIT clocks each) are 0.989 s.
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  xor ax, ax
        mov ss, ax
        mov sp, 0x7C00
        sti
        xor ah, ah
        int 0x1A                ; CX:DX = ticks now
        mov bx, dx
        add bx, 18              ; the low word suffices for 18 ticks from boot
.wait:  hlt                     ; sleep to the next interrupt
        xor ah, ah
        int 0x1A
        cmp dx, bx
        jb .wait
        xor al, al
        out DEBUG_EXIT, al
        hlt

        times 510 - ($ - $$) db 0
        dw 0xAA55
