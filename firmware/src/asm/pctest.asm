; pctest.asm: a test ROM (boot sector) that measures the timer hardware from x86 code and prints
; what it finds to the debug console (port 0xE9); irq0's tests compare the text with a golden
; file. Booted by the BIOS, so the master PIC is at vector base 0x08 and IRQ0 is vector 0x08.
;
;  1. PIT counter 2 (mode 2, GATE2 high) latched before and after a known stretch of code: the
;     number of PIT clocks that 107 instructions take. A clock measuring a stretch that is not a
;     whole number of its periods reads the floor or the ceiling of it by where in a period the
;     first latch falls, so the ROM fixes that phase first: it waits in HLT for an IRQ0 edge, and
;     irq0 restarts the CPU's cycle phase at the clock that wakes a HLT (DEVELOPERS.md, virtual
;     time on the CPU); from there on the phase depends only on this ROM's own instructions.
;  2. Interrupt latency: counter 0 in mode 0 (interrupt on terminal count); the IRQ0 handler's
;     first act is to latch counter 0, which has gone on counting down past 0: 0 - count = the
;     PIT clocks from the OUT0 edge to that latch, waiting in "sti; hlt" and in a NOP loop.
;  3. The 8254 read-back status byte of counter 0 (OUT, null count, mode).
;  4. A level-triggered request that goes away before the CPU can take it (the setting of the
;     8259A's spurious-IR7 case): seen in the IRR with IF=0, gone again, then IF=1: the vector the
;     CPU gets (00 = none) and the ISR its handler read (FF = no handler ran).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7C00
        set_vector 0x08, irq0
        set_vector 0x0F, irq7

        ; ---- 0. fix the clock phase: wake from HLT at OUT0's edge ----
        mov al, 0xFE            ; IRQ0 only
        out PIC1_DATA, al
        call arm_counter0
        sti
        hlt                     ; the handler EOIs; counter 0 then stays high (mode 0)
        cli

        ; ---- 1. counter 2 around 107 instructions ----
        in al, SYS_CTRL_B
        or al, 0x01             ; GATE2 high, speaker data off
        and al, 0xFD
        out SYS_CTRL_B, al
        mov al, 0xB4            ; counter 2, LSB then MSB, mode 2
        out PIT_CTRL, al
        mov al, 0xFF
        out PIT_CH2, al
        out PIT_CH2, al
        times 4 nop             ; let the count load
        mov al, 0x80            ; counter latch, counter 2
        out PIT_CTRL, al        ; latch 1
        in al, PIT_CH2
        mov bl, al
        in al, PIT_CH2
        mov bh, al
        mov cx, 50
.wait:  nop
        loop .wait
        mov al, 0x80
        out PIT_CTRL, al        ; latch 2: 107 instructions after latch 1
        in al, PIT_CH2
        mov cl, al
        in al, PIT_CH2
        mov ch, al
        sub bx, cx
        mov si, msg_pit
        call puts
        mov ax, bx
        call putdec
        mov si, msg_clocks
        call puts

        ; ---- 2. interrupt latency (IRQ0 only, unmasked since 0) ----
        mov byte [mode], 0
        call arm_counter0
        sti
        hlt                     ; woken by IRQ0: the handler measured the latency
        cli
        mov si, msg_lat_hlt
        call puts
        mov ax, [latency]
        call putdec
        mov si, msg_clocks
        call puts

        mov byte [mode], 0
        call arm_counter0
        sti
.spin:  cmp byte [mode], 1      ; the handler sets mode 1
        jne .spin
        cli
        mov si, msg_lat_loop
        call puts
        mov ax, [latency]
        call putdec
        mov si, msg_clocks
        call puts

        ; ---- 3. read-back status of counter 0 (mode 0, after terminal count) ----
        mov al, 0xE2            ; read-back: latch status only, counter 0
        out PIT_CTRL, al
        in al, PIT_CH0
        mov bl, al
        mov si, msg_status
        call puts
        mov al, bl
        call puthex8
        mov si, msg_nl
        call puts

        ; ---- 4. spurious IRQ7 ----
        mov al, 0x19            ; ICW1: level triggered, cascade, ICW4
        out PIC1_CMD, al
        mov al, 0x08
        out PIC1_DATA, al
        mov al, 0x04
        out PIC1_DATA, al
        mov al, 0x01
        out PIC1_DATA, al
        mov al, 0x7E            ; IRQ0 and IRQ7 enabled
        out PIC1_DATA, al
        mov byte [vector_seen], 0
        mov byte [isr_seen], 0xFF
        mov al, 0x36            ; counter 0, mode 3, count 200: OUT0 high 100, low 100 clocks
        out PIT_CTRL, al
        mov al, 200
        out PIT_CH0, al
        xor al, al
        out PIT_CH0, al
        mov al, OCW3_IRR
        out PIC1_CMD, al
.high:  in al, PIC1_CMD         ; wait for the level request in the IRR
        test al, 0x01
        jz .high
.low:   in al, PIC1_CMD         ; and for it to go away again (OUT0 low)
        test al, 0x01
        jnz .low
        mov al, 0x30            ; counter 0 to mode 0 with no count: OUT0 stays low
        out PIT_CTRL, al
        sti
        times 8 nop
        cli
        mov si, msg_spurious
        call puts
        mov al, [vector_seen]
        call puthex8
        mov si, msg_isr
        call puts
        mov al, [isr_seen]
        call puthex8
        mov si, msg_nl
        call puts

        xor al, al
        out DEBUG_EXIT, al
        hlt

; Counter 0, mode 0, count 1000: OUT0 rises 1000 clocks after the count is loaded.
arm_counter0:
        mov al, 0x30
        out PIT_CTRL, al
        mov al, 1000 & 0xFF
        out PIT_CH0, al
        mov al, 1000 >> 8
        out PIT_CH0, al
        ret

irq0:   push ax
        mov al, 0x00            ; counter latch, counter 0: the first thing done
        out PIT_CTRL, al
        in al, PIT_CH0
        mov ah, al
        in al, PIT_CH0
        xchg al, ah
        neg ax                  ; clocks since the count passed 0
        mov [latency], ax
        mov byte [vector_seen], 0x08
        mov al, OCW3_ISR
        out PIC1_CMD, al
        in al, PIC1_CMD
        mov [isr_seen], al
        mov al, EOI
        out PIC1_CMD, al
        mov byte [mode], 1
        pop ax
        iret

irq7:   push ax
        mov byte [vector_seen], 0x0F
        mov al, OCW3_ISR
        out PIC1_CMD, al
        in al, PIC1_CMD
        mov [isr_seen], al      ; 0 for a spurious IR7: no EOI then
        pop ax
        iret

puts:   lodsb
        test al, al
        jz .done
        out DEBUG_CON, al
        jmp puts
.done:  ret

; AX in decimal
putdec: push bx
        push cx
        push dx
        mov bx, 10
        xor cx, cx
.div:   xor dx, dx
        div bx
        push dx
        inc cx
        test ax, ax
        jnz .div
.out:   pop ax
        add al, '0'
        out DEBUG_CON, al
        loop .out
        pop dx
        pop cx
        pop bx
        ret

; AL as two hex digits
puthex8:
        push ax
        shr al, 4
        call .digit
        pop ax
        and al, 0x0F
.digit: cmp al, 10
        jb .num
        add al, 'A' - 10 - '0'
.num:   add al, '0'
        out DEBUG_CON, al
        ret

mode:        db 0
vector_seen: db 0
isr_seen:    db 0
latency:     dw 0
msg_pit:      db "pit 107 insns: ", 0
msg_clocks:   db " clk", 10, 0
msg_lat_hlt:  db "lat hlt: ", 0
msg_lat_loop: db "lat loop: ", 0
msg_status:   db "st0: ", 0
msg_spurious: db "gone: ", 0
msg_isr:      db " isr ", 0
msg_nl:       db 10, 0
        times 510 - ($ - $$) db 0
        dw 0xAA55
