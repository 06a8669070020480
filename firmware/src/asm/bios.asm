; bios.asm: irq0's boot firmware, a 64 KiB image for F000:0000-F000:FFFF.
;
; POST as an IBM PC/AT BIOS does it for the timer-interrupt hardware: a stack, an IVT whose
; vectors all point at handlers, the 8259A pair programmed the AT way (vector bases 0x08 and
; 0x70, slave on IR2), the 8254 programmed as the AT's BIOS leaves it (counter 0 mode 3 count 0
; = 18.2 Hz system timer, counter 1 mode 2 count 18 = DRAM refresh every 15.08 us, counter 2
; mode 3 for the speaker, gated off through port 0x61), POST codes to port 0x80, messages to the
; debug console (0xE9). Its IRQ0 handler keeps the BIOS tick count at 0040:006C.
;
; Then, as the machine set the boot flag in the descriptor (F000:FF05):
;  0: pass the kernel gate (the Java kernel starts: KernelGate.startKernel). If a kernel took over
;     (AX=1), pass the idle gate (process context), then loop "sti; hlt" and pass it again after each
;     wake-up; otherwise loop "sti; hlt" on the BIOS's own 18.2 Hz tick.
;  1: boot from the disk image the machine serves: read its first sector to 0000:7C00 through
;     INT 13h, as a PC BIOS's bootstrap (INT 19h) does, and jump there with DL = the boot drive
;     (0x00 for a floppy-sized image, 0x80 otherwise; the machine writes it at F000:FF0E).
;
; BIOS services (INT 10h-1Ah) are gates too: each vector points at a "hlt; iret" stub whose HLT the
; machine answers in Java (irq0.cpu.BiosServices: INT 13h from the disk image, INT 10h AH=0Eh to
; the console, INT 16h no key, INT 1Ah AH=00h the tick count at 0040:006C) and whose IRET returns
; with the result flags the machine wrote into the caller's FLAGS on the stack. INT 1Eh points at
; the diskette parameter table at the IBM-compatible address F000:EFC7.
;
; A gate is a HLT at an address published in the descriptor: the machine, seeing emulation stop
; after it, calls the kernel instead of halting (see DEVELOPERS.md).
        bits 16
        cpu 286
        org 0
%include "_pc.inc"

BDA_SEG         equ 0x0040
BDA_TICKS       equ 0x006C      ; dword: timer ticks since midnight
BDA_MIDNIGHT    equ 0x0070      ; byte: set when the count passed 24 hours
TICKS_PER_DAY   equ 0x1800B0    ; 1,573,040 ticks of 65536 PIT clocks = 24 h

start:
        cli
        cld
        post 0x01
        xor ax, ax
        mov ss, ax
        mov sp, 0x7C00          ; the stack grows down from the boot sector's address
        mov ds, ax
        mov es, ax

        ; ---- interrupt vector table: every vector has a handler ----
        post 0x02
        xor di, di
        mov cx, 256
.ivt:   mov word [di], dummy_iret
        mov word [di + 2], cs
        add di, 4
        loop .ivt
        mov word [0x08 * 4], irq0_handler
        mov di, 0x09 * 4        ; IRQ1-7: vectors 0x09-0x0F
        mov cx, 7
.m:     mov word [di], master_default
        add di, 4
        loop .m
        mov di, 0x70 * 4        ; IRQ8-15: vectors 0x70-0x77
        mov cx, 8
.s:     mov word [di], slave_default
        add di, 4
        loop .s
        mov di, 0x10 * 4        ; BIOS services INT 10h-1Ah: their gate stubs, 2 bytes apart
        mov ax, bios_gates
        mov cx, BIOS_SERVICES
