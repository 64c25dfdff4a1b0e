package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.rstClose;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.winsim.sim.FindingKind;
import org.winsim.sim.RunResult;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.LPFN_CONNECTEX;
import org.winsim.winsock.api.LPFN_DISCONNECTEX;
import org.winsim.winsock.api.LPFN_GETACCEPTEXSOCKADDRS;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/** Overlapped I/O, its results and cancellation: the OVL facts (and the IO/SHUT/ERR facts about overlapped calls). */
class OvlFactsTest {
    static final int PENDING = WsaError.WSA_IO_PENDING.code;

    static WSAOVERLAPPED ov(Win32 w) {
        return new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
    }

    static int recv(Win32 w, long s, byte[] buf, int[] got, WSAOVERLAPPED ov) {
        return w.WSARecv(s, new WSABUF[] {new WSABUF(buf)}, 1, got, new int[] {0}, ov, null);
    }

    /** Sends {@code text} on {@code s} from a thread of its own, {@code ms} milliseconds from now. */
    static void sendLater(Win32 w, long s, String text, int ms) {
        w.CreateThread(null, 0, x -> {
            w.Sleep(ms);
            send(w, s, text);
            return 0;
        }, null, 0, null);
    }

    static void send(Win32 w, long s, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(b.length, w.send(s, b, b.length, 0));
    }

