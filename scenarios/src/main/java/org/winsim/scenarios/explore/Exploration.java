package org.winsim.scenarios.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * Property testing of one's own socket program from a JUnit test: the program is a {@link Scenario}
 * (its server and clients written against {@code Win32}), the property is winsim's (every byte echoed and
 * verified, no finding, disruptive faults reported with Windows' errors) plus an optional check of one's
 * own. {@link #assertHolds} runs it over seeds with fault plans, and on a failure shrinks the case and
 * throws an AssertionError naming the shrunk case's seed, plan, the settings that replay it and its trace file.
 *
 * <pre>{@code
 * Exploration.of(new MyServer()).workload(2, 10, 512).runs(500)
 *         .faults(seed -> FaultPlan.parse("sched=random,reset@conn1:" + (1 + seed % 4096)))
 *         .check(r -> r.stats().messagesVerified() == 20 ? null : "lost a message")
 *         .assertHolds();
 * }</pre>
 */
public final class Exploration {
    private final Scenario program;
    private Function<RunReport, String> check = r -> null;
    private int runs = 100;
    private long seed = 1;
    private ScenarioParams workload = new ScenarioParams(2, 10, 512, 1);
    private int processors = 2;
    private SimBackend.Topology topology = SimBackend.Topology.LOOPBACK;
    private OsProfile profile = OsProfile.WINDOWS;
    private LongFunction<FaultPlan> plans;
    private Path traceDir = Path.of("target", "winsim-explore");

    private Exploration(Scenario program) {
        this.program = program;
    }

    public static Exploration of(Scenario program) {
        return new Exploration(program);
    }

    /** An extra property: returns why a run is wrong, or null. */
    public Exploration check(Function<RunReport, String> c) {
        this.check = c;
        return this;
    }

    public Exploration runs(int n) {
        this.runs = n;
        return this;
    }

    /** Run i uses seed {@code s + i}. */
    public Exploration seed(long s) {
        this.seed = s;
        return this;
    }

    public Exploration workload(int clients, int messages, int size) {
        this.workload = new ScenarioParams(clients, messages, size, seed);
        return this;
    }

    public Exploration processors(int n) {
        this.processors = n;
        return this;
    }

    public Exploration network(SimBackend.Topology t) {
        this.topology = t;
        return this;
    }

    public Exploration profile(OsProfile p) {
        this.profile = p;
        return this;
    }

    /** The fault plan of each seed; by default one drawn from winsim's mix. */
    public Exploration faults(LongFunction<FaultPlan> p) {
        this.plans = p;
        return this;
    }

    /** Where the shrunk failure's trace is written (default {@code target/winsim-explore}). */
    public Exploration traceDir(Path dir) {
        this.traceDir = dir;
        return this;
    }

    /** Runs the exploration; throws AssertionError with the shrunk failing case if any run fails. */
    public void assertHolds() {
        Explorer explorer = new Explorer(program, check);
        RunCase template = new RunCase(program.name(), workload, processors, topology, profile, FaultPlan.NONE);
        LongFunction<FaultPlan> p = plans != null ? plans : Explorer.drawnPlans(workload);
        List<Explorer.Outcome> failed = explorer.campaign(template, seed, runs, 0, 1, p, false, o -> { });
        if (failed.isEmpty()) {
            return;
        }
        Explorer.Outcome min = explorer.shrink(failed.get(0), line -> { });
        RunCase c = min.c();
        Path trace = traceDir.resolve(program.name() + "-seed" + c.params().seed() + ".txt");
        try {
            Files.createDirectories(traceDir);
            try (Writer w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
                explorer.run(c, List.of(new TextTraceWriter(w)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(program.name() + " failed at seed " + failed.get(0).c().params().seed() + "; shrunk to "
                + Explorer.describe(c) + ":\n  " + min.verdict().failure().lines().findFirst().orElse("")
                + "\nreplay: .seed(" + c.params().seed() + ").runs(1).workload(" + c.params().clients() + ", "
                + c.params().messages() + ", " + c.params().size() + ").processors(" + c.processors()
                + ").faults(s -> FaultPlan.parse(\"" + c.plan() + "\"))" + "\ntrace: " + trace);
    }
}
