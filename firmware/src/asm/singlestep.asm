; singlestep.asm: a boot sector that single-steps through four instructions with TF=1. The
; 8086 family traps (vector 1) after each instruction executed with TF set, returning to the next
; one; the handler counts the traps and the last instruction clears TF (POPF), after which it
; traps once more (the POPF itself ran with TF=1). Exits with the count (exit code (5 << 1) | 1).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7C00
        set_vector 0x01, trap
        pushf
        pop ax
        mov bx, ax              ; FLAGS with TF clear, for later
        or ax, 0x0100
        push bx
        push ax
        popf                    ; TF=1 from here: traps after each following instruction
        inc cx                  ; 1
        inc cx                  ; 2
        inc cx                  ; 3
        inc cx                  ; 4
        popf                    ; 5: TF=0 again (the POPF ran with TF=1: one more trap)
        inc cx                  ; no trap
        mov al, [steps]
        out DEBUG_EXIT, al
        hlt

trap:   inc byte [steps]
        iret

steps:  db 0
        times 510 - ($ - $$) db 0
        dw 0xAA55
