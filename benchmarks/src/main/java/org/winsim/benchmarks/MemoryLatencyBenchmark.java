package org.winsim.benchmarks;

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

/**
 * The machine's memory latency, to read the scale figures against: one load after another, each from
 * an address the previous one gave, through a random cycle over 64 MiB (far past any cache), so every
 * load waits for memory. A run at 10,000 connections waits on the same thing (each message reaches its
 * connections' objects long after anything else did), and on a virtualised machine this latency varies
 * by itself from minute to minute: measure it beside a scale run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class MemoryLatencyBenchmark {
    static final int SLOTS = 1 << 24; // 16 Mi ints: 64 MiB
    static final int LOADS = 1_000_000;

    private int[] next;
    private int at;

    @Setup
    public void makeCycle() {
        int[] order = new int[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = SLOTS - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        next = new int[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            next[order[i]] = order[(i + 1) % SLOTS]; // one cycle through every slot
        }
    }

    /** Nanoseconds a dependent load takes. */
    @Benchmark
    @OperationsPerInvocation(LOADS)
    public int dependentLoad() {
        int p = at;
        for (int i = 0; i < LOADS; i++) {
            p = next[p];
        }
        at = p;
        return p;
    }
}
