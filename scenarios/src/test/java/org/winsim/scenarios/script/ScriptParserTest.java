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
        assertEquals("t.wss:2:1: unknown verb 'frobnicate' (winsim script --verbs lists them)", error(S + "frobnicate s\n"));
        assertEquals("t.wss:1:5: unknown verb 'sockit' (winsim script --verbs lists them)", error("x = sockit AF_INET SOCK_STREAM 0"));
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
    void anOverlappedsStatusIsWrittenByItsNameOrInHex() {
        assertEquals("STATUS_PENDING", new Output.Status(0x103).render());
        assertEquals("STATUS_CANCELLED", new Output.Status(0xC0000120L).render()); // as the block holds it, sign-extended or not
        assertEquals("STATUS_CANCELLED", new Output.Status((int) 0xC0000120L).render());
        assertEquals("0xC0001234", new Output.Status(0xC0001234L).render());
        assertEquals(true, new Output.Status(0xC0000120L).matches(new Output.Status((int) 0xC0000120L)));
        assertEquals(false, new Output.Status(0x103).matches(new Output.Number(0x103)));
        assertEquals("t.wss:2:25: unknown constant 'STATUS_BOGUS': expected an NTSTATUS such as STATUS_SUCCESS for Internal=",
                error(S + "ovstate o => 0 Internal=STATUS_BOGUS\n"));
    }

    @Test
    void aByteCountOptionTakesOnlyNull() {
        assertEquals("t.wss:2:22: received= takes only NULL (a NULL byte count)", error(S + "WSARecv s 4 received=4\n"));
        assertEquals("t.wss:2:13: unknown option 'sent=': expected received=, ov=, event= or routine=", error(S + "WSARecv s 4 sent=NULL\n"));
    }

    @Test
    void aTaggedHandleTakesOnlyItsTwoLowBits() {
        String e = "e = CreateEvent FALSE FALSE\n";
        String only = "only an event's handle takes a tag after '|', and the tag is 1, 2 or 3 (its two low bits)";
        assertEquals("t.wss:2:21: 'e|4': " + only, error(e + "WaitForSingleObject e|4 0\n"));
        assertEquals("t.wss:2:10: 'e|x': " + only, error(e + "SetEvent e|x\n"));
        assertEquals("t.wss:2:10: 'e|TRUE': " + only, error(e + "SetEvent e|TRUE\n"));
        assertEquals("t.wss:2:8: 'e' is an event, not a socket", error(e + "listen e|1 5\n"));
        assertEquals("t.wss:2:8: 's|1': " + only, error(S + "listen s|1 5\n"));
        assertEquals("t.wss:2:10: unknown event name 'x' (bind it first, as in 'x = CreateEvent ...')", error(e + "SetEvent x|1\n"));
        assertEquals("t.wss:2:38: 's|1': " + only, error(S + "select read={s} timeout=0 => 1 read={s|1}\n")); // outputs take none
    }

    @Test
    void numbersPast32BitsCountsPastTheEntriesAndRepeatedOutputsAreRefused() {
        assertEquals("t.wss:2:24: '4294967296' does not fit in 32 bits: expected a timeout in milliseconds (negative: no limit)",
                error(S + "WSAPoll {s=POLLRDNORM} 4294967296\n"));
        assertEquals("t.wss:2:10: '-2147483649' does not fit in 32 bits: expected a backlog", error(S + "listen s -2147483649\n"));
        assertEquals("t.wss:2:31: '4294967296' does not fit in 32 bits: expected tcp_keepalive's onoff (its times are 0), or NULL",
                error(S + "WSAIoctl s SIO_KEEPALIVE_VALS 4294967296\n"));
        assertEquals("t.wss:2:20: '-2147483649' does not fit in 32 bits: expected a value for FIONBIO (0 or 1), or NULL",
                error(S + "WSAIoctl s FIONBIO -2147483649\n"));
        assertEquals("t.wss:2:32: count=5 is past the 1 entries given: expected 0 to 1", error(S + "WSAPoll {s=POLLRDNORM} 0 count=5\n"));
        assertEquals("t.wss:2:32: count=4294967295 is past the 1 entries given: expected 0 to 1",
                error(S + "WSAPoll {s=POLLRDNORM} 0 count=-1\n"));
        assertEquals("t.wss:2:39: 'revents=' is given twice: expected each named output once",
                error(S + "WSAPoll {s=POLLIN} 0 => 0 revents={0} revents={0}\n"));
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
        assertEquals("t.wss:1:6: unknown thread or overlapped name 'r' (bind it first, as in 'spawn r: ...')", error("join r"));
        assertEquals("t.wss:2:7: expected 'NAME:' after spawn", error(S + "spawn r recv s 1\n"));
        assertEquals("t.wss:2:19: a spawned call has no expectation: give it to 'join r'", error(S + "spawn r: recv s 1 => 1\n"));
        assertEquals("t.wss:2:1: listen returns no handle to bind to a name (socket, accept, CreateEvent, WSACreateEvent and CreateWindowEx do)",
                error(S + "x = listen s 5\n"));
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

    @Test
    void namesHaveTypes() {
        String e = "e = CreateEvent FALSE FALSE\n";
        assertEquals("t.wss:3:6: 'e' is an event, not a socket", error(S + e + "send e 5\n"));
        assertEquals("t.wss:2:10: 's' is a socket, not an event", error(S + "SetEvent s\n"));
        assertEquals("t.wss:1:12: unknown event name 'q' (bind it first, as in 'q = CreateEvent ...')", error("ResetEvent q"));
        assertEquals("t.wss:2:14: 's' is a socket, not a recording callback (APC)", error(S + "QueueUserAPC s self 1\n"));
        assertEquals("t.wss:2:7: 's' is a socket, not a recording callback or a window", error(S + "calls s\n"));
        assertEquals("t.wss:1:6: 'self' has no record to check: expected a thread or an overlapped name bound by 'spawn NAME: ...'", error("join self"));
        assertEquals("t.wss:1:1: 'self' is a verb, constant or reserved word and cannot be a name", error("self = CreateEvent TRUE TRUE"));
        assertEquals("t.wss:3:11: 'e' is an event, not a socket or an address", error(e + S + "connect s e\n"));
    }

    @Test
    void resultsFollowTheVerbsShape() {
        assertEquals("t.wss:2:15: PENDING is the result of a line that checks a deferred call (join); listen completes before the next line",
                error(S + "listen s 5 => PENDING\n"));
        assertEquals("t.wss:2:32: unknown output 'red=': expected read=, write=, except=", error(S + "select read={s} timeout=0 => 1 red={s}\n"));
        assertEquals("t.wss:2:17: unknown output 'bytes=': listen has no named outputs", error(S + "listen s 5 => 0 bytes=3\n"));
        assertEquals("t.wss:1:10: wait has no result to check", error("wait 1ms => 0"));
        assertEquals("t.wss:2:19: unknown constant 'q': expected a value for data=",
                error("QueueUserAPC a self 1\ncalls a => 1 data=q\n"));
    }

    @Test
    void lengthsAreBounded() {
        assertEquals("t.wss:2:8: length 2147483647 is too large: a script may pass at most 67108864 bytes (64 MiB)",
                error(S + "send s 2147483647\n"));
        assertEquals("t.wss:2:8: length 67108865 is too large: a script may pass at most 67108864 bytes (64 MiB)",
                error(S + "recv s 67108865\n"));
        assertEquals("t.wss:2:28: length 99999999999 is too large: a script may pass at most 67108864 bytes (64 MiB)",
                error(S + "getsockopt s SO_RCVBUF len=99999999999\n"));
    }

    @Test
    void echoedTokensAreCut() {
        String longVerb = "x".repeat(200);
        assertEquals("t.wss:1:1: unknown verb '" + "x".repeat(32) + "…' (winsim script --verbs lists them)", error(longVerb));
    }

    @Test
    void aByteOrderMarkIsSkippedAndBadUtf8NamesItsOffset() throws Exception {
        byte[] bom = ("\uFEFF" + S).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, ScriptParser.parse("t.wss", bom).statements().size());
        byte[] bad = (S + "send s \"ab").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withFf = java.util.Arrays.copyOf(bad, bad.length + 2);
        withFf[bad.length] = (byte) 0xff;
        withFf[bad.length + 1] = '"';
        assertEquals("t.wss:2:11: not UTF-8 text: byte 0xff at byte offset 53 cannot be decoded",
                assertThrows(ScriptSyntaxError.class, () -> ScriptParser.parse("t.wss", withFf)).toString());
    }
}
