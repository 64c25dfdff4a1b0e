package org.winsim.scenarios;

import java.util.List;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.sim.OsProfile;

/** Runs a scenario on the simulator and reports on it. */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int processors, List<TraceSink> sinks) {
        SimulationConfig config = SimulationConfig.DEFAULT.withSeed(params.seed()).withProcessors(processors);
        SimBackend backend = new SimBackend(config, profile, topology);
        sinks.forEach(backend.world().simulation().trace()::addSink);
        ScenarioStats stats = new ScenarioStats();
        scenario.start(backend, params, stats);
        long t0 = System.nanoTime(); // wall time is reported beside the run, never used inside it
        RunResult result = backend.world().run();
        long wall = System.nanoTime() - t0;
        return new RunReport(scenario.name(), profile.name(), topology.name().toLowerCase(java.util.Locale.ROOT), params,
                result, stats, backend.clientLeaks(), wall);
    }
}
