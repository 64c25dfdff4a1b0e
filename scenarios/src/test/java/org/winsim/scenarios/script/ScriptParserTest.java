package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Malformed scripts: each names the exact line, column and what was expected. */
class ScriptParserTest {
    private static final String S = "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\n";

    private static String error(String text) {
        return assertThrows(ScriptSyntaxError.class, () -> ScriptParser.parse("t.wss", text)).toString();
    }

    @Test
    void unknownVerb() {
        assertEquals("t.wss:2:1: unknown verb 'frobnicate'", error(S + "frobnicate s\n"));
        assertEquals("t.wss:1:5: unknown verb 'sockit'", error("x = sockit AF_INET SOCK_STREAM 0"));
    }

    @Test
    void badAddress() {
        assertEquals("t.wss:2:8: bad address '127.0.0.1:99999': the port must be a number from 0 to 65535",
                error(S + "bind s 127.0.0.1:99999\n"));
        assertEquals("t.wss:2:11: bad address '300.1.1.1:5': '300.1.1.1' is not an IPv4 address",
                error(S + "connect s 300.1.1.1:5\n"));
        assertEquals("t.wss:2:8: bad address 'localhost': expected IP:PORT such as 127.0.0.1:5150, or a socket name",
                error(S + "bind s localhost\n"));
        assertEquals("t.wss:2:20: bad address '1.2.3:4': expected IP:PORT or IP:*", error(S + "getsockname s => 0 1.2.3:4\n"));
    }

    @Test
    void unclosedQuote() {
        assertEquals("t.wss:2:8: unclosed string: a '\"' is missing", error(S + "send s \"abc\n"));
        assertEquals("t.wss:2:9: unknown escape '\\q' (use \\\\ \\\" \\n \\r \\t \\0 or \\xHH)", error(S + "send s \"\\q\"\n"));
    }

    @Test
    void missingValueAfterArrow() {
        assertEquals("t.wss:2:14: expected a value after '=>'", error(S + "listen s 5 =>\n"));
        assertEquals("t.wss:2:14: expected a value after '=>'", error(S + "listen s 5 =>   # nothing\n"));
    }

    @Test
    void unknownConstant() {
        assertEquals("t.wss:1:32: unknown constant 'IPPROTO_TCPX': expected a protocol",
                error("s = socket AF_INET SOCK_STREAM IPPROTO_TCPX"));
        assertEquals("t.wss:2:16: unknown constant 'WSAEWOULDBLOK': expected an output value",
                error(S + "recv s 4 => -1 WSAEWOULDBLOK\n"));
        assertEquals("t.wss:2:14: unknown constant 'SO_NOTHING': expected a socket option", error(S + "getsockopt s SO_NOTHING\n"));
    }

    @Test
    void wrongArgumentCount() {
        assertEquals("t.wss:1:31: expected a protocol (the line ends too early)", error("s = socket AF_INET SOCK_STREAM"));
        assertEquals("t.wss:2:15: too many arguments: '7' is not expected here", error(S + "closesocket s 7\n"));
        assertEquals("t.wss:2:9: expected a backlog (the line ends too early)", error(S + "listen s\n"));
        assertEquals("t.wss:2:28: too many arguments: '9' is not expected here", error(S + "setsockopt s SO_LINGER 1 0 9\n"));
    }

    @Test
    void namesAndThreads() {
        assertEquals("t.wss:1:6: unknown socket name 'q' (bind it first, as in 'q = socket ...')", error("recv q 4"));
        assertEquals("t.wss:2:1: 's' is already bound", error(S + S));
        assertEquals("t.wss:1:6: unknown thread 'r': start it with 'spawn r: ...'", error("join r"));
        assertEquals("t.wss:2:7: expected 'NAME:' after spawn", error(S + "spawn r recv s 1\n"));
        assertEquals("t.wss:2:19: a spawned call has no expectation: give it to 'join r'", error(S + "spawn r: recv s 1 => 1\n"));
        assertEquals("t.wss:2:1: only socket and accept return a handle to bind to a name", error(S + "x = listen s 5\n"));
    }

    @Test
    void directivesAndDurations() {
        assertEquals("t.wss:2:1: 'profile' must come before the first statement", error(S + "profile linux\n"));
        assertEquals("t.wss:1:9: unknown profile 'bsd': expected windows or linux", error("profile bsd"));
        assertEquals("t.wss:1:6: bad duration '10': expected a number with ms, us or s, such as 10ms", error("wait 10"));
        assertEquals("t.wss:2:8: unknown select argument 'red': expected read=, write=, except= or timeout=",
                error(S + "select red={s}\n"));
        assertEquals("t.wss:2:16: expected ',' or '}' in the read set, found 's'", error(S + "select read={s s}\n"));
    }

    @Test
    void commentsBlankLinesAndDirectivesParse() throws Exception {
        Script s = ScriptParser.parse("t.wss", "# a comment\n\nprofile linux\nseed 9\nstartup off\n" + S
                + "send s \"a # not a comment\" # a comment\n");
        assertEquals("linux", s.profile());
        assertEquals(9L, s.seed());
        assertEquals(false, s.startup());
        assertEquals(2, s.statements().size());
        assertEquals("send s \"a # not a comment\"", s.statements().get(1).text());
    }
}
