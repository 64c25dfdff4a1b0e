package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.FIONREAD;
import static org.winsim.winsock.api.Winsock.MSG_OOB;
import static org.winsim.winsock.api.Winsock.MSG_PARTIAL;
import static org.winsim.winsock.api.Winsock.MSG_PEEK;
import static org.winsim.winsock.api.Winsock.MSG_WAITALL;
import static org.winsim.winsock.api.Winsock.SD_BOTH;
import static org.winsim.winsock.api.Winsock.SD_RECEIVE;
import static org.winsim.winsock.api.Winsock.SD_SEND;
import static org.winsim.winsock.api.Winsock.SIOCATMARK;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.Winsock.SO_LINGER;
import static org.winsim.winsock.api.Winsock.SO_OOBINLINE;
import static org.winsim.winsock.api.Winsock.SO_RCVTIMEO;
import static org.winsim.winsock.api.Winsock.SO_SNDBUF;
import static org.winsim.winsock.api.WsaError.WSAECONNABORTED;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAETIMEDOUT;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.pattern;
import static org.winsim.winsock.sim.Fixture.rstClose;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.linger;
import org.winsim.winsock.api.timeval;

/** Data transfer, close and shutdown: the IO and SHUT facts of winsock-facts.md under the windows profile. */
class IoFactsTest {
    @Test
    void io05_blockingSendOfOneMebibyteWithNoSendBuffer() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            byte[] data = pattern(1 << 20, 5);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long drainer = w.CreateThread(null, 0, param -> {
                byte[] one = new byte[1];
                while (got.size() < data.length) {
                    int n = w.recv(p.server(), one, 1, 0);
                    if (n != 1) {
                        return 1;
                    }
                    got.write(one[0]);
                }
                return 0;
            }, null, 0, null);
            assertEquals(0, w.setsockopt(p.client(), SOL_SOCKET, SO_SNDBUF, 0));
            assertEquals(data.length, w.send(p.client(), data, data.length, 0));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(drainer, WinBase.INFINITE));
            assertArrayEquals(data, got.toByteArray());
        });
    }

    @Test
    void io06_gracefulCloseKeepsQueuedData() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            byte[] chunk = pattern(4096, 1);
            long sent = 0;
            while (true) {
                int n = w.send(p.client(), chunk, chunk.length, 0);
                if (n == -1) {
                    assertEquals(WSAEWOULDBLOCK.code, w.WSAGetLastError());
                    break;
                }
                sent += n;
            }
            assertEquals(0, w.closesocket(p.client()));
            long received = 0;
            byte[] buf = new byte[8192];
            while (true) {
                int n = w.recv(p.server(), buf, buf.length, 0);
                if (n == 0) {
                    break;
                }
                received += n;
            }
            assertEquals(sent, received);
            assertEquals(0, w.WSAGetLastError());
        });
    }

    @Test
    void io08_peerResetSurfacesAsConnReset() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            rstClose(w, p.client());
            w.Sleep(10);
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(p.server(), SOL_SOCKET, SO_ERROR, v, new int[] {4}));
            assertEquals(0, Structs.int32(v));
            fd_set r = set(p.server());
            fd_set wr = set(p.server());
            fd_set ex = set(p.server());
            assertEquals(2, w.select(0, r, wr, ex, new timeval(0, 0)), "readable and writable, not except");
            assertEquals(1, r.fd_count);
            assertEquals(1, wr.fd_count);
            assertEquals(0, ex.fd_count);
            assertEquals(0, w.select(0, null, null, set(p.server()), new timeval(0, 0)));
            assertFails(w, w.recv(p.server(), new byte[10], 10, 0), WSAECONNRESET);
            assertFails(w, w.send(p.server(), new byte[10], 10, 0), WSAECONNRESET);
        });
    }

    @Test
    void io09_closeWithUnreadDataSendsReset() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(3, w.send(p.client(), pattern(3, 0), 3, 0));
            w.Sleep(1);
            assertEquals(0, w.closesocket(p.server())); // 3 bytes never read
            w.Sleep(1);
            assertFails(w, w.recv(p.client(), new byte[10], 10, 0), WSAECONNRESET);
        });
    }

    @Test
    void io11_atMarkAndOobReceive() {
        Fixture.run(w -> {
            long s = tcp(w);
            int[] mark = {0};
            assertEquals(0, w.ioctlsocket(s, SIOCATMARK, mark));
            assertNotEquals(0, mark[0]);
            Fixture.Pair p = pair(w);
            assertEquals(0, w.ioctlsocket(p.server(), FIONBIO, new int[] {1}));
            assertFails(w, w.recv(p.server(), new byte[1], 1, MSG_OOB), WSAEWOULDBLOCK);
            assertEquals(1, w.send(p.client(), new byte[] {'x'}, 1, MSG_OOB));
            w.Sleep(1);
            assertEquals(0, w.ioctlsocket(p.server(), SIOCATMARK, mark));
            assertEquals(0, mark[0], "an urgent byte is queued");
            byte[] oob = new byte[1];
            assertEquals(1, w.recv(p.server(), oob, 1, MSG_OOB));
            assertEquals('x', oob[0]);
            assertEquals(0, w.ioctlsocket(p.server(), SIOCATMARK, mark));
            assertEquals(1, mark[0]);
            assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_OOBINLINE, 1));
            assertFails(w, w.recv(p.server(), new byte[1], 1, MSG_OOB), WSAEINVAL);
        });
    }

    @Test
    void io12_receiveTimeout() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_RCVTIMEO, 100));
            int t0 = w.GetTickCount();
            assertFails(w, w.recv(p.server(), new byte[4], 4, 0), WSAETIMEDOUT);
            assertEquals(100, w.GetTickCount() - t0);
        });
    }

    @Test
    void recvPeekAndFionread() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            byte[] data = pattern(9, 3);
            assertEquals(9, w.send(p.client(), data, 9, 0));
            w.Sleep(1);
            int[] avail = {0};
            assertEquals(0, w.ioctlsocket(p.server(), FIONREAD, avail));
            assertEquals(9, avail[0]);
            byte[] peek = new byte[4];
            assertEquals(4, w.recv(p.server(), peek, 4, MSG_PEEK));
            byte[] all = new byte[9];
            assertEquals(9, w.recv(p.server(), all, 9, 0));
            assertArrayEquals(Arrays.copyOf(data, 4), peek);
            assertArrayEquals(data, all);
        });
    }

    @Test
    void shut01_shutdownOnUnconnectedAndListeningSockets() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.shutdown(s, SD_SEND), WSAENOTCONN);
            assertFails(w, w.shutdown(s, SD_RECEIVE), WSAENOTCONN);
            Fixture.Pair p = pair(w);
            assertFails(w, w.shutdown(p.listener(), SD_SEND), WSAENOTCONN);
            assertFails(w, w.shutdown(p.client(), 0xdeadbeef), WSAEINVAL);
        });
    }

    @Test
    void wsk30_shutdownChecksHowBeforeTheConnection() {
        Fixture.run(w -> {
            assertFails(w, w.shutdown(tcp(w), 3), WSAEINVAL); // unconnected: the bad how first
            Fixture.Pair p = pair(w);
            assertFails(w, w.shutdown(p.listener(), 3), WSAEINVAL);
            assertFails(w, w.shutdown(p.listener(), -1), WSAEINVAL);
            assertFails(w, w.shutdown(UdpFactsTest.udp(w), 3), WSAEINVAL);
        });
    }

    @Test
    void wsk31_wsaSendAndRecvDisconnectAreShutdownsThatRefuseDataWhereAfdDoes() {
        Fixture.run(w -> {
            long c = tcp(w);
            assertFails(w, w.WSASendDisconnect(c, null), WSAENOTCONN);
            assertFails(w, w.WSARecvDisconnect(c, new WSABUF(new byte[8], 0, 8)), WSAENOTCONN);
            assertFails(w, w.WSASendDisconnect(0xdead, null), WSAENOTSOCK);
            Fixture.Pair p = pair(w);
            long port = w.CreateIoCompletionPort(p.client(), WinBase.NULL, 7, 0);
            byte[] data = new byte[] {1, 2, 3};
            assertEquals(0, w.WSASendDisconnect(p.client(), new WSABUF(data, 0, 3))); // TCP carries no disconnect data
            assertFails(w, w.send(p.client(), data, 3, 0), WSAESHUTDOWN);
            byte[] buf = new byte[8];
            assertEquals(0, w.recv(p.server(), buf, 8, 0)); // the FIN, and no data
            assertEquals(3, w.send(p.server(), data, 3, 0));
            assertEquals(3, w.recv(p.client(), buf, 8, 0));
            WSABUF inbound = new WSABUF(new byte[] {9, 9}, 0, 2);
            assertEquals(0, w.WSARecvDisconnect(p.client(), inbound));
            assertArrayEquals(new byte[] {9, 9}, inbound.buf); // no disconnect data came: the buffer is untouched
            assertEquals(2, inbound.len);
            assertFails(w, w.recv(p.client(), buf, 8, 0), WSAESHUTDOWN);
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, new int[1], new long[1], new WSAOVERLAPPED[1], 0));
            assertEquals(WinBase.WAIT_TIMEOUT, w.GetLastError()); // neither queued a packet
            // msafd hands non-empty data to AFD first, which refuses it once receives are shut and on a datagram socket
            Fixture.Pair q = pair(w);
            assertEquals(0, w.shutdown(q.client(), SD_RECEIVE));
            assertFails(w, w.WSASendDisconnect(q.client(), new WSABUF(data, 0, 3)), WSAEINVAL);
            assertEquals(3, w.send(q.client(), data, 3, 0)); // refused before the send side was shut
            assertEquals(0, w.WSASendDisconnect(q.client(), new WSABUF(data, 0, 0))); // no bytes: nothing to refuse
            long u = UdpFactsTest.bound(w);
            assertFails(w, w.WSASendDisconnect(u, new WSABUF(data, 0, 3)), WSAEINVAL);
            assertEquals(0, w.WSASendDisconnect(u, null));
        });
    }

    @Test
    void wsk32_waitAllIsRefusedWithPeekOrOobNonBlockingAndOnDatagrams() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(4, w.send(p.server(), "data".getBytes(StandardCharsets.ISO_8859_1), 4, 0));
            byte[] buf = new byte[6];
            assertFails(w, w.recv(p.client(), buf, 6, MSG_PEEK | MSG_WAITALL), WSAEOPNOTSUPP);
            assertFails(w, w.recv(p.client(), buf, 6, MSG_OOB | MSG_WAITALL), WSAEOPNOTSUPP);
            assertFails(w, w.recv(p.client(), buf, 6, MSG_PARTIAL | MSG_WAITALL), WSAEOPNOTSUPP);
            int[] flags = {MSG_PEEK | MSG_WAITALL};
            int[] got = new int[1];
            assertFails(w, w.WSARecv(p.client(), new WSABUF[] {new WSABUF(buf)}, 1, got, flags, null, null), WSAEOPNOTSUPP);
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            assertFails(w, w.recv(p.client(), buf, 6, MSG_WAITALL), WSAEOPNOTSUPP);
            flags[0] = MSG_WAITALL;
            assertFails(w, w.WSARecv(p.client(), new WSABUF[] {new WSABUF(buf)}, 1, got, flags, null, null), WSAEOPNOTSUPP);
            long set = w.WSACreateEvent();
            assertEquals(WinBase.TRUE, w.WSASetEvent(set));
            WSAOVERLAPPED refused = new WSAOVERLAPPED(set);
            refused.Internal = 0x1234;
            flags[0] = MSG_PEEK | MSG_WAITALL;
            assertFails(w, w.WSARecv(p.client(), new WSABUF[] {new WSABUF(buf)}, 1, got, flags, refused, null), WSAEOPNOTSUPP);
            assertEquals(0x1234, refused.Internal); // refused before the OVERLAPPED was taken: its block and event as they were
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(set, 0));
            assertEquals(4, w.recv(p.client(), buf, 6, 0)); // nothing was taken
            // an overlapped receive on the non-blocking socket is not refused: it waits for all six bytes
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.WSACreateEvent());
            flags[0] = MSG_WAITALL;
            assertFails(w, w.WSARecv(p.client(), new WSABUF[] {new WSABUF(buf)}, 1, got, flags, ov, null), WsaError.WSA_IO_PENDING);
            assertEquals(6, w.send(p.server(), "sixsix".getBytes(StandardCharsets.ISO_8859_1), 6, 0));
            assertEquals(WinBase.TRUE, w.WSAGetOverlappedResult(p.client(), ov, got, true, flags));
            assertEquals(6, got[0]);
            long u = UdpFactsTest.bound(w);
            long v = UdpFactsTest.udp(w);
            sockaddr_in to = new sockaddr_in();
            assertEquals(0, w.getsockname(u, to, new int[] {16}));
            assertEquals(5, UdpFactsTest.sendTo(w, v, "dgram", to));
            byte[] d = new byte[16];
            assertFails(w, w.recvfrom(u, d, 0, 16, MSG_WAITALL, null, null), WSAEOPNOTSUPP);
            assertEquals(5, w.recvfrom(u, d, 0, 16, 0, null, null));
        });
        Fixture.run(OsProfile.LINUX, w -> { // Linux takes MSG_WAITALL with MSG_PEEK and on a non-blocking socket
            Fixture.Pair p = pair(w);
            assertEquals(4, w.send(p.server(), "data".getBytes(StandardCharsets.ISO_8859_1), 4, 0));
            byte[] buf = new byte[6];
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            assertEquals(4, w.recv(p.client(), buf, 6, MSG_PEEK | MSG_WAITALL));
            assertEquals(4, w.recv(p.client(), buf, 6, MSG_WAITALL));
        });
    }

    @Test
    void shut02_halfCloseKeepsTheOtherDirection() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            assertFails(w, w.send(p.client(), new byte[1], 1, 0), WSAESHUTDOWN);
            byte[] buf = new byte[8];
            assertEquals(0, w.recv(p.server(), buf, 8, 0));
            assertEquals(0, w.recv(p.server(), buf, 8, 0));
            byte[] data = pattern(5, 9);
            assertEquals(5, w.send(p.server(), data, 5, 0));
            assertEquals(5, w.recv(p.client(), buf, 8, 0));
            assertArrayEquals(data, Arrays.copyOf(buf, 5));
        });
    }

    @Test
    void shutdownReceiveRefusesFurtherReceives() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.shutdown(p.server(), SD_BOTH));
            assertFails(w, w.recv(p.server(), new byte[1], 1, 0), WSAESHUTDOWN);
        });
    }

    @Test
    void abortiveCloseResetsAndLingerWaitsForAcknowledgement() {
        var r = Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            byte[] data = pattern(100_000, 2);
            long reader = w.CreateThread(null, 0, param -> {
                w.Sleep(50);
                byte[] buf = new byte[100_000];
                int total = 0;
                int n;
                while ((n = w.recv(p.server(), buf, buf.length, 0)) > 0) {
                    total += n;
                }
                return total;
            }, null, 0, null);
            assertEquals(0, w.setsockopt(p.client(), SOL_SOCKET, SO_LINGER, new linger(1, 5)));
            assertEquals(data.length, w.send(p.client(), data, data.length, 0));
            int t0 = w.GetTickCount();
            assertEquals(0, w.closesocket(p.client()));
            int lingered = w.GetTickCount() - t0;
            assertEquals(true, lingered >= 40 && lingered < 60, "closesocket lingered until the reader drained: " + lingered);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(reader, WinBase.INFINITE));
            int[] code = {0};
            assertEquals(1, w.GetExitCodeThread(reader, code));
            assertEquals(data.length, code[0]);
        });
        assertEquals(true, r.endTime() < Durations.seconds(1));
    }

    /**
     * LINGER-01: a non-blocking socket with a linger timeout cannot be closed while sent data is unacknowledged:
     * WSAEWOULDBLOCK, the socket open and connected, no FIN; once the peer has taken everything the same call
     * closes gracefully. Without unacknowledged data it closes at once.
     */
    @Test
    void linger01_nonBlockingLingerCloseWouldBlockWhileDataIsUnacknowledged() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            byte[] data = pattern(100_000, 3);
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            assertEquals(0, w.setsockopt(p.client(), SOL_SOCKET, SO_LINGER, new linger(1, 5)));
            assertEquals(data.length, w.send(p.client(), data, data.length, 0));
            assertFails(w, w.closesocket(p.client()), WSAEWOULDBLOCK, "unacknowledged data: the close would have to wait");
            byte[] got = new byte[data.length + 1];
            int total = 0;
            while (total < data.length) {
                int n = w.recv(p.server(), got, total, got.length - total, 0);
                assertEquals(true, n > 0, "no FIN while the close is refused: " + n);
                total += n;
            }
            assertEquals(3, w.send(p.client(), new byte[] {1, 2, 3}, 3, 0), "still connected");
            assertEquals(3, w.recv(p.server(), got, 0, 3, 0));
            w.Sleep(1);
            assertEquals(0, w.closesocket(p.client()));
            assertEquals(0, w.recv(p.server(), got, 0, 1, 0));

            Fixture.Pair q = pair(w);
            assertEquals(0, w.ioctlsocket(q.client(), FIONBIO, new int[] {1}));
            assertEquals(0, w.setsockopt(q.client(), SOL_SOCKET, SO_LINGER, new linger(1, 5)));
            assertEquals(0, w.closesocket(q.client()), "nothing unacknowledged: closed at once");
            assertEquals(0, w.recv(q.server(), got, 0, 1, 0));
        });
    }

    @Test
    void nonBlockingRecvWouldBlockUntilDataOrTheEndOfTheStream() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.ioctlsocket(p.server(), FIONBIO, new int[] {1}));
            byte[] buf = new byte[8];
            assertFails(w, w.recv(p.server(), buf, 8, 0), WSAEWOULDBLOCK);
            assertFails(w, w.recv(p.server(), buf, 8, MSG_PEEK), WSAEWOULDBLOCK);
            assertEquals(3, w.send(p.client(), pattern(3, 1), 3, 0));
            w.Sleep(1);
            assertEquals(3, w.recv(p.server(), buf, 8, 0));
            assertArrayEquals(pattern(3, 1), Arrays.copyOf(buf, 3));
            assertFails(w, w.recv(p.server(), buf, 8, 0), WSAEWOULDBLOCK, "nothing left: would block again");
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            w.Sleep(1);
            assertEquals(0, w.recv(p.server(), buf, 8, 0), "the end of the stream is not WSAEWOULDBLOCK");
        });
    }

    @Test
    void rst01_resetAfterThePeersFinAbortsTheConnection() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            assertEquals(0, w.closesocket(p.client()));
            w.Sleep(1);
            assertEquals(5, w.send(p.server(), "test\0".getBytes(), 5, 0), "the send succeeds; the closed peer answers with RST");
            w.Sleep(1);
            assertFails(w, w.recv(p.server(), new byte[10], 10, 0), WSAECONNABORTED);
        });
        Fixture.run(OsProfile.LINUX, w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            assertEquals(0, w.closesocket(p.client()));
            w.Sleep(1);
            assertEquals(5, w.send(p.server(), "test\0".getBytes(), 5, 0));
            w.Sleep(1);
            assertEquals(0, w.recv(p.server(), new byte[10], 10, 0), "Linux: the end of the stream stays");
            assertEquals(0, w.recv(p.server(), new byte[10], 10, 0));
            assertFails(w, w.send(p.server(), new byte[1], 1, 0), WSAECONNRESET);
        });
    }

    @Test
    void oob01_oobInlineTurnedOnMovesTheWaitingUrgentByteIntoTheStream() {
        for (OsProfile profile : new OsProfile[] {OsProfile.WINDOWS, OsProfile.LINUX}) {
            boolean windows = profile == OsProfile.WINDOWS;
            Fixture.run(profile, w -> {
                Fixture.Pair p = pair(w);
                assertEquals(0, w.setsockopt(p.client(), org.winsim.winsock.api.Winsock.IPPROTO_TCP, org.winsim.winsock.api.Winsock.TCP_NODELAY, 1));
                assertEquals(0, w.ioctlsocket(p.server(), FIONBIO, new int[] {1}));
                assertEquals(4, w.send(p.client(), "abc!".getBytes(), 4, MSG_OOB));
                w.Sleep(1);
                assertEquals(3, ioctl(w, p.server(), FIONREAD));
                byte[] buf = new byte[10];
                assertEquals(3, w.recv(p.server(), buf, 10, 0));
                assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_OOBINLINE, 1));
                assertEquals(1, ioctl(w, p.server(), FIONREAD), "the urgent byte is in the stream now");
                assertEquals(windows ? 0 : 1, ioctl(w, p.server(), SIOCATMARK));
                assertEquals(1, w.recv(p.server(), buf, 10, 0));
                assertEquals('!', buf[0]);
                assertEquals(0, ioctl(w, p.server(), FIONREAD));
                assertEquals(windows ? 1 : 0, ioctl(w, p.server(), SIOCATMARK), "Linux: reading has passed the mark");

                assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_OOBINLINE, 0));
                assertEquals(3, w.send(p.client(), "lm$".getBytes(), 3, MSG_OOB));
                w.Sleep(1);
                assertEquals(2, w.recv(p.server(), buf, 2, 0));
                assertEquals(1, w.recv(p.server(), buf, 1, MSG_OOB));
                assertEquals('$', buf[0]);
                assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_OOBINLINE, 1));
                if (windows) { // a byte already read out of line is not delivered again
                    assertEquals(0, ioctl(w, p.server(), FIONREAD));
                    assertFails(w, w.recv(p.server(), buf, 10, 0), WSAEWOULDBLOCK);
                } else { // Linux left it in the stream, skipped: inline, it is read again
                    assertEquals(1, ioctl(w, p.server(), FIONREAD));
                    assertEquals(1, w.recv(p.server(), buf, 10, 0));
                    assertEquals('$', buf[0]);
                }
            });
        }
        Fixture.run(w -> { // Windows kept two urgent bytes out of line (WEV-03): both rejoin, the mark is the last
            Fixture.Pair p = pair(w);
            assertEquals(0, w.setsockopt(p.client(), org.winsim.winsock.api.Winsock.IPPROTO_TCP, org.winsim.winsock.api.Winsock.TCP_NODELAY, 1));
            assertEquals(4, w.send(p.client(), "data".getBytes(), 4, 0));
            assertEquals(1, w.send(p.client(), "x".getBytes(), 1, MSG_OOB));
            assertEquals(1, w.send(p.client(), "y".getBytes(), 1, MSG_OOB));
            w.Sleep(1);
            assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, SO_OOBINLINE, 1));
            assertEquals(6, ioctl(w, p.server(), FIONREAD));
            byte[] buf = new byte[10];
            assertEquals(4, w.recv(p.server(), buf, 4, 0));
            assertEquals("data", new String(buf, 0, 4));
            assertEquals(0, ioctl(w, p.server(), SIOCATMARK));
            assertEquals(1, w.recv(p.server(), buf, 1, 0));
            assertEquals('x', buf[0]);
            assertEquals(0, ioctl(w, p.server(), SIOCATMARK), "the urgent byte y is still to be read");
            assertEquals(1, w.recv(p.server(), buf, 10, 0));
            assertEquals('y', buf[0]);
            assertEquals(1, ioctl(w, p.server(), SIOCATMARK));
        });
    }

    private static int ioctl(Win32 w, long s, int cmd) {
        int[] v = {0};
        assertEquals(0, w.ioctlsocket(s, cmd, v));
        return v[0];
    }

    static fd_set set(long... sockets) {
        fd_set s = new fd_set();
        for (long x : sockets) {
            fd_set.FD_SET(x, s);
        }
        return s;
    }
}
