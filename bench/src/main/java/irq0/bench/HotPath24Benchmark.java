package irq0.bench;

import irq0.kernel.KernelVersion;

/**
 * {@link HotPathBenchmark}'s interrupt on the Linux 2.4.22 model: the same machine, PIT, PIC and
 * {@link RequeueModule} with P tasks (laid out as 2.4's 20-byte tq_struct), through 2.4's
 * mask_and_ack_8259A, timer_interrupt and do_timer, TIMER_BH and TQUEUE_BH run by the hi tasklet
 * (bh_action), and 2.4's run_task_queue: the list spliced off onto the stack's list_head, each
 * task's next, routine and data read, sync cleared and a routine of 0 skipped, in the modelled
 * memory (one page lookup per task where its tq_struct lies in one mapped page). One op is one
 * timer interrupt; with {@code -prof gc} the bytes allocated per interrupt, which should be 0 as
 * on 2.2.
 *
 * <p>What could fool it: as HotPath (an idle machine takes the same branches every tick). 2.4's
 * queue is FIFO, its queue_task links two pointers more and its runner splices the list first,
 * so the per-task cost is not 2.2's: compare it with HotPath at the same P to see what the
 * release costs, not with Floor, which models 2.2. Set-up checks that every task runs once per tick.
 * The op, the parameter P and the modes are HotPath's (JMH runs a superclass's benchmarks for
 * each subclass).
 */
public class HotPath24Benchmark extends HotPathBenchmark {
    @Override
    KernelVersion version() {
        return KernelVersion.V2_4;
    }
}
