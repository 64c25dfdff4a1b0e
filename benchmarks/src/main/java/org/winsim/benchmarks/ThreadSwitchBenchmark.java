package org.winsim.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.winsim.sim.RunResult;
import org.winsim.sim.Simulation;
import org.winsim.sim.SimulationConfig;

/**
 * Block and resume of simulated threads: each of N threads sleeps 1 ns at a time (park, timer event,
 * wake, dispatch, resume) until the run has made {@value #RESUMES} resumes in all. One operation is one
 * resume of a parked thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadSwitchBenchmark {
    static final int RESUMES = 1_000_000;

    @Param({"100", "10000"})
    public int threads;

    @Benchmark
    @OperationsPerInvocation(RESUMES)
    public long parkAndResume() {
        SimulationConfig config = SimulationConfig.DEFAULT.withStackBudget(1L << 40, 64L << 10);
        Simulation sim = new Simulation(config);
        int rounds = RESUMES / threads;
        for (int i = 0; i < threads; i++) {
            sim.spawn("t" + i, () -> {
                for (int r = 0; r < rounds; r++) {
                    sim.sleep(1);
                }
            });
        }
        RunResult result = sim.run();
        if (!result.completed()) {
            throw new IllegalStateException(result.finding().describe());
        }
        return result.eventsFired();
    }
}
