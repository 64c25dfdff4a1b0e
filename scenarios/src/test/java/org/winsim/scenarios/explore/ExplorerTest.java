package org.winsim.scenarios.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.trace.TraceDigest;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

class ExplorerTest {
    private static RunReport run(String scenario, ScenarioParams p, SimBackend.Topology t, String plan, TraceDigest d) {
        return ScenarioRunner.runSimulated(Scenarios.named(scenario).orElseThrow(), p, OsProfile.WINDOWS, t, 2,
                d == null ? List.of() : List.of(d), null, FaultPlan.parse(plan));
    }

    @Test
    void aFaultPlanPrintsAndParsesBackToItself() {
        String text = "loss=0.01/200ms,delay=1ms,jitter=40us,reset@conn3:4096,partition@2s+500ms,sched=random,"
                + "cpu-jitter=0.2,thread-fail=0.05,partial-send=0.25,partial-send@conn2:1000";
        FaultPlan p = FaultPlan.parse(text);
        assertEquals(text, p.toString());
        assertEquals(p, FaultPlan.parse(p.toString()));
        assertEquals("loss=0.01", FaultPlan.parse("loss=0.01/300ms").toString(), "the default RTO is not printed");
        assertEquals("none", FaultPlan.parse("none").toString());
    }

    @Test
    void aBadFaultIsNamedWithWhatWasExpected() {
        assertEquals("fault 'loss=2': a probability is between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("sched=random,loss=2")).getMessage());
        assertEquals("fault 'reset@conn0:5': connections count from 1",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("reset@conn0:5")).getMessage());
        assertEquals("fault 'delay=5 parsecs': '5 parsecs' is not a duration such as 200ms, 40us or 1.5s",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("delay=5 parsecs")).getMessage());
        assertEquals("an empty fault between commas in 'loss=0.01,,'",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("loss=0.01,,")).getMessage());
        assertEquals("fault 'loss' is given twice in 'loss=0.01,delay=1ms,loss=0.02' (give each rate once)",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("loss=0.01,delay=1ms,loss=0.02")).getMessage());
        assertEquals(2, FaultPlan.parse("reset@conn1:10,reset@conn2:20").faults().size()); // one per connection
    }

    @Test
    void aResetFaultCutsItsConnectionAtItsByteAndTheProgramSeesWsaeconnreset() {
        ScenarioParams p = new ScenarioParams(2, 10, 512, 1);
        RunReport r = run("select-echo", p, SimBackend.Topology.LOOPBACK, "reset@conn1:1000", null);
        assertEquals(List.of("client-1: recv failed: WSAECONNRESET"), r.stats().problems());
        assertEquals(5120, r.stats().bytesVerified(), "the other connection echoes all its bytes");
        assertFalse(Verdict.of(r, FaultPlan.parse("reset@conn1:1000")).failed(), "a reported reset keeps the property");
    }

    @Test
    void lossDelaysDeliveryButTcpHidesIt() {
        ScenarioParams p = new ScenarioParams(2, 20, 3000, 3);
        RunReport clean = run("blocking-echo", p, SimBackend.Topology.LAN, "none", null);
        RunReport lossy = run("blocking-echo", p, SimBackend.Topology.LAN, "loss=0.05,jitter=100us", null);
        assertTrue(lossy.succeeded(), lossy.failures().toString());
        assertEquals(p.totalBytes(), lossy.stats().bytesVerified());
        assertTrue(lossy.result().endTime() > clean.result().endTime() + 300_000_000L,
                "at least one loss cost a retransmission timeout: " + lossy.result().endTime());
    }

    @Test
    void theSameSeedAndPlanGiveTheSameTraceAndAnotherPlanAnother() {
        ScenarioParams p = new ScenarioParams(3, 5, 700, 9);
        String plan = "sched=random,cpu-jitter=0.3,jitter=20us,loss=0.1";
        TraceDigest a = new TraceDigest();
        TraceDigest b = new TraceDigest();
        TraceDigest c = new TraceDigest();
        run("select-echo", p, SimBackend.Topology.LAN, plan, a);
        run("select-echo", p, SimBackend.Topology.LAN, plan, b);
        run("select-echo", p, SimBackend.Topology.LAN, "none", c);
        assertEquals(a.hex(), b.hex());
        assertNotEquals(a.hex(), c.hex());
    }

    @Test
    void theExplorerFindsAPlantedBugAndShrinksItToTheSmallestCase() {
        Explorer e = new Explorer(new NaiveEcho());
        RunCase template = new RunCase("naive-echo", new ScenarioParams(3, 4, 4000, 1), 2, SimBackend.Topology.LAN,
                OsProfile.WINDOWS, FaultPlan.NONE);
        List<Explorer.Outcome> found = e.campaign(template, 1, 10, 0, 1, s -> FaultPlan.parse("sched=random"), false, o -> { });
        assertEquals(1, found.size());
        Explorer.Outcome min = e.shrink(found.get(0), line -> { });
        // one client, one message, no fault, one processor; the smallest message a 1460-byte MSS splits
        assertEquals("1 client x 1 message x 1461 B, 1 processor, seed 1, faults none", Explorer.describe(min.c()));
        assertEquals(e.run(min.c(), List.of(new TraceDigest())).digest(), e.run(min.c(), List.of(new TraceDigest())).digest());
    }

    @Test
    void theJavaApiFailsWithTheShrunkCaseAndItsTrace(@TempDir Path dir) throws Exception {
        AssertionError err = assertThrows(AssertionError.class, () -> Exploration.of(new NaiveEcho())
                .workload(2, 3, 3000).network(SimBackend.Topology.LAN).runs(5).traceDir(dir).assertHolds());
        assertTrue(err.getMessage().startsWith("naive-echo failed at seed 1; shrunk to 1 client x 1 message x 1461 B"),
                err.getMessage());
        Path trace = dir.resolve("naive-echo-seed1.txt");
        assertTrue(Files.size(trace) > 0);
        assertTrue(err.getMessage().endsWith("trace: " + trace), err.getMessage());
        Exploration.of(Scenarios.named("select-echo").orElseThrow()).runs(30).traceDir(dir).assertHolds();
    }
}
