package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_SNDBUF;
import static org.winsim.winsock.api.WsaError.WSAECONNREFUSED;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.IoFactsTest.set;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/** select readiness: the SEL facts of winsock-facts.md under the windows profile. */
class SelFactsTest {
    @Test
    void sel01_unconnectedSocketsAreNotReady() {
        Fixture.run(w -> {
            long a = tcp(w);
            long b = tcp(w);
            assertEquals(0, w.select(0, set(a, b), set(a, b), set(a, b), new timeval(0, 0)));
            int t0 = w.GetTickCount();
            fd_set r = set(a, b);
            assertEquals(0, w.select(0, r, set(a, b), set(a, b), new timeval(0, 500)));
            assertEquals(0, r.fd_count, "sets come back empty");
            assertEquals(t0, w.GetTickCount(), "a 500 us timeout is below a tick");
        });
    }

    @Test
    void sel02_noSetsOrEmptySetsAreInvalid() {
        Fixture.run(w -> {
            assertFails(w, w.select(0, null, null, null, new timeval(0, 0)), WSAEINVAL);
            assertFails(w, w.select(0, new fd_set(), new fd_set(), new fd_set(), new timeval(0, 0)), WSAEINVAL);
        });
    }

    @Test
    void sel04_listenerWithAPendingConnectionIsReadableOnly() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            fd_set r = set(l);
            fd_set wr = set(l);
            fd_set ex = set(l);
            assertEquals(1, w.select(0, r, wr, ex, new timeval(0, 0)));
            assertEquals(1, r.fd_count);
            assertEquals(0, wr.fd_count);
            assertEquals(0, ex.fd_count);
        });
    }

    @Test
    void sel05_connectedSocketsAreWritableOnly() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c = tcp(w);
            assertEquals(0, w.ioctlsocket(c, FIONBIO, new int[] {1}));
            assertFails(w, w.connect(c, nameOf(w, l), 16), WSAEWOULDBLOCK);
            assertEquals(1, w.select(0, set(l), null, null, null));
            long a = w.accept(l, null, null);
            fd_set r = set(c, a);
            fd_set wr = set(c, a);
            fd_set ex = set(c, a);
            assertEquals(2, w.select(0, r, wr, ex, new timeval(0, 0)));
            assertEquals(0, r.fd_count);
            assertEquals(2, wr.fd_count);
            assertEquals(0, ex.fd_count);
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(c, SOL_SOCKET, SO_ERROR, v, new int[] {4}));
            assertEquals(0, Structs.int32(v));
        });
    }

    @Test
    void sel07_urgentDataIsAnExceptionUnlessInline() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(1, w.send(p.client(), new byte[] {'!'}, 1, org.winsim.winsock.api.Winsock.MSG_OOB));
            fd_set r = set(p.server());
            fd_set ex = set(p.server());
            assertEquals(1, w.select(0, r, null, ex, null));
            assertEquals(0, r.fd_count, "the urgent byte is not normal data");
            assertEquals(1, ex.fd_count);
            byte[] b = new byte[1];
            assertEquals(1, w.recv(p.server(), b, 1, org.winsim.winsock.api.Winsock.MSG_OOB));
            assertEquals('!', b[0]);

            Fixture.Pair q = pair(w);
            assertEquals(0, w.setsockopt(q.server(), SOL_SOCKET, org.winsim.winsock.api.Winsock.SO_OOBINLINE, 1));
            assertEquals(1, w.send(q.client(), new byte[] {'?'}, 1, org.winsim.winsock.api.Winsock.MSG_OOB));
            fd_set r2 = set(q.server());
            fd_set ex2 = set(q.server());
            assertEquals(1, w.select(0, r2, null, ex2, null));
            assertEquals(1, r2.fd_count, "inline urgent data is readable");
            assertEquals(1, w.recv(q.server(), b, 1, 0));
            assertEquals('?', b[0]);
        });
    }

    @Test
    void sel08_peerCloseMakesTheSocketReadable() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.closesocket(p.client()));
            fd_set r = set(p.server());
            assertEquals(1, w.select(0, r, null, null, null));
            assertEquals(0, w.recv(p.server(), new byte[4], 4, 0));
        });
    }

    @Test
    void sel10_refusedConnectIsAnExceptionNotWritable() {
        Fixture.run(w -> {
            long c = tcp(w);
            assertFails(w, w.connect(c, sockaddr_in.of("127.0.0.1", 9), 16), WSAECONNREFUSED);
            assertEquals(0, w.select(0, null, set(c), null, new timeval(0, 50_000)));
            fd_set ex = set(c);
            assertEquals(1, w.select(0, set(c), set(c), ex, new timeval(0, 50_000)));
            assertEquals(1, ex.fd_count);
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(c, SOL_SOCKET, SO_ERROR, v, new int[] {4}));
            assertEquals(0, Structs.int32(v), "a blocking connect leaves SO_ERROR 0");
        });
    }

    @Test
    void nonBlockingRefusedConnectSetsSoError() {
        Fixture.run(w -> {
            long c = tcp(w);
            assertEquals(0, w.ioctlsocket(c, FIONBIO, new int[] {1}));
            assertFails(w, w.connect(c, sockaddr_in.of("127.0.0.1", 9), 16), WSAEWOULDBLOCK);
            fd_set ex = set(c);
            assertEquals(1, w.select(0, null, set(c), ex, null));
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(c, SOL_SOCKET, SO_ERROR, v, new int[] {4}));
            assertEquals(WSAECONNREFUSED.code, Structs.int32(v));
        });
    }

    @Test
    void sel11_closeFromAnotherThreadWakesSelect() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long closer = w.CreateThread(null, 0, param -> {
                w.Sleep(20);
                return w.closesocket(p.server());
            }, null, 0, null);
            fd_set r = set(p.server());
            assertEquals(1, w.select(0, r, null, set(p.server()), null));
            assertEquals(1, r.fd_count);
            w.WaitForSingleObject(closer, WinBase.INFINITE);

            Fixture.Pair q = pair(w);
            long closer2 = w.CreateThread(null, 0, param -> {
                w.Sleep(20);
                return w.closesocket(q.server());
            }, null, 0, null);
            fd_set ex = set(q.server());
            assertFails(w, w.select(0, null, null, ex, null), WSAENOTSOCK);
            assertEquals(0, ex.fd_count);
            w.WaitForSingleObject(closer2, WinBase.INFINITE);

            long l = listener(w, 5);
            w.CreateThread(null, 0, param -> {
                w.Sleep(20);
                return w.closesocket(l);
            }, null, 0, null);
            assertEquals(1, w.select(0, set(l), null, null, null));
        });
    }

    @Test
    void sel13_nonBlockingSendsFillTheBufferUntilNotWritable() {
        Fixture.run(w -> {
            // Buffer sizes are set before connecting: a window once advertised does not shrink.
            long l = listener(w, 5);
            assertEquals(0, w.setsockopt(l, SOL_SOCKET, SO_RCVBUF, 8192)); // inherited by the accepted socket
            long c = tcp(w);
            assertEquals(0, w.setsockopt(c, SOL_SOCKET, SO_SNDBUF, 8192));
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            Fixture.Pair p = new Fixture.Pair(l, c, w.accept(l, null, null));
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            byte[] kib = new byte[1024];
            int sends = 0;
            while (w.select(0, null, set(p.client()), null, new timeval(0, 500)) == 1) {
                int n = w.send(p.client(), kib, kib.length, 0);
                assertTrue(n > 0, "writable means a send succeeds");
                sends++;
                assertTrue(sends < 10_000, "the buffer never filled");
            }
            assertEquals(16, sends, "8 KiB in the peer's window plus 8 KiB in the send buffer");
            assertEquals(1, w.select(0, set(p.server()), null, null, new timeval(0, 0)), "the peer is readable");
        });
    }

    @Test
    void fdset01_fdSetStopsAtFdSetSizeButSelectTakesAnySize() {
        Fixture.run(w -> {
            long[] socks = new long[100];
            for (int i = 0; i < socks.length; i++) {
                socks[i] = tcp(w);
            }
            fd_set set = new fd_set();
            for (int i = 0; i < 65; i++) {
                fd_set.FD_SET(socks[i], set);
            }
            assertEquals(64, set.fd_count, "the FD_SET macro ignores a 65th socket");
            assertEquals(false, fd_set.FD_ISSET(socks[64], set));
            fd_set.FD_SET(socks[0], set);
            assertEquals(64, set.fd_count, "and a socket already in the set");
            fd_set big = new fd_set(128); // a program with its own FD_SETSIZE, or a hand-filled fd_array
            for (long s : socks) {
                fd_set.FD_SET(s, big);
            }
            assertEquals(100, big.fd_count);
            long l = listener(w, org.winsim.winsock.api.Winsock.SOMAXCONN);
            long[] clients = new long[100];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = tcp(w);
                assertEquals(0, w.connect(clients[i], nameOf(w, l), 16));
            }
            fd_set writable = new fd_set(128);
            for (long c : clients) {
                fd_set.FD_SET(c, writable);
            }
            assertEquals(100, w.select(0, null, writable, null, new timeval(0, 0)), "select itself has no 64 limit");
            assertEquals(100, writable.fd_count);
            for (int i = 0; i < clients.length; i++) {
                assertEquals(clients[i], writable.fd_array[i], "in the order given");
            }
        });
    }
}
