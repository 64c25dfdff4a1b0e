package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONREAD;
import static org.winsim.winsock.api.Winsock.IPPROTO_UDP;
import static org.winsim.winsock.api.Winsock.MSG_PEEK;
import static org.winsim.winsock.api.Winsock.SD_BOTH;
import static org.winsim.winsock.api.Winsock.SD_RECEIVE;
import static org.winsim.winsock.api.Winsock.SD_SEND;
import static org.winsim.winsock.api.Winsock.SOCK_DGRAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_BROADCAST;
import static org.winsim.winsock.api.WsaError.WSAEACCES;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEMSGSIZE;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/** Datagram (UDP) sockets: the ERR, IO and SHUT facts of winsock-facts.md about them, under the windows profile. */
class UdpFactsTest {
    static long udp(Win32 w) {
        long s = w.socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        assertNotEquals(Winsock.INVALID_SOCKET, s, "socket(SOCK_DGRAM)");
        return s;
    }

    /** A UDP socket bound to 127.0.0.1 on an ephemeral port. */
    static long bound(Win32 w) {
        long s = udp(w);
        assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16));
        return s;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static int sendTo(Win32 w, long s, String data, sockaddr_in to) {
        byte[] b = bytes(data);
        return w.sendto(s, b, b.length, 0, to, 16);
    }

    @Test
    void err09_getpeernameOnUnconnectedAndConnectedUdp() {
        Fixture.run(w -> {
            long u = udp(w);
            assertFails(w, w.getpeername(u, null, null), WSAENOTCONN, "unconnected, NULL pointers");
            long r = bound(w);
            assertEquals(1, sendTo(w, u, "x", nameOf(w, r)));
            sockaddr_in peer = new sockaddr_in();
            assertFails(w, w.getpeername(u, peer, new int[] {16}), WSAENOTCONN, "sendto does not connect");
            assertEquals(0, w.connect(u, nameOf(w, r), 16));
            assertFails(w, w.getpeername(u, null, null), WSAEFAULT);
            assertFails(w, w.getpeername(u, peer, null), WSAEFAULT);
            int[] len = {0};
            assertFails(w, w.getpeername(u, peer, len), WSAEFAULT);
            assertEquals(0, len[0], "the length is left 0");
            len[0] = 16;
            assertEquals(0, w.getpeername(u, peer, len));
            assertEquals(nameOf(w, r).sin_port, peer.sin_port);
            assertEquals(Winsock.INADDR_LOOPBACK, peer.sin_addr);
            assertEquals(0, w.connect(u, new sockaddr_in(AF_INET, 0, 0), 16), "the all-zero address dissolves the association");
            assertFails(w, w.getpeername(u, peer, new int[] {16}), WSAENOTCONN);
        });
    }

    @Test
    void io17_datagramLargerThanTheBufferFillsItAndLosesTheRest() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = bound(w);
            assertEquals(11, sendTo(w, s, "hello world", nameOf(w, r)));
            assertEquals(2, sendTo(w, s, "ok", nameOf(w, r)));
            byte[] buf = new byte[5];
            sockaddr_in from = new sockaddr_in();
            int[] fromLen = {16};
            assertFails(w, w.recvfrom(r, buf, 5, MSG_PEEK, from, fromLen), WSAEMSGSIZE, "a peek is cut too");
            assertFails(w, w.recvfrom(r, buf, 5, 0, from, fromLen), WSAEMSGSIZE, "the peeked datagram is still there");
            assertArrayEquals(bytes("hello"), buf, "the buffer is filled");
            assertEquals(nameOf(w, s).sin_port, from.sin_port, "the source is given with WSAEMSGSIZE");
            byte[] big = new byte[100];
            assertEquals(2, w.recvfrom(r, big, 100, 0, null, null), "the rest of the long datagram is gone");
            assertArrayEquals(bytes("ok"), Arrays.copyOf(big, 2));
        });
    }

    @Test
    void io17_messageBoundariesAreKept() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            assertEquals(3, sendTo(w, s, "abc", nameOf(w, r)));
            assertEquals(4, sendTo(w, s, "defg", nameOf(w, r)));
            assertEquals(0, sendTo(w, s, "", nameOf(w, r)));
            int[] n = {0};
            assertEquals(0, w.ioctlsocket(r, FIONREAD, n));
            assertEquals(7, n[0], "FIONREAD: the bytes of every waiting datagram");
            byte[] buf = new byte[100];
            assertEquals(3, w.recv(r, buf, 100, 0));
            assertEquals(4, w.recv(r, buf, 100, 0));
            assertEquals(0, w.recv(r, buf, 100, 0), "an empty datagram");
            assertEquals(0, w.ioctlsocket(r, Winsock.FIONBIO, new int[] {1}));
            assertFails(w, w.recv(r, buf, 100, 0), WSAEWOULDBLOCK);
            assertFails(w, w.sendto(s, new byte[DatagramSocket.MAX_DATAGRAM + 1], DatagramSocket.MAX_DATAGRAM + 1, 0, nameOf(w, r), 16),
                    WSAEMSGSIZE, "longer than a UDP datagram can be");
            assertEquals(DatagramSocket.MAX_DATAGRAM, w.sendto(s, new byte[DatagramSocket.MAX_DATAGRAM], DatagramSocket.MAX_DATAGRAM, 0,
                    nameOf(w, r), 16));
        });
    }

    @Test
    void io18_sendsToNoListenerPortZeroAndBroadcast() {
        Fixture.run(w -> {
            long gone = bound(w);
            sockaddr_in nobody = nameOf(w, gone);
            assertEquals(0, w.closesocket(gone));
            long c = udp(w);
            assertEquals(0, w.connect(c, nobody, 16));
            for (int i = 0; i < 10; i++) {
                assertEquals(4, w.send(c, bytes("ping"), 4, 0), "send " + (i + 1) + " to a port nobody holds");
            }
            long u = udp(w);
            assertEquals(4, sendTo(w, u, "zero", sockaddr_in.of("127.0.0.1", 0)), "sendto port 0 succeeds");
            long r = udp(w);
            assertEquals(0, w.bind(r, sockaddr_in.of("0.0.0.0", 0), 16));
            sockaddr_in all = new sockaddr_in(AF_INET, 0xffffffff, nameOf(w, r).sin_port);
            assertFails(w, sendTo(w, u, "all", all), WSAEACCES, "broadcast without SO_BROADCAST");
            assertEquals(0, w.setsockopt(u, SOL_SOCKET, SO_BROADCAST, 1));
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(u, SOL_SOCKET, SO_BROADCAST, v, new int[] {4}));
            assertEquals(1, v[0]);
            assertEquals(3, sendTo(w, u, "all", all));
            byte[] buf = new byte[10];
            assertEquals(3, w.recv(r, buf, 10, 0), "the broadcast reaches the socket bound to the port");
            assertFails(w, w.setsockopt(tcp(w), SOL_SOCKET, SO_BROADCAST, 1), WSAENOPROTOOPT, "no broadcast on a stream");
        });
    }

    @Test
    void shut07_shutdownOfAUdpSocket() {
        Fixture.run(w -> {
            long u = bound(w);
            long s = bound(w);
            assertEquals(0, w.shutdown(u, SD_RECEIVE));
            byte[] buf = new byte[10];
            assertFails(w, w.recvfrom(u, buf, 10, 0, null, null), WSAESHUTDOWN);
            assertEquals(1, sendTo(w, u, "x", nameOf(w, s)), "sending still works");
            assertEquals(0, w.shutdown(u, SD_SEND));
            assertEquals(0, w.shutdown(u, SD_SEND), "twice");
            assertFails(w, sendTo(w, u, "x", nameOf(w, s)), WSAESHUTDOWN);
            assertEquals(0, w.shutdown(s, SD_BOTH));
            assertFails(w, w.recv(s, buf, 10, 0), WSAESHUTDOWN);
            assertFails(w, w.shutdown(s, 0xdeadbeef), org.winsim.winsock.api.WsaError.WSAEINVAL);
        });
    }
}
