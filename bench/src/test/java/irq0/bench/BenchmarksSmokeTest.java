package irq0.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import irq0.bench.report.Pairs;
import irq0.bench.report.Summary;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark once, in the shortest configuration that still forks and runs it (one fork, one
 * 100 ms warm-up and one 100 ms measurement iteration, AverageTime only), so that none rots
 * between runs of the standard set. Speed is not judged: only that each benchmark, with every
 * parameter combination, produced a finite score.
 */
class BenchmarksSmokeTest {
    @Test
    void shouldRunEveryBenchmarkOnceAndGetAScore() throws Exception {
        // JMH refuses to start while another JMH run holds /tmp/jmh.lock, which protects
        // measurements from each other; this run measures nothing, so it need not wait.
        System.setProperty("jmh.ignoreLock", "true");
        Set<String> listed = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(".*"), List.of())) {
            listed.add(e.getUsername());
        }
        assertThat(listed).as("benchmarks compiled into META-INF/BenchmarkList").isNotEmpty();

        ChainedOptionsBuilder options = new OptionsBuilder().include(".*").mode(Mode.AverageTime)
                .verbosity(VerboseMode.SILENT);
        Collection<RunResult> results = new Runner(Report.configure(options, true).build()).run();

        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
            assertThat(r.getPrimaryResult().getScore())
                    .as("score of %s %s", r.getParams().getBenchmark(), r.getParams().getParamsKeys())
                    .isFinite()
                    .isPositive();
        }
        assertThat(ran).isEqualTo(listed);
    }

    @Test
    void shouldRunAPairedRoundOfHotPathFloorAndCliProfileAtEveryP() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Pairs pairs = Report.runRounds(1, true);

        assertThat(pairs.rounds()).isEqualTo(1);
        assertThat(pairs.taskCounts()).containsExactly(Report.PAIRED_TASKS);
        assertThat(pairs.samples()).hasSize(Report.PAIRED.size() * Report.PAIRED_TASKS.length)
                .allSatisfy(s -> assertThat(s.ns()).as("%s at P=%d", s.benchmark(), s.tasks()).isFinite().isPositive());
        // in the round's order: P by P, the three benchmarks one after the other
        assertThat(pairs.samples().subList(0, 3)).extracting(Pairs.Sample::benchmark).containsExactlyElementsOf(Report.PAIRED);
        for (long p : Report.PAIRED_TASKS) {
            assertThat(pairs.ratios(p, Summary.HOT_PATH, Summary.FLOOR)).hasSize(1);
            assertThat(pairs.ratios(p, Summary.CLI_PROFILE, Summary.HOT_PATH)).hasSize(1);
        }
    }
}