.b:     mov word [di], ax
        add ax, 2
        add di, 4
        loop .b
        mov word [0x1E * 4], diskette_parameters

        ; ---- BIOS data area: tick count and midnight flag cleared ----
        mov word [BDA_SEG * 16 + BDA_TICKS], 0
        mov word [BDA_SEG * 16 + BDA_TICKS + 2], 0
        mov byte [BDA_SEG * 16 + BDA_MIDNIGHT], 0

        ; ---- 8259A pair, the IBM AT way ----
        post 0x03
        mov al, 0x11            ; ICW1: edge triggered, cascade, ICW4 needed
        out PIC1_CMD, al
        out PIC2_CMD, al
        mov al, 0x08            ; ICW2: master vectors 0x08-0x0F
        out PIC1_DATA, al
        mov al, 0x70            ; ICW2: slave vectors 0x70-0x77
        out PIC2_DATA, al
        mov al, 0x04            ; ICW3 master: a slave on IR2
        out PIC1_DATA, al
        mov al, 0x02            ; ICW3 slave: its cascade identity is 2
        out PIC2_DATA, al
        mov al, 0x01            ; ICW4: 8086 mode, normal EOI
        out PIC1_DATA, al
        out PIC2_DATA, al
        mov al, 0xFA            ; OCW1: IRQ0 (timer) and IRQ2 (cascade) enabled
        out PIC1_DATA, al
        mov al, 0xFF            ; OCW1: slave lines masked until a driver wants them
        out PIC2_DATA, al

        ; ---- 8254 ----
        post 0x04
        mov al, 0x36            ; counter 0, LSB then MSB, mode 3, binary
        out PIT_CTRL, al
        xor al, al              ; count 0 = 65536: 1193182 / 65536 = 18.2 Hz
        out PIT_CH0, al
        out PIT_CH0, al
        mov al, 0x54            ; counter 1, LSB only, mode 2, binary
        out PIT_CTRL, al
        mov al, 18              ; refresh request every 18 clocks (15.08 us)
        out PIT_CH1, al
        mov al, 0xB6            ; counter 2, LSB then MSB, mode 3, binary
        out PIT_CTRL, al
        mov ax, 1193            ; 1000 Hz beep tone, should anyone open GATE2
        out PIT_CH2, al
        mov al, ah
        out PIT_CH2, al
        in al, SYS_CTRL_B
        and al, 0xFC            ; GATE2 low, speaker data off
        out SYS_CTRL_B, al

        post 0x05
        mov si, msg_banner
        call puts
        cmp byte [cs:desc_boot], 1
        je boot_image

        ; ---- hand over to the Java kernel ----
        post 0x06
gate_start_kernel:
        hlt                     ; gate: KernelGate.startKernel; AX=1 if a kernel took over
        test ax, ax
        ; 2.2's start_kernel ends in cpu_idle(), whose first act is schedule(): init and the
        ; shell run before the idle task first halts, so the idle gate comes before the HLT
        jnz gate_idle
        mov si, msg_no_kernel
        call puts
bios_idle:
        sti
        hlt
        jmp bios_idle

kernel_idle:                    ; Linux's cpu_idle: sti; hlt, then let process context run
        sti
        hlt
gate_idle:
        hlt                     ; gate: KernelGate.idle
        jmp kernel_idle

boot_image:
        post 0x07
        mov si, msg_boot
        call puts
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov bx, 0x7C00          ; ES:BX = 0000:7C00
        mov ax, 0x0201          ; read one sector
        mov cx, 0x0001          ; cylinder 0, sector 1
        xor dh, dh              ; head 0
        mov dl, [cs:desc_drive]
        int 0x13
        jc .failed
        xor ax, ax
        mov dh, 0
        mov dl, [cs:desc_drive] ; DL: the boot drive
        jmp 0x0000:0x7C00
.failed:
        mov si, msg_disk_error
        call puts
        jmp bios_idle

; ---- handlers ----

; IRQ0: the BIOS tick (INT 08h): count at 0040:006C, wrap at 24 hours, EOI.
irq0_handler:
        push ax
        push dx
        push ds
        xor ax, ax
        mov ds, ax
        add word [BDA_SEG * 16 + BDA_TICKS], 1
        adc word [BDA_SEG * 16 + BDA_TICKS + 2], 0
        cmp word [BDA_SEG * 16 + BDA_TICKS + 2], TICKS_PER_DAY >> 16
        jne .eoi
        cmp word [BDA_SEG * 16 + BDA_TICKS], TICKS_PER_DAY & 0xFFFF
        jne .eoi
        mov word [BDA_SEG * 16 + BDA_TICKS], 0
        mov word [BDA_SEG * 16 + BDA_TICKS + 2], 0
        mov byte [BDA_SEG * 16 + BDA_MIDNIGHT], 1
