package org.winsim.realbackend.wine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/** WineWin32: Winsock and kernel32 calls answered by Wine through the agent, with exact results. */
class WineWin32Test {
    private static WineAgent agent;
    private WineWin32 w;

    @BeforeAll
    static void startAgent() {
        agent = WineAgents.startOrSkip();
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @BeforeEach
    void startup() {
        w = new WineWin32(agent);
        WSADATA data = new WSADATA();
        assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, data));
        assertEquals(0x202, data.wVersion);
        assertEquals("WinSock 2.0", data.szDescription);
    }

    @AfterEach
    void cleanup() {
        assertEquals(0, w.WSACleanup());
    }

    private long listener() {
        long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertNotEquals(INVALID_SOCKET, l);
        assertEquals(0, w.bind(l, sockaddr_in.of("127.0.0.1", 0), 16));
        assertEquals(0, w.listen(l, 5));
        return l;
    }

    private sockaddr_in nameOf(long s) {
        sockaddr_in at = new sockaddr_in();
        int[] len = {16};
        assertEquals(0, w.getsockname(s, at, len));
        assertEquals(16, len[0]);
        return at;
    }

    private void assertError(WsaError expected) {
        assertEquals(expected.name(), WsaError.nameOf(w.WSAGetLastError()));
    }

    @Test
    void loopbackPairCarriesBytesAndClosesGracefully() {
        long l = listener();
        sockaddr_in at = nameOf(l);
        assertEquals(AF_INET, at.sin_family);
        assertEquals(sockaddr_in.inet_addr("127.0.0.1"), at.sin_addr);
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, at, 16));
        sockaddr_in peer = new sockaddr_in();
        int[] peerLen = {16};
        long a = w.accept(l, peer, peerLen);
        assertNotEquals(INVALID_SOCKET, a);
        assertEquals(16, peerLen[0]);
        assertEquals(nameOf(c).toString(), peer.toString());

        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, w.send(c, hello, 5, 0));
        byte[] buf = new byte[100];
        assertEquals(5, w.recv(a, buf, 10, 100 - 10, 0));
        assertArrayEquals(hello, Arrays.copyOfRange(buf, 10, 15));

        assertEquals(0, w.closesocket(c));
        assertEquals(0, w.recv(a, buf, buf.length, 0));
        assertEquals(SOCKET_ERROR, w.send(c, hello, 5, 0));
        assertError(WsaError.WSAENOTSOCK);
        assertEquals(0, w.closesocket(a));
        assertEquals(0, w.closesocket(l));
    }

    @Test
    void nonBlockingConnectWouldBlockThenSelectReportsItWritable() {
        long l = listener();
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.ioctlsocket(c, FIONBIO, new int[] {1}));
        assertEquals(SOCKET_ERROR, w.connect(c, nameOf(l), 16));
        assertError(WsaError.WSAEWOULDBLOCK);

        fd_set write = new fd_set();
        fd_set.FD_SET(c, write);
        assertEquals(1, w.select(0, null, write, null, timeval.ofMillis(5000)));
        assertEquals(1, write.fd_count);
        assertEquals(c, write.fd_array[0]);
        w.closesocket(c);
        w.closesocket(l);
    }

    @Test
    void selectOnAListenerTimesOutEmptyThenReportsThePendingConnection() {
        long l = listener();
        fd_set read = new fd_set();
        fd_set.FD_SET(l, read);
        assertEquals(0, w.select(0, read, null, null, timeval.ofMillis(0)));
        assertEquals(0, read.fd_count);

        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, nameOf(l), 16));
        fd_set.FD_SET(l, read);
        fd_set.FD_SET(c, read);
        assertEquals(1, w.select(0, read, null, null, timeval.ofMillis(5000)));
        assertEquals(1, read.fd_count);
        assertEquals(l, read.fd_array[0]);
        w.closesocket(c);
        w.closesocket(l);
    }

    @Test
    void anAutoResetEventReleasesOneWaitThenResets() {
        long auto = w.CreateEvent(null, false, true, null);
        long manual = w.CreateEvent(null, true, false, null);
        assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(auto, 0));
        assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(auto, 0));
        assertEquals(WinBase.TRUE, w.SetEvent(auto));
        assertEquals(WinBase.WAIT_OBJECT_0 + 1, w.WaitForMultipleObjects(2, new long[] {manual, auto}, false, 0));
        assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForMultipleObjects(2, new long[] {manual, auto}, false, 0));
        assertEquals(WinBase.TRUE, w.CloseHandle(auto));
        assertEquals(WinBase.TRUE, w.CloseHandle(manual));
        assertEquals(WinBase.WAIT_FAILED, w.WaitForSingleObject(auto, 0));
        assertEquals(6, w.GetLastError()); // ERROR_INVALID_HANDLE
    }

    @Test
    void anAlertableSleepRunsTheQueuedApcOnItsOwnThreadAndReturnsWaitIoCompletion() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> sleeper = new AtomicReference<>();
        long t = w.CreateThread(null, 0, p -> {
            sleeper.set(Thread.currentThread().getName());
            return w.SleepEx(10_000, true);
        }, null, 0, null);
        assertNotEquals(0L, t);
        assertEquals(WinBase.TRUE, w.QueueUserAPC(data -> ran.add(Thread.currentThread().getName() + " " + data), t, 7));
        assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 10_000));
        int[] code = new int[1];
        assertEquals(WinBase.TRUE, w.GetExitCodeThread(t, code));
        assertEquals(WinBase.WAIT_IO_COMPLETION, code[0]);
        assertEquals(List.of(sleeper.get() + " 7"), ran);

        assertEquals(WinBase.TRUE, w.QueueUserAPC(data -> ran.add("self " + data), w.GetCurrentThread(), 9));
        assertEquals(0, w.SleepEx(0, false));
        assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
        assertEquals("self 9", ran.get(1));
        assertEquals(WinBase.TRUE, w.CloseHandle(t));
    }

    @Test
    void aBlockingAcceptBlocksOnlyItsOwnThread() {
        long l = listener();
        AtomicLong accepted = new AtomicLong();
        long t = w.CreateThread(null, 0, p -> {
            accepted.set(w.accept(l, null, null));
            return 0;
        }, null, 0, null);
        assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(t, 100));
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, nameOf(l), 16));
        assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 10_000));
        assertNotEquals(INVALID_SOCKET, accepted.get());
        sockaddr_in peer = new sockaddr_in();
        assertEquals(0, w.getpeername(accepted.get(), peer, new int[] {16}));
        assertEquals(nameOf(c).toString(), peer.toString());
        w.closesocket(accepted.get());
        w.closesocket(c);
        w.closesocket(l);
        w.CloseHandle(t);
    }

    // ---- issue 16: thread names ----

    @Test
    void setThreadDescriptionAnswersAnHresult() {
        assertEquals(WinBase.HRESULT_NT_SUCCESS, w.SetThreadDescription(w.GetCurrentThread(), "receiver"));
        assertEquals(WinBase.HRESULT_NT_INVALID_HANDLE, w.SetThreadDescription(0x7777, "nobody"));
    }

    // ---- issue 11: WSAEventSelect and WSAAsyncSelect through the agent ----

    @Test
    void eventSelectRecordsFdAcceptAndEnumResetsTheEvent() {
        long l = listener();
        long e = w.WSACreateEvent();
        assertEquals(0, w.WSAEventSelect(l, e, Winsock.FD_ACCEPT));
        assertEquals(SOCKET_ERROR, w.ioctlsocket(l, FIONBIO, new int[] {0}));
        assertError(WsaError.WSAEINVAL);
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, nameOf(l), 16));
        assertEquals(Winsock.WSA_WAIT_EVENT_0, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 5000, false));
        org.winsim.winsock.api.WSANETWORKEVENTS ne = new org.winsim.winsock.api.WSANETWORKEVENTS();
        assertEquals(0, w.WSAEnumNetworkEvents(l, e, ne));
        assertEquals(Winsock.FD_ACCEPT, ne.lNetworkEvents);
        assertEquals(Winsock.WSA_WAIT_TIMEOUT, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, false));
        assertEquals(1, w.WSACloseEvent(e));
        w.closesocket(c);
        w.closesocket(l);
    }

    @Test
    void asyncSelectMessagesRunTheJavaWindowProcedureWithTheSocketHandle() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        assertNotEquals(0, w.RegisterClass(new org.winsim.winsock.api.WNDCLASS("wine-test", (h, m, wp, lp) -> {
            calls.add(m + " " + wp + " " + Winsock.fdNames(Winsock.WSAGETSELECTEVENT(lp)));
            return 7;
        })));
        long hwnd = w.CreateWindowEx(0, "wine-test", "", 0, 0, 0, 0, 0, org.winsim.winsock.api.WinUser.HWND_MESSAGE, 0, 0, null);
        assertNotEquals(0, hwnd);
        long l = listener();
        int wmSocket = org.winsim.winsock.api.WinUser.WM_USER + 1;
        assertEquals(0, w.WSAAsyncSelect(l, hwnd, wmSocket, Winsock.FD_ACCEPT));
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, nameOf(l), 16));
        org.winsim.winsock.api.MSG m = new org.winsim.winsock.api.MSG();
        assertEquals(1, w.GetMessage(m, 0, 0, 0));
        assertEquals(hwnd, m.hwnd);
        assertEquals(wmSocket, m.message);
        assertEquals(Winsock.WSAMAKESELECTREPLY(Winsock.FD_ACCEPT, 0), m.lParam);
        assertEquals(0, w.TranslateMessage(m));
        assertEquals(7, w.DispatchMessage(m));
        assertEquals(List.of(wmSocket + " " + l + " FD_ACCEPT"), calls);
        assertEquals(1, w.DestroyWindow(hwnd));
        w.closesocket(c);
        w.closesocket(l);
    }

    // ---- overlapped I/O (issue 12) ----

    @Test
    void overlappedReceiveCompletesIntoTheProgramsBuffersAndRoutinesRun() {
        long l = listener();
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, nameOf(l), 16));
        long a = w.accept(l, null, null);
        long e = w.CreateEvent(null, true, false, null);
        org.winsim.winsock.api.WSAOVERLAPPED ov = new org.winsim.winsock.api.WSAOVERLAPPED(e);
        byte[] b1 = new byte[2];
        byte[] b2 = new byte[8];
        org.winsim.winsock.api.WSABUF[] bufs = {new org.winsim.winsock.api.WSABUF(b1), new org.winsim.winsock.api.WSABUF(b2)};
        assertEquals(SOCKET_ERROR, w.WSARecv(a, bufs, 2, new int[1], new int[1], ov, null));
        assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
        byte[] hello = "hello".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(5, w.send(c, hello, 5, 0));
        assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(e, 5000));
        int[] bytes = {0};
        assertEquals(WinBase.TRUE, w.WSAGetOverlappedResult(a, ov, bytes, false, new int[1]));
        assertEquals(5, bytes[0]);
        assertEquals("he", new String(b1, StandardCharsets.ISO_8859_1));
        assertEquals("llo", new String(b2, 0, 3, StandardCharsets.ISO_8859_1));
        assertEquals(0, ov.Internal);

        List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        org.winsim.winsock.api.WSAOVERLAPPED ov2 = new org.winsim.winsock.api.WSAOVERLAPPED();
        assertEquals(SOCKET_ERROR, w.WSARecv(a, new org.winsim.winsock.api.WSABUF[] {new org.winsim.winsock.api.WSABUF(new byte[4])}, 1,
                new int[1], new int[1], ov2, (err, n, o, f) -> calls.add(n)));
        assertEquals(3, w.send(c, hello, 3, 0));
        assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(5000, true));
        assertEquals(List.of(3), calls);
        assertEquals(WinBase.TRUE, w.CancelIo(a));
        w.closesocket(a);
        w.closesocket(c);
        w.closesocket(l);
        w.CloseHandle(e);
    }
}
