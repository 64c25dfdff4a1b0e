package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.WsaError.WSAEALREADY;
import static org.winsim.winsock.api.WsaError.WSAECONNABORTED;
import static org.winsim.winsock.api.WsaError.WSAECONNREFUSED;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAETIMEDOUT;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/** A socket while and after its connect (the CONN facts of docs/facts.md). */
class ConnFactsTest {
    /** An address no host answers: a connect to it stays in progress until the connect timeout. */
    private static final sockaddr_in NOBODY = sockaddr_in.of("192.0.2.1", 255);

    private static int soError(Win32 w, long s) {
        byte[] v = new byte[4];
        assertEquals(0, w.getsockopt(s, SOL_SOCKET, SO_ERROR, v, new int[] {4}));
        return Structs.int32(v);
    }

    private static long nonBlocking(Win32 w) {
        long c = tcp(w);
        assertEquals(0, w.ioctlsocket(c, FIONBIO, new int[] {1}));
        return c;
    }

    /** A bound socket that does not listen: a connect to it is refused. */
    private static sockaddr_in refusing(Win32 w) {
        long s = tcp(w);
        assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16));
        return nameOf(w, s);
    }

    private static int select(Win32 w, fd_set r, fd_set wr, fd_set ex) {
        return w.select(0, r, wr, ex, new timeval(0, 0));
    }

    @Test
    void conn01_getpeernameWhileANonBlockingConnectIsInProgress() {
        Fixture.run(w -> {
            long c = nonBlocking(w);
            assertFails(w, w.connect(c, NOBODY, 16), WSAEWOULDBLOCK);
            sockaddr_in peer = new sockaddr_in();
            assertEquals(0, w.getpeername(c, peer, new int[] {16}), "Windows names the peer before the connection completes");
            assertEquals(NOBODY.sin_addr, peer.sin_addr);
            assertEquals(255, peer.sin_port);
            assertNotEquals(0, nameOf(w, c).sin_port);
            assertFails(w, w.connect(c, NOBODY, 16), WSAEALREADY);
        });
        Fixture.run(OsProfile.LINUX, w -> {
            long c = nonBlocking(w);
            assertFails(w, w.connect(c, NOBODY, 16), WSAEWOULDBLOCK);
            assertFails(w, w.getpeername(c, new sockaddr_in(), new int[] {16}), WSAENOTCONN);
        });
    }

    @Test
    void aSecondListenerOnAPortAndConnectOnAListenerFollowTheProfile() {
        for (OsProfile profile : new OsProfile[] {OsProfile.WINDOWS, OsProfile.LINUX}) {
            boolean linux = profile == OsProfile.LINUX;
            Fixture.run(profile, w -> {
                long a = tcp(w);
                long b = tcp(w);
                byte[] on = Structs.int32(1);
                assertEquals(0, w.setsockopt(a, SOL_SOCKET, Winsock.SO_REUSEADDR, on, 4));
                assertEquals(0, w.setsockopt(b, SOL_SOCKET, Winsock.SO_REUSEADDR, on, 4));
                assertEquals(0, w.bind(a, sockaddr_in.of("127.0.0.1", 0), 16));
                assertEquals(0, w.bind(b, nameOf(w, a), 16)); // both bound before either listens
                assertEquals(0, w.listen(a, 5));
                if (linux) { // Linux checks the port again at listen (ERR-07 on Windows: both listen)
                    assertFails(w, w.listen(b, 5), WsaError.WSAEADDRINUSE);
                } else {
                    assertEquals(0, w.listen(b, 5));
                }
                assertFails(w, w.connect(a, nameOf(w, a), 16), linux ? WsaError.WSAEISCONN : WsaError.WSAEINVAL); // ERR-12
            });
        }
    }

    @Test
    void conn02_soErrorKeepsARefusalUntilALaterConnectOnTheSameSocketSucceeds() {
        Fixture.run(w -> {
            long c = nonBlocking(w);
            assertFails(w, w.connect(c, refusing(w), 16), WSAEWOULDBLOCK);
            w.Sleep(3_000); // Windows retries a refused SYN twice, a second apart
            assertEquals(1, select(w, null, null, IoFactsTest.set(c)));
            assertEquals(WSAECONNREFUSED.code, soError(w, c));
            assertEquals(WSAECONNREFUSED.code, soError(w, c), "reading SO_ERROR does not clear it on Windows");
            assertFails(w, w.connect(c, NOBODY, 16), WSAEWOULDBLOCK); // a second connect is allowed
            assertEquals(WSAECONNREFUSED.code, soError(w, c), "a new attempt does not reset it");
            assertEquals(1, select(w, null, null, IoFactsTest.set(c)), "nor the except set");
            w.Sleep(22_000);
            assertEquals(WSAETIMEDOUT.code, soError(w, c));
            long l = listener(w, 5);
            assertFails(w, w.connect(c, nameOf(w, l), 16), WSAEWOULDBLOCK);
            assertEquals(1, w.select(0, null, IoFactsTest.set(c), null, new timeval(1, 0)));
            assertEquals(0, soError(w, c), "a successful connection clears it");
            assertEquals(0, select(w, null, null, IoFactsTest.set(c)));
            assertNotEquals(Winsock.INVALID_SOCKET, w.accept(l, null, null));
        });
    }

    @Test
    void conn03_linuxReportsAFailedNonBlockingConnectAtTheNextConnect() {
        Fixture.run(OsProfile.LINUX, w -> {
            long l = listener(w, 5);
            long c = nonBlocking(w);
            assertFails(w, w.connect(c, refusing(w), 16), WSAEWOULDBLOCK);
            w.Sleep(10);
            assertEquals(WSAECONNREFUSED.code, soError(w, c));
            assertEquals(0, soError(w, c), "Linux clears SO_ERROR on read");
            assertFails(w, w.connect(c, nameOf(w, l), 16), WSAECONNABORTED);
            assertFails(w, w.connect(c, nameOf(w, l), 16), WSAEWOULDBLOCK);
            assertEquals(1, w.select(0, null, IoFactsTest.set(c), null, new timeval(1, 0)));
            assertEquals(0, soError(w, c));

            long d = nonBlocking(w);
            assertFails(w, w.connect(d, refusing(w), 16), WSAEWOULDBLOCK);
            w.Sleep(10);
            assertFails(w, w.connect(d, nameOf(w, l), 16), WSAECONNREFUSED); // the unread error, consumed
            assertFails(w, w.connect(d, nameOf(w, l), 16), WSAEWOULDBLOCK);
            assertEquals(1, w.select(0, null, IoFactsTest.set(d), null, new timeval(1, 0)));
        });
    }

    @Test
    void aDeadlockAfterAHandshakeIsFoundWhenTheRunGoesQuietNotAtALeftoverSynTimer() {
        org.winsim.sim.RunResult r = Fixture.runRaw(OsProfile.WINDOWS, w -> {
            assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA()));
            Fixture.Pair p = Fixture.pair(w);
            w.recv(p.client(), new byte[1], 1, 0); // nothing ever comes
        });
        assertEquals(org.winsim.sim.FindingKind.DEADLOCK, r.finding().kind());
        assertEquals(true, r.finding().time() < org.winsim.sim.Durations.millis(1),
                "found at " + r.finding().time() + " ns: a SYN retransmission check left scheduled would hold it to 1 s");
    }
}
