package irq0.pit;

/**
 * A one-CLK-pulse-at-a-time model of the 82C54 / 8253, written straight from the datasheets'
 * mode descriptions with no attempt at speed: the yardstick the O(1) {@link Pit8254} is checked
 * against. It follows the same documented choices where the datasheets are silent (see
 * {@link Pit8254}'s class comment). Per pulse: sample GATE and the trigger flip-flop (rising
 * edge), then load / count / change OUT (falling edge).
 */
final class ReferencePit {
    private final boolean i8253;
    private final Ctr[] ctr = {new Ctr(), new Ctr(), new Ctr()};

    ReferencePit(Pit8254.Variant variant) {
        i8253 = variant == Pit8254.Variant.I8253;
        for (Ctr c : ctr) {
            c.controlWord(0x30);
        }
    }

    int read(int a) {
        return a == 3 ? 0xFF : ctr[a].read();
    }

    void write(int a, int v) {
        v &= 0xFF;
        if (a < 3) {
            ctr[a].write(v);
        } else if ((v >> 6) == 3) {
            if (!i8253) {
                for (int c = 0; c < 3; c++) {
                    if ((v & (2 << c)) != 0) {
                        if ((v & 0x20) == 0 && !ctr[c].latched) {
                            ctr[c].latched = true;
                            ctr[c].ol = ctr[c].ce;
                        }
                        if ((v & 0x10) == 0 && !ctr[c].statusLatched) {
                            ctr[c].statusLatched = true;
                            ctr[c].status = (ctr[c].out ? 0x80 : 0) | (ctr[c].nullCount ? 0x40 : 0) | ctr[c].cw;
                        }
                    }
                }
            }
        } else if ((v & 0x30) == 0) {
            Ctr c = ctr[v >> 6];
            if (!c.latched) {
                c.latched = true;
                c.ol = c.ce;
            }
        } else {
            ctr[v >> 6].controlWord(v);
        }
    }

    void setGate(int c, boolean level) {
        Ctr k = ctr[c];
        if (level && !k.gate) {
            k.trigger = true;
        }
        k.gate = level;
        if (!level && (k.mode == 2 || k.mode == 3)) {
            k.setOut(true);
        }
    }

    boolean out(int c) {
        return ctr[c].out;
    }

    long risingEdges(int c) {
        return ctr[c].rising;
    }

    void clock() {
        for (Ctr c : ctr) {
            c.pulse();
        }
    }

    private final class Ctr {
        int cw;
        int mode;
        int rw;
        boolean bcd;
        int cr;
        int ce;
        int ol;
        boolean latched;
        int status;
        boolean statusLatched;
        boolean readHigh;
        boolean writeHigh;
        boolean nullCount;
        boolean out;
        boolean gate = true;
        boolean trigger;
        boolean haveCount;
        boolean loadNext;
        boolean running;
        boolean strobeDone;
        boolean odd;
        long rising;

        void setOut(boolean level) {
            if (level && !out) {
                rising++;
            }
            out = level;
        }

        void controlWord(int v) {
            cw = v & 0x3F;
            rw = (v >> 4) & 3;
            mode = (v >> 1) & 7;
            if (mode == 6) {
                mode = 2;
            } else if (mode == 7) {
                mode = 3;
            }
            bcd = (v & 1) == 1;
            cr = 0;
            latched = false;
            readHigh = false;
            writeHigh = false;
            nullCount = true;
            trigger = false;
            haveCount = false;
            loadNext = false;
            running = false;
            strobeDone = false;
            setOut(mode != 0);
        }

        int read() {
            if (statusLatched) {
                statusLatched = false;
                return status;
            }
            int v = latched ? ol : ce;
            int b;
            if (rw == 1) {
                b = v & 0xFF;
                latched = false;
            } else if (rw == 2) {
                b = v >> 8;
                latched = false;
            } else if (!readHigh) {
                b = v & 0xFF;
                readHigh = true;
            } else {
                b = v >> 8;
                readHigh = false;
                latched = false;
            }
            return b;
        }

