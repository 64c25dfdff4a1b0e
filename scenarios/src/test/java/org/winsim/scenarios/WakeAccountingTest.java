package org.winsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.sim.OsProfile;

/** Every wake is for a reason: a thread woken from a recv wait returns from that recv (no wake-and-block-again). */
class WakeAccountingTest {
    @Test
    void noRecvWaiterIsWokenUnlessItsRecvReturns() {
        Map<Integer, String> blockedOn = new HashMap<>();
        Map<Integer, Boolean> wokenFromRecv = new HashMap<>();
        List<String> spurious = new ArrayList<>();
        int[] recvWakes = {0};
        TraceSink sink = r -> {
            int t = r.threadId();
            switch (r.kind()) {
                case "BLOCK" -> {
                    if (Boolean.TRUE.equals(wokenFromRecv.remove(t))) {
                        spurious.add(r.toString());
                    }
                    blockedOn.put(t, r.field("on"));
                }
                case "WAKE" -> {
                    String on = blockedOn.remove(t);
                    if (on != null && on.startsWith("recv(")) {
                        wokenFromRecv.put(t, true);
                        recvWakes[0]++;
                    }
                }
                case "RET" -> {
                    if (Boolean.TRUE.equals(wokenFromRecv.remove(t))) {
                        assertEquals("recv", r.field("fn"), "the first return after a recv wake: " + r);
                    }
                }
                default -> {
                }
            }
        };
        RunReport report = ScenarioRunner.runSimulated(Scenarios.named("blocking-echo").orElseThrow(),
                new ScenarioParams(20, 20, 512, 1), OsProfile.WINDOWS, SimBackend.Topology.LAN, 2, List.of(sink));
        assertTrue(report.succeeded(), report.failures().toString());
        assertTrue(recvWakes[0] > 400, "the clients and receivers wait in recv often: " + recvWakes[0]);
        assertEquals(List.of(), spurious, "threads woken from recv that blocked again before it returned");
    }
}
