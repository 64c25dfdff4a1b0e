package org.winsim.scenarios.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.trace.TraceDigest;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;

/**
 * The lecture's programs as written, explored: the search finds each one's bug and shrinks it to the
 * exact minimal case the README shows ({@code winsim explore kiocp-echo --as-written …},
 * {@code winsim explore overlapped-event-echo --as-written …}), whose replay gives the same trace twice;
 * the corrected versions keep the property over the same fault mix.
 */
class LectureBugsExploreTest {
    private static RunCase template(String scenario, int clients, int messages, int size, boolean asWritten) {
        return template(scenario, clients, messages, size, asWritten, SimBackend.Topology.LOOPBACK);
    }

    private static RunCase template(String scenario, int clients, int messages, int size, boolean asWritten, SimBackend.Topology t) {
        return new RunCase(scenario, new ScenarioParams(clients, messages, size, 1, asWritten), 2, t, OsProfile.WINDOWS, FaultPlan.NONE);
    }

    /** Explores from seed 1 (at most {@code runs} runs), shrinks the first failure, checks its replay; returns it. */
    private static Explorer.Outcome findAndShrink(String scenario, RunCase template, int runs, LongFunction<FaultPlan> plans) {
        Explorer e = new Explorer(Scenarios.named(scenario).orElseThrow());
        List<Explorer.Outcome> found = e.campaign(template, 1, runs, 0, 1, plans, false, o -> { });
        assertEquals(1, found.size(), "a failure is found");
        Explorer.Outcome min = e.shrink(found.get(0), line -> { });
        String a = e.run(min.c(), List.of(new TraceDigest())).digest();
        assertEquals(a, e.run(min.c(), List.of(new TraceDigest())).digest(), "the replay gives the same trace bytes");
        return min;
    }

    @Test
    void kiocpAsWrittenRacesItsTwoWorkersOnOneSocketWithoutAFault() {
        RunCase t = template("kiocp-echo", 2, 2, 16384, true);
        Explorer.Outcome min = findAndShrink("kiocp-echo", t, 200, Explorer.drawnPlans(t.params()));
        assertEquals("2 clients x 1 message x 8193 B, 2 processors, seed 1, faults none, as written", Explorer.describe(min.c()));
        assertTrue(min.verdict().failure().startsWith("THREAD_FAILED at t=0.000180386s in thread server:t3: the thread's code threw "
                + "java.lang.IndexOutOfBoundsException: memmove writes past m_pBuffer (MAX_PACKET_SIZE 8192): 1 bytes at "
                + "m_pBuffer[8192] end at 8193"), min.verdict().failure());
    }

    @Test
    void kiocpAsWrittenWritesPastItsSendBufferAfterAPartialSendAndShrinksToOneFault() {
        RunCase t = template("kiocp-echo", 2, 2, 16384, true).withProcessors(1); // the two workers never run at once
        Explorer.Outcome min = findAndShrink("kiocp-echo", t, 200, Explorer.drawnPlans(t.params()));
        assertEquals("1 client x 1 message x 16120 B, 1 processor, seed 8, faults partial-send=0.35, as written",
                Explorer.describe(min.c()));
        assertTrue(min.verdict().failure().startsWith("THREAD_FAILED at t=0.000184849s in thread server:t2: the thread's code threw "
                + "java.lang.IndexOutOfBoundsException: memmove writes past m_pBuffer (MAX_PACKET_SIZE 8192): 7928 bytes at "
                + "m_pBuffer[265] end at 8193"), min.verdict().failure());
    }

    @Test
    void kiocpAsWrittenOverflowsWhenTheFirstSendCompletesWithOneByte() {
        RunCase t = template("kiocp-echo", 2, 2, 16384, true).withProcessors(1); // the two workers never run at once
        Explorer.Outcome min = findAndShrink("kiocp-echo", t, 1, s -> FaultPlan.parse("partial-send@conn1:5000"));
        assertEquals("1 client x 1 message x 8194 B, 1 processor, seed 1, faults partial-send@conn1:1, as written",
                Explorer.describe(min.c()));
        assertTrue(min.verdict().failure().contains("memmove writes past m_pBuffer (MAX_PACKET_SIZE 8192): 2 bytes at m_pBuffer[8191] end at 8193"),
                min.verdict().failure());
    }

    @Test
    void overlappedEventEchoAsWrittenShrinksToSixtyFourConnections() {
        RunCase t = template("overlapped-event-echo", 100, 4, 64, true); // 4 messages keep 64 connections open at once
        Explorer.Outcome min = findAndShrink("overlapped-event-echo", t, 10, Explorer.drawnPlans(t.params()));
        assertEquals("64 clients x 1 message x 1 B, 1 processor, seed 1, faults none, as written", Explorer.describe(min.c()));
        assertTrue(min.verdict().failure().contains("ArrayIndexOutOfBoundsException: Index 64 out of bounds for length 64"),
                min.verdict().failure());
    }

    @Test
    void eventSelectEchoAsWrittenLosesAnFdReadAfterAShortSendAndShrinksToMessagesOfTwoSegments() {
        RunCase t = template("event-select-echo", 2, 4, 4000, true, SimBackend.Topology.LAN);
        Explorer.Outcome min = findAndShrink("event-select-echo", t, 200, Explorer.drawnPlans(t.params()));
        // At seed 19 the plan's partial sends cut the first connection's second echo (README, "Exploration")
        assertEquals("2 clients x 2 messages x 1462 B, 1 processor, seed 19, faults partial-send=0.43, as written",
                Explorer.describe(min.c()));
        assertTrue(min.verdict().failure().startsWith("DEADLOCK at t=0.601678852s"), min.verdict().failure());
        assertTrue(min.verdict().failure().contains("server:main#1 BLOCKED on WaitForMultipleObjects(event(0x104), event(0x10c))"),
                min.verdict().failure());
    }

    /** The README's 10,000-run campaigns, at 200 runs to keep the suite fast. */
    @Test
    void theCorrectedVersionsKeepThePropertyUnderTheSameFaultMix() {
        for (RunCase t : List.of(template("kiocp-echo", 2, 2, 16384, false), template("overlapped-event-echo", 100, 1, 64, false),
                template("event-select-echo", 2, 4, 4000, false, SimBackend.Topology.LAN))) {
            Explorer e = new Explorer(Scenarios.named(t.scenario()).orElseThrow());
            int[] runs = {0};
            List<Explorer.Outcome> found = e.campaign(t, 1, 200, 0, 1, Explorer.drawnPlans(t.params()), false, o -> runs[0]++);
            assertEquals(List.of(), found.stream().map(o -> o.verdict().failure()).toList(), t.scenario());
            assertEquals(200, runs[0]);
        }
    }
}
