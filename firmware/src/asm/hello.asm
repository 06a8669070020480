; hello.asm: the smallest boot sector irq0 runs: prints through the debug console
; (port 0xE9) and ends the run through the isa-debug-exit port (0xF4) with code 0.
; Also runs unchanged on QEMU (-device isa-debug-exit,iobase=0xf4 -debugcon stdio).
        bits 16
        org 0x7C00
start:  cli
        xor ax, ax
        mov ds, ax
        mov si, msg
.next:  lodsb
        test al, al
        jz .done
        out 0xE9, al
        jmp .next
.done:  xor al, al
        out 0xF4, al            ; exit code (0 << 1) | 1 = 1 on QEMU and irq0
        hlt
msg:    db "hello from the boot sector", 10, 0
        times 510 - ($ - $$) db 0
        dw 0xAA55
