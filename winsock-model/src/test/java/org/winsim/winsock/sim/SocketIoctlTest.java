package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.TCP_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.TCP_KEEPINTVL;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * Facts WSK-24 to WSK-27: WSAIoctl's SIO_BASE_HANDLE, SIO_KEEPALIVE_VALS, SIO_IDEAL_SEND_BACKLOG_QUERY and SIO_ROUTING_INTERFACE_QUERY,
 * as Wine's sock.c tests show real Windows answering them ({@code test_base_handle}, {@code test_keepalive_vals},
 * {@code test_backlog_query}, {@code test_sioRoutingInterfaceQuery}; their todo_wine lines included).
 */
class SocketIoctlTest {
    private static final int UNTOUCHED = 0xdeadbeef;

    @Test
    void wsk24_baseHandleIsTheSocketItselfAndOnlyAnsweredSynchronously() {
        Fixture.run(w -> {
            for (long s : new long[] {Fixture.tcp(w), UdpFactsTest.udp(w)}) {
                byte[] base = new byte[8];
                int[] size = {UNTOUCHED};
                assertEquals(0, w.WSAIoctl(s, Winsock.SIO_BASE_HANDLE, null, 0, base, 8, size, null, null));
                assertEquals(0, w.WSAGetLastError());
                assertEquals(8, size[0]);
                assertEquals(s, java.nio.ByteBuffer.wrap(base).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
                assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_BASE_HANDLE, null, 0, base, 8, null, new WSAOVERLAPPED(), null));
                // with an OVERLAPPED it goes pending and fails as an unsupported code does, writing nothing
                long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
                w.CreateIoCompletionPort(s, port, 123, 0);
                byte[] untouched = new byte[8];
                WSAOVERLAPPED ov = new WSAOVERLAPPED();
                assertFails(w, WsaError.WSA_IO_PENDING, w.WSAIoctl(s, Winsock.SIO_BASE_HANDLE, null, 0, untouched, 8, size, ov, null));
                assertEquals(8, size[0]);
                int[] bytes = {-1};
                long[] key = new long[1];
                WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
                assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, got, 10));
                assertEquals(Win32Error.ERROR_NOT_SUPPORTED.code, w.GetLastError());
                assertSame(ov, got[0]);
                assertEquals(123, key[0]);
                assertEquals(0, bytes[0]);
                assertEquals(NTSTATUS.STATUS_NOT_SUPPORTED.value & 0xffffffffL, ov.Internal);
                assertArrayEquals(new byte[8], untouched);
            }
        });
    }

    @Test
    void wsk25_keepAliveValuesTakeATwelveByteStructAndSetKeepAliveAndItsTiming() {
        Fixture.run(w -> {
            long s = Fixture.tcp(w);
            int[] size = {UNTOUCHED};
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(0, 0, 0), 0, null, 0, size, null, null));
            assertEquals(0, size[0]);
            size[0] = UNTOUCHED;
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, null, 12, null, 0, size, null, null));
            assertEquals(0, size[0]);
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(0, 0, 0), 12, null, 0, null, null, null));
            size[0] = UNTOUCHED;
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(1, 10000, 2500), 12, null, 0, size, null, null));
            assertEquals(0, size[0]);
            assertEquals(1, option(w, s, SOL_SOCKET, SO_KEEPALIVE));
            assertEquals(10, option(w, s, IPPROTO_TCP, TCP_KEEPALIVE));
            assertEquals(2, option(w, s, IPPROTO_TCP, TCP_KEEPINTVL));
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(0, 100, 100), 12, null, 0, size, null, null));
            assertEquals(0, option(w, s, SOL_SOCKET, SO_KEEPALIVE));
            assertEquals(10, option(w, s, IPPROTO_TCP, TCP_KEEPALIVE)); // turned off, the timing stays
        });
    }

    @Test
    void wsk25_keepAliveValuesWithAnOverlappedMarkItPendingFirstAndLeaveThePortsCountUnwritten() {
        Fixture.run(w -> {
            long s = Fixture.tcp(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(s, port, 123, 0);
            int[] size = {UNTOUCHED};
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            ov.Internal = UNTOUCHED;
            ov.InternalHigh = UNTOUCHED;
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(0, 0, 0), 11, null, 0, size, ov, null));
            assertEquals(UNTOUCHED, size[0]);
            assertEquals(NTSTATUS.STATUS_PENDING.value, ov.Internal);
            assertEquals(UNTOUCHED, ov.InternalHigh);
            IocpSocketFactsTest.nothingQueued(w, port);
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_KEEPALIVE_VALS, keepAlive(0, 0, 0), 12, null, 0, size, ov, null));
            assertEquals(UNTOUCHED, size[0]);
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 10));
            assertEquals(0, bytes[0]);
            assertSame(ov, got[0]);
            assertEquals(0, ov.Internal);
            assertEquals(0, ov.InternalHigh);
        });
    }

    @Test
    void wsk26_idealSendBacklogIs64KibOnAConnectionNotConnectedBeforeAndUnsupportedOnUdp() {
        Fixture.run(w -> {
            byte[] out = new byte[4];
            int[] size = new int[1];
            assertFails(w, WsaError.WSAENOTCONN, w.WSAIoctl(Fixture.tcp(w), Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY, null, 0, out, 4, size, null, null));
            assertFails(w, WsaError.WSAEOPNOTSUPP, w.WSAIoctl(UdpFactsTest.udp(w), Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY, null, 0, out, 4, size, null,
                    null));
            Fixture.Pair p = Fixture.pair(w);
            assertEquals(0, w.WSAIoctl(p.client(), Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY, null, 0, out, 4, size, null, null));
            assertEquals(0x10000, Structs.int32(out));
        });
    }

    @Test
    void wsk27_routingInterfaceQueryNamesTheLocalAddressAndChecksInputThenFamilyThenOutput() {
        Fixture.run(w -> {
            long s = UdpFactsTest.udp(w);
            byte[] in = sockaddr(sockaddr_in.of("127.0.0.1", 0));
            byte[] out = new byte[16];
            int[] size = {UNTOUCHED};
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, out, 16, null, null, null));
            assertFails(w, WsaError.WSAEINVAL, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 15, out, 16, size, null, null));
            assertFails(w, WsaError.WSAEINVAL, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, null, 16, out, 16, size, null, null));
            assertFails(w, WsaError.WSAEAFNOSUPPORT, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, new byte[16], 16, out, 16, size, null, null));
            assertFails(w, WsaError.WSAEINVAL, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, sockaddr(sockaddr_in.of("0.0.0.0", 0)), 16, out, 16,
                    size, null, null));
            assertEquals(UNTOUCHED, size[0]);
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, null, 16, size, null, null));
            assertEquals(UNTOUCHED, size[0]);
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, out, 15, size, null, null));
            assertEquals(16, size[0]); // the size it needs
            size[0] = UNTOUCHED;
            assertFails(w, WsaError.WSAEFAULT, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, new byte[15], 15, size, null, null));
            assertEquals(16, size[0], "a buffer as short as its stated length: the length is what is short");
            size[0] = UNTOUCHED;
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, out, 16, size, null, null));
            assertEquals(16, size[0]);
            assertEquals("127.0.0.1:0", sockaddr_in.read(out, 0).toString());
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, sockaddr(sockaddr_in.of("10.9.9.9", 7)), 16, out, 16, size, null,
                    null));
            assertEquals("10.0.0.1:0", sockaddr_in.read(out, 0).toString()); // the host's own interface
            // with an OVERLAPPED on an associated socket: 0 at once, and a packet of 0 bytes (IOCP-07)
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(s, port, 123, 0);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(0, w.WSAIoctl(s, Winsock.SIO_ROUTING_INTERFACE_QUERY, in, 16, out, 16, size, ov, null));
            assertEquals(16, size[0]);
            int[] bytes = {-1};
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, new long[1], got, 10));
            assertEquals(0, bytes[0]);
            assertSame(ov, got[0]);
        });
    }

    private static byte[] keepAlive(int onoff, int timeMs, int intervalMs) {
        byte[] b = new byte[12];
        System.arraycopy(Structs.int32(onoff), 0, b, 0, 4);
        System.arraycopy(Structs.int32(timeMs), 0, b, 4, 4);
        System.arraycopy(Structs.int32(intervalMs), 0, b, 8, 4);
        return b;
    }

    private static byte[] sockaddr(sockaddr_in a) {
        byte[] b = new byte[16];
        a.write(b, 0);
        return b;
    }

    private static int option(Win32 w, long s, int level, int name) {
        byte[] v = new byte[4];
        assertEquals(0, w.getsockopt(s, level, name, v, new int[] {4}));
        return Structs.int32(v);
    }

    private static void assertFails(Win32 w, WsaError expected, int ret) {
        assertEquals(SOCKET_ERROR, ret);
        assertEquals(expected.code, w.WSAGetLastError());
    }
}
