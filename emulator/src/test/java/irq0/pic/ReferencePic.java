package irq0.pic;

/**
 * A deliberately plain 8259A for differential tests: one boolean per latch, the priority order
 * kept as an explicit list of levels, the data sheet's rules written out one by one. It shares
 * no code with {@link Pic8259} and trades speed for being easy to check by eye.
 */
public final class ReferencePic {
    final boolean[] line = new boolean[8];
    /** Edge-sense latch: armed while the line has been low since the last acknowledge or ICW1. */
    final boolean[] armed = new boolean[8];
    final boolean[] inService = new boolean[8];
    final boolean[] masked = new boolean[8];
    /** order[0] has the highest priority, order[7] the lowest. */
    final int[] order = {0, 1, 2, 3, 4, 5, 6, 7};

    boolean level;
    boolean single = true;
    boolean needIcw4;
    int base;
    int icw3;
    int id = 7;
    boolean aeoi;
    boolean buf;
    boolean ms;
    boolean sfnm;
    /** 0 ready, else the number of the ICW expected next. */
    int expecting;
    boolean rotateAeoi;
    boolean smm;
    boolean readIsr;
    boolean poll;
    boolean strappedSlave;
    ReferencePic slave;
    /** The master whose IR2 this chip's INT drives (the PC/AT cascade), or null. */
    ReferencePic intWiredTo;
    int slaveAt = -1;

    /** The PC/AT wiring: {@code slave}'s INT on this chip's IR2, its SP/EN strapped low. */
    public void attachSlave(ReferencePic s) {
        slave = s;
        s.strappedSlave = true;
        s.intWiredTo = this;
    }

    public ReferencePic() {
        for (int i = 0; i < 8; i++) {
            armed[i] = true;
        }
    }

    boolean requesting(int ir) {
        return level ? line[ir] : line[ir] && armed[ir];
    }

    public int irr() {
        int v = 0;
        for (int i = 0; i < 8; i++) {
            if (requesting(i)) {
                v |= 1 << i;
            }
        }
        return v;
    }

    public int isr() {
        int v = 0;
        for (int i = 0; i < 8; i++) {
            if (inService[i]) {
                v |= 1 << i;
            }
        }
        return v;
    }

    public int imr() {
        int v = 0;
        for (int i = 0; i < 8; i++) {
            if (masked[i]) {
                v |= 1 << i;
            }
        }
        return v;
    }

    void setLowest(int lowest) {
        for (int i = 0; i < 8; i++) {
            order[i] = (lowest + 1 + i) % 8;
        }
    }

    boolean master() {
        return !single && (buf ? ms : !strappedSlave);
    }

    boolean actsAsSlave() {
        return !single && (buf ? !ms : strappedSlave);
    }

    boolean isSlaveLine(int ir) {
        return master() && (icw3 >> ir & 1) == 1;
    }

    /** Walks the priority order from the top: the first request found wins, an IS level stops. */
    int resolve() {
        for (int i = 0; i < 8; i++) {
            int ir = order[i];
            boolean blocks = inService[ir] && !(smm && masked[ir]);
            boolean wants = requesting(ir) && !masked[ir];
            if (blocks) {
                return wants && sfnm && isSlaveLine(ir) ? ir : -1;
            }
            if (wants) {
                return ir;
            }
        }
        return -1;
    }

    public boolean intOut() {
        return resolve() >= 0;
    }

    public void setIrq(int ir, boolean high) {
        line[ir] = high;
        if (!high) {
            armed[ir] = true;
        }
    }

    public int read(int a0) {
        if (poll) {
            poll = false;
            int ir = resolve();
            if (ir < 0) {
                return 0;
            }
            take(ir);
            return 0x80 | ir;
        }
        if (a0 == 1) {
            return imr();
        }
        return readIsr ? isr() : irr();
    }

    private void take(int ir) {
        inService[ir] = true;
        armed[ir] = false;
        if (aeoi) {
            inService[ir] = false;
            if (rotateAeoi) {
                setLowest(ir);
            }
        }
    }

    public int inta() {
        int ir = resolve();
        if (ir < 0) {
            return (base & 0xf8) | 7;
        }
        inService[ir] = true;
        armed[ir] = false;
        int vector;
        if (isSlaveLine(ir)) {
            vector = slave != null && slave.actsAsSlave() && slave.id == ir ? slave.inta() : 0xff;
        } else {
            vector = (base & 0xf8) | ir;
        }
        if (aeoi) {
            inService[ir] = false;
            if (rotateAeoi) {
                setLowest(ir);
            }
        }
        if (intWiredTo != null) {
            // INT is inactive during the INTA sequence and follows the priority resolver after
            // it: the IR line it drives falls, then rises again if a request is still waiting
            intWiredTo.setIrq(2, false);
            intWiredTo.setIrq(2, intOut());
        }
        return vector;
    }

    public void write(int a0, int v) {
        if (a0 == 0 && (v & 0x10) != 0) {
            level = (v & 8) != 0;
            single = (v & 2) != 0;
            needIcw4 = (v & 1) != 0;
            for (int i = 0; i < 8; i++) {
                masked[i] = false;
                inService[i] = false;
                armed[i] = !line[i];
            }
            setLowest(7);
            id = 7;
            smm = false;
            readIsr = false;
            poll = false;
            if (!needIcw4) {
                aeoi = false;
                buf = false;
                ms = false;
                sfnm = false;
            }
            expecting = 2;
        } else if (a0 == 0 && (v & 0x08) == 0) {
            ocw2(v);
        } else if (a0 == 0) {
            if ((v & 0x40) != 0) {
                smm = (v & 0x20) != 0;
            }
            if ((v & 0x02) != 0) {
                readIsr = (v & 1) != 0;
            }
            if ((v & 0x04) != 0) {
                poll = true;
            }
        } else if (expecting == 2) {
            base = v;
            expecting = single ? (needIcw4 ? 4 : 0) : 3;
        } else if (expecting == 3) {
            icw3 = v;
            id = v & 7;
            expecting = needIcw4 ? 4 : 0;
        } else if (expecting == 4) {
            aeoi = (v & 2) != 0;
            ms = (v & 4) != 0;
            buf = (v & 8) != 0;
            sfnm = (v & 16) != 0;
            expecting = 0;
        } else {
            for (int i = 0; i < 8; i++) {
                masked[i] = (v >> i & 1) == 1;
            }
        }
    }

    private void ocw2(int v) {
        int l = v & 7;
        int cmd = v >> 5;
        if (cmd == 0) {
            rotateAeoi = false;
        } else if (cmd == 4) {
            rotateAeoi = true;
        } else if (cmd == 1 || cmd == 5) {
            for (int i = 0; i < 8; i++) {
                int ir = order[i];
                if (inService[ir] && !(smm && masked[ir])) {
                    inService[ir] = false;
                    if (cmd == 5) {
                        setLowest(ir);
                    }
                    break;
                }
            }
        } else if (cmd == 3) {
            inService[l] = false;
        } else if (cmd == 6) {
            setLowest(l);
        } else if (cmd == 7) {
            inService[l] = false;
            setLowest(l);
        }
    }

    public int lowest() {
        return order[7];
    }
}
