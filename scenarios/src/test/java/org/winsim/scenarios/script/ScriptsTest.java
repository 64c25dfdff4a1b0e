package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every script in scripts/facts and scripts/lessons passes on the simulator under the windows profile. */
class ScriptsTest {
    static final Path SCRIPTS = Path.of("..", "scripts");

    /**
     * Scripts whose Windows-correct expectations today's model does not meet, with the reason. Each must
     * still fail (so the list cannot hide a fix): when the model is fixed, this test says to remove it.
     */
    static List<Path> scripts(String dir) throws IOException {
        try (Stream<Path> s = Files.list(SCRIPTS.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".wss")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> factsAndLessonsPass() throws IOException {
        return Stream.concat(scripts("facts").stream(), scripts("lessons").stream()).map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    Script s = ScriptParser.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
                    ScriptReport r = SimScriptRunner.run(s, null, List.of());
                    StringWriter out = new StringWriter();
                    r.print(new PrintWriter(out));
                    assertTrue(r.passed(), out.toString());
                }));
    }

    @Test
    void eachFactScriptNamesItsFactOnItsFirstLine() throws IOException {
        List<Path> facts = scripts("facts");
        assertTrue(facts.size() >= 28, "fact scripts: " + facts.size());
        for (Path p : facts) {
            String id = p.getFileName().toString().replace(".wss", "");
            String first = Files.readAllLines(p, StandardCharsets.UTF_8).get(0);
            assertTrue(first.startsWith("# " + id + ": ") && first.length() > id.length() + 10, p + ": " + first);
        }
    }

    @Test
    void theIssuesExampleScriptPasses() throws Exception {
        Script s = ScriptParser.parse("example.wss", """
                profile windows
                seed 7
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0            => 0
                listen l 5                    => 0
                c = socket AF_INET SOCK_STREAM IPPROTO_TCP
                ioctlsocket c FIONBIO 1       => 0
                connect c l                   => SOCKET_ERROR WSAEWOULDBLOCK
                select write={c} timeout=1000 => 1 write={c}
                a = accept l
                send c 5                      => 5
                send c "hello"                => 5
                wait 10ms
                recv a 100                    => 10
                spawn r: recv a 100
                join r 50ms                   => PENDING
                send c 3                      => 3
                join r                        => 3
                recv c 100                    => SOCKET_ERROR WSAEWOULDBLOCK
                setsockopt c SO_LINGER 1 0    => 0
                closesocket c                 => 0
                wait 10ms
                recv a 100                    => SOCKET_ERROR WSAECONNRESET
                """);
        ScriptReport r = SimScriptRunner.run(s, null, List.of());
        assertTrue(r.passed(), r.lines().toString());
        assertEquals(21, r.lines().size());
        assertEquals(7, r.seed());
    }

    @Test
    void mismatchesAreAllReportedAndDeadlocksNameTheirLine() throws Exception {
        Script s = ScriptParser.parse("bad.wss", """
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0     => 1
                listen l 5             => 0 WSAEINVAL
                getsockname l          => 0 10.9.9.9:*
                a = accept l
                closesocket l          => 0
                """);
        ScriptReport r = SimScriptRunner.run(s, null, List.of());
        assertTrue(!r.passed());
        assertEquals("MISMATCH expected 1 got 0", r.lines().get(1).problem());
        assertEquals("MISMATCH expected 0 WSAEINVAL got 0", r.lines().get(2).problem());
        assertEquals("MISMATCH expected 0 10.9.9.9:* got 0 127.0.0.1:49152", r.lines().get(3).problem());
        assertEquals(4, r.lines().size(), "the run stops at the deadlocked line");
        assertTrue(r.stopped().startsWith("line 5 (a = accept l) did not finish: DEADLOCK at t="), r.stopped());
        assertEquals(4, r.mismatches());
    }

    @Test
    void recvIsCheckedAgainstThePeersStream() throws Exception {
        Script s = ScriptParser.parse("stream.wss", """
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0  => 0
                listen l 5          => 0
                c = socket AF_INET SOCK_STREAM IPPROTO_TCP
                connect c l         => 0
                a = accept l
                send c "abc"        => 3
                recv a 2 MSG_PEEK   => 2 "ab"
                recv a 1            => 1 "a"
                recv a 10           => 2 "bc"
                recv a 10 => 1
                """);
        ScriptReport r = SimScriptRunner.run(s, null, List.of());
        assertTrue(r.lines().subList(0, 10).stream().allMatch(LineResult::ok), r.lines().toString());
        assertTrue(r.stopped().contains("DEADLOCK"), "the last recv waits for data that never comes");
    }

    @Test
    void anUrgentByteMayBeReadBeforeTheNormalBytesSentBeforeIt() throws Exception {
        ScriptReport r = SimScriptRunner.run(ScriptParser.parse("oob.wss", """
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0       => 0
                listen l 5               => 0
                c = socket AF_INET SOCK_STREAM IPPROTO_TCP
                connect c l              => 0
                a = accept l
                send c "abc!" MSG_OOB    => 4
                wait 20ms
                recv a 1 MSG_OOB         => 1 "!"
                recv a 2                 => 2 "ab"
                send c "de"              => 2
                wait 20ms
                recv a 10                => 3 "cde"
                """), null, List.of());
        assertTrue(r.passed(), r.lines().toString());
    }

    @Test
    void anyValueIsNotAFailedCall() throws Exception {
        ScriptReport r = SimScriptRunner.run(ScriptParser.parse("any.wss", """
                s = socket AF_INET SOCK_STREAM IPPROTO_TCP
                listen s 5               => *
                recv s 10                => *
                recv s 10                => * WSAENOTCONN
                """), null, List.of());
        assertEquals("MISMATCH expected * got SOCKET_ERROR WSAEINVAL", r.lines().get(1).problem());
        assertEquals("MISMATCH expected * got SOCKET_ERROR WSAENOTCONN", r.lines().get(2).problem());
        assertTrue(r.lines().get(3).ok());
    }

    @Test
    void aSpawnedRecvIsCheckedAgainstTheStreamWhenItCompletes() throws Exception {
        ScriptReport r = SimScriptRunner.run(ScriptParser.parse("deferred.wss", """
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0       => 0
                listen l 5               => 0
                c = socket AF_INET SOCK_STREAM IPPROTO_TCP
                connect c l              => 0
                a = accept l
                spawn r: recv a 100
                send c "hello"           => 5
                join r                   => 5 "hello"
                spawn q: recv a 100
                send c 3                 => 3
                join q                   => 2
                """), null, List.of());
        assertTrue(r.lines().subList(0, 11).stream().allMatch(LineResult::ok), r.lines().toString());
        assertEquals("3", r.lines().get(11).result());
        assertEquals("MISMATCH expected 2 got 3", r.lines().get(11).problem());
    }
}
