package org.winsim.scenarios.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** WSAIoctl and the extension-function verbs on the simulator: exact results, parse errors, --verbs. */
class ExtensionVerbsTest {
    private static final String PAIR = """
            l = socket AF_INET SOCK_STREAM IPPROTO_TCP
            bind l 127.0.0.1:0
            listen l 5
            c = socket AF_INET SOCK_STREAM IPPROTO_TCP
            connect c l
            a = accept l
            """;

    /** Runs a script and returns each line's result as {@code LINE: RESULT}. */
    private static List<String> results(String text) throws Exception {
        ScriptReport r = SimScriptRunner.run(ScriptParser.parse("x.wss", text), null, List.of());
        return r.lines().stream().map(l -> l.line() + ": " + l.result() + (l.ok() ? "" : " (" + l.problem() + ")")).toList();
    }

    private static String error(String text) {
        return assertThrows(ScriptSyntaxError.class, () -> ScriptParser.parse("t.wss", text)).toString();
    }

    @Test
    void anIpOptionTakesItsLevelFromItsName() throws Exception {
        assertEquals(List.of("2: 0 128", "3: 0", "4: 0 7", "5: 0 7", "6: SOCKET_ERROR WSAEINVAL", "7: SOCKET_ERROR WSAEINVAL"),
                results("""
                        u = socket AF_INET SOCK_DGRAM IPPROTO_UDP
                        getsockopt u IP_TTL
                        setsockopt u IP_TTL 7
                        getsockopt u IP_TTL
                        getsockopt u IPPROTO_IP 4
                        setsockopt u IP_HDRINCL 1
                        setsockopt u IP_TTL 256
                        """).subList(1, 7));
    }

    @Test
    void wsaIoctlReadsAndWritesItsBuffersAndCount() throws Exception {
        assertEquals(List.of("9: 0 5 bytes=4", "10: 0 bytes=0", "11: 5", "12: SOCKET_ERROR WSAEWOULDBLOCK",
                "13: SOCKET_ERROR WSAEFAULT bytes=9", "14: SOCKET_ERROR WSAEOPNOTSUPP bytes=0", "15: 0 bytes=8",
                "16: SOCKET_ERROR WSAEINVAL bytes=0", "17: 0 1 bytes=4", "18: TRUE bytes=0"), results(PAIR + """
                send c "hello"
                wait 1ms
                WSAIoctl a FIONREAD
                WSAIoctl a FIONBIO 1
                recv a 10
                recv a 10
                WSAIoctl a SIOCATMARK outlen=2 bytes=9
                WSAIoctl a 0x12345678 bytes=3
                WSAIoctl a SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_CONNECTEX
                WSAIoctl a SIO_GET_EXTENSION_FUNCTION_POINTER 00000000-0000-0000-0000-000000000001
                WSAIoctl a SIOCATMARK ov=o
                join o
                """).subList(8, 18));
    }

    @Test
    void acceptExDeliversTheFirstDataAndBothAddresses() throws Exception {
        assertEquals(List.of("7: FALSE ERROR_IO_PENDING", "8: PENDING", "9: c", "10: 0", "11: 3", "12: TRUE bytes=3",
                "13: 0 127.0.0.1:49152 127.0.0.1:49153", "14: 0", "15: 0 127.0.0.1:49153"), results("""
                l = socket AF_INET SOCK_STREAM IPPROTO_TCP
                bind l 127.0.0.1:0
                listen l 5
                s = socket AF_INET SOCK_STREAM IPPROTO_TCP
                WSAIoctl l SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_ACCEPTEX
                WSAIoctl l SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_GETACCEPTEXSOCKADDRS
                AcceptEx l s 16 ov=o
                join o 10ms
                c = socket AF_INET SOCK_STREAM IPPROTO_TCP
                connect c l
                send c "abc"
                join o => TRUE bytes=3 "abc"
                GetAcceptExSockaddrs o
                setsockopt s SO_UPDATE_ACCEPT_CONTEXT l
                getpeername s
                """).subList(6, 15));
    }

    @Test
    void aFetchThatFailedLeavesNoPointerToCall() throws Exception {
        List<String> r = results("""
                WSAIoctl 0x1234 SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_DISCONNECTEX
                DisconnectEx 0x1234
                """);
        assertEquals(List.of("1: SOCKET_ERROR WSAENOTSOCK bytes=0",
                "2: not called (no DisconnectEx pointer: the WSAIoctl that fetches it failed)"), r);
    }

    @Test
    void parseErrors() {
        String s = "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\n";
        assertEquals("t.wss:2:10: AcceptEx is called through a pointer: fetch it first with 'WSAIoctl SOCKET"
                + " SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_ACCEPTEX'", error(s + "AcceptEx s s 0 ov=o\n"));
        assertEquals("t.wss:2:47: unknown GUID 'WSAID_FOO': expected WSAID_ACCEPTEX, WSAID_CONNECTEX, WSAID_DISCONNECTEX,"
                + " WSAID_GETACCEPTEXSOCKADDRS, or 8-4-4-4-12 hex digits", error(s + "WSAIoctl s SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_FOO\n"));
        assertEquals("t.wss:2:21: unknown option 'size=': expected inlen=, outlen=, bytes=, ov=, event= or routine=",
                error(s + "WSAIoctl s FIONREAD size=4\n"));
        assertEquals("t.wss:3:21: unknown option 'routine=': expected ov=, event=", error(s
                + "WSAIoctl s SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_DISCONNECTEX\nDisconnectEx s ov=o routine=cr\n"));
        assertEquals("t.wss:3:17: too many arguments: ConnectEx sends one byte count or one \"string\"", error(s
                + "WSAIoctl s SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_CONNECTEX\nConnectEx s s 3 \"abc\"\n"));
        assertEquals("t.wss:3:22: 'x' is not an OVERLAPPED an AcceptEx was issued with", error(s
                + "WSAIoctl s SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_GETACCEPTEXSOCKADDRS\nGetAcceptExSockaddrs x\n"));
    }

    @Test
    void verbsListsThem() {
        String verbs = String.join("\n", VerbRegistry.describe());
        for (String v : List.of("WSAIoctl SOCKET CODE", "AcceptEx LISTENER ACCEPT RECVLEN", "GetAcceptExSockaddrs OV", "ConnectEx SOCKET ADDRESS",
                "DisconnectEx SOCKET [FLAGS]", "ovstate OV [Internal=STATUS]")) {
            assertTrue(verbs.contains(v), v);
        }
    }
}
