package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/** Overlapped socket completions on a completion port: the packets Windows queues, with their keys and errors. */
class IocpSocketFactsTest {
    private static final long KEY = 125;

    /** Asserts that the port has no packet: GQCS times out with a NULL OVERLAPPED. */
    static void nothingQueued(org.winsim.winsock.api.Win32 w, long port) {
        WSAOVERLAPPED[] out = new WSAOVERLAPPED[1];
        assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, new int[1], new long[1], out, 10));
        assertEquals(Win32Error.WAIT_TIMEOUT.code, w.GetLastError());
        assertNull(out[0]);
    }

    @Test
    void iocp04_operationsThatFailAtOnceQueueNothing() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            Fixture.rstClose(w, p.client());
            w.Sleep(1);
            WSABUF[] buf = {new WSABUF(new byte[16])};
            assertEquals(Winsock.SOCKET_ERROR, w.WSASend(p.server(), buf, 1, new int[1], 0, new WSAOVERLAPPED(), null));
            assertEquals(WsaError.WSAECONNRESET.code, w.WSAGetLastError());
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(p.server(), buf, 1, new int[1], new int[1], new WSAOVERLAPPED(), null));
            assertEquals(WsaError.WSAECONNRESET.code, w.WSAGetLastError());
            nothingQueued(w, port);
            long unconnected = Fixture.tcp(w);
            w.CreateIoCompletionPort(unconnected, port, KEY + 1, 0);
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(unconnected, buf, 1, new int[1], new int[1], new WSAOVERLAPPED(), null));
            assertEquals(WsaError.WSAENOTCONN.code, w.WSAGetLastError());
            nothingQueued(w, port);
            GUID bogus = new GUID("12345678-0001-0002-0000-000000000000");
            assertEquals(Winsock.SOCKET_ERROR, w.WSAIoctl(unconnected, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER, bogus, GUID.SIZE,
                    new Object[1], Winsock.SIZEOF_POINTER, new int[1], new WSAOVERLAPPED(), null));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            nothingQueued(w, port);
        });
    }

    @Test
    void iocp07_anIoctlThatCompletesAtOnceWithAnOverlappedQueuesAPacketOfZeroBytes() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            w.send(p.client(), new byte[5], 5, 0);
            w.Sleep(1);
            byte[] out = new byte[4];
            int[] returned = new int[1];
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(0, w.WSAIoctl(p.server(), Winsock.FIONREAD, null, 0, out, 4, returned, ov, null));
            assertEquals(4, returned[0]);
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 10));
            assertEquals(0, bytes[0]); // whatever the call reported
            assertEquals(KEY, key[0]);
            assertSame(ov, got[0]);
        });
    }

    @Test
    void iocp09_closingAListenerWithAPendingAcceptExQueuesOneOperationAbortedPacket() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(l, port, KEY, 0);
            long a = Fixture.tcp(w);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(WinBase.FALSE, OvlFactsTest.acceptEx(w, l).AcceptEx(l, a, new byte[64], 0, 32, 32, new int[1], ov));
            assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
            assertEquals(0, w.closesocket(l));
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, got, 10));
            assertEquals(Win32Error.ERROR_OPERATION_ABORTED.code, w.GetLastError());
            assertSame(ov, got[0]);
            assertEquals(KEY, key[0]);
            assertEquals(0, bytes[0]);
            assertEquals(NTSTATUS.STATUS_CANCELLED.value & 0xffffffffL, ov.Internal);
            nothingQueued(w, port); // exactly one
        });
    }

    @Test
    void iocp16_aReceiveIssuedByAThreadThatExitsStaysPendingAndCompletesLater() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            long t = w.CreateThread(null, 0, x -> {
                w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[64])}, 1, new int[1], new int[1], ov, null);
                return 0;
            }, null, 0, null);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, WinBase.INFINITE));
            nothingQueued(w, port); // the thread's exit cancelled nothing
            w.send(p.client(), new byte[12], 12, 0);
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 100));
            assertEquals(12, bytes[0]);
            assertSame(ov, got[0]);
        });
    }

    @Test
    void iocp03_immediateSuccessStillQueuesAPacketAndThePendingOneFillsItsStatusBlockOnRemoval() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            assertEquals(port, w.CreateIoCompletionPort(p.server(), port, KEY, 0));
            w.send(p.client(), new byte[1024], 1024, 0);
            w.Sleep(1);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            byte[] buf = new byte[4096];
            int[] got = new int[1];
            assertEquals(0, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(buf)}, 1, got, new int[1], ov, null));
            assertEquals(1024, got[0]);
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] out = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, out, 0));
            assertEquals(1024, bytes[0]);
            assertEquals(KEY, key[0]);
            assertSame(ov, out[0]);
            // a pending receive: the status block stays STATUS_PENDING until the packet is removed (IOCP-21)
            WSAOVERLAPPED ov2 = new WSAOVERLAPPED();
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(buf)}, 1, got, new int[1], ov2, null));
            assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
            w.send(p.client(), new byte[7], 7, 0);
            w.Sleep(1);
            assertEquals(NTSTATUS.STATUS_PENDING.value, ov2.Internal);
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, out, 0));
            assertEquals(7, bytes[0]);
            assertEquals(0, ov2.Internal);
            assertEquals(7, ov2.InternalHigh);
        });
    }

    @Test
    void iocp06_aPendingReceiveResetByThePeerIsAFailedPacketWithErrorNetnameDeleted() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[64])}, 1, new int[1],
                    new int[1], ov, null));
            Fixture.rstClose(w, p.client());
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] out = new WSAOVERLAPPED[1];
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, out, 100));
            assertEquals(Win32Error.ERROR_NETNAME_DELETED.code, w.GetLastError());
            assertSame(ov, out[0]);
            assertEquals(KEY, key[0]);
            assertEquals(0, bytes[0]);
        });
    }

    @Test
    void iocp12_closingASocketWithAPendingReceiveQueuesErrorConnectionAborted() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[64])}, 1, new int[1], new int[1], ov, null);
            assertEquals(0, w.closesocket(p.server()));
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] out = new WSAOVERLAPPED[1];
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, out, 100));
            assertEquals(Win32Error.ERROR_CONNECTION_ABORTED.code, w.GetLastError());
            assertSame(ov, out[0]);
            assertEquals(NTSTATUS.STATUS_CONNECTION_ABORTED.value & 0xffffffffL, ov.Internal);
            // closing a socket with nothing pending queues nothing
            assertEquals(0, w.closesocket(p.client()));
            out[0] = null;
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, out, 10));
            assertEquals(Win32Error.WAIT_TIMEOUT.code, w.GetLastError());
            assertNull(out[0]);
        });
    }

    @Test
    void apc04_aSocketOnAPortCannotUseACompletionRoutine() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, KEY, 0);
            int[] calls = {0};
            assertEquals(Winsock.SOCKET_ERROR, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[8])}, 1, new int[1],
                    new int[1], new WSAOVERLAPPED(), (e, n, o, f) -> calls[0]++));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            w.send(p.client(), new byte[3], 3, 0);
            assertEquals(0, w.SleepEx(10, true));
            assertEquals(0, calls[0]);
            assertNotEquals(0, port);
        });
    }
}
