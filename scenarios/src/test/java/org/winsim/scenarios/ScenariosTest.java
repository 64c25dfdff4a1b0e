package org.winsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.TraceDigest;
import org.winsim.winsock.sim.OsProfile;

class ScenariosTest {
    static Stream<Arguments> everyScenarioEverywhere() {
        return Scenarios.all().stream().flatMap(s -> Stream.of(OsProfile.WINDOWS, OsProfile.LINUX).flatMap(p ->
                Stream.of(SimBackend.Topology.values()).map(t -> Arguments.of(s.name(), p, t))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyScenarioEverywhere")
    void echoesAndVerifiesEveryByte(String name, OsProfile profile, SimBackend.Topology topology) {
        ScenarioParams params = new ScenarioParams(5, 7, 1000, 3);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(name).orElseThrow(), params, profile, topology, 2, List.of());
        assertEquals(List.of(), r.failures());
        assertEquals(params.totalBytes(), r.stats().bytesVerified());
        assertEquals(35, r.stats().messagesVerified());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sameSeedGivesTheSameTrace(String name) {
        assertEquals(digest(name, 9), digest(name, 9));
    }

    static Stream<String> names() {
        return Scenarios.all().stream().map(Scenario::name);
    }

    private static String digest(String name, long seed) {
        TraceDigest d = new TraceDigest();
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(name).orElseThrow(), new ScenarioParams(3, 4, 700, seed),
                OsProfile.WINDOWS, SimBackend.Topology.LAN, 2, List.of(d));
        assertTrue(r.succeeded(), r.failures().toString());
        assertTrue(d.records() > 100);
        return d.hex();
    }

    @Test
    void threadPerConnectionRunsOutOfAddressSpace() {
        // 40 connections need 82 server threads of 1 MiB: more than a 64 MiB address space holds.
        ScenarioParams params = new ScenarioParams(40, 50, 64, 1);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named("blocking-echo").orElseThrow(), params,
                OsProfile.WINDOWS.withAddressSpace(64L << 20), SimBackend.Topology.LOOPBACK, 2, List.of());
        assertFalse(r.succeeded());
        assertTrue(r.stats().problems().contains("server: CreateThread failed: ERROR_NOT_ENOUGH_MEMORY"),
                r.stats().problems().toString());
        // The listen thread returns, so does the server's main: the process exits and Windows closes its
        // sockets, resetting those with unread data (IO-09) and closing the rest gracefully.
        assertTrue(r.stats().problems().stream().anyMatch(p -> p.endsWith("recv failed: WSAECONNRESET after 0 of 64 bytes")));
        assertTrue(r.stats().problems().stream().anyMatch(p -> p.endsWith("recv saw the connection closed after 0 of 64 bytes")));
        assertTrue(r.stats().bytesVerified() > 0 && r.stats().bytesVerified() < params.totalBytes());
    }

    @Test
    void pollingBurnsMoreServerCpuThanSelect() {
        ScenarioParams params = new ScenarioParams(4, 20, 512, 1);
        long poll = serverCpu("nonblocking-poll", params);
        long select = serverCpu("select-echo", params);
        assertTrue(poll > select, "poll " + poll + " ns vs select " + select + " ns");
    }

    private static long serverCpu(String name, ScenarioParams params) {
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(name).orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LAN, 2, List.of());
        assertTrue(r.succeeded(), r.failures().toString());
        return r.result().threads().stream().filter(t -> t.name().startsWith("server")).mapToLong(t -> t.cpuNanos()).sum();
    }

    // ---- overlapped I/O (issue 12) ----

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"overlapped-event-echo", "overlapped-acceptex-echo"})
    void overlappedServerAsWrittenWritesPastItsArraysAtTheSixtyFourthClient(String name) {
        ScenarioParams params = new ScenarioParams(100, 3, 256, 1, true);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(name).orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LOOPBACK, 2, List.of());
        assertFalse(r.succeeded());
        assertEquals(org.winsim.sim.FindingKind.THREAD_FAILED, r.result().finding().kind());
        assertTrue(r.result().finding().describe().contains("ArrayIndexOutOfBoundsException: Index 64 out of bounds for length 64"),
                r.result().finding().describe());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"overlapped-event-echo", "overlapped-acceptex-echo"})
    void overlappedServerCorrectedServesMoreThanSixtyThreeClients(String name) {
        ScenarioParams params = new ScenarioParams(150, 3, 256, 1);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named(name).orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LAN, 2, List.of());
        assertEquals(List.of(), r.failures());
        assertEquals(params.totalBytes(), r.stats().bytesVerified());
    }

    @Test
    void asWrittenAtFewClientsStillEchoes() {
        ScenarioParams params = new ScenarioParams(5, 7, 1000, 3, true);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named("overlapped-event-echo").orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LOOPBACK, 2, List.of());
        assertEquals(List.of(), r.failures()); // below 64 connections the lecture's mistakes stay hidden
    }

    // ---- completion ports (issue 13) ----

    @Test
    void kiocpAsWrittenEchoesThePlainWorkload() {
        ScenarioParams params = new ScenarioParams(4, 10, 512, 1, true);
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named("kiocp-echo").orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LAN, 2, List.of());
        assertEquals(List.of(), r.failures()); // its send path needs partial completions or piled-up echoes to go wrong
        assertEquals(params.totalBytes(), r.stats().bytesVerified());
    }

    @Test
    void kiocpAsWrittenWritesPastItsSendBufferWhenAPartialSendLeavesItFull() {
        ScenarioParams params = new ScenarioParams(1, 1, 8194, 1, true);
        String plan = "partial-send@conn1:1";
        RunReport r = ScenarioRunner.runSimulated(Scenarios.named("kiocp-echo").orElseThrow(), params, OsProfile.WINDOWS,
                SimBackend.Topology.LOOPBACK, 1, List.of(), null, org.winsim.winsock.sim.FaultPlan.parse(plan));
        assertEquals(org.winsim.sim.FindingKind.THREAD_FAILED, r.result().finding().kind());
        assertEquals("the thread's code threw java.lang.IndexOutOfBoundsException: memmove writes past m_pBuffer "
                + "(MAX_PACKET_SIZE 8192): 2 bytes at m_pBuffer[8191] end at 8193", r.result().finding().message());
        RunReport fixed = ScenarioRunner.runSimulated(Scenarios.named("kiocp-echo").orElseThrow(),
                new ScenarioParams(1, 1, 8194, 1), OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK, 1, List.of(), null,
                org.winsim.winsock.sim.FaultPlan.parse(plan));
        assertEquals(List.of(), fixed.failures());
        assertEquals(8194, fixed.stats().bytesVerified());
    }
}
