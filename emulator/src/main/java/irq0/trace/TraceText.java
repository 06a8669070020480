package irq0.trace;

import irq0.time.VirtualTime;

/** The one-line text form of a trace event, shared by the trace file and test failure messages. */
public final class TraceText {
    private TraceText() {
    }

    /**
     * {@code "   0.010000838      11932 out 0x20 0x20"}: virtual seconds with nanoseconds, the
     * PIT clock, the event and its arguments.
     */
    public static void append(StringBuilder sb, long time, int kind, int a, int b) {
        long ns = VirtualTime.toNanos(time);
        String secs = Long.toString(ns / 1_000_000_000L);
        for (int i = secs.length(); i < 4; i++) {
            sb.append(' ');
        }
        sb.append(secs).append('.');
        String frac = Long.toString(ns % 1_000_000_000L);
        for (int i = frac.length(); i < 9; i++) {
            sb.append('0');
        }
        sb.append(frac).append(' ');
        String clk = Long.toString(time);
        for (int i = clk.length(); i < 10; i++) {
            sb.append(' ');
        }
        sb.append(clk).append(' ').append(TraceEvent.name(kind));
        switch (kind) {
            case TraceEvent.PORT_IN:
            case TraceEvent.PORT_OUT:
            case TraceEvent.UNMAPPED_OUT:
                sb.append(' ').append(hex(a, 4)).append(' ').append(hex(b, 2));
                break;
            case TraceEvent.UNMAPPED_IN:
                sb.append(' ').append(hex(a, 4));
                break;
            case TraceEvent.PIN:
                sb.append(' ').append(Pins.name(a)).append(' ').append(b);
                break;
            case TraceEvent.INTA:
                sb.append(' ').append(hex(a, 2)).append(b != 0 ? " spurious" : "");
                break;
            case TraceEvent.INT_ENTRY:
                sb.append(' ').append(hex(a, 2));
                if (b >= 0) {
                    sb.append(" irq=").append(b);
                }
                break;
            case TraceEvent.INT_EXIT:
            case TraceEvent.POST:
                sb.append(' ').append(hex(a, 2));
                break;
            case TraceEvent.DO_IRQ:
                sb.append(" irq=").append(a);
                break;
            case TraceEvent.BH_RUN:
                sb.append(" nr=").append(a);
                break;
            case TraceEvent.TASK_RUN:
                sb.append(" routine=").append(hex(a & 0xFFFFFFFFL, 8)).append(" queue=").append(KernelSlice.queueName(b));
                break;
            case TraceEvent.PROCESS_STATE:
                sb.append(" pid=").append(a).append(b == TraceEvent.SLEEP ? " sleeps" : b == TraceEvent.WAKE_UP ? " wakes up" : " exits");
                break;
            case TraceEvent.KERNEL_START:
                sb.append(" HZ=").append(a);
                break;
            case TraceEvent.DIAGNOSTIC:
                sb.append(" code=").append(a).append(b == 0 ? " PIC1" : " PIC2");
                break;
            case TraceEvent.ENTER:
            case TraceEvent.LEAVE:
                sb.append(' ').append(KernelSlice.name(a)).append(" arg=").append(b);
                break;
            default:
                sb.append(' ').append(a).append(' ').append(b);
                break;
        }
    }

    public static String line(long time, int kind, int a, int b) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, time, kind, a, b);
        return sb.toString();
    }

    private static String hex(long v, int digits) {
        String s = Long.toHexString(v);
        StringBuilder sb = new StringBuilder(digits + 2).append("0x");
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }
}
