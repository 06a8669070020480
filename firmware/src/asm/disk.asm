; disk.asm: a four-sector disk image whose boot sector loads the rest through the BIOS, as boot
; loaders do: INT 13h AH=02h (CHS) reads sectors 2-3 to 0000:7E00 from the boot drive the BIOS
; passed in DL, then the second stage prints through INT 10h AH=0Eh: the drive's geometry
; (INT 13h AH=08h), sector 4 read by LBA through the EDD extensions (AH=41h, AH=42h) on a hard
; disk, and what an unsupported call (INT 10h AH=00h, set video mode) returns. Exits through
; port 0xF4 with 0 (process status 1).
        bits 16
        cpu 286
        org 0x7C00
%include "_pc.inc"

start:  cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7C00
        mov [drive], dl
        mov ax, 0x0202          ; read 2 sectors
        mov cx, 0x0002          ; cylinder 0, sector 2
        xor dh, dh              ; head 0
        mov bx, 0x7E00          ; ES:BX
        int 0x13
        jc fail
        cmp al, 2
        jne fail
        jmp stage2

fail:   mov si, msg_fail
        call print
        mov al, 1
        out DEBUG_EXIT, al
        hlt

; Prints the NUL-terminated string at DS:SI through INT 10h AH=0Eh.
print:  push ax
        push bx
.next:  lodsb
        test al, al
        jz .done
        mov ah, 0x0E
        xor bx, bx
        int 0x10
        jmp .next
.done:  pop bx
        pop ax
        ret

msg_fail: db "boot sector: INT 13h read failed", 10, 0
drive:    db 0

        times 510 - ($ - $$) db 0
        dw 0xAA55

; ---- sectors 2 and 3, at 0000:7E00 ----
stage2:
        mov si, msg_stage2
        call print
        ; geometry: INT 13h AH=08h
        mov ah, 0x08
        mov dl, [drive]
        int 0x13
        jc fail
        mov si, msg_drive
        call print
        mov al, [drive]
        call hex8
        mov si, msg_heads
        call print
        mov al, dh              ; last head
        call hex8
        mov si, msg_spt
        call print
        mov al, cl
        and al, 0x3F            ; sectors per track
        call hex8
        mov si, msg_nl
        call print
        ; EDD: INT 13h AH=41h, then AH=42h for sector 4 (LBA 3) to 0000:9000
        mov ah, 0x41
        mov bx, 0x55AA
        mov dl, [drive]
        int 0x13
        jc .no_edd
        cmp bx, 0xAA55
        jne .no_edd
        mov si, dap
        mov ah, 0x42
        mov dl, [drive]
        int 0x13
        jc fail
        mov si, 0x9000
        call print              ; sector 4 holds a string
        jmp .unsupported
.no_edd:
        mov si, msg_no_edd
        call print
.unsupported:
        ; an unsupported call: CF set, AH=01h
        mov ax, 0x0003          ; INT 10h AH=00h: set video mode 3
        int 0x10
        jnc fail
        cmp ah, 0x01
        jne fail
        mov si, msg_unsupported
        call print
        xor al, al
        out DEBUG_EXIT, al
        hlt

; Prints AL as two hex digits.
hex8:   push ax
        push bx
        mov bl, al
        shr al, 4
        call .digit
        mov al, bl
        and al, 0x0F
        call .digit
        pop bx
        pop ax
        ret
.digit: add al, '0'
        cmp al, '9'
        jbe .out
        add al, 'A' - '9' - 1
.out:   mov ah, 0x0E
        push bx
        xor bx, bx
        int 0x10
        pop bx
        ret

dap:    db 0x10, 0              ; disk address packet: size, reserved
        dw 1                    ; sectors
        dw 0x9000, 0x0000       ; buffer offset, segment
        dq 3                    ; LBA

msg_stage2:      db "stage 2: loaded by INT 13h AH=02h", 10, 0
msg_drive:       db "drive ", 0
msg_heads:       db "h: last head ", 0
msg_spt:         db "h, sectors per track ", 0
msg_nl:          db "h", 10, 0
msg_no_edd:      db "no EDD on this drive", 10, 0
msg_unsupported: db "INT 10h AH=00h: unsupported (CF=1, AH=01h)", 10, 0

        times 3 * 512 - ($ - $$) db 0

; ---- sector 4 ----
        db "sector 4: read by INT 13h AH=42h (LBA 3)", 10, 0
        times 4 * 512 - ($ - $$) db 0
