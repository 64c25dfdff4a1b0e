package org.winsim.scenarios;

import java.util.List;
import org.winsim.sim.RunResult;
import org.winsim.sim.Simulation;
import org.winsim.sim.SimulationConfig;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/** Runs a scenario on the simulator and reports on it. */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int processors, List<TraceSink> sinks) {
        return runSimulated(scenario, params, profile, topology, processors, sinks, null);
    }

    /**
     * Runs a scenario on the simulator under a host-side {@link Simulation.Watchdog} (a wall-clock limit,
     * progress lines), which may stop the run but never changes it.
     */
    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int processors, List<TraceSink> sinks,
                                         Simulation.Watchdog watchdog) {
        return runSimulated(scenario, params, profile, topology, processors, sinks, watchdog, FaultPlan.NONE);
    }

    /** Runs a scenario on the simulator with a fault plan injected (see {@link FaultPlan}). */
    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int processors, List<TraceSink> sinks,
                                         Simulation.Watchdog watchdog, FaultPlan faults) {
        return runSimulated(scenario, params, profile, topology, 1, processors, sinks, watchdog, faults, false);
    }

    /** Runs a scenario on the simulator, with 64-bit clients when asked (see {@link SimBackend#sixtyFourBitClients()}). */
    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int processors, List<TraceSink> sinks,
                                         Simulation.Watchdog watchdog, FaultPlan faults, boolean sixtyFourBitClients) {
        return runSimulated(scenario, params, profile, topology, 1, processors, sinks, watchdog, faults, sixtyFourBitClients);
    }

    /** As above, with the clients spread over {@code clientHosts} hosts (LAN only). */
    public static RunReport runSimulated(Scenario scenario, ScenarioParams params, OsProfile profile,
                                         SimBackend.Topology topology, int clientHosts, int processors, List<TraceSink> sinks,
                                         Simulation.Watchdog watchdog, FaultPlan faults, boolean sixtyFourBitClients) {
        SimulationConfig config = SimulationConfig.DEFAULT.withSeed(params.seed()).withProcessors(processors);
        SimBackend backend = new SimBackend(config, profile, topology, clientHosts);
        if (sixtyFourBitClients) {
            backend.sixtyFourBitClients();
        }
        faults.applyTo(backend.world());
        sinks.forEach(backend.world().simulation().trace()::addSink);
        backend.world().simulation().setWatchdog(watchdog);
        ScenarioStats stats = new ScenarioStats();
        scenario.start(backend, params, stats);
        long t0 = System.nanoTime(); // wall time is reported beside the run, never used inside it
        RunResult result = backend.world().run();
        long wall = System.nanoTime() - t0;
        List<ServerFigures> servers = backend.servers().stream().map(p -> ServerFigures.of(p, result)).toList();
        return new RunReport(scenario.name(), "simulator", profile.name(), topology.name().toLowerCase(java.util.Locale.ROOT),
                params, result, stats, backend.clientLeaks(), wall, processors, servers);
    }

    /** How long a scenario may run on real sockets before it counts as hung. */
    public static final java.time.Duration REAL_LIMIT = java.time.Duration.ofSeconds(120);

    /** Runs a scenario on the host's own sockets over loopback; times are wall time. */
    public static RunReport runReal(Scenario scenario, ScenarioParams params) {
        try (HostOs os = new HostOs()) {
            return runReal(scenario, params, os);
        }
    }

    /** Runs a scenario for real over loopback on {@code os} (the host's sockets, or Wine); times are wall time. */
    public static RunReport runReal(Scenario scenario, ScenarioParams params, RealOs os) {
        ScenarioStats stats = new ScenarioStats();
        RealBackend backend = new RealBackend(stats, os);
        long t0 = System.nanoTime();
        scenario.start(backend, params, stats);
        try {
            backend.awaitClients(REAL_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.problem("interrupted");
        }
        long wall = System.nanoTime() - t0;
        if (backend.hostError() != null) {
            throw backend.hostError();
        }
        return new RunReport(scenario.name(), os.backend(), os.profile(), "loopback", params, null, stats, List.of(), wall, 0,
                List.of());
    }
}
