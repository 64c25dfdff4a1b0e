package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.FIONREAD;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SIOCATMARK;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.Winsock.SO_EXCLUSIVEADDRUSE;
import static org.winsim.winsock.api.Winsock.SO_LINGER;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_REUSEADDR;
import static org.winsim.winsock.api.WsaError.WSAEACCES;
import static org.winsim.winsock.api.WsaError.WSAEADDRINUSE;
import static org.winsim.winsock.api.WsaError.WSAEADDRNOTAVAIL;
import static org.winsim.winsock.api.WsaError.WSAEAFNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAECONNREFUSED;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAEISCONN;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.api.WsaError.WSANOTINITIALISED;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;

import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.linger;
import org.winsim.winsock.api.sockaddr_in;

/** Socket state errors and bad inputs: the ERR facts of winsock-facts.md under the windows profile. */
class ErrFactsTest {
    @Test
    void err01_noWsaStartupMeansNotInitialised() {
        Fixture.runRaw(OsProfile.WINDOWS, w -> {
            assertEquals(INVALID_SOCKET, w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
            assertEquals(WSANOTINITIALISED.code, w.WSAGetLastError());
        });
    }

    @Test
    void err03_callsOnNonSocketHandles() {
        Fixture.run(w -> {
            assertFails(w, w.listen(0, 0), WSAENOTSOCK);
            assertFails(w, w.listen(0xdeadbeefL, 0), WSAENOTSOCK);
            long s = tcp(w);
            assertEquals(0, w.closesocket(s));
            byte[] out = {1, 2, 3, 4};
            assertFails(w, w.getsockopt(s, SOL_SOCKET, SO_ERROR, out, new int[] {4}), WSAENOTSOCK);
            assertEquals(Structs.int32(new byte[] {1, 2, 3, 4}), Structs.int32(out), "output buffer unchanged");
            assertFails(w, w.getpeername(INVALID_SOCKET, null, null), WSAENOTSOCK);
            long ev = w.CreateEvent(null, true, false, null);
            assertFails(w, w.recv(ev, new byte[4], 4, 0), WSAENOTSOCK);
        });
    }

    @Test
    void err06_bindErrors() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.bind(s, null, 0), WSAEFAULT);
            assertFails(w, w.bind(s, null, 16), WSAEFAULT);
            assertFails(w, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 0), WSAEFAULT);
            assertFails(w, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 15), WSAEFAULT);
            sockaddr_in bad = sockaddr_in.of("127.0.0.1", 0);
            bad.sin_family = 0xdead;
            assertFails(w, w.bind(s, bad, 16), WSAEAFNOSUPPORT);
            assertFails(w, w.bind(s, sockaddr_in.of("192.0.2.0", 0), 16), WSAEADDRNOTAVAIL);
            assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16));
            assertFails(w, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16), WSAEINVAL);
            long other = tcp(w);
            assertFails(w, w.bind(other, nameOf(w, s), 16), WSAEADDRINUSE);
        });
    }

    @Test
    void err07_reuseAddressRules() {
        Fixture.run(w -> {
            long s1 = tcp(w);
            assertEquals(0, w.bind(s1, sockaddr_in.of("127.0.0.1", 0), 16));
            long s2 = tcp(w);
            assertEquals(0, w.setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, 1));
            assertFails(w, w.bind(s2, nameOf(w, s1), 16), WSAEACCES);

            long a = tcp(w);
            long b = tcp(w);
            assertEquals(0, w.setsockopt(a, SOL_SOCKET, SO_REUSEADDR, 1));
            assertEquals(0, w.setsockopt(b, SOL_SOCKET, SO_REUSEADDR, 1));
            assertEquals(0, w.bind(a, sockaddr_in.of("127.0.0.1", 0), 16));
            sockaddr_in shared = nameOf(w, a);
            assertEquals(0, w.bind(b, shared, 16));
            assertEquals(0, w.listen(a, 5));
            assertEquals(0, w.listen(b, 5));
            long c = tcp(w);
            assertEquals(0, w.connect(c, shared, 16));
            int[] nonBlocking = {1};
            assertEquals(0, w.ioctlsocket(b, FIONBIO, nonBlocking));
            assertFails(w, w.accept(b, null, null), WSAEWOULDBLOCK);
            assertNotEquals(INVALID_SOCKET, w.accept(a, null, null), "delivered to the socket that listened first");

            long x = tcp(w);
            assertEquals(0, w.setsockopt(x, SOL_SOCKET, SO_REUSEADDR, 1));
            assertFails(w, w.setsockopt(x, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), WSAEINVAL);
            long y = tcp(w);
            assertEquals(0, w.setsockopt(y, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1));
            assertFails(w, w.setsockopt(y, SOL_SOCKET, SO_REUSEADDR, 1), WSAEINVAL);
        });
    }

    @Test
    void err10_acceptAddressLengthChecks() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            for (int i = 0; i < 3; i++) {
                assertEquals(0, w.connect(tcp(w), nameOf(w, l), 16));
            }
            int[] len = {0};
            sockaddr_in ss = new sockaddr_in();
            assertFails(w, w.accept(l, ss, len), WSAEFAULT);
            assertEquals(0, len[0]);
            sockaddr_in untouched = new sockaddr_in();
            assertNotEquals(INVALID_SOCKET, w.accept(l, untouched, null));
            assertEquals(0, untouched.sin_port);
            assertNotEquals(INVALID_SOCKET, w.accept(l, null, null));
            int[] full = {16};
            sockaddr_in peer = new sockaddr_in();
            assertNotEquals(INVALID_SOCKET, w.accept(l, peer, full));
            assertEquals("127.0.0.1", sockaddr_in.inet_ntoa(peer.sin_addr));
        });
    }

    @Test
    void err12_connectOnAListeningSocket() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            assertFails(w, w.connect(l, nameOf(w, l), 16), WSAEINVAL);
        });
    }

    @Test
    void err13_connectOnAConnectedSocket() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            sockaddr_in to = nameOf(w, p.listener());
            assertFails(w, w.connect(p.client(), to, 16), WSAEISCONN);
            assertFails(w, w.connect(p.server(), to, 16), WSAEISCONN);
            assertEquals(0, w.shutdown(p.client(), 1));
            assertFails(w, w.connect(p.client(), to, 16), WSAEISCONN);
            assertEquals(0, w.shutdown(p.server(), 2));
            assertFails(w, w.connect(p.server(), to, 16), WSAEISCONN);
        });
    }

    @Test
    void err15_nonBlockingConnectWouldBlockAndRefusedConnectReusesTheSocket() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c = tcp(w);
            assertEquals(0, w.ioctlsocket(c, FIONBIO, new int[] {1}));
            assertFails(w, w.connect(c, nameOf(w, l), 16), WSAEWOULDBLOCK);

            long closedPort = tcp(w);
            assertEquals(0, w.bind(closedPort, sockaddr_in.of("127.0.0.1", 0), 16));
            sockaddr_in nobody = nameOf(w, closedPort);
            assertEquals(0, w.closesocket(closedPort));
            long r = tcp(w);
            int t0 = w.GetTickCount();
            assertFails(w, w.connect(r, nobody, 16), WSAECONNREFUSED);
            int took = w.GetTickCount() - t0;
            assertTrue(took >= 2000 && took < 2100, "Windows reports a refused connect after about 2 s: " + took + " ms");
            assertEquals(0, w.ioctlsocket(r, FIONBIO, new int[] {1}));
            assertFails(w, w.connect(r, nameOf(w, l), 16), WSAEWOULDBLOCK);
            w.Sleep(1);
            assertNotEquals(INVALID_SOCKET, w.accept(l, null, null));
        });
    }

    @Test
    void err16_connectWithNullAddress() {
        Fixture.run(w -> assertFails(w, w.connect(tcp(w), null, 0), WSAEFAULT));
    }

    @Test
    void err18_ioctlsocketWithABadPointer() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.ioctlsocket(s, FIONBIO, null), WSAEFAULT);
            assertFails(w, w.ioctlsocket(s, FIONREAD, null), WSAEFAULT);
            assertFails(w, w.ioctlsocket(s, SIOCATMARK, null), WSAEFAULT);
        });
    }

    @Test
    void err19_unsupportedIoctlCodes() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.ioctlsocket(s, 0xdeadbeef, new int[1]), WSAEOPNOTSUPP);
            assertFails(w, w.ioctlsocket(s, 0x8004667d /* FIOASYNC */, new int[1]), WSAEOPNOTSUPP);
        });
    }

    @Test
    void err21_socketOptionChecks() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.setsockopt(s, SOL_SOCKET, SO_LINGER, null, 4), WSAEFAULT);
            assertFails(w, w.setsockopt(s, SOL_SOCKET, ~SO_LINGER, null, 4), WSAEFAULT);
            assertFails(w, w.getsockopt(s, SOL_SOCKET, SO_ERROR, new byte[4], new int[] {1}), WSAEFAULT);
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_ERROR, 1234));
            byte[] v = new byte[4];
            int[] len = {4};
            assertEquals(0, w.getsockopt(s, SOL_SOCKET, SO_ERROR, v, len));
            assertEquals(1234, Structs.int32(v));
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_RCVBUF, 0));
            assertEquals(0, w.getsockopt(s, SOL_SOCKET, SO_RCVBUF, v, len));
            assertEquals(0, Structs.int32(v));
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_LINGER, new linger(1, 7)));
            assertEquals(0, w.getsockopt(s, SOL_SOCKET, SO_LINGER, v, len));
            linger l = Structs.linger(v);
            assertEquals(1, l.l_onoff);
            assertEquals(7, l.l_linger);
        });
    }

    @Test
    void notConnectedSocketsRefuseDataCalls() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.send(s, new byte[1], 1, 0), WSAENOTCONN);
            assertFails(w, w.recv(s, new byte[1], 1, 0), WSAENOTCONN);
            assertFails(w, w.getpeername(s, new sockaddr_in(), new int[] {16}), WSAENOTCONN);
            assertFails(w, w.getsockname(s, new sockaddr_in(), new int[] {16}), WSAEINVAL);
            assertFails(w, w.listen(s, 5), WSAEINVAL); // Windows: listen needs a bound socket
        });
    }

    @Test
    void aRefusedConnectTakesTwoSecondsOfVirtualTime() {
        var r = Fixture.run(w -> {
            long c = tcp(w);
            assertFails(w, w.connect(c, sockaddr_in.of("127.0.0.1", 9), 16), WSAECONNREFUSED);
        });
        assertTrue(r.endTime() >= Durations.seconds(2));
    }
}