        void write(int v) {
            boolean complete;
            if (rw == 1) {
                cr = (cr & 0xFF00) | v;
                complete = true;
            } else if (rw == 2) {
                cr = (cr & 0xFF) | (v << 8);
                complete = true;
            } else if (!writeHigh) {
                cr = (cr & 0xFF00) | v;
                writeHigh = true;
                complete = false;
            } else {
                cr = (cr & 0xFF) | (v << 8);
                writeHigh = false;
                complete = true;
            }
            boolean first = rw != 3 || writeHigh;
            if (first && mode == 0) {
                // 8253: the first byte stops counting; 82C54: only before terminal count
                if (i8253 || !out) {
                    running = false;
                }
                setOut(false);
            }
            if (complete) {
                nullCount = true;
                haveCount = true;
                if (mode == 0 || mode == 4 || ((mode == 2 || mode == 3) && !running)) {
                    loadNext = true;
                }
            }
        }

        /** One decrement of CE: binary, or BCD digit by digit (a digit at 0 becomes 9 and borrows). */
        void dec() {
            if (!bcd) {
                ce = (ce - 1) & 0xFFFF;
                return;
            }
            int shift = 0;
            while (shift < 16) {
                int d = (ce >> shift) & 0xF;
                if (d > 0) {
                    ce = (ce & ~(0xF << shift)) | ((d - 1) << shift);
                    return;
                }
                ce = (ce & ~(0xF << shift)) | (9 << shift);
                shift += 4;
            }
        }

        void load() {
            ce = cr;
            if (mode == 3 && !i8253 && (cr & 1) == 1) {
                ce = cr - 1;
            }
            odd = (cr & 1) == 1;
            nullCount = false;
            loadNext = false;
            running = true;
            strobeDone = false;
        }

        void pulse() {
            boolean g = gate;
            boolean t = trigger;
            trigger = false;
            if (mode == 0) {
                if (loadNext) {
                    load();
                } else if (running && g) {
                    dec();
                    if (ce == 0) {
                        setOut(true);
                    }
                }
            } else if (mode == 1) {
                if (t && haveCount) {
                    load();
                    setOut(false);
                } else if (running) {
                    dec();
                    if (ce == 0) {
                        setOut(true);
                    }
                }
            } else if (mode == 2) {
                if (loadNext || (t && haveCount)) {
                    load();
                    setOut(true);
                } else if (running && g) {
                    if (ce == 1) {
                        load();
                        setOut(true);
                    } else {
                        dec();
                        if (ce == 1) {
                            setOut(false);
                        }
                    }
                }
            } else if (mode == 3) {
                if (loadNext || (t && haveCount)) {
                    load();
                    setOut(true);
                } else if (running && g) {
                    squareWave();
                }
            } else {
                if (!out) {
                    setOut(true);
                }
                boolean loadNow = mode == 4 ? loadNext : (t && haveCount);
                if (loadNow) {
                    load();
                } else if (running && (g || mode == 5)) {
                    dec();
                    if (ce == 0 && !strobeDone) {
                        strobeDone = true;
                        setOut(false);
                    }
                }
            }
        }

        void squareWave() {
            if (i8253) {
                // decrement by 1 (odd, high) or 3 (odd, low) on the first pulse of a half, else by 2;
                // the half ends when the count runs out
                int by = (ce & 1) == 0 ? 2 : (out ? 1 : 3);
                for (int i = 0; i < by; i++) {
                    dec();
                    if (ce == 0) {
                        load();
                        setOut(!out);
                        return;
                    }
                }
                return;
            }
            boolean expires = odd && out ? ce == 0 : ce == 2 || (odd && ce == 0);
            if (expires) {
                load();
                setOut(!out);
            } else {
                dec();
                dec();
            }
        }
    }
}
