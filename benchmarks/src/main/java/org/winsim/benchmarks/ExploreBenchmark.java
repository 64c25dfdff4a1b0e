package org.winsim.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.scenarios.explore.Explorer;
import org.winsim.scenarios.explore.RunCase;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * Exploration throughput: runs per second of a small scenario (2 clients x 10 messages x 512 B), each
 * run a fresh world with its own seed and a fault plan drawn from the default mix, judged by the
 * exploration property, in one thread (as one `winsim explore` shard runs). Target: 1,000 runs/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@State(Scope.Thread)
public class ExploreBenchmark {
    @Param({"select-echo", "blocking-echo"})
    public String scenario;

    private Explorer explorer;
    private RunCase template;
    private LongFunction<FaultPlan> plans;
    private long seed;

    @Setup
    public void setUp() {
        ScenarioParams p = new ScenarioParams(2, 10, 512, 1);
        explorer = new Explorer(Scenarios.named(scenario).orElseThrow());
        template = new RunCase(scenario, p, 2, SimBackend.Topology.LOOPBACK, OsProfile.WINDOWS, FaultPlan.NONE);
        plans = Explorer.drawnPlans(p);
    }

    @Benchmark
    public Explorer.Outcome run() {
        long s = ++seed;
        RunCase c = template.withParams(new ScenarioParams(2, 10, 512, s)).withPlan(plans.apply(s));
        Explorer.Outcome o = explorer.run(c);
        if (o.verdict().failed()) {
            throw new IllegalStateException("seed " + s + ": " + o.verdict().failure());
        }
        return o;
    }
}
