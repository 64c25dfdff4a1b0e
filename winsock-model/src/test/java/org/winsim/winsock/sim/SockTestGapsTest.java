package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * Facts WSK-19, WSK-21, WSK-23 and WSK-29: behaviours real Windows shows that have no fact script (one
 * is a todo_wine line of Wine's sock.c that Wine fails; two need an address no script reaches the same
 * way under Wine; the last is the NT dispatcher's order of checks, from ReactOS and Wine's server).
 */
class SockTestGapsTest {
    private static final int WM_SOCKET = WinUser.WM_USER + 100;
    private static final int ALL_EVENTS = Winsock.FD_READ | Winsock.FD_WRITE | Winsock.FD_OOB | Winsock.FD_ACCEPT
            | Winsock.FD_CONNECT | Winsock.FD_CLOSE;

    @Test
    void wsk19_closeHandleOnASocketUnderWsaAsyncSelectPostsFdCloseWhereClosesocketPostsNothing() {
        Fixture.run(w -> {
            long hwnd = window(w);
            for (boolean byHandle : new boolean[] {false, true}) {
                Fixture.Pair p = Fixture.pair(w);
                long src = p.client();
                assertEquals(0, w.WSAAsyncSelect(src, hwnd, WM_SOCKET, ALL_EVENTS));
                MSG m = new MSG();
                assertEquals(1, w.PeekMessage(m, hwnd, WM_SOCKET, WM_SOCKET, WinUser.PM_REMOVE));
                assertEquals(Winsock.FD_WRITE, m.lParam);
                long port = w.CreateIoCompletionPort(src, 0, 0x12345678, 0);
                WSAOVERLAPPED ov = new WSAOVERLAPPED();
                assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(src, new WSABUF[] {new WSABUF(new byte[512])}, 1, new int[1], new int[1], ov, null));
                assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
                if (byHandle) {
                    assertEquals(WinBase.TRUE, w.CloseHandle(src));
                } else {
                    assertEquals(0, w.closesocket(src));
                }
                w.Sleep(200);
                m = new MSG();
                int got = w.PeekMessage(m, hwnd, WM_SOCKET, WM_SOCKET, WinUser.PM_REMOVE);
                if (byHandle) {
                    assertEquals(1, got);
                    assertEquals(hwnd, m.hwnd);
                    assertEquals(src, m.wParam);
                    assertEquals(0x20, m.lParam); // FD_CLOSE, error 0
                } else {
                    assertEquals(0, got);
                }
                int[] bytes = {-1};
                long[] key = new long[1];
                WSAOVERLAPPED[] out = new WSAOVERLAPPED[1];
                assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, out, 100));
                assertEquals(Win32Error.ERROR_CONNECTION_ABORTED.code, w.GetLastError());
                assertEquals(0x12345678, key[0]);
                assertSame(ov, out[0]);
            }
        });
    }

    @Test
    void wsk19_wsaCleanupClosesAnAsyncSelectedSocketWithoutAMessage() {
        Fixture.run(w -> {
            long hwnd = window(w);
            Fixture.Pair p = Fixture.pair(w);
            assertEquals(0, w.WSAAsyncSelect(p.client(), hwnd, WM_SOCKET, ALL_EVENTS));
            MSG m = new MSG();
            assertEquals(1, w.PeekMessage(m, hwnd, WM_SOCKET, WM_SOCKET, WinUser.PM_REMOVE));
            assertEquals(0, w.WSACleanup()); // sockets close "without posting any notification messages"
            w.Sleep(200);
            assertEquals(0, w.PeekMessage(new MSG(), hwnd, WM_SOCKET, WM_SOCKET, WinUser.PM_REMOVE));
        });
    }

    @Test
    void wsk21_aUdpSocketConnectsToTheBroadcastAddressWithoutSoBroadcastAndSendsThere() {
        Fixture.run(w -> {
            long b = UdpFactsTest.udp(w);
            sockaddr_in all = sockaddr_in.of("255.255.255.255", 12345);
            assertFails(w, WsaError.WSAEACCES, w.sendto(b, new byte[4], 4, 0, all, 16));
            assertEquals(0, w.connect(b, all, 16));
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(b, Winsock.SOL_SOCKET, Winsock.SO_BROADCAST, v, new int[] {4}));
            assertEquals(0, v[0]);
            assertFails(w, WsaError.WSAEACCES, w.sendto(b, new byte[4], 4, 0, all, 16)); // naming it still needs the option
            assertEquals(4, w.send(b, new byte[4], 4, 0));
        });
    }

    @Test
    void wsk23_connectExDuringAConnectIsWsaeinvalAndGetpeernameDuringAConnectExIsWsaenotconn() {
        Fixture.run(w -> {
            sockaddr_in nowhere = sockaddr_in.of("192.0.2.0", 65280); // TEST-NET: the SYN is never answered
            long c = nonBlockingBound(w);
            assertFails(w, WsaError.WSAEWOULDBLOCK, w.connect(c, nowhere, 16));
            assertFails(w, WsaError.WSAEALREADY, w.connect(c, nowhere, 16));
            assertEquals(0, w.getpeername(c, new sockaddr_in(), new int[] {16})); // a plain connect names its target (CONN-01)
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(WinBase.FALSE, OvlFactsTest.connectEx(w, c).ConnectEx(c, nowhere, 16, null, 0, new int[1], ov));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            long k = nonBlockingBound(w);
            assertEquals(WinBase.FALSE, OvlFactsTest.connectEx(w, k).ConnectEx(k, nowhere, 16, null, 0, new int[1], new WSAOVERLAPPED()));
            assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
            assertFails(w, WsaError.WSAENOTCONN, w.getpeername(k, new sockaddr_in(), new int[] {16}));
        });
    }

    @Test
    void wsk29_anAlertableWaitOnASignalledObjectReturnsItAndLeavesTheQueuedApcForTheNextAlertableWait() {
        Fixture.run(w -> {
            int[] ran = {0};
            long e = w.CreateEvent(null, true, true, null); // signalled
            assertNotEquals(0, w.QueueUserAPC(data -> ran[0]++, WinBase.CURRENT_THREAD, 7));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObjectEx(e, 0, true));
            assertEquals(0, ran[0], "the APC waits");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForMultipleObjectsEx(1, new long[] {e}, false, WinBase.INFINITE, true));
            assertEquals(Winsock.WSA_WAIT_EVENT_0, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, true));
            assertEquals(0, ran[0]);
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true)); // nothing to satisfy: the APC runs
            assertEquals(1, ran[0]);
            long n = w.CreateEvent(null, true, false, null); // not signalled
            assertNotEquals(0, w.QueueUserAPC(data -> ran[0]++, WinBase.CURRENT_THREAD, 8));
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.WaitForSingleObjectEx(n, WinBase.INFINITE, true));
            assertEquals(2, ran[0]);
        });
    }

    private static long nonBlockingBound(Win32 w) {
        long s = Fixture.tcp(w);
        assertEquals(0, w.ioctlsocket(s, Winsock.FIONBIO, new int[] {1}));
        assertEquals(0, w.bind(s, sockaddr_in.of("0.0.0.0", 0), 16));
        return s;
    }

    private static long window(Win32 w) {
        assertNotEquals(0, w.RegisterClass(new WNDCLASS("gaps", (h, m, wp, lp) -> 0)));
        long hwnd = w.CreateWindowEx(0, "gaps", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
        assertNotEquals(0, hwnd);
        return hwnd;
    }

    private static void assertFails(Win32 w, WsaError expected, int ret) {
        assertEquals(Winsock.SOCKET_ERROR, ret);
        assertEquals(expected.code, w.WSAGetLastError());
    }
}
