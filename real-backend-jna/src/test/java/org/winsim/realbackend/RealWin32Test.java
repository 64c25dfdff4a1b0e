package org.winsim.realbackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_EXCLUSIVEADDRUSE;
import static org.winsim.winsock.api.Winsock.SO_LINGER;

import com.sun.jna.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.linger;
import org.winsim.winsock.api.sockaddr_in;

/** The real backend on this host's sockets (Linux): Winsock's conventions over the C library. */
class RealWin32Test {
    private RealWin32 w;

    @BeforeEach
    void linuxHost() {
        assumeTrue(Platform.isLinux(), "the C-library binding runs on Linux");
        w = new RealWin32(new PosixSockets());
    }

    private void assertFails(long result, WsaError e) {
        assertEquals(SOCKET_ERROR, result);
        assertEquals(e.name(), WsaError.nameOf(w.WSAGetLastError()));
    }

    private long[] pair() {
        long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.bind(l, sockaddr_in.of("127.0.0.1", 0), 16));
        assertEquals(0, w.listen(l, 5));
        sockaddr_in at = new sockaddr_in();
        assertEquals(0, w.getsockname(l, at, new int[] {16}));
        long c = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.connect(c, at, 16));
        long a = w.accept(l, null, null);
        assertNotEquals(INVALID_SOCKET, a);
        return new long[] {l, c, a};
    }

    @Test
    void socketsNeedWsaStartupAndHandlesAreWinsockStyle() {
        assertEquals(INVALID_SOCKET, w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        assertEquals(WsaError.WSANOTINITIALISED.code, w.WSAGetLastError());
        assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0x100, s);
        assertEquals(0, w.closesocket(s));
        assertFails(w.closesocket(s), WsaError.WSAENOTSOCK);
        assertFails(w.listen(0xdeadbeefL, 1), WsaError.WSAENOTSOCK);
    }

    @Test
    void dataFlowsAndErrnoBecomesWsaErrors() {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long[] p = pair();
        byte[] out = "hello".getBytes();
        assertEquals(5, w.send(p[1], out, 5, 0));
        byte[] in = new byte[10];
        assertEquals(5, w.recv(p[2], in, 10, 0));
        assertArrayEquals(out, java.util.Arrays.copyOf(in, 5));
        assertEquals(0, w.ioctlsocket(p[2], FIONBIO, new int[] {1}));
        assertFails(w.recv(p[2], in, 10, 0), WsaError.WSAEWOULDBLOCK);
        assertEquals(p[1], w.peerHandle(p[2]));
        assertEquals(p[2], w.peerHandle(p[1]));
        assertEquals(0, w.setsockopt(p[1], SOL_SOCKET, SO_LINGER, new linger(1, 0)));
        assertEquals(0, w.closesocket(p[1]));
        w.Sleep(20);
        assertFails(w.recv(p[2], in, 10, 0), WsaError.WSAECONNRESET);
    }

    @Test
    void winsockArgumentChecksComeFirst() {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertFails(w.bind(s, sockaddr_in.of("127.0.0.1", 0), 15), WsaError.WSAEFAULT);
        assertFails(w.connect(s, null, 16), WsaError.WSAEFAULT);
        assertFails(w.ioctlsocket(s, FIONBIO, null), WsaError.WSAEFAULT);
        assertFails(w.ioctlsocket(s, 0xdeadbeef, new int[1]), WsaError.WSAEOPNOTSUPP);
        assertFails(w.getsockopt(s, SOL_SOCKET, SO_LINGER, new byte[4], new int[] {1}), WsaError.WSAEFAULT);
        assertThrows(IllegalArgumentException.class, () -> w.recv(s, new byte[4], 0, 8, 0));
    }

    @Test
    void windowsOnlyOptionsAreUnsupportedHere() {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        UnsupportedOnThisOs e = assertThrows(UnsupportedOnThisOs.class, () -> w.setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1));
        assertEquals("SO_EXCLUSIVEADDRUSE is not supported on linux", e.getMessage());
    }

    @Test
    void errnoTranslation() {
        assertEquals(WsaError.WSAEWOULDBLOCK, PosixSockets.translate(11));
        assertEquals(WsaError.WSAEWOULDBLOCK, PosixSockets.translate(115));
        assertEquals(WsaError.WSAECONNREFUSED, PosixSockets.translate(111));
        assertEquals(WsaError.WSAECONNRESET, PosixSockets.translate(104));
        assertEquals(WsaError.WSAENOTSOCK, PosixSockets.translate(9));
        assertEquals(WsaError.WSAENOTSOCK, PosixSockets.translate(88));
        assertEquals(WsaError.WSAEADDRINUSE, PosixSockets.translate(98));
        assertEquals(WsaError.WSAENOTCONN, PosixSockets.translate(107));
        assertEquals(WsaError.WSAEISCONN, PosixSockets.translate(106));
        assertEquals(WsaError.WSAETIMEDOUT, PosixSockets.translate(110));
    }

    // ---- issue 16: thread names ----

    @Test
    void setThreadDescriptionNamesTheHostThread() throws Exception {
        String[] seen = new String[1];
        long t = w.CreateThread(null, 0, p -> {
            assertEquals(org.winsim.winsock.api.WinBase.HRESULT_NT_SUCCESS, w.SetThreadDescription(w.GetCurrentThread(), "receiver"));
            seen[0] = Thread.currentThread().getName();
            return 0;
        }, null, 0, null);
        assertEquals(org.winsim.winsock.api.WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 5000));
        assertEquals("receiver", seen[0]);
        assertEquals(org.winsim.winsock.api.WinBase.HRESULT_NT_INVALID_HANDLE, w.SetThreadDescription(0x7777, "nobody"));
    }
}
