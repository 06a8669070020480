; softint.asm: a boot sector that checks real-mode software interrupts and CPU exceptions go
; through the IVT: INT 60h to a handler that returns a value in AX; five divide errors (#DE,
; vector 0) whose handler counts them and repairs the divisor, so the DIV, restarted as on an
; 80286, then succeeds; INT3 (one-byte form). Prints what it saw and exits with value 0x2A
; (exit code 0x55) if all is as expected, 0x01 (exit code 3) otherwise.
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7C00
        set_vector 0x60, int60
        set_vector 0x00, divide_error
        set_vector 0x03, breakpoint

        mov ax, 0x1234
        int 0x60                ; AX <- AX + 1
        cmp ax, 0x1235
        jne fail
        mov si, msg_int
        call puts

        mov cx, 5
.div:   xor bx, bx              ; divisor 0: #DE, the handler sets BX = 1
        mov ax, 100
        xor dx, dx
        div bx
        cmp ax, 100
        jne fail
        loop .div
        cmp word [divides], 5
        jne fail
        mov si, msg_div
        call puts

        int3
        cmp byte [breaks], 1
        jne fail
        mov si, msg_int3
        call puts

        mov al, 0x2A
        out DEBUG_EXIT, al
        hlt
fail:   mov si, msg_fail
        call puts
        mov al, 0x01
        out DEBUG_EXIT, al
        hlt

int60:  inc ax
        iret
divide_error:
        inc word [divides]
        mov bx, 1
        iret
breakpoint:
        inc byte [breaks]
        iret

puts:   lodsb
        test al, al
        jz .done
        out DEBUG_CON, al
        jmp puts
.done:  ret

divides: dw 0
breaks:  db 0
msg_int:  db "int 60h: ok", 10, 0
msg_div:  db "divide error x5: ok", 10, 0
msg_int3: db "int3: ok", 10, 0
msg_fail: db "FAILED", 10, 0
        times 510 - ($ - $$) db 0
        dw 0xAA55
