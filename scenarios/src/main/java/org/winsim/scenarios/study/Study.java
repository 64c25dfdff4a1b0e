package org.winsim.scenarios.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.ServerFigures;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.FindingKind;
import org.winsim.sim.Simulation;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * The I/O-model comparison: every model's server against the same client workload at each client count,
 * on the simulator, measured as in Jones and Ohlund's chapter 6 table. The server runs on a host of its
 * own as a 32-bit Windows process (the profile's address space and non-paged pool are its limits); the
 * clients run on another host joined by a LAN link, as 64-bit processes on a 64-bit machine, so that only the
 * server's limits show, as on the client machines of a load test.
 */
public final class Study {
    /** The lecture's eight models in its order; an entry whose scenario does not exist yet is reported as not built. */
    public static final List<IoModel> MODELS = List.of(
            new IoModel("blocking", "blocking-echo"),
            new IoModel("non-blocking polling", "nonblocking-poll"),
            new IoModel("select", "select-echo"),
            new IoModel("WSAAsyncSelect", "async-select-echo"),
            new IoModel("WSAEventSelect", "event-select-echo"),
            new IoModel("overlapped, events", "overlapped-event-echo"),
            new IoModel("overlapped, completion routines", "completion-routine-echo"),
            new IoModel("completion port", "iocp-echo"));

    /** The client counts of a full study. */
    public static final List<Integer> DEFAULT_CLIENTS = List.of(1_000, 5_000, 10_000, 50_000);
    /** The client counts of {@code --quick}. */
    public static final List<Integer> QUICK_CLIENTS = List.of(100, 1_000, 2_500);

    /**
     * Client connections one client host can open at once: its 16,384 ephemeral ports (49152-65535). A
     * larger count is run at this many until clients can be spread over several hosts.
     */
    public static final int ONE_HOST_CLIENTS = 16_384;

    /**
     * What the study runs.
     *
     * @param clients client counts, in the order the table lists them
     * @param messages messages each client sends and has echoed
     * @param size bytes per message
     * @param processors simulated processors of the server's host
     * @param seed seed of every run
     * @param profile the OS profile (windows, possibly with another non-paged pool)
     */
    public record Settings(List<Integer> clients, int messages, int size, int processors, long seed, OsProfile profile) {
        public Settings {
            clients = List.copyOf(clients);
        }
    }

    private final Settings settings;
    private final List<IoModel> models;
    private final Supplier<Simulation.Watchdog> watchdog;

    /** @param watchdog a fresh host-side guard for each run (a wall-clock limit), or supplies null for none */
    public Study(Settings settings, List<IoModel> models, Supplier<Simulation.Watchdog> watchdog) {
        this.settings = settings;
        this.models = List.copyOf(models);
        this.watchdog = watchdog;
    }

    /** Runs every model at every client count, model by model, handing each row to {@code each} as it is measured. */
    public List<StudyRow> run(Consumer<StudyRow> each) {
        List<StudyRow> rows = new ArrayList<>();
        for (IoModel m : models) {
            Optional<Scenario> scenario = Scenarios.named(m.scenario());
            for (int attempted : settings.clients()) {
                int ran = Math.min(attempted, ONE_HOST_CLIENTS);
                StudyRow row = scenario.isPresent() ? measure(m, scenario.get(), attempted, ran) : StudyRow.notBuilt(m, attempted, ran);
                rows.add(row);
                each.accept(row);
            }
        }
        return rows;
    }

    private StudyRow measure(IoModel m, Scenario scenario, int attempted, int ran) {
        ScenarioParams params = new ScenarioParams(ran, settings.messages(), settings.size(), settings.seed());
        RunReport r = ScenarioRunner.runSimulated(scenario, params, settings.profile(), SimBackend.Topology.LAN,
                settings.processors(), List.of(), watchdog.get(), FaultPlan.NONE, true);
        ServerFigures s = r.servers().get(0);
        return new StudyRow(m, attempted, ran, true, r.stats().connections(), r.stats().messagesVerified(),
                (long) ran * settings.messages(), s.threads(), s.peakStackBytes(), s.peakNonPagedBytes(), s.cpuNanos(),
                s.contextSwitches(), r.result().endTime(), r.wallNanos(), outcome(r));
    }

    /** "OK", "stopped: …" or the first line of the run's first failure. */
    private static String outcome(RunReport r) {
        List<String> failures = r.failures();
        if (failures.isEmpty()) {
            return "OK";
        }
        boolean stopped = r.result().finding() != null && r.result().finding().kind() == FindingKind.ABORTED;
        String first = failures.get(0).lines().findFirst().orElse("");
        return (stopped ? "stopped: " : "") + first;
    }
}
