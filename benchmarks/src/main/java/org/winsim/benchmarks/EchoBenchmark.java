package org.winsim.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.winsock.sim.OsProfile;

/**
 * A whole echo scenario on the simulator: 1,000 clients x 100 messages of 512 bytes (51.2 MB echoed
 * and verified). The score is runs per second (its inverse is the wall time of a run); {@code events} is
 * simulation events per second. The fork's heap is capped at 1 GiB, so a run that needed more would fail here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class EchoBenchmark {
    @Param({"select-echo", "blocking-echo"})
    public String scenario;

    /** Simulation events fired, reported by JMH as a rate (events per second). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Benchmark
    public RunReport thousandClients(Events counter) {
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(scenario).orElseThrow(),
                new ScenarioParams(1000, 100, 512, 1), OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK, 2, List.of());
        if (!r.succeeded()) {
            throw new IllegalStateException(scenario + " failed: " + r.failures());
        }
        counter.events += r.result().eventsFired();
        return r;
    }
}
