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
 * A whole echo scenario: 1,000 clients x 100 messages of 512 bytes (51.2 MB echoed and verified), on
 * the simulator and, for select-echo, on real sockets over loopback, so that the two wall times of the
 * same work can be compared. The score is runs per second (its inverse is the wall time of a run);
 * {@code events} is simulation events per second. The fork's heap is capped at 1 GiB, so a run that
 * needed more would fail here.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-Xmx1g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class EchoBenchmark {
    static final ScenarioParams WORKLOAD = new ScenarioParams(1000, 100, 512, 1);

    /** Which scenario the simulated run runs. */
    @State(Scope.Benchmark)
    public static class Simulated {
        @Param({"select-echo", "blocking-echo"})
        public String scenario;
    }

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
    public RunReport thousandClients(Simulated s, Events counter) {
        RunReport r = checked(ScenarioRunner.runSimulated(Scenarios.named(s.scenario).orElseThrow(), WORKLOAD,
                OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK, 2, List.of()));
        counter.events += r.result().eventsFired();
        return r;
    }

    /** select-echo with the same workload on real sockets over loopback. */
    @Benchmark
    public RunReport thousandClientsRealSelectEcho() {
        return checked(ScenarioRunner.runReal(Scenarios.named("select-echo").orElseThrow(), WORKLOAD));
    }

    private static RunReport checked(RunReport r) {
        if (!r.succeeded()) {
            throw new IllegalStateException(r.scenario() + " failed: " + r.failures());
        }
        return r;
    }
}
