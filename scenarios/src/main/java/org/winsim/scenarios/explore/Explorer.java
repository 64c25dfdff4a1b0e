package org.winsim.scenarios.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.winsim.sim.trace.TraceDigest;
import org.winsim.sim.trace.TraceSink;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Searches for a run that breaks a scenario's property (see {@link Verdict}): it runs the scenario over
 * many seeds, each with a fault plan (a fixed one, or one drawn per seed), stops at the first failure (or
 * collects the distinct ones), and shrinks a failing case — fewer faults, earlier reset points, fewer
 * clients, fewer and smaller messages, fewer processors — as long as it still fails the same way.
 */
public final class Explorer {
    private final Scenario scenario;
    private final Function<RunReport, String> check;

    /** An explorer of a scenario's standard property (see {@link Verdict}). */
    public Explorer(Scenario scenario) {
        this(scenario, r -> null);
    }

    /**
     * An explorer of the standard property plus a check of one's own: {@code check} returns why a run
     * is wrong, or null when it is fine.
     */
    public Explorer(Scenario scenario, Function<RunReport, String> check) {
        this.scenario = scenario;
        this.check = check;
    }

    private Verdict judge(RunReport r, FaultPlan plan) {
        Verdict v = Verdict.of(r, plan);
        if (v.failed()) {
            return v;
        }
        String own = check.apply(r);
        return own == null ? v : Verdict.failure(own);
    }

    /** One run's result: the case, its verdict and the digest of its trace. */
    public record Outcome(RunCase c, Verdict verdict, String digest) {
    }

    /** Runs one case (with the trace written to {@code sinks} too). */
    public Outcome run(RunCase c, List<TraceSink> extraSinks) {
        TraceDigest d = new TraceDigest();
        List<TraceSink> sinks = new ArrayList<>(extraSinks);
        sinks.add(d);
        RunReport r = ScenarioRunner.runSimulated(scenario, c.params(), c.profile(), c.topology(), c.processors(), sinks,
                null, c.plan());
        return new Outcome(c, judge(r, c.plan()), d.hex());
    }

    /** Runs one case without keeping its trace; the verdict does not depend on tracing. */
    public Outcome run(RunCase c) {
        RunReport r = ScenarioRunner.runSimulated(scenario, c.params(), c.profile(), c.topology(), c.processors(), List.of(),
                null, c.plan());
        return new Outcome(c, judge(r, c.plan()), null);
    }

    /**
     * A campaign: the runs {@code index = first, first + step, …} below {@code runs} (a shard of them),
     * run {@code index} with seed {@code seed + index} and the plan {@code plans} gives for that seed.
     * Reports each outcome to {@code each}; returns the failing outcomes (only the first unless
     * {@code keepGoing}, then one per distinct signature).
     */
    public List<Outcome> campaign(RunCase template, long seed, int runs, int first, int step, LongFunction<FaultPlan> plans,
                                  boolean keepGoing, Consumer<Outcome> each) {
        List<Outcome> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = first; i < runs; i += step) {
            long s = seed + i;
            ScenarioParams p = template.params();
            RunCase c = template.withParams(new ScenarioParams(p.clients(), p.messages(), p.size(), s, p.asWritten())).withPlan(plans.apply(s));
            Outcome o = run(c);
            each.accept(o);
            if (o.verdict().failed() && !seen.contains(o.verdict().signature())) {
                seen.add(o.verdict().signature());
                failures.add(o);
                if (!keepGoing) {
                    break;
                }
            }
        }
        return failures;
    }

    /** The plan for seed {@code s} when none is given: drawn from the default fault mix. */
    public static LongFunction<FaultPlan> drawnPlans(ScenarioParams params) {
        return s -> PlanGenerator.draw(s, params);
    }

    /**
     * Shrinks a failing case to a smaller one that fails with the same signature: each step tries simpler
     * variants in a fixed order and keeps the first that still fails, until none does.
     */
    public Outcome shrink(Outcome failing, Consumer<String> progress) {
        Outcome best = failing;
        boolean improved = true;
        while (improved) {
            improved = false;
            for (RunCase c : Shrinks.candidates(best.c())) {
                Outcome o = run(c);
                if (o.verdict().failed() && o.verdict().signature().equals(failing.verdict().signature())) {
                    best = o;
                    improved = true;
                    progress.accept("shrunk to " + describe(c));
                    break;
                }
            }
        }
        return best;
    }

    /** The case in words: "1 client x 1 message x 1461 B, 1 processor, seed 8, faults partial-send=0.35". */
    public static String describe(RunCase c) {
        ScenarioParams p = c.params();
        return RunReport.count(p.clients(), "client") + " x " + RunReport.count(p.messages(), "message") + " x " + p.size()
                + " B, " + RunReport.count(c.processors(), "processor") + ", seed " + p.seed() + ", faults " + c.plan()
                + (p.asWritten() ? ", as written" : "");
    }

    /** Writes one JSON line for a run: seed, plan, workload, outcome, digest (shards merge by concatenation). */
    public static void writeResult(Writer out, Outcome o) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("scenario", o.c().scenario());
            g.writeNumberField("seed", o.c().params().seed());
            g.writeStringField("faults", o.c().plan().toString());
            g.writeNumberField("clients", o.c().params().clients());
            g.writeNumberField("messages", o.c().params().messages());
            g.writeNumberField("size", o.c().params().size());
            g.writeNumberField("processors", o.c().processors());
            g.writeStringField("outcome", o.verdict().failed() ? "fail" : "pass");
            if (o.verdict().failed()) {
                g.writeStringField("failure", o.verdict().failure().lines().findFirst().orElse(""));
            }
            if (o.digest() != null) {
                g.writeStringField("digest", o.digest());
            }
            g.writeEndObject();
        }
        out.write('\n');
    }
}
