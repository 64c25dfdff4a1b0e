package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Issue 11's script verbs: typed names for events and windows at parse time, messages and event masks
 * as a script writes them, the faults header, and results that are checked (a wrong order fails).
 */
class NotificationVerbsTest {
    private static final String PAIR = """
            l = socket AF_INET SOCK_STREAM IPPROTO_TCP
            bind l 127.0.0.1:0 => 0
            listen l 5 => 0
            c = socket AF_INET SOCK_STREAM IPPROTO_TCP
            connect c l => 0
            a = accept l
            w = CreateWindowEx HWND_MESSAGE
            e = WSACreateEvent
            """;

    private static String error(String text) {
        return assertThrows(ScriptSyntaxError.class, () -> ScriptParser.parse("t.wss", text)).toString();
    }

    private static ScriptReport run(String text) throws ScriptSyntaxError {
        return SimScriptRunner.run(ScriptParser.parse("t.wss", text), null, List.of());
    }

    private static String printed(ScriptReport r) {
        StringWriter out = new StringWriter();
        r.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void windowsAndEventsAreTypedAtParseTime() {
        assertEquals("t.wss:9:18: 'e' is an event, not a window", error(PAIR + "WSAAsyncSelect a e WM_USER+1 FD_READ\n"));
        assertEquals("t.wss:9:18: 'w' is a window, not an event", error(PAIR + "WSAEventSelect a w FD_READ\n"));
        assertEquals("t.wss:9:6: 'w' is a window, not a socket", error(PAIR + "recv w 5\n"));
        assertEquals("t.wss:9:6: 'a' is a socket, not a window", error(PAIR + "pump a\n"));
        assertEquals("t.wss:9:6: unknown window name 'q' (bind it first, as in 'q = CreateWindowEx HWND_MESSAGE')", error(PAIR + "pump q\n"));
        assertEquals("t.wss:9:20: unknown constant 'FD_READ|FD_REED': expected a mask of FD_ events such as FD_READ|FD_CLOSE, or 0",
                error(PAIR + "WSAEventSelect a e FD_READ|FD_REED\n"));
        assertEquals("t.wss:9:1: WSAEventSelect returns no handle to bind to a name (socket, accept, CreateEvent, WSACreateEvent"
                + " and CreateWindowEx do)", error(PAIR + "x = WSAEventSelect a e 0\n"));
    }

    @Test
    void messagesAreCheckedWhenParsed() {
        assertEquals("t.wss:9:13: bad message 'FD_READ(q)': 'q' is not a bound socket name", error(PAIR + "pump w => 1 FD_READ(q)\n"));
        assertEquals("t.wss:9:13: bad message 'FD_RED(a)': 'FD_RED' is not an FD_ event", error(PAIR + "pump w => 1 FD_RED(a)\n"));
        assertEquals("t.wss:9:13: bad message 'FD_CLOSE:EOOPS(a)': 'EOOPS' is not an error name",
                error(PAIR + "pump w => 1 FD_CLOSE:EOOPS(a)\n"));
        assertEquals("t.wss:9:29: unknown output 'event=': expected events=, errors=", error(PAIR + "WSAEnumNetworkEvents a => 0 event=FD_READ\n"));
    }

    @Test
    void theFaultsHeaderTakesAPlanAsTheCommandLineDoes() throws ScriptSyntaxError {
        Script s = ScriptParser.parse("t.wss", "profile windows\nfaults partial-send@conn1:512,partial-send=0.25   # comment\n" + PAIR);
        assertEquals(FaultPlan.parse("partial-send@conn1:512,partial-send=0.25"), s.faults());
        assertEquals("partial-send@conn1:512,partial-send=0.25", s.faults().toString());
        assertEquals(FaultPlan.NONE, ScriptParser.parse("t.wss", PAIR).faults());
        assertEquals("t.wss:1:8: bad fault plan: fault 'partial-send@conn0:5': connections count from 1", error("faults partial-send@conn0:5\n"));
        assertEquals("t.wss:1:8: bad fault plan: fault 'partial-send@conn1:0': a partial send takes at least 1 byte",
                error("faults partial-send@conn1:0\n"));
        assertEquals("t.wss:2:1: 'faults' must come before the first statement", error(PAIR.lines().findFirst().orElseThrow()
                + "\nfaults partial-send=0.5\n"));
    }

    @Test
    void aPartialSendIsTheFaultsAndOnlyOnNonBlockingWindowsSends() throws ScriptSyntaxError {
        String body = PAIR + """
                send c 1024 => 1024
                ioctlsocket a FIONBIO 1 => 0
                send a 1024 => 512
                send a 1024 => 1024
                """;
        assertTrue(run("faults partial-send@conn1:512\n" + body).passed());
        ScriptReport without = run(body);
        assertFalse(without.passed());
        assertTrue(printed(without).contains("MISMATCH expected 512 got 1024"), printed(without));
        assertTrue(run("profile linux\nfaults partial-send@conn1:512\n" + body.replace("=> 512", "=> 1024")).passed(),
                "BSD sends are partial by their own rule: the fault is the windows profile's");
    }

    @Test
    void pumpChecksEachMessageInOrder() throws ScriptSyntaxError {
        String body = PAIR + """
                WSAAsyncSelect a w WM_USER+1 FD_READ|FD_WRITE => 0
                send c 5 => 5
                """;
        assertTrue(run(body + "pump w => 2 FD_WRITE(a) FD_READ(a)\ncalls w => 2 wParam={a,a} lParam={FD_WRITE,FD_READ}\n").passed());
        ScriptReport swapped = run(body + "pump w => 2 FD_READ(a) FD_WRITE(a)\n");
        assertTrue(printed(swapped).contains("MISMATCH expected 2 FD_READ(a) FD_WRITE(a) got 2 FD_WRITE(a) FD_READ(a)"),
                printed(swapped));
        assertTrue(run(body + "pump w max=1 => 1 FD_WRITE(a)\nPeekMessage w => 1 FD_READ(a)\nDispatchMessage => 0\n"
                + "calls w => 2 lParam={FD_WRITE,FD_READ}\nPeekMessage w => 0\n").passed());
        assertTrue(run(body + "PostMessage w WM_USER+1 a FD_CLOSE|0x27450000 => TRUE\npump w wait=0ms => 3 FD_WRITE(a) FD_READ(a)"
                + " FD_CLOSE:WSAECONNABORTED(a)\nPostMessage NULL 0x12 0 0 => TRUE\nGetMessage NULL => 0 0x12:0x0(0x0)\n").passed());
    }

    @Test
    void enumNetworkEventsNamesEventsAndTheirErrors() throws ScriptSyntaxError {
        String body = PAIR + """
                WSAEventSelect a e FD_READ|FD_CLOSE => 0
                send c 5 => 5
                setsockopt c SO_LINGER 1 0 => 0
                closesocket c => 0
                WSAWaitForMultipleEvents {e} FALSE 1000 FALSE => WSA_WAIT_EVENT_0
                wait 10ms
                """;
        assertTrue(run(body + "WSAEnumNetworkEvents a e => 0 events=FD_READ|FD_CLOSE errors={0,WSAECONNABORTED}\n"
                + "WSAEnumNetworkEvents a => 0\nWSAWaitForMultipleEvents {e} FALSE 0 FALSE => WSA_WAIT_TIMEOUT\n").passed());
        assertFalse(run(body + "WSAEnumNetworkEvents a e => 0\n").passed(), "events left out must be none");
        assertFalse(run(body + "WSAEnumNetworkEvents a e => 0 events=FD_READ|FD_CLOSE errors={0,0}\n").passed());
    }

    @Test
    void theVerbsAreListed() {
        String verbs = String.join("\n", VerbRegistry.describe());
        for (String v : List.of("WSACreateEvent", "WSASetEvent", "WSAResetEvent", "WSACloseEvent", "WSAEventSelect SOCKET EVENT", "WSAEnumNetworkEvents",
                "WSAWaitForMultipleEvents", "WSAAsyncSelect", "CreateWindowEx", "PostMessage", "GetMessage", "PeekMessage",
                "DispatchMessage", "pump WINDOW")) {
            assertTrue(verbs.contains(v), v);
        }
    }
}
