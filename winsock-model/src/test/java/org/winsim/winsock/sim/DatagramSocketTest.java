package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCK_DGRAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_LINGER;
import static org.winsim.winsock.api.Winsock.SO_TYPE;
import static org.winsim.winsock.api.WsaError.WSAEINTR;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAEPROTONOSUPPORT;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.UdpFactsTest.bound;
import static org.winsim.winsock.sim.UdpFactsTest.bytes;
import static org.winsim.winsock.sim.UdpFactsTest.sendTo;
import static org.winsim.winsock.sim.UdpFactsTest.udp;

import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;
import org.winsim.winsock.sim.net.LinkSpec;

/** Datagram sockets beyond the single facts: binding, connect's filter, blocking receives, select, close. */
class DatagramSocketTest {
    @Test
    void socketBindAndImplicitBind() {
        Fixture.run(w -> {
            assertFails(w, w.socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), WSAEPROTONOSUPPORT);
            long u = w.socket(AF_INET, SOCK_DGRAM, 0);
            assertNotEquals(Winsock.INVALID_SOCKET, u);
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(u, SOL_SOCKET, SO_TYPE, v, new int[] {4}));
            assertEquals(SOCK_DGRAM, v[0]);
            assertFails(w, w.getsockopt(u, SOL_SOCKET, SO_LINGER, v, new int[] {4}), WSAENOPROTOOPT);
            assertFails(w, w.getsockname(u, new sockaddr_in(), new int[] {16}), WSAEINVAL, "unbound");
            assertFails(w, w.recvfrom(u, new byte[4], 4, 0, null, null), WSAEINVAL, "a receive needs a bound socket");
            assertFails(w, w.send(u, bytes("x"), 1, 0), WSAENOTCONN, "no peer to send to");
            assertFails(w, w.listen(u, 5), WSAEOPNOTSUPP);
            long r = bound(w);
            assertEquals(1, sendTo(w, u, "x", nameOf(w, r)));
            sockaddr_in name = nameOf(w, u);
            assertEquals(0, name.sin_addr, "bound implicitly to 0.0.0.0");
            assertTrue(name.sin_port >= 49152, "and an ephemeral port");
            long tcp = Fixture.tcp(w);
            assertEquals(0, w.bind(tcp, sockaddr_in.of("127.0.0.1", nameOf(w, r).sin_port), 16), "TCP and UDP ports are separate tables");
        });
    }

    @Test
    void theReceiveQueueTakesDatagramsWhileItHoldsLessThanSoRcvbuf() {
        Fixture.run(w -> {
            long r = bound(w);
            assertEquals(0, w.setsockopt(r, SOL_SOCKET, Winsock.SO_RCVBUF, 10));
            long s = udp(w);
            for (int i = 0; i < 3; i++) {
                assertEquals(8, sendTo(w, s, "datagram", nameOf(w, r)), "a send never fails for want of the peer's buffer");
            }
            assertEquals(0, w.ioctlsocket(r, Winsock.FIONBIO, new int[] {1}));
            assertEquals(8, w.recv(r, new byte[8], 8, 0), "taken: the queue held 0 bytes");
            assertEquals(8, w.recv(r, new byte[8], 8, 0), "taken: 8 < 10");
            assertFails(w, w.recv(r, new byte[8], 8, 0), org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK, "dropped: 16 >= 10");
        });
    }

    @Test
    void theLinuxProfileKeepsLinuxsDatagramRules() {
        Fixture.run(OsProfile.LINUX, w -> {
            long r = udp(w);
            assertEquals(0, w.ioctlsocket(r, Winsock.FIONBIO, new int[] {1}));
            assertFails(w, w.recvfrom(r, new byte[4], 4, 0, null, null), org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK,
                    "unbound: nothing to receive, but no error");
            assertFails(w, w.shutdown(r, Winsock.SD_RECEIVE), WSAENOTCONN, "no peer");
            assertEquals(0, w.setsockopt(r, SOL_SOCKET, SO_LINGER, new org.winsim.winsock.api.linger(1, 0)));
            assertEquals(0, w.bind(r, sockaddr_in.of("127.0.0.1", 0), 16));
            long s = udp(w);
            assertEquals(3, sendTo(w, s, "abc", nameOf(w, r)));
            assertEquals(4, sendTo(w, s, "defg", nameOf(w, r)));
            int[] n = {0};
            assertEquals(0, w.ioctlsocket(r, Winsock.FIONREAD, n));
            assertEquals(3, n[0], "the first datagram's size");
            assertEquals(2, w.recvfrom(r, new byte[2], 2, 0, null, null), "a cut datagram is no error");
            assertEquals(4, w.recvfrom(r, new byte[8], 8, 0, null, null), "and its rest is gone");
            assertEquals(0, w.setsockopt(Fixture.tcp(w), SOL_SOCKET, Winsock.SO_BROADCAST, 1));
        });
    }

    @Test
    void connectSetsTheDefaultPeerAndFiltersWhatArrives() {
        Fixture.run(w -> {
            long a = bound(w);
            long b = bound(w);
            long other = bound(w);
            assertEquals(0, w.connect(a, nameOf(w, b), 16));
            assertEquals(Winsock.INADDR_LOOPBACK, nameOf(w, a).sin_addr);
            assertEquals(1, sendTo(w, other, "o", nameOf(w, a)));
            assertEquals(1, sendTo(w, b, "b", nameOf(w, a)));
            assertEquals(2, w.send(a, bytes("hi"), 2, 0));
            byte[] buf = new byte[8];
            sockaddr_in from = new sockaddr_in();
            assertEquals(1, w.recvfrom(a, buf, 8, 0, from, new int[] {16}));
            assertEquals('b', buf[0], "only the peer's datagram was taken");
            assertEquals(nameOf(w, b).sin_port, from.sin_port);
            assertEquals(2, w.recvfrom(b, buf, 8, 0, from, new int[] {16}));
            assertEquals(nameOf(w, a).sin_port, from.sin_port);
            assertEquals(0, w.connect(a, nameOf(w, other), 16), "a later connect replaces the peer");
            sockaddr_in peer = new sockaddr_in();
            assertEquals(0, w.getpeername(a, peer, new int[] {16}));
            assertEquals(nameOf(w, other).sin_port, peer.sin_port);
        });
    }

    @Test
    void wsaSendAndWsaRecvWorkOnAConnectedDatagramSocket() {
        Fixture.run(w -> {
            long a = bound(w);
            long b = bound(w);
            assertEquals(0, w.connect(a, nameOf(w, b), 16));
            int[] n = {0};
            assertEquals(0, w.WSASend(a, new WSABUF[] {new WSABUF(bytes("ab")), new WSABUF(bytes("cd"))}, 2, n, 0, null, null));
            assertEquals(4, n[0], "one datagram gathered from two buffers");
            WSABUF[] into = {new WSABUF(new byte[8])};
            assertEquals(0, w.WSARecv(b, into, 1, n, new int[1], null, null));
            assertEquals(4, n[0]);
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            assertFails(w, w.WSARecv(a, into, 1, n, new int[1], ov, null), org.winsim.winsock.api.WsaError.WSA_IO_PENDING);
            assertEquals(3, sendTo(w, b, "pen", nameOf(w, a)));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(ov.hEvent, 1000));
            assertEquals(3, ov.InternalHigh, "the pending WSARecv took the datagram");
        });
    }

    @Test
    void aBlockingReceiveWaitsForTheDatagramAcrossALink() {
        Fixture.run(OsProfile.WINDOWS, w -> {
            long r = bound(w);
            long s = udp(w);
            sockaddr_in to = nameOf(w, r);
            long t = w.CreateThread(null, 0, x -> {
                w.Sleep(5);
                return sendTo(w, s, "late", to);
            }, null, 0, null);
            byte[] buf = new byte[2];
            long before = w.GetTickCount();
            assertFails(w, w.recv(r, buf, 2, 0), org.winsim.winsock.api.WsaError.WSAEMSGSIZE, "a pending receive is cut too");
            assertArrayEquals(bytes("la"), buf);
            assertTrue(w.GetTickCount() - before >= 5, "it waited for the datagram");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
        });
    }

    @Test
    void selectAndWsaPollSeeAWaitingDatagramAndAlwaysWritable() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            fd_set read = set(r);
            fd_set write = set(r);
            assertEquals(1, w.select(0, read, write, null, new timeval(0, 0)), "writable, not readable");
            assertEquals(0, read.fd_count);
            long t = w.CreateThread(null, 0, x -> {
                w.Sleep(3);
                return sendTo(w, s, "wake", nameOf(w, r));
            }, null, 0, null);
            read = set(r);
            assertEquals(1, w.select(0, read, null, null, null), "a datagram arriving wakes select");
            assertTrue(fd_set.FD_ISSET(r, read));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            org.winsim.winsock.api.WSAPOLLFD[] fds = {new org.winsim.winsock.api.WSAPOLLFD(r, Winsock.POLLRDNORM | Winsock.POLLWRNORM),
                new org.winsim.winsock.api.WSAPOLLFD(s, Winsock.POLLRDNORM | Winsock.POLLWRNORM)};
            assertEquals(2, w.WSAPoll(fds, 2, 0));
            assertEquals(Winsock.POLLRDNORM | Winsock.POLLWRNORM, fds[0].revents, "WSAPoll: a datagram waits, and always writable");
            assertEquals(Winsock.POLLWRNORM, fds[1].revents);
        });
    }

    @Test
    void eventSelectReportsFdWriteOnceBoundAndFdReadForEachDatagramAfterItsReceive() {
        Fixture.run(w -> {
            long r = bound(w);
            long unbound = udp(w);
            long s = udp(w);
            long e = w.WSACreateEvent();
            long e2 = w.WSACreateEvent();
            org.winsim.winsock.api.WSANETWORKEVENTS ne = new org.winsim.winsock.api.WSANETWORKEVENTS();
            assertEquals(0, w.WSAEventSelect(unbound, e2, Winsock.FD_READ | Winsock.FD_WRITE));
            assertEquals(0, w.WSAEnumNetworkEvents(unbound, e2, ne));
            assertEquals(0, ne.lNetworkEvents, "an unbound datagram socket: nothing in event mode (EVT-15)");
            assertEquals(0, w.WSAEventSelect(r, e, Winsock.FD_READ | Winsock.FD_WRITE));
            assertEquals(0, w.WSAEnumNetworkEvents(r, e, ne));
            assertEquals(Winsock.FD_WRITE, ne.lNetworkEvents, "a bound one: FD_WRITE at once (EVT-02)");
            assertEquals(4, sendTo(w, s, "one!", nameOf(w, r)));
            assertEquals(4, sendTo(w, s, "two!", nameOf(w, r)));
            w.Sleep(1);
            assertEquals(0, w.WSAEnumNetworkEvents(r, e, ne));
            assertEquals(Winsock.FD_READ, ne.lNetworkEvents, "two datagrams, one FD_READ until a receive");
            assertEquals(4, w.recv(r, new byte[8], 8, 0));
            assertEquals(0, w.WSAEnumNetworkEvents(r, e, ne));
            assertEquals(Winsock.FD_READ, ne.lNetworkEvents, "the receive re-enabled it, and a datagram still waits");
            assertEquals(4, w.recv(r, new byte[8], 8, 0));
            assertEquals(0, w.WSAEnumNetworkEvents(r, e, ne));
            assertEquals(0, ne.lNetworkEvents);
        });
    }

    @Test
    void aCancelledOverlappedReceiveLeavesTheQueueAndCompletesOnce() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            WSABUF[] small = {new WSABUF(new byte[4])};
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecvFrom(r, small, 1, new int[1], new int[1], new sockaddr_in(), new int[] {16}, ov, null));
            assertEquals(org.winsim.winsock.api.WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
            assertEquals(WinBase.TRUE, w.CancelIoEx(r, ov));
            assertEquals(Integer.toUnsignedLong(org.winsim.winsock.api.NTSTATUS.STATUS_CANCELLED.value), ov.Internal);
            assertEquals(3, sendTo(w, s, "abc", nameOf(w, r)));
            w.Sleep(10);
            assertEquals(Integer.toUnsignedLong(org.winsim.winsock.api.NTSTATUS.STATUS_CANCELLED.value), ov.Internal, "completed once, cancelled");
            assertEquals(0, small[0].buf[0], "the datagram did not go into the cancelled receive's buffer");
            byte[] b = new byte[8];
            assertEquals(3, w.recv(r, b, 8, 0), "the datagram waits for the next receive");
        });
    }

    @Test
    void wsaRecvIntoSeveralBuffersFillsThemWithACutDatagramAsWsaRecvFromDoes() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            assertEquals(10, sendTo(w, s, "0123456789", nameOf(w, r)));
            assertEquals(10, sendTo(w, s, "0123456789", nameOf(w, r)));
            w.Sleep(1);
            for (boolean from : new boolean[] {false, true}) {
                WSABUF[] bufs = {new WSABUF(new byte[3]), new WSABUF(new byte[3])};
                int[] got = new int[1];
                int rc = from ? w.WSARecvFrom(r, bufs, 2, got, new int[1], null, null, null, null)
                        : w.WSARecv(r, bufs, 2, got, new int[1], null, null);
                assertFails(w, rc, org.winsim.winsock.api.WsaError.WSAEMSGSIZE);
                assertEquals("012345", new String(bufs[0].buf) + new String(bufs[1].buf), from ? "WSARecvFrom" : "WSARecv");
            }
        });
    }

    @Test
    void closingASocketCancelsItsOverlappedReceive() {
        Fixture.run(w -> {
            long r = bound(w);
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecvFrom(r, new WSABUF[] {new WSABUF(new byte[4])}, 1, new int[1], new int[1],
                    new sockaddr_in(), new int[] {16}, ov, null));
            assertEquals(0, w.closesocket(r));
            assertEquals(Integer.toUnsignedLong(org.winsim.winsock.api.NTSTATUS.STATUS_CANCELLED.value), ov.Internal, "OVL-07: a UDP receive is cancelled");
        });
    }

    @Test
    void urgentDataIsNotForADatagramSocketAndABindReportsFdWrite() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            byte[] b = new byte[8];
            assertFails(w, w.sendto(s, b, 1, Winsock.MSG_OOB, nameOf(w, r), 16), WSAEOPNOTSUPP);
            assertFails(w, w.recv(r, b, 8, Winsock.MSG_OOB), WSAEOPNOTSUPP);
            assertFails(w, w.recvfrom(r, b, 8, Winsock.MSG_OOB, new sockaddr_in(), new int[] {16}), WSAEOPNOTSUPP);
            long e = w.WSACreateEvent();
            org.winsim.winsock.api.WSANETWORKEVENTS ne = new org.winsim.winsock.api.WSANETWORKEVENTS();
            long u = udp(w);
            assertEquals(0, w.WSAEventSelect(u, e, Winsock.FD_WRITE));
            assertEquals(0, w.WSAEnumNetworkEvents(u, e, ne));
            assertEquals(0, ne.lNetworkEvents, "unbound: nothing yet");
            assertEquals(0, w.bind(u, sockaddr_in.of("127.0.0.1", 0), 16));
            assertEquals(0, w.WSAEnumNetworkEvents(u, e, ne));
            assertEquals(Winsock.FD_WRITE, ne.lNetworkEvents, "a connectionless socket can send once bound");
        });
    }

    @Test
    void closeFailsABlockedReceiveAndDropsWhatWaits() {
        Fixture.run(w -> {
            long r = bound(w);
            long t = w.CreateThread(null, 0, x -> w.recv(r, new byte[4], 4, 0) == Winsock.SOCKET_ERROR ? w.WSAGetLastError() : 0,
                    null, 0, null);
            w.Sleep(2);
            assertEquals(0, w.closesocket(r));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            int[] code = {0};
            w.GetExitCodeThread(t, code);
            assertEquals(WSAEINTR.code, code[0]);
        });
    }

    @Test
    void datagramsCrossALinkWithItsLatency() {
        SimWorld world = new SimWorld(org.winsim.sim.SimulationConfig.DEFAULT, OsProfile.WINDOWS);
        org.winsim.winsock.sim.net.Host a = world.addHost("a", "10.0.0.1");
        org.winsim.winsock.sim.net.Host b = world.addHost("b", "10.0.0.2");
        world.link(a, b, new LinkSpec(Durations.millis(5), 125_000_000L, 1460));
        long[] arrivedAt = {-1};
        boolean[] ok = {false};
        world.startProcess(b, "receiver", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA());
            long r = w.socket(AF_INET, SOCK_DGRAM, 0);
            w.bind(r, sockaddr_in.of("0.0.0.0", 7000), 16);
            byte[] buf = new byte[8];
            sockaddr_in from = new sockaddr_in();
            int n = w.recvfrom(r, buf, 8, 0, from, new int[] {16});
            arrivedAt[0] = w.GetTickCount();
            ok[0] = n == 3 && from.sin_addr == sockaddr_in.of("10.0.0.1", 0).sin_addr && buf[0] == 'l';
            return 0;
        });
        world.startProcess(a, "sender", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA());
            long s = w.socket(AF_INET, SOCK_DGRAM, 0);
            w.Sleep(1);
            return w.sendto(s, bytes("lan"), 3, 0, sockaddr_in.of("10.0.0.2", 7000), 16) == 3 ? 0 : 1;
        });
        org.winsim.sim.RunResult result = world.run();
        assertEquals(null, result.finding());
        assertTrue(ok[0], "the receiver got the datagram from 10.0.0.1");
        assertEquals(6, arrivedAt[0], "sent at 1 ms, it arrives 5 ms later");
    }

    private static fd_set set(long s) {
        fd_set f = new fd_set();
        f.fd_array[f.fd_count++] = s;
        return f;
    }
}