    @Test
    void ovl01_pendingThenImmediateCompletion() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            o.Offset = 7;
            o.OffsetHigh = 9;
            int[] got = {-5};
            byte[] buf = new byte[16];
            assertFails(w, recv(w, p.server(), buf, got, o), WsaError.WSA_IO_PENDING);
            assertEquals(-5, got[0]); // untouched while pending
            assertEquals(NTSTATUS.STATUS_PENDING.value, o.Internal);
            send(w, p.client(), "abc");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0));
            assertEquals(0, o.Internal);
            assertEquals(3, o.InternalHigh);
            assertEquals(7, o.Offset);
            assertEquals(9, o.OffsetHigh);
            send(w, p.client(), "defg");
            w.ResetEvent(o.hEvent);
            assertEquals(0, recv(w, p.server(), buf, got, o)); // data there: complete at once, count filled
            assertEquals(4, got[0]);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0)); // and still signalled
        });
    }

    @Test
    void ovl02_resultFromInternalAlone() {
        Fixture.run(w -> {
            long s = tcp(w);
            int[] bytes = {0};
            int[] flags = {0};
            Object[][] table = {
                {NTSTATUS.STATUS_PENDING, WsaError.WSA_IO_INCOMPLETE}, {NTSTATUS.STATUS_SUCCESS, null},
                {NTSTATUS.STATUS_CANCELLED, WsaError.WSA_OPERATION_ABORTED}, {NTSTATUS.STATUS_CONNECTION_RESET, WsaError.WSAECONNRESET},
                {NTSTATUS.STATUS_REMOTE_DISCONNECT, WsaError.WSAECONNRESET}, {NTSTATUS.STATUS_CONNECTION_ABORTED, WsaError.WSAECONNABORTED},
                {NTSTATUS.STATUS_LOCAL_DISCONNECT, WsaError.WSAECONNABORTED}, {NTSTATUS.STATUS_BUFFER_OVERFLOW, WsaError.WSAEMSGSIZE},
                {NTSTATUS.STATUS_IO_TIMEOUT, WsaError.WSAETIMEDOUT}, {NTSTATUS.STATUS_INVALID_CONNECTION, WsaError.WSAENOTCONN},
                {NTSTATUS.STATUS_PIPE_DISCONNECTED, WsaError.WSAESHUTDOWN}, {NTSTATUS.STATUS_CONNECTION_REFUSED, WsaError.WSAECONNREFUSED},
                {NTSTATUS.STATUS_GRACEFUL_DISCONNECT, WsaError.WSAEDISCON}, {NTSTATUS.STATUS_NOT_SUPPORTED, WsaError.WSAEOPNOTSUPP},
                {NTSTATUS.STATUS_BUFFER_TOO_SMALL, WsaError.WSAEFAULT}, {NTSTATUS.STATUS_INVALID_PARAMETER, WsaError.WSAEINVAL}};
            for (Object[] row : table) {
                WSAOVERLAPPED o = new WSAOVERLAPPED();
                o.Internal = ((NTSTATUS) row[0]).value & 0xffffffffL;
                o.InternalHigh = 3;
                int r = w.WSAGetOverlappedResult(s, o, bytes, false, flags);
                if (row[1] == null) {
                    assertEquals(WinBase.TRUE, r);
                    assertEquals(3, bytes[0]);
                } else {
                    assertEquals(WinBase.FALSE, r, row[0].toString());
                    assertEquals(((WsaError) row[1]).code, w.WSAGetLastError(), row[0].toString());
                }
            }
            // the rule over whole ranges, as Wine's test sweeps them on Windows: a success status (other than
            // STATUS_PENDING) is TRUE; a warning or error outside the table is WSAEINVAL
            long[][] ranges = {{0x0, 0x1000}, {0x40000000L, 0x40000100L}, {0x80000100L, 0x80000200L}, {0xC0001000L, 0xC0001100L},
                {0xD0000000L, 0xD0000100L}};
            for (long[] range : ranges) {
                for (long status = range[0]; status < range[1]; status++) {
                    WSAOVERLAPPED o = new WSAOVERLAPPED();
                    o.Internal = status;
                    int r = w.WSAGetOverlappedResult(s, o, bytes, false, flags);
                    boolean success = status < 0x80000000L && status != NTSTATUS.STATUS_PENDING.value;
                    assertEquals(success ? WinBase.TRUE : WinBase.FALSE, r, Long.toHexString(status));
                    if (!success && status != NTSTATUS.STATUS_PENDING.value) {
                        assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError(), Long.toHexString(status));
                    }
                }
            }
            WSAOVERLAPPED incomplete = new WSAOVERLAPPED();
            incomplete.Internal = 0xC00703E4L; // ERROR_IO_INCOMPLETE inside an error status
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(s, incomplete, bytes, false, flags));
            assertEquals(WsaError.WSA_IO_INCOMPLETE.code, w.WSAGetLastError());
        });
    }

    @Test
    void ovl04_twoSpellingsOfOneReset() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            rstClose(w, p.client());
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000)); // io08: the event is signalled
            assertEquals(NTSTATUS.STATUS_CONNECTION_RESET.value & 0xffffffffL, o.Internal);
            int[] bytes = {-1};
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(p.server(), o, bytes, false));
            assertEquals(Win32Error.ERROR_NETNAME_DELETED.code, w.GetLastError());
            assertEquals(0, bytes[0]);
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o, bytes, false, new int[1]));
            assertEquals(WsaError.WSAECONNRESET.code, w.WSAGetLastError());
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], ov(w)), WsaError.WSAECONNRESET); // io08: a new WSARecv fails at once
        });
    }

    @Test
    void ovl04_refusedConnectExIsConnectionRefused() {
        Fixture.run(w -> {
            long gone = Fixture.listener(w, 1);
            sockaddr_in to = Fixture.nameOf(w, gone);
            assertEquals(0, w.closesocket(gone));
            long s = tcp(w);
            assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16));
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, connectEx(w, s).ConnectEx(s, to, 16, null, 0, new int[1], o));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 10_000));
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(s, o, new int[1], false));
            assertEquals(Win32Error.ERROR_CONNECTION_REFUSED.code, w.GetLastError());
        });
    }

    @Test
    void ovl05_incompleteWhilePendingAndWaitWithAnEvent() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            int[] bytes = {0};
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o, bytes, false, new int[1]));
            assertEquals(WsaError.WSA_IO_INCOMPLETE.code, w.WSAGetLastError());
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o, null, false, new int[1]));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            w.CreateThread(null, 0, x -> {
                w.Sleep(20);
                send(w, p.client(), "xy");
                return 0;
            }, null, 0, null);
            assertEquals(WinBase.TRUE, w.WSAGetOverlappedResult(p.server(), o, bytes, true, new int[1]));
            assertEquals(2, bytes[0]);
        });
    }

    @Test
    void ovl07_closeWithAReceivePendingAbortsIt() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(0, w.closesocket(p.server()));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0)); // delivered after the close
            assertEquals(NTSTATUS.STATUS_CONNECTION_ABORTED.value & 0xffffffffL, o.Internal);
            assertEquals(0, o.InternalHigh);
            assertEquals(Win32Error.ERROR_CONNECTION_ABORTED.code, NTSTATUS.win32Error(o.Internal));
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o, new int[1], false, new int[1]));
            assertEquals(WsaError.WSAENOTSOCK.code, w.WSAGetLastError()); // the handle is gone; the OVERLAPPED holds the answer
        });
    }

    static LPFN_ACCEPTEX acceptEx(Win32 w, long s) {
        return (LPFN_ACCEPTEX) extension(w, s, GUID.WSAID_ACCEPTEX);
    }

    static LPFN_CONNECTEX connectEx(Win32 w, long s) {
        return (LPFN_CONNECTEX) extension(w, s, GUID.WSAID_CONNECTEX);
    }

    static Object extension(Win32 w, long s, GUID g) {
        Object[] fn = new Object[1];
        int[] bytes = {0};
        assertEquals(0, w.WSAIoctl(s, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER, g, GUID.SIZE, fn, Winsock.SIZEOF_POINTER, bytes,
                null, null));
        assertEquals(8, bytes[0]);
        assertNotNull(fn[0]);
        return fn[0];
    }

    static final int SLOT = Winsock.SIZEOF_SOCKADDR_IN + 16;

    @Test
    void ovl08_acceptExAbortedByClosingEitherSocketCancelledOnlyThroughTheListener() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            byte[] buf = new byte[2 * SLOT];
            long a = tcp(w);
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a, buf, 0, SLOT, SLOT, new int[1], o));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a, buf, 0, SLOT, SLOT, new int[1], ov(w))); // a second one on a
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            assertEquals(SOCKET_ERROR, w.connect(a, Fixture.nameOf(w, l), 16)); // connect on the socket being accepted into
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            assertEquals(WinBase.TRUE, w.CancelIo(a)); // not the accept socket's operation
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 0));
            assertEquals(0, w.closesocket(a));
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(l, o, new int[1], true));
            assertEquals(Win32Error.ERROR_OPERATION_ABORTED.code, w.GetLastError());

            long a2 = tcp(w);
            WSAOVERLAPPED o2 = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a2, buf, 0, SLOT, SLOT, new int[1], o2));
            assertEquals(WinBase.TRUE, w.CancelIo(l));
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(l, o2, new int[1], true));
            assertEquals(Win32Error.ERROR_OPERATION_ABORTED.code, w.GetLastError());

            WSAOVERLAPPED o3 = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a2, buf, 0, SLOT, SLOT, new int[1], o3));
            assertEquals(0, w.closesocket(l));
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(a2, o3, new int[1], true));
            assertEquals(Win32Error.ERROR_OPERATION_ABORTED.code, w.GetLastError());
            assertEquals(NTSTATUS.STATUS_CANCELLED.value & 0xffffffffL, o3.Internal);
        });
    }

    @Test
    void ovl08_acceptExWithAReceiveBufferWaitsForTheFirstByte() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            byte[] buf = new byte[2 + 2 * SLOT];
            long a = tcp(w);
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a, buf, 2, SLOT, SLOT, new int[1], o));
            long c = tcp(w);
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 100)); // connected, no data yet
            send(w, c, "Q");
            int[] bytes = {0};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(l, o, bytes, true));
            assertEquals(1, bytes[0]);
            assertEquals('Q', buf[0]);
            sockaddr_in local = new sockaddr_in();
            sockaddr_in remote = new sockaddr_in();
            ((LPFN_GETACCEPTEXSOCKADDRS) extension(w, l, GUID.WSAID_GETACCEPTEXSOCKADDRS)).GetAcceptExSockaddrs(buf, 2, SLOT, SLOT,
                    local, new int[1], remote, new int[1]);
            assertEquals(Fixture.nameOf(w, l).sin_port, local.sin_port);
            assertEquals(Fixture.nameOf(w, c).sin_port, remote.sin_port);
            assertEquals(0, w.setsockopt(a, SOL_SOCKET, Winsock.SO_UPDATE_ACCEPT_CONTEXT, org.winsim.winsock.api.Structs.int32((int) l), 4));
            byte[] echo = new byte[4];
            send(w, c, "rest");
            assertEquals(4, w.recv(a, echo, 4, 0));

            // the peer connects and closes before sending: completes TRUE with 0 bytes
            long a2 = tcp(w);
            WSAOVERLAPPED o2 = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a2, buf, 2, SLOT, SLOT, new int[1], o2));
            long c2 = tcp(w);
            assertEquals(0, w.connect(c2, Fixture.nameOf(w, l), 16));
            assertEquals(0, w.closesocket(c2));
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(l, o2, bytes, true));
            assertEquals(0, bytes[0]);

            // an address slot too short: the accept fails with ERROR_INSUFFICIENT_BUFFER
            WSAOVERLAPPED o3 = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, tcp(w), buf, 0, 3, SLOT, new int[1], o3));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(0, w.connect(tcp(w), Fixture.nameOf(w, l), 16));
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(l, o3, bytes, true));
            assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code, w.GetLastError());
            assertEquals(NTSTATUS.STATUS_BUFFER_TOO_SMALL.value & 0xffffffffL, o3.Internal);
        });
    }

    @Test
    void ovl10_threadExitCancelsItsOperations() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            long t = w.CreateThread(null, 0, x -> recv(w, p.server(), new byte[8], new int[1], o), null, 0, null);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, WinBase.INFINITE));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0));
            assertEquals(NTSTATUS.STATUS_CANCELLED.value & 0xffffffffL, o.Internal);
        });
    }

    @Test
    void ovl11_connectExSendsItsDataAndImmediateFailures() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            long s = tcp(w);
            assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16));
            WSAOVERLAPPED o = ov(w);
            int[] sent = {0};
            assertEquals(WinBase.FALSE, connectEx(w, s).ConnectEx(s, Fixture.nameOf(w, l), 16, "abc".getBytes(StandardCharsets.ISO_8859_1),
                    3, sent, o));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(s, o, sent, true));
            assertEquals(3, sent[0]);
            long a = w.accept(l, null, null);
            byte[] got = new byte[3];
            assertEquals(3, w.recv(a, got, 3, 0));
            assertArrayEquals("abc".getBytes(StandardCharsets.ISO_8859_1), got);
            assertEquals(SOCKET_ERROR, w.connect(s, Fixture.nameOf(w, l), 16)); // err13: connected by ConnectEx, no context update
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            assertEquals(WinBase.FALSE, connectEx(w, s).ConnectEx(s, Fixture.nameOf(w, l), 16, null, 0, sent, ov(w)));
            assertEquals(WsaError.WSAEISCONN.code, w.WSAGetLastError());

            long never = tcp(w); // a WSARecv on a never-connected socket fails at once
            assertFails(w, recv(w, never, new byte[4], new int[1], ov(w)), WsaError.WSAENOTCONN);
            rstClose(w, a); // a WSASend after the peer's reset fails at once, the count untouched
            w.Sleep(10);
            int[] count = {-7};
            assertFails(w, w.WSASend(s, new WSABUF[] {new WSABUF(new byte[4])}, 1, count, 0, ov(w), null), WsaError.WSAECONNRESET);
            assertEquals(-7, count[0]);
        });
    }

    @Test
    void err12_connectExArgumentChecks() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_CONNECTEX connect = connectEx(w, l);
            assertEquals(WinBase.FALSE, connect.ConnectEx(l, Fixture.nameOf(w, l), 16, null, 0, new int[1], ov(w)));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            long unbound = tcp(w);
            assertEquals(WinBase.FALSE, connect.ConnectEx(unbound, Fixture.nameOf(w, l), 16, null, 0, new int[1], ov(w)));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            assertEquals(0, w.bind(unbound, sockaddr_in.of("127.0.0.1", 0), 16));
            assertEquals(WinBase.FALSE, connect.ConnectEx(unbound, Fixture.nameOf(w, l), 16, null, 0, new int[1], null));
            assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code, w.WSAGetLastError());
        });
    }

    @Test
    void err04_overlappedResultOnABogusHandle() {
        Fixture.run(w -> {
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(0xdeadbeefL, new WSAOVERLAPPED(), new int[1], false, new int[1]));
            assertEquals(WsaError.WSAENOTSOCK.code, w.WSAGetLastError());
        });
    }

    @Test
    void err18_err19_wsaIoctlChecks() {
        Fixture.run(w -> {
            long s = tcp(w);
            int[] ret = {77};
            byte[] out3 = new byte[3];
            assertEquals(SOCKET_ERROR, w.WSAIoctl(s, Winsock.FIONREAD, null, 0, out3, 3, ret, null, null));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            assertEquals(77, ret[0]);
            assertEquals(SOCKET_ERROR, w.WSAIoctl(s, Winsock.FIONREAD, null, 0, new byte[4], 4, null, null, null));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            assertEquals(SOCKET_ERROR, w.WSAIoctl(s, Winsock.FIONBIO, new byte[4], 3, null, 0, ret, null, null));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            assertEquals(0, w.WSAIoctl(s, Winsock.FIONBIO, new byte[5], 5, null, 0, ret, null, null));
            for (int code : new int[] {0xdeadbeef, Winsock.FIOASYNC, 0x667e, Winsock.SIO_FLUSH}) {
                ret[0] = 5;
                assertEquals(SOCKET_ERROR, w.WSAIoctl(s, code, null, 0, null, 0, ret, null, null));
                assertEquals(WsaError.WSAEOPNOTSUPP.code, w.WSAGetLastError());
                assertEquals(0, ret[0]);
            }
            assertEquals(SOCKET_ERROR, w.WSAIoctl(s, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER, new GUID("bogus"), GUID.SIZE,
                    new Object[1], 8, ret, null, null));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            // with an OVERLAPPED, a synchronous ioctl returns 0 and still signals its completion (0 bytes)
            WSAOVERLAPPED o = ov(w);
            byte[] v = new byte[4];
            assertEquals(0, w.WSAIoctl(s, Winsock.SIOCATMARK, null, 0, v, 4, ret, o, null));
            assertEquals(1, v[0]);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0));
            assertEquals(0, o.InternalHigh);
        });
    }

    @Test
    void io02_noEventSignalsTheSocketHandle() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(p.server(), 50));
            send(w, p.client(), "four");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(p.server(), 1000));
            int[] bytes = {0};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.server(), o, bytes, false));
            assertEquals(4, bytes[0]);
        });
    }

    @Test
    void io03_nonOverlappedSocketBlocksTheOverlappedCaller() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            long c = w.WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, null, 0, 0);
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            long a = w.accept(l, null, null);
            assertEquals(0, w.ioctlsocket(c, Winsock.FIONBIO, new int[] {1}));
            assertFails(w, w.recv(c, new byte[4], 4, 0), WsaError.WSAEWOULDBLOCK);
            sendLater(w, a, "late", 30);
            long t0 = w.GetTickCount();
            int[] got = {0};
            assertEquals(0, recv(w, c, new byte[4], got, ov(w))); // blocks until data arrives, then returns 0
            assertEquals(4, got[0]);
            assertTrue(w.GetTickCount() - t0 >= 30);
        });
    }

    @Test
    void io12_overlappedReceiveIgnoresTheReceiveTimeout() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.setsockopt(p.server(), SOL_SOCKET, Winsock.SO_RCVTIMEO, 100));
            WSAOVERLAPPED o = ov(w);
            assertFails(w, recv(w, p.server(), new byte[4], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 200));
            send(w, p.client(), "1");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000));
            assertEquals(1, o.InternalHigh);
        });
    }

    @Test
    void io05_overlappedSendWithNoSendBufferCompletesWhenAllIsRead() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.setsockopt(p.client(), SOL_SOCKET, Winsock.SO_SNDBUF, 0));
            byte[] data = Fixture.pattern(1 << 20, 3);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, w.WSASend(p.client(), new WSABUF[] {new WSABUF(data)}, 1, new int[1], 0, o, null), WsaError.WSA_IO_PENDING);
            byte[] one = new byte[4096];
            int total = 0;
            while (total < data.length) {
                if (total < data.length / 2) { // the send waits for the peer, far past any buffer
                    assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 0));
                }
                total += w.recv(p.server(), one, one.length, 0);
            }
            int[] bytes = {0};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.client(), o, bytes, true));
            assertEquals(data.length, bytes[0]);
        });
    }

    @Test
    void io14_pendingReceivesCompleteInOrder() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            byte[] b1 = new byte[16];
            byte[] b2 = new byte[16];
            WSAOVERLAPPED o1 = ov(w);
            WSAOVERLAPPED o2 = ov(w);
            assertFails(w, recv(w, p.server(), b1, new int[1], o1), WsaError.WSA_IO_PENDING);
            assertFails(w, recv(w, p.server(), b2, new int[1], o2), WsaError.WSA_IO_PENDING);
            byte[] data = Fixture.pattern(32, 1);
            assertEquals(32, w.send(p.client(), data, 32, 0));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForMultipleObjects(2, new long[] {o1.hEvent, o2.hEvent}, true, 1000));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 16), b1);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 16, 32), b2);
        });
    }

    @Test
    void io15_scatterReceiveFillsBuffersInOrder() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            send(w, p.client(), "deadbeefs");
            w.Sleep(1);
            byte[] a = new byte[4];
            byte[] b = new byte[5];
            int[] got = {0};
            assertEquals(0, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(a), new WSABUF(b)}, 2, got, new int[1], null, null));
            assertEquals(9, got[0]);
            assertEquals("dead", new String(a, StandardCharsets.ISO_8859_1));
            assertEquals("beefs", new String(b, StandardCharsets.ISO_8859_1));
            send(w, p.client(), "abcdefghi"); // the same through a pending overlapped receive
            byte[] c = new byte[4];
            byte[] d = new byte[5];
            WSAOVERLAPPED o = ov(w);
            assertEquals(0, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(c), new WSABUF(d)}, 2, got, new int[1], o, null));
            assertEquals("abcd", new String(c, StandardCharsets.ISO_8859_1));
            assertEquals("efghi", new String(d, StandardCharsets.ISO_8859_1));
        });
    }

    @Test
    void shut04_shutdownReceiveKeepsThePendingReceive() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(0, w.shutdown(p.server(), Winsock.SD_RECEIVE));
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], ov(w)), WsaError.WSAESHUTDOWN);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], null), WsaError.WSAESHUTDOWN);
            send(w, p.client(), "hello");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000));
            assertEquals(5, o.InternalHigh);
        });
    }

    @Test
    void shut05_peerShutdownCompletesAPendingReceiveWithZero() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o), WsaError.WSA_IO_PENDING);
            assertEquals(0, w.shutdown(p.client(), Winsock.SD_SEND));
            int[] bytes = {-1};
            assertEquals(WinBase.TRUE, w.WSAGetOverlappedResult(p.server(), o, bytes, true, new int[1]));
            assertEquals(0, bytes[0]);
        });
    }

    @Test
    void shut08_disconnectEx() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            LPFN_DISCONNECTEX disconnect = (LPFN_DISCONNECTEX) extension(w, p.client(), GUID.WSAID_DISCONNECTEX);
            assertEquals(WinBase.FALSE, disconnect.DisconnectEx(Winsock.INVALID_SOCKET, null, 0, 0));
            assertEquals(WsaError.WSAENOTSOCK.code, w.WSAGetLastError());
            assertEquals(WinBase.FALSE, disconnect.DisconnectEx(tcp(w), null, 0, 0));
            assertEquals(WsaError.WSAENOTCONN.code, w.WSAGetLastError());
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, disconnect.DisconnectEx(p.client(), o, 0, 0));
            assertEquals(PENDING, w.WSAGetLastError());
            int[] bytes = {-1};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.client(), o, bytes, true));
            assertEquals(0, bytes[0]);
            assertFails(w, w.send(p.client(), new byte[1], 1, 0), WsaError.WSAESHUTDOWN);
            assertFails(w, w.connect(p.client(), Fixture.nameOf(w, p.listener()), 16), WsaError.WSAEISCONN);
            assertEquals(0, w.recv(p.server(), new byte[1], 1, 0));
            send(w, p.server(), "back");
            assertEquals(4, w.recv(p.client(), new byte[4], 4, 0));
            Fixture.Pair q = pair(w);
            assertEquals(WinBase.TRUE, disconnect.DisconnectEx(q.client(), null, 0, 0));
            assertEquals(WinBase.TRUE, disconnect.DisconnectEx(q.client(), null, 0, 0));
        });
    }

    @Test
    void disconnectExWithReuseLetsTheSocketConnectAgain() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            LPFN_DISCONNECTEX disconnect = (LPFN_DISCONNECTEX) extension(w, p.client(), GUID.WSAID_DISCONNECTEX);
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, disconnect.DisconnectEx(p.client(), o, Winsock.TF_REUSE_SOCKET, 0));
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.client(), o, new int[1], true));
            WSAOVERLAPPED c = ov(w);
            assertEquals(WinBase.FALSE, connectEx(w, p.client()).ConnectEx(p.client(), Fixture.nameOf(w, p.listener()), 16, null, 0,
                    new int[1], c));
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.client(), c, new int[1], true));
            assertTrue(w.accept(p.listener(), null, null) != Winsock.INVALID_SOCKET);
        });
    }

    @Test
    void disconnectExWithReuseLetsAnAcceptedSocketBeAcceptedIntoAgain() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            long a = tcp(w);
            for (int round = 0; round < 2; round++) {
                long c = tcp(w);
                assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
                WSAOVERLAPPED o = ov(w);
                int[] bytes = {-1};
                assertEquals(WinBase.TRUE, accept.AcceptEx(l, a, new byte[2 * SLOT], 0, SLOT, SLOT, bytes, o), "round " + round);
                LPFN_DISCONNECTEX disconnect = (LPFN_DISCONNECTEX) extension(w, a, GUID.WSAID_DISCONNECTEX);
                WSAOVERLAPPED d = ov(w);
                assertEquals(WinBase.FALSE, disconnect.DisconnectEx(a, d, Winsock.TF_REUSE_SOCKET, 0));
                assertEquals(WinBase.TRUE, w.GetOverlappedResult(a, d, new int[1], true));
            }
        });
    }

    @Test
    void reusingAPendingOverlappedIsAFinding() {
        RunResult r = Fixture.runRaw(OsProfile.WINDOWS, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA());
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            recv(w, p.server(), new byte[8], new int[1], o);
            recv(w, p.server(), new byte[8], new int[1], o);
        });
        assertNotNull(r.finding());
        assertEquals(FindingKind.PROGRAM_ERROR, r.finding().kind());
        assertTrue(r.finding().describe().contains("WSARecv reuses an OVERLAPPED whose WSARecv"), r.finding().describe());
    }

    @Test
    void cancelIoExFindsByOverlappedOrNothing() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            assertEquals(WinBase.FALSE, w.CancelIoEx(p.server(), null));
            assertEquals(Win32Error.ERROR_NOT_FOUND.code, w.GetLastError());
            assertEquals(WinBase.TRUE, w.CancelIo(p.server()));
            WSAOVERLAPPED o1 = ov(w);
            WSAOVERLAPPED o2 = ov(w);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o1), WsaError.WSA_IO_PENDING);
            assertFails(w, recv(w, p.server(), new byte[8], new int[1], o2), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.FALSE, w.CancelIoEx(p.server(), new WSAOVERLAPPED()));
            assertEquals(Win32Error.ERROR_NOT_FOUND.code, w.GetLastError());
            assertEquals(WinBase.TRUE, w.CancelIoEx(p.server(), o2));
            assertEquals(NTSTATUS.STATUS_CANCELLED.value & 0xffffffffL, o2.Internal);
            assertEquals(NTSTATUS.STATUS_PENDING.value, o1.Internal);
            send(w, p.client(), "ok"); // the cancelled one left the queue: the data goes to the first
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o1.hEvent, 1000));
            assertEquals(2, o1.InternalHigh);
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o2, new int[1], false, new int[1]));
            assertEquals(WsaError.WSA_OPERATION_ABORTED.code, w.WSAGetLastError());
        });
    }
}
