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
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * The completion-port server at scale (issue 13): one whole run of a scenario per operation, its clients
 * on client hosts of their own over the LAN link (one host per 16,000 clients, 64-bit client processes as
 * in the study), every byte verified (a run that is not fails the benchmark). The score is the wall time of
 * a run after JIT warm-up (single shot per iteration, the first iterations discarded); divided by
 * {@code clients x messages} it is the cost per message. {@code messages} and {@code events} count
 * what each measured run echoed and fired. The fork runs the parallel collector, as {@code ./winsim} does,
 * with its heap capped at 4 GiB ({@code -jvmArgsAppend -Xmx2g} checks the 10,000 x 100 target's 2 GiB).
 *
 * <pre>
 * ./winsim bench IocpScaleBenchmark                                                   # 1,000 to 50,000 clients x 10
 * ./winsim bench IocpScaleBenchmark -p clients=10000 -p messages=100 -jvmArgsAppend -Xmx2g
 * ./winsim bench IocpScaleBenchmark -p clients=10000 -p scenario=iocp-echo,select-echo
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class IocpScaleBenchmark {
    @Param({"iocp-echo"})
    public String scenario;

    @Param({"1000", "10000", "50000"})
    public int clients;

    @Param({"10"})
    public int messages;

    /** What a measured run did: messages echoed and verified, and simulation events fired. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Work {
        public long messages;
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
            events = 0;
        }
    }

    @Benchmark
    public RunReport run(Work work) {
        ScenarioParams params = new ScenarioParams(clients, messages, 512, 1);
        SimBackend.Topology lan = SimBackend.Topology.LAN;
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(scenario).orElseThrow(), params, OsProfile.WINDOWS, lan,
                SimBackend.clientHostsFor(lan, clients), 2, List.of(), null, FaultPlan.NONE, true);
        if (!r.succeeded() || r.stats().bytesVerified() != params.totalBytes()) {
            throw new IllegalStateException(scenario + " " + clients + " x " + messages + " failed: " + r.failures());
        }
        work.messages += (long) clients * messages;
        work.events += r.result().eventsFired();
        return r;
    }
}