.eoi:   mov al, EOI
        out PIC1_CMD, al
        pop ds
        pop dx
        pop ax
        iret

; IRQ1-7 with no driver: an empty ISR means the 8259A answered IR7 for a request that went away
; (the spurious case): no EOI. Otherwise mask the line, so that it cannot storm, and EOI.
master_default:
        push ax
        push bx
        mov al, OCW3_ISR
        out PIC1_CMD, al
        in al, PIC1_CMD
        test al, al
        jz .done
        mov bl, al
        in al, PIC1_DATA
        or al, bl
        out PIC1_DATA, al
        mov al, EOI
        out PIC1_CMD, al
.done:  pop bx
        pop ax
        iret

; IRQ8-15 with no driver: as above on the slave; the master's IR2 (cascade) is in service either way.
slave_default:
        push ax
        push bx
        mov al, OCW3_ISR
        out PIC2_CMD, al
        in al, PIC2_CMD
        test al, al
        jz .master
        mov bl, al
        in al, PIC2_DATA
        or al, bl
        out PIC2_DATA, al
        mov al, EOI
        out PIC2_CMD, al
.master:
        mov al, EOI
        out PIC1_CMD, al
        pop bx
        pop ax
        iret

; CPU exceptions and software interrupts nobody installed: return. A fault therefore repeats,
; and the machine stops it as a triple fault would.
dummy_iret:
        iret

; Prints the NUL-terminated string at CS:SI to the debug console.
puts:
        push ax
.next:  cs lodsb
        test al, al
        jz .done
        out DEBUG_CON, al
        jmp .next
.done:  pop ax
        ret

msg_banner:    db "irq0 BIOS: POST done (PIC 08h/70h, PIT 18.2 Hz)", 10, 0
msg_no_kernel: db "irq0 BIOS: no kernel; idling on the BIOS tick", 10, 0
msg_boot:      db "irq0 BIOS: booting 0000:7C00", 10, 0
msg_disk_error: db "irq0 BIOS: cannot read the boot sector", 10, 0

; ---- kernel gates for IRQ 0-15: "hlt; iret" each, 2 bytes apart ----
        align 2
irq_gates:
%rep 16
        hlt
        iret
%endrep

; ---- BIOS service gates for INT 10h-1Ah: "hlt; iret" each, 2 bytes apart ----
BIOS_SERVICES   equ 0x1B - 0x10
bios_gates:
%rep BIOS_SERVICES
        hlt
        iret
%endrep
; INT 16h AH=00h/10h waits here for a key that never comes (the machine has no keyboard): the
; machine sends the caller to this loop, which the timer's interrupts still reach.
key_wait:
        sti
        hlt
        jmp key_wait

; ---- diskette parameter table (INT 1Eh) at the IBM PC's address F000:EFC7: 1.44 MB values ----
        times 0xEFC7 - ($ - $$) db 0xFF
diskette_parameters:
        db 0xAF, 0x02           ; specify bytes: step rate, head unload / load, DMA mode
        db 0x25                 ; motor off delay (ticks)
        db 0x02                 ; 512 bytes per sector
        db 18                   ; sectors per track
        db 0x1B                 ; gap length
        db 0xFF                 ; data length
        db 0x6C                 ; format gap length
        db 0xF6                 ; format filler byte
        db 0x0F                 ; head settle time (ms)
        db 0x08                 ; motor start time (1/8 s)

; ---- descriptor (FirmwareLayout) ----
        times 0xFF00 - ($ - $$) db 0xFF
descriptor:
        db "IRQ0"
        db 2                    ; version
desc_boot:
        db 0                    ; boot flag, set by the machine
        dw gate_start_kernel
        dw gate_idle
        dw irq_gates
        dw bios_gates           ; INT 10h-1Ah gates, then key_wait (FirmwareLayout)
desc_drive:
        db 0x80                 ; boot drive, set by the machine

; ---- reset vector: F000:FFF0 ----
        times 0xFFF0 - ($ - $$) db 0xFF
        jmp 0xF000:start
        times 0x10000 - ($ - $$) db 0xFF
