package irq0.cli;

import static org.assertj.core.api.Assertions.assertThat;

import irq0.time.VirtualTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: {@code --timeline} is trace-event JSON whose kernel slices nest as 2.2's timer path
 * calls them; {@code --ftrace} is trace-cmd report's text; both the same bytes in every process.
 */
class TimelineTest extends CommandLineTest {
    /** trace-cmd report: "          <idle>-0     [000]     0.010000: irq_handler_entry:    irq=0 name=timer". */
    static final Pattern FTRACE_LINE = Pattern.compile(
            "^ *(?<comm>\\S.{0,15})-(?<pid>\\d+) +\\[(?<cpu>\\d{3})\\] +(?<ts>\\d+\\.\\d{6}): (?<event>[a-z_]+): +(?<fields>.*)$");

    @TempDir
    Path dir;

    /** A slice of the timeline: its track, name, begin and end (virtual microseconds) and children. */
    static final class Slice {
        final long tid;
        final String name;
        final BigDecimal begin;
        BigDecimal end;
        final Slice parent;
        final List<Slice> children = new ArrayList<>();

        Slice(long tid, String name, BigDecimal begin, Slice parent) {
            this.tid = tid;
            this.name = name;
            this.begin = begin;
            this.parent = parent;
        }

        String path() {
            return parent == null ? name : parent.path() + " > " + name;
        }
    }

