package org.winsim.scenarios.explore;

import java.util.List;
import java.util.Locale;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.SimBackend;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * One run an exploration tries: the workload, the machine and the faults. Everything that decides the
 * run is here, so a case replays exactly from its {@link #replayCommand}.
 */
public record RunCase(String scenario, ScenarioParams params, int processors, SimBackend.Topology topology,
                      OsProfile profile, FaultPlan plan) {

    public RunCase withParams(ScenarioParams p) {
        return new RunCase(scenario, p, processors, topology, profile, plan);
    }

    public RunCase withProcessors(int n) {
        return new RunCase(scenario, params, n, topology, profile, plan);
    }

    public RunCase withPlan(FaultPlan p) {
        return new RunCase(scenario, params, processors, topology, profile, p);
    }

    /** The command that runs this case again, byte for byte, with its trace written to {@code traceFile}. */
    public String replayCommand(String traceFile) {
        return String.join(" ", List.of("./winsim run", scenario + (params.asWritten() ? " --as-written" : ""), "--seed", Long.toString(params.seed()),
                "--clients", Integer.toString(params.clients()), "--messages", Integer.toString(params.messages()),
                "--size", Integer.toString(params.size()), "--processors", Integer.toString(processors),
                "--network", topology.name().toLowerCase(Locale.ROOT), "--profile", profile.name(),
                "--faults", "'" + plan + "'", "--trace", traceFile));
    }

    /** A size measure for shrinking: smaller is simpler. */
    long weight() {
        return (long) params.clients() * 1_000_000L + (long) params.messages() * 10_000L + params.size()
                + processors * 100L + plan.faults().size() * 100_000_000L;
    }
}
