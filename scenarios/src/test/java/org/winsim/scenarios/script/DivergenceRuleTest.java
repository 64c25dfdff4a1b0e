package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Divergence rules: how a rule matches a line, consequence rules, and Wine's rules beside their evidence in the docs. */
class DivergenceRuleTest {
    private static final Path DOC = Path.of("..", "docs", "wine-divergences.md");

    private static DivergenceRule rule(String id) {
        return WineDivergences.RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aRuleMatchesTheWholeCallAndBothWholeResults() {
        DivergenceRule w1 = rule("W1");
        assertTrue(w1.matches("recv a 100", "0", "SOCKET_ERROR WSAECONNRESET", List.of()));
        assertFalse(w1.matches("send a 100", "0", "SOCKET_ERROR WSAECONNRESET", List.of()), "another call");
        assertFalse(w1.matches("recv a 100", "5", "SOCKET_ERROR WSAECONNRESET", List.of()), "another Wine result");
        assertFalse(w1.matches("recv a 100", "0", "SOCKET_ERROR WSAEWOULDBLOCK", List.of()), "another model result");
        assertFalse(w1.matches("recv a 100", "0 ", "SOCKET_ERROR WSAECONNRESET", List.of()), "the whole result, not a prefix");
    }

    @Test
    void aConsequenceRuleAppliesOnlyAfterItsCause() {
        DivergenceRule w8 = rule("W8");
        assertFalse(w8.matches("recv a 10000", "10000", "8192", List.of()));
        assertFalse(w8.matches("recv a 10000", "10000", "8192", List.of("W1")));
        assertTrue(w8.matches("recv a 10000", "10000", "8192", List.of("W1", "W7")));
    }

    @Test
    void theFirstMatchingRuleExplainsALine() {
        assertEquals("W6", DivergenceRule.explaining(WineDivergences.RULES, "connect r 127.0.0.1:9",
                "SOCKET_ERROR WSAECONNREFUSED", "PENDING", List.of()).id());
        assertNull(DivergenceRule.explaining(WineDivergences.RULES, "bind s 127.0.0.1:0", "0", "SOCKET_ERROR WSAEINVAL", List.of()));
    }

    /**
     * The socket sweep's rules explain only the sockets their scripts name for them: each line below is
     * explained by its rule as the script writes it, and by no rule once the socket has another name.
     */
    @Test
    void theSocketSweepRulesMatchOnlyTheSocketsTheirScriptsNameForThem() {
        String[][] lines = {
            {"WK1", "bind portmate_s 127.0.0.1:9375", "SOCKET_ERROR WSAEADDRINUSE", "0"},
            {"WK3", "setsockopt rotype_u SO_TYPE 2", "SOCKET_ERROR WSAENOPROTOOPT", "SOCKET_ERROR WSAEINVAL"},
            {"WK5", "WSAIoctl selnb_s FIONBIO 1 bytes=7", "SOCKET_ERROR WSAEINVAL bytes=7", "0 bytes=0"},
            {"WK6", "getsockopt debug2_s SO_DEBUG", "0 0", "0 1"},
            {"WK7", "getpeername shutname_c", "SOCKET_ERROR WSAENOTCONN", "0 127.0.0.1:*"},
            {"WK8", "WSAPoll {inlurg_s=POLLRDNORM|POLLRDBAND|POLLWRNORM} 0", "1 revents={POLLRDNORM|POLLWRNORM}", "1 revents={POLLWRNORM}"},
            {"WK9", "WSAPoll {pollhup_s3=0} 1000", "0 revents={0}", "1 revents={POLLHUP}"},
            {"WK10", "send neverconn_t 5", "SOCKET_ERROR WSAECONNRESET", "SOCKET_ERROR WSAENOTCONN"},
            {"WK11", "send lsnsend_l 5", "BLOCKED", "SOCKET_ERROR WSAENOTCONN"},
            {"WK12", "listen nolisten_k 5", "SOCKET_ERROR WSAEINVAL", "SOCKET_ERROR WSAEISCONN"},
        };
        for (String[] l : lines) {
            assertEquals(l[0], DivergenceRule.explaining(WineDivergences.RULES, l[1], l[2], l[3], List.of()).id(), l[1]);
            String renamed = l[1].replaceFirst("[a-z0-9]+_(\\w+)", "$1");
            assertNull(DivergenceRule.explaining(WineDivergences.RULES, renamed, l[2], l[3], List.of()), renamed);
        }
        assertTrue(rule("WK2").matches("listen portmate_s 5", "SOCKET_ERROR WSAEINVAL", "0", List.of("WK1")));
        assertFalse(rule("WK2").matches("listen s 5", "SOCKET_ERROR WSAEINVAL", "0", List.of("WK1")));
        assertFalse(rule("WK2").matches("select read={w,s} timeout=0", "1 read={w}", "1 read={s}", List.of("WK1")));
        assertTrue(rule("WK4").matches("socket 0xdead SOCK_STREAM 0xdead", "INVALID_SOCKET WSAEPROTONOSUPPORT",
                "INVALID_SOCKET WSAEAFNOSUPPORT", List.of()));
        assertFalse(rule("WK4").matches("socket 0xbeef SOCK_STREAM 0xdead", "INVALID_SOCKET WSAEPROTONOSUPPORT",
                "INVALID_SOCKET WSAEAFNOSUPPORT", List.of()));
    }

    @Test
    void theCallOfAJoinIsTheSpawnedCall() throws ScriptSyntaxError {
        Script s = ScriptParser.parse("t.wss", """
                r = socket AF_INET SOCK_STREAM IPPROTO_TCP
                spawn j: connect r 127.0.0.1:9
                join j 50ms                    => PENDING
                """);
        assertEquals("socket AF_INET SOCK_STREAM IPPROTO_TCP", Comparison.callOf(s, s.statements().get(0)));
        assertEquals("connect r 127.0.0.1:9", Comparison.callOf(s, s.statements().get(2)));
    }

    /** Each rule has its row in docs/wine-divergences.md (| W1 | title | …), and each row there a rule, with the same title. */
    @Test
    void eachRuleHasItsEvidenceInTheDocsAndNoRowLacksARule() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| (W[A-Z]*\\d+) \\| ([^|]+) \\|").matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1) + ": " + m.group(2).strip());
        }
        List<String> coded = WineDivergences.RULES.stream().map(r -> r.id() + ": " + r.title()).toList();
        assertEquals(coded, documented);
    }

    @Test
    void idsAreUniqueAndConsequencesNameRulesThatExist() {
        List<String> ids = WineDivergences.RULES.stream().map(DivergenceRule::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        for (DivergenceRule r : WineDivergences.RULES) {
            assertTrue(ids.containsAll(r.after()), r.id() + " follows " + r.after());
        }
    }
}
