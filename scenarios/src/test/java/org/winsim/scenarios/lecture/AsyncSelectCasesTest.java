package org.winsim.scenarios.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * {@code winsim run async-select-echo --case N}: the lecture's four timing cases, each seen in the
 * server's own trace — the messages its WindowProc gets, in order, and what it reads, sends and re-posts.
 */
class AsyncSelectCasesTest {
    /** The server thread's timeline over one connection of two 1024-byte messages. */
    private static List<String> serverTimeline(int n) {
        AsyncSelectEcho scenario = AsyncSelectEcho.timingCase(n);
        List<String> timeline = new ArrayList<>();
        RunReport r = ScenarioRunner.runSimulated(scenario, new ScenarioParams(1, 2, AsyncSelectEcho.CASE_SIZE, 1), OsProfile.WINDOWS,
                SimBackend.Topology.LOOPBACK, 2, List.of(rec -> step(rec, timeline)), null, scenario.faults());
        assertTrue(r.succeeded(), r.failures().toString());
        assertEquals(2 * AsyncSelectEcho.CASE_SIZE, r.stats().bytesVerified());
        return timeline;
    }

    private static void step(TraceRecord rec, List<String> timeline) {
        if (!rec.thread().startsWith("server:")) {
            return;
        }
        String fn = rec.field("fn");
        if (rec.kind().equals("FAULT")) {
            timeline.add("FAULT " + rec.field("sent") + "/" + rec.field("requested"));
        } else if (rec.kind().equals("CALL") && "DispatchMessage".equals(fn)) {
            timeline.add(Winsock.fdNames(Winsock.WSAGETSELECTEVENT(Long.decode(rec.field("lParam")))));
        } else if (rec.kind().equals("CALL") && "PostMessage".equals(fn)) {
            timeline.add("PostMessage " + Winsock.fdNames(Winsock.WSAGETSELECTEVENT(Long.decode(rec.field("lParam")))));
        } else if (rec.kind().equals("RET") && ("recv".equals(fn) || "send".equals(fn))) {
            timeline.add(fn + " " + rec.field("ret"));
        }
    }

    @Test
    void case1_eachReadIsEchoedByOneSend() {
        assertEquals(List.of("FD_ACCEPT", "FD_WRITE", "FD_READ", "recv 1024", "send 1024", "FD_READ", "recv 1024", "send 1024",
                "FD_CLOSE"), serverTimeline(1));
    }

    @Test
    void case2_oneReadAnsweredByTwoSends() {
        assertEquals(List.of("FD_ACCEPT", "FD_WRITE", "FD_READ", "recv 1024", "FAULT 512/1024", "send 512", "FD_WRITE", "send 512",
                "FD_READ", "recv 1024", "send 1024", "FD_CLOSE"), serverTimeline(2));
    }

    @Test
    void case3_readsAndSendsInterleaveAt512() {
        assertEquals(List.of("FD_ACCEPT", "FD_WRITE", "FD_READ", "recv 512", "send 512", "FD_READ", "recv 512", "send 512",
                "FD_READ", "recv 512", "send 512", "FD_READ", "recv 512", "send 512", "FD_CLOSE"), serverTimeline(3));
    }

    @Test
    void case4_anFdReadWhileSendsAreOutstandingIsRepostedByTheProgram() {
        assertEquals(List.of("FD_ACCEPT", "FD_WRITE", "FD_READ", "recv 1024", "FAULT 512/1024", "send 512",
                "FD_READ", // BytesRECV != 0: RecvPosted = TRUE, nothing read
                "FD_WRITE", "send 512", "PostMessage FD_READ", "FD_READ", "recv 1024", "send 1024", "FD_CLOSE"), serverTimeline(4));
    }

    @Test
    void theLecturesWindowProcCopesWithRandomPartialSends() {
        FaultPlan plan = FaultPlan.parse("partial-send=0.5");
        List<String> cuts = new ArrayList<>();
        RunReport r = ScenarioRunner.runSimulated(new AsyncSelectEcho(), new ScenarioParams(10, 10, 4000, 5), OsProfile.WINDOWS,
                SimBackend.Topology.LAN, 2, List.of(rec -> {
                    if (rec.kind().equals("FAULT")) {
                        cuts.add(rec.field("sent") + "/" + rec.field("requested"));
                    }
                }), null, plan);
        assertTrue(r.succeeded(), r.failures().toString());
        assertEquals(10L * 10 * 4000, r.stats().bytesVerified());
        assertTrue(cuts.size() > 20, "sends were cut: " + cuts);
        assertTrue(cuts.stream().distinct().count() > 10, "at points drawn from the fault's stream: " + cuts);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyCaseVerifiesEveryByteAtScale(int n) {
        AsyncSelectEcho scenario = AsyncSelectEcho.timingCase(n);
        RunReport r = ScenarioRunner.runSimulated(scenario, new ScenarioParams(20, 5, AsyncSelectEcho.CASE_SIZE, 3), OsProfile.WINDOWS,
                SimBackend.Topology.LAN, 2, List.of(), null, scenario.faults());
        assertTrue(r.succeeded(), r.failures().toString());
        assertEquals(20L * 5 * AsyncSelectEcho.CASE_SIZE, r.stats().bytesVerified());
    }
}
