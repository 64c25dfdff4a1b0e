package org.winsim.benchmarks;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.winsim.sim.Simulation;

/**
 * Scheduling and firing events through the kernel, against the same "hold" workload on a bare
 * {@link PriorityQueue} loop: {@value #PENDING} events are pending at all times, and each event that
 * fires schedules the next one at a pseudo-random delay, until {@value #FIRINGS} have fired.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventQueueBenchmark {
    static final int PENDING = 1_000;
    static final int FIRINGS = 200_000;

    private long[] delays;

    @Setup
    public void makeDelays() {
        SplittableRandom rnd = new SplittableRandom(1);
        delays = new long[FIRINGS];
        for (int i = 0; i < FIRINGS; i++) {
            delays[i] = rnd.nextLong(1, 1_000_000);
        }
    }

    /** Events through {@link Simulation#schedule} and {@link Simulation#run}. */
    @Benchmark
    @OperationsPerInvocation(FIRINGS)
    public long kernel() {
        Simulation sim = new Simulation();
        Runnable[] self = new Runnable[1];
        int[] fired = {0};
        self[0] = () -> {
            int n = fired[0]++;
            if (n + PENDING < FIRINGS) {
                sim.schedule(delays[n + PENDING], self[0]);
            }
        };
        for (int i = 0; i < PENDING; i++) {
            sim.schedule(delays[i], self[0]);
        }
        sim.run();
        return sim.now() + fired[0];
    }

    /** The same workload with a java.util.PriorityQueue ordered by (time, sequence). */
    @Benchmark
    @OperationsPerInvocation(FIRINGS)
    public long priorityQueueBaseline() {
        final class Ev {
            final long time;
            final long seq;
            final Runnable action;

            Ev(long time, long seq, Runnable action) {
                this.time = time;
                this.seq = seq;
                this.action = action;
            }
        }
        PriorityQueue<Ev> queue = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long[] now = {0};
        long[] seq = {0};
        int[] fired = {0};
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            int n = fired[0]++;
            if (n + PENDING < FIRINGS) {
                queue.add(new Ev(now[0] + delays[n + PENDING], seq[0]++, self[0]));
            }
        };
        for (int i = 0; i < PENDING; i++) {
            queue.add(new Ev(delays[i], seq[0]++, self[0]));
        }
        Ev e;
        while ((e = queue.poll()) != null) {
            now[0] = e.time;
            e.action.run();
        }
        return now[0] + fired[0];
    }
}
