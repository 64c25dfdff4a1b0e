package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.scenarios.explore.Explorer;
import org.winsim.scenarios.explore.RunCase;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * Stream integrity for every I/O model with faults on: each lecture server (its corrected version) with
 * generated workloads, topologies and plans — the faults TCP hides, partial sends, and sometimes a reset
 * it cannot hide — keeps the exploration property: every byte echoed once and verified, no finding; a
 * reset may cost the bytes of its connection only when the client reports it with WSAECONNRESET or
 * WSAECONNABORTED.
 */
class EveryModelUnderFaultsProperties {
    /** The hideable plan of the case, plus partial sends and, in one case of four, a reset of one connection. */
    static FaultPlan plan(long seed, ScenarioParams p) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eedL);
        List<FaultPlan.Fault> f = new ArrayList<>(FaultedStreamProperties.hideable(seed).faults());
        if (r.nextBoolean()) {
            f.add(new FaultPlan.PartialSend(r.nextInt(1, 50) / 100.0));
        }
        if (r.nextInt(4) == 0) {
            f.add(new FaultPlan.Reset(1 + r.nextInt(p.clients()), 1 + r.nextLong(2L * p.messages() * p.size())));
        }
        return new FaultPlan(f);
    }

    @TestFactory
    Stream<DynamicTest> everyModelKeepsTheStreamUnderFaults() {
        List<Scenario> models = Scenarios.all();
        return GeneratedCases.cases("every model under faults", 20 * models.size(), seed -> () -> {
            SplittableRandom r = new SplittableRandom(seed);
            Scenario s = models.get((int) Math.floorMod(seed, (long) models.size()));
            ScenarioParams p = new ScenarioParams(1 + r.nextInt(3), 1 + r.nextInt(5), 1 + r.nextInt(3000), seed, false);
            SimBackend.Topology t = r.nextBoolean() ? SimBackend.Topology.LOOPBACK : SimBackend.Topology.LAN;
            RunCase c = new RunCase(s.name(), p, 1 + r.nextInt(2), t, OsProfile.WINDOWS, plan(seed, p));
            Explorer.Outcome o = new Explorer(s).run(c);
            assertFalse(o.verdict().failed(), () -> o.verdict().failure() + " [" + c.replayCommand("case.txt") + "]");
        });
    }
}