    /**
     * Reads a timeline: checks that timestamps never go back, that every E closes a B on its own
     * track, that nothing stays open, that each ts is its args.clk's time (or at most a few ns
     * after it, the 1 ns spacing within a clock), and returns every slice.
     */
    @SuppressWarnings("unchecked")
    static List<Slice> slices(String json) {
        Map<String, Object> root = (Map<String, Object>) JsonText.parse(json);
        List<Map<String, Object>> events = (List<Map<String, Object>>) root.get("traceEvents");
        assertThat(events).isNotEmpty();
        Map<Long, Deque<Slice>> open = new HashMap<>();
        List<Slice> all = new ArrayList<>();
        BigDecimal last = BigDecimal.valueOf(-1);
        for (Map<String, Object> e : events) {
            String ph = (String) e.get("ph");
            if (ph.equals("M")) {
                continue;
            }
            BigDecimal ts = (BigDecimal) e.get("ts");
            assertThat(ts).as("timestamps increase: %s", e).isGreaterThan(last);
            last = ts;
            long clk = ((BigDecimal) ((Map<String, Object>) e.get("args")).getOrDefault("clk",
                    BigDecimal.valueOf(-1))).longValueExact();
            if (clk >= 0) {
                BigDecimal clockUs = BigDecimal.valueOf(VirtualTime.toNanos(clk)).movePointLeft(3);
                assertThat(ts.subtract(clockUs)).as("ts of %s against its clock", e)
                        .isBetween(BigDecimal.ZERO, new BigDecimal("0.8"));
            }
            if (ph.equals("B")) {
                long tid = ((BigDecimal) e.get("tid")).longValueExact();
                Deque<Slice> stack = open.computeIfAbsent(tid, t -> new ArrayDeque<>());
                Slice s = new Slice(tid, (String) e.get("name"), ts, stack.peekLast());
                if (s.parent != null) {
                    s.parent.children.add(s);
                }
                stack.addLast(s);
                all.add(s);
            } else if (ph.equals("E")) {
                long tid = ((BigDecimal) e.get("tid")).longValueExact();
                Deque<Slice> stack = open.get(tid);
                assertThat(stack).as("an E with a B open on track %d", tid).isNotNull().isNotEmpty();
                stack.pollLast().end = ts;
            } else {
                assertThat(ph).isIn("i", "C");
            }
        }
        open.forEach((tid, stack) -> assertThat(stack).as("slices left open on track %d", tid).isEmpty());
        for (Slice s : all) {
            assertThat(s.end).isGreaterThan(s.begin);
            if (s.parent != null) {
                assertThat(s.begin).isGreaterThan(s.parent.begin);
                assertThat(s.end).isLessThan(s.parent.end);
            }
        }
        return all;
    }

    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"unicorn", "none"})
    void shouldNestTheKernelsSlicesAsTheTimerPathCallsThem(String cpu) throws IOException {
        Path json = dir.resolve("t.json");
        assertThat(run("boot", "-q", "--cpu", cpu, "--hz", "1000", "--ticks", "3", "--run", "insmod sched",
                "--timeline", json.toString())).as(err.toString()).isZero();

        List<Slice> slices = slices(Files.readString(json));
        List<String> paths = slices.stream().map(Slice::path).collect(Collectors.toList());
        String tick = "IRQ0 entry > do_IRQ";
        assertThat(paths.stream().filter(tick::equals).count()).as("one per tick").isEqualTo(3);
        assertThat(paths).contains(
                tick + " > mask_and_ack_8259A",
                tick + " > handle_IRQ_event > irqaction \"timer\" > timer_interrupt > do_timer",
                tick + " > do_bottom_half > TIMER_BH",
                tick + " > do_bottom_half > TQUEUE_BH > run_task_queue(&tq_timer) > sched:intrpt_routine",
                "insmod (pid 2)", "sh (pid 1)");
        // the order inside one tick is 2.2's: ack before the handler, the handler before the bottom halves
        Slice doIrq = slices.stream().filter(s -> s.path().equals(tick)).findFirst().orElseThrow();
        assertThat(doIrq.children.stream().map(s -> s.name))
                .containsExactly("mask_and_ack_8259A", "handle_IRQ_event", "do_bottom_half");
        assertThat(slices).anyMatch(s -> s.name.equals("interrupt 0x20 (IRQ0)"));
    }

    /**
     * Under --kernel 2.4 the slices are 2.4.22's functions: do_softirq at the end of do_IRQ,
     * tasklet_hi_action, one bh_action per bottom half calling its routine, tqueue_bh (marked
     * last by do_timer, so first on the hi list) before timer_bh; 2.2's do_bottom_half is absent.
     */
    @ParameterizedTest(name = "--cpu {0}")
    @ValueSource(strings = {"unicorn", "none"})
    void shouldName24sFunctionsUnderKernel24(String cpu) throws IOException {
        Path json = dir.resolve("t24.json");
        assertThat(run("boot", "-q", "--cpu", cpu, "--kernel", "2.4", "--hz", "1000", "--ticks", "3", "--run", "insmod sched",
                "--timeline", json.toString())).as(err.toString()).isZero();

        List<Slice> slices = slices(Files.readString(json));
        List<String> paths = slices.stream().map(Slice::path).collect(Collectors.toList());
        String softirq = "IRQ0 entry > do_IRQ > do_softirq > tasklet_hi_action > bh_action";
        assertThat(paths).contains(
                "IRQ0 entry > do_IRQ > mask_and_ack_8259A",
                softirq + " > timer_bh",
                softirq + " > tqueue_bh > run_task_queue(&tq_timer) > sched:intrpt_routine");
        assertThat(slices).noneMatch(s -> s.name.equals("do_bottom_half") || s.name.endsWith("_BH"));
        Slice hi = slices.stream().filter(s -> s.path().equals("IRQ0 entry > do_IRQ > do_softirq > tasklet_hi_action")
                && s.children.size() == 2).findFirst().orElseThrow();
        assertThat(hi.children.stream().map(s -> s.children.get(0).name)).containsExactly("tqueue_bh", "timer_bh");
    }

    @Test
    void shouldWriteTheKernelsEventsAsTraceCmdReportPrintsThem() throws IOException {
        Path ftrace = dir.resolve("f.txt");
        assertThat(run("boot", "-q", "--cpu", "none", "--hz", "1000", "--ticks", "2", "--run", "insmod sched",
                "--ftrace", ftrace.toString())).isZero();

        List<String> lines = Files.readAllLines(ftrace);
        assertThat(lines.get(0)).isEqualTo("cpus=1");
        List<String> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = FTRACE_LINE.matcher(line);
            assertThat(m.matches()).as("trace-cmd's line grammar: '%s'", line).isTrue();
            if (m.group("comm").trim().equals("<idle>")) {
                events.add(m.group("event") + ": " + m.group("fields"));
            }
        }
        List<String> oneTick = List.of(
                "irq_handler_entry: irq=0 name=timer",
                "irq_handler_exit: irq=0 ret=handled",
                "softirq_entry: vec=0 [action=TIMER_BH]",
                "softirq_exit: vec=0 [action=TIMER_BH]",
                "softirq_entry: vec=2 [action=TQUEUE_BH]",
                "workqueue_execute_start: work struct tq_timer: function sched:intrpt_routine",
                "workqueue_execute_end: work struct tq_timer: function sched:intrpt_routine",
                "softirq_exit: vec=2 [action=TQUEUE_BH]");
        List<String> twoTicks = new ArrayList<>(oneTick);
        twoTicks.addAll(oneTick);
        assertThat(events.stream().filter(e -> !e.startsWith("sched_")).collect(Collectors.toList()))
                .isEqualTo(twoTicks);
        assertThat(lines).anyMatch(l -> l.matches(" +insmod-2 +\\[000\\] +0\\.000000: sched_switch: +prev_comm=insmod "
                + "prev_pid=2 prev_prio=120 prev_state=Z ==> next_comm=swapper next_pid=0 next_prio=120"));
    }

    @Test
    void shouldWriteTheSameBytesInEveryProcess() throws Exception {
        byte[][] first = null;
        for (int run = 0; run < 2; run++) {
            Path d = Files.createDirectories(dir.resolve("run" + run));
            Irq0Process.Result r = Irq0Process.run("boot", "-q", "--hz", "1000", "--ticks", "3", "--run", "insmod sched",
                    "--timeline", d.resolve("t.json").toString(), "--ftrace", d.resolve("f.txt").toString(),
                    "--trace", d.resolve("t.trace").toString(), "--vcd", d.resolve("t.vcd").toString());
            assertThat(r.exitCode).as(r.toString()).isZero();
            byte[][] files = {Files.readAllBytes(d.resolve("t.json")), Files.readAllBytes(d.resolve("f.txt")),
                Files.readAllBytes(d.resolve("t.trace")), Files.readAllBytes(d.resolve("t.vcd"))};
            if (first == null) {
                first = files;
            } else {
                for (int i = 0; i < files.length; i++) {
                    assertThat(files[i]).isEqualTo(first[i]);
                }
            }
        }
    }
}
