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
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
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
            assertEquals(0, w.ioctlsocket(c, Winsock.FIONBIO, new int[] {1}));
            byte[] none = new byte[4];
            assertFails(w, w.recv(c, none, 4, 0), org.winsim.winsock.api.WsaError.WSAECONNRESET,
                    "the ICMP port unreachable fails the next receive, once");
            assertFails(w, w.recv(c, none, 4, 0), WSAEWOULDBLOCK);
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
    void io18_aPendingReceiveFailsWhenAnIcmpPortUnreachableComesBack() {
        Fixture.run(w -> {
            long u = bound(w);
            long t = w.CreateThread(null, 0, x -> w.recv(u, new byte[4], 4, 0) == Winsock.SOCKET_ERROR ? w.WSAGetLastError() : 0,
                    null, 0, null);
            w.Sleep(2);
            assertEquals(2, sendTo(w, u, "hi", sockaddr_in.of("127.0.0.1", 9)), "the send itself succeeds");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            int[] code = {0};
            w.GetExitCodeThread(t, code);
            assertEquals(org.winsim.winsock.api.WsaError.WSAECONNRESET.code, code[0]);
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

    @Test
    void err22_wsaSendToNeedsACountAndBindsAnUnboundSocket() {
        Fixture.run(w -> {
            long r = bound(w);
            long u = udp(w);
            WSABUF[] hello = {new WSABUF(bytes("hel")), new WSABUF(bytes("lo"))};
            assertFails(w, w.WSASendTo(u, hello, 2, null, 0, nameOf(w, r), 16, null, null), WSAEFAULT, "no count, no OVERLAPPED");
            assertFails(w, w.getsockname(u, new sockaddr_in(), new int[] {16}), org.winsim.winsock.api.WsaError.WSAEINVAL,
                    "nothing was sent, so nothing bound");
            int[] sent = {0};
            assertEquals(0, w.WSASendTo(u, hello, 2, sent, 0, nameOf(w, r), 16, null, null));
            assertEquals(5, sent[0]);
            sockaddr_in name = nameOf(w, u);
            assertEquals(0, name.sin_addr, "bound to 0.0.0.0");
            assertNotEquals(0, name.sin_port, "and a port");
            WSABUF[] into = {new WSABUF(new byte[2]), new WSABUF(new byte[10])};
            int[] got = {0};
            int[] flags = {0};
            sockaddr_in from = new sockaddr_in();
            assertEquals(0, w.WSARecvFrom(r, into, 2, got, flags, from, new int[] {16}, null, null));
            assertEquals(5, got[0]);
            assertArrayEquals(bytes("he"), into[0].buf);
            assertArrayEquals(bytes("llo"), Arrays.copyOf(into[1].buf, 3));
            assertEquals(name.sin_port, from.sin_port);
            assertEquals(8, sendTo(w, u, "too long", nameOf(w, r)));
            WSABUF[] cut = {new WSABUF(new byte[3]), new WSABUF(new byte[2])};
            assertFails(w, w.WSARecvFrom(r, cut, 2, got, flags, from, new int[] {16}, null, null), WSAEMSGSIZE);
            assertArrayEquals(bytes("too"), cut[0].buf, "the buffers are filled in order");
            assertArrayEquals(bytes(" l"), cut[1].buf);
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            assertEquals(0, w.WSASendTo(u, hello, 1, null, 0, nameOf(w, r), 16, ov, null), "with an OVERLAPPED the count may be NULL");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(ov.hEvent, 0), "completed at once, and notified");
            assertEquals(3, ov.InternalHigh);
        });
    }

    @Test
    void err22_wsaSendMsgChecksItsMessageAndCountAndBindsToo() {
        Fixture.run(w -> {
            long r = bound(w);
            long u = udp(w);
            assertFails(w, w.WSASendMsg(u, null, 0, new int[1], null, null), WSAEFAULT, "a NULL message");
            WSAMSG msg = new WSAMSG(nameOf(w, r), 16, new WSABUF(bytes("m")), new WSABUF(bytes("sg")));
            assertFails(w, w.WSASendMsg(u, msg, 0, null, null, null), WSAEFAULT, "no count, no OVERLAPPED");
            assertFails(w, w.WSASendMsg(tcp(w), msg, 0, new int[1], null, null), org.winsim.winsock.api.WsaError.WSAEINVAL,
                    "a stream socket");
            int[] sent = {0};
            assertEquals(0, w.WSASendMsg(u, msg, 0, sent, null, null));
            assertEquals(3, sent[0]);
            assertEquals(0, nameOf(w, u).sin_addr, "bound to 0.0.0.0 by the send");
            byte[] buf = new byte[8];
            assertEquals(3, w.recv(r, buf, 8, 0));
            assertArrayEquals(bytes("msg"), Arrays.copyOf(buf, 3));
        });
    }

    @Test
    void io17_pendingOverlappedReceiveOfALongDatagram() {
        Fixture.run(w -> {
            long r = bound(w);
            long s = udp(w);
            WSABUF[] small = {new WSABUF(new byte[4])};
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            sockaddr_in from = new sockaddr_in();
            int[] fromLen = {16};
            assertFails(w, w.WSARecvFrom(r, small, 1, new int[1], new int[1], from, fromLen, ov, null),
                    org.winsim.winsock.api.WsaError.WSA_IO_PENDING);
            assertEquals(10, sendTo(w, s, "0123456789", nameOf(w, r)));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(ov.hEvent, 1000));
            assertEquals(NTSTATUS.STATUS_BUFFER_OVERFLOW.value & 0xffffffffL, ov.Internal);
            assertEquals(4, ov.InternalHigh, "the bytes copied");
            int[] bytes = {0};
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(r, ov, bytes, false, new int[1]));
            assertEquals(WSAEMSGSIZE.code, w.WSAGetLastError());
            assertEquals(4, bytes[0]);
            assertArrayEquals(bytes("0123"), small[0].buf);
            assertEquals(nameOf(w, s).sin_port, from.sin_port, "the source is written when the receive completes");
        });
    }
}
