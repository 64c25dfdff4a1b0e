package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_UDP;
import static org.winsim.winsock.api.Winsock.SOCK_DGRAM;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.rstClose;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.OvlFactsTest.PENDING;
import static org.winsim.winsock.sim.OvlFactsTest.SLOT;
import static org.winsim.winsock.sim.OvlFactsTest.acceptEx;
import static org.winsim.winsock.sim.OvlFactsTest.connectEx;
import static org.winsim.winsock.sim.OvlFactsTest.ov;
import static org.winsim.winsock.sim.OvlFactsTest.recv;
import static org.winsim.winsock.sim.OvlFactsTest.send;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.FixedCondition;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.LPFN_CONNECTEX;
import org.winsim.winsock.api.LPFN_GETACCEPTEXSOCKADDRS;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/** The session-5 sweep of overlapped I/O, completion routines and completion ports against Wine's tests: the WOV facts. */
class OvlSweepFactsTest {
    private static final long PENDING_STATUS = NTSTATUS.STATUS_PENDING.value;
    private static final long MARK = 0xdeadbeefL;

    /** An OVERLAPPED with an event whose status block holds 0xdeadbeef in both halves, as Wine's tests set it. */
    private static WSAOVERLAPPED marked(Win32 w) {
        WSAOVERLAPPED o = ov(w);
        o.Internal = MARK;
        o.InternalHigh = MARK;
        return o;
    }

    @Test
    void wov01_aCallThatFailsAtOnceLeavesTheStatusBlockPending() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            LPFN_CONNECTEX connect = connectEx(w, l);
            byte[] buf = new byte[2 * SLOT];
            WSAOVERLAPPED o = marked(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(INVALID_SOCKET, tcp(w), buf, 0, SLOT, SLOT, new int[1], o));
            assertEquals(WsaError.WSAENOTSOCK.code, w.WSAGetLastError());
            assertEquals(PENDING_STATUS, o.Internal, "AcceptEx writes STATUS_PENDING before it looks at the handles");
            o.Internal = MARK;
            assertEquals(WinBase.FALSE, connect.ConnectEx(l, nameOf(w, l), 16, null, 0, new int[1], o));
            assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError());
            assertEquals(PENDING_STATUS, o.Internal);
            assertEquals(MARK, o.InternalHigh, "InternalHigh is left alone");

            Fixture.Pair p = pair(w);
            o.Internal = MARK;
            assertEquals(WinBase.FALSE, connect.ConnectEx(p.client(), nameOf(w, l), 16, null, 0, new int[1], o));
            assertEquals(WsaError.WSAEISCONN.code, w.WSAGetLastError());
            assertEquals(PENDING_STATUS, o.Internal);
            assertEquals(MARK, o.InternalHigh);
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.client(), o, new int[1], false, new int[1]));
            assertEquals(WsaError.WSA_IO_INCOMPLETE.code, w.WSAGetLastError(), "the status block says it is still pending");

            WSAOVERLAPPED r = marked(w);
            assertFails(w, recv(w, tcp(w), new byte[4], new int[1], r), WsaError.WSAENOTCONN);
            assertEquals(PENDING_STATUS, r.Internal, "not the failure's status: the driver never wrote it");
            assertEquals(MARK, r.InternalHigh);
            rstClose(w, p.server());
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(r.hEvent, 50)); // the reset arrives
            WSAOVERLAPPED s = marked(w);
            assertFails(w, w.WSASend(p.client(), new WSABUF[] {new WSABUF(new byte[1])}, 1, new int[1], 0, s, null),
                    WsaError.WSAECONNRESET);
            assertEquals(PENDING_STATUS, s.Internal);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(s.hEvent, 0), "nothing is signalled");

            Fixture.Pair q = pair(w);
            WSAOVERLAPPED pending = marked(w);
            assertFails(w, recv(w, q.server(), new byte[4], null, pending), WsaError.WSA_IO_PENDING);
            assertEquals(PENDING_STATUS, pending.Internal);
            assertEquals(MARK, pending.InternalHigh, "a pending receive leaves InternalHigh alone too");
            send(w, q.client(), "abc");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(pending.hEvent, 1000));
            assertEquals(0, pending.Internal);
            assertEquals(3, pending.InternalHigh);
        });
    }

    @Test
    void wov02_aWsaIoctlThatFailsAtOnceLeavesTheOverlappedUntouched() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = marked(w);
            assertEquals(WinBase.TRUE, w.SetEvent(o.hEvent));
            byte[] out = new byte[2];
            int[] bytes = {7};
            assertFails(w, w.WSAIoctl(p.server(), Winsock.FIONREAD, null, 0, out, out.length, bytes, o, null), WsaError.WSAEFAULT);
            assertEquals(MARK, o.Internal);
            assertEquals(MARK, o.InternalHigh);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0), "the event is not reset either");

            WSAOVERLAPPED bad = new WSAOVERLAPPED();
            bad.hEvent = p.client(); // not an event: the OVERLAPPED is refused before the ioctl changes anything
            assertFails(w, w.WSAIoctl(p.server(), Winsock.FIONBIO, Structs.int32(1), 4, null, 0, bytes, bad, null),
                    WsaError.WSA_INVALID_HANDLE);
            assertEquals(7, bytes[0], "the count is not written");
            assertEquals(0, w.setsockopt(p.server(), Winsock.SOL_SOCKET, Winsock.SO_RCVTIMEO, 1));
            assertFails(w, w.recv(p.server(), new byte[1], 1, 0), WsaError.WSAETIMEDOUT, "still blocking: FIONBIO did not run");
            byte[] four = new byte[4];
            assertEquals(0, w.WSAIoctl(p.server(), Winsock.FIONREAD, null, 0, four, four.length, bytes, o, null));
            assertEquals(0, o.Internal, "one that succeeds fills the status block");
            assertEquals(0, o.InternalHigh);
        });
    }

    @Test
    void wov03_acceptExTakesOnlyAFreshTcpSocketAndNeedsARemoteSlot() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            byte[] buf = new byte[2 * SLOT];
            long udp = w.socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            long bound = tcp(w);
            assertEquals(0, w.bind(bound, sockaddr_in.of("127.0.0.1", 0), 16));
            Fixture.Pair p = pair(w);
            for (long into : new long[] {udp, bound, p.client(), p.server()}) {
                WSAOVERLAPPED o = marked(w);
                assertEquals(WinBase.FALSE, accept.AcceptEx(l, into, buf, 0, SLOT, SLOT, new int[1], o));
                assertEquals(WsaError.WSAEINVAL.code, w.WSAGetLastError(), "not a fresh TCP socket: " + into);
                assertEquals(PENDING_STATUS, o.Internal);
            }
            WSAOVERLAPPED o = marked(w);
            long fresh = tcp(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, fresh, buf, 0, SLOT, 0, new int[1], o));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError(), "no room for the remote address");
            assertEquals(PENDING_STATUS, o.Internal);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, fresh, buf, 0, SLOT, SLOT - 1, new int[1], o));
            assertEquals(PENDING, w.WSAGetLastError(), "a short remote slot is found out only when a connection comes");
            assertEquals(WinBase.TRUE, w.CancelIo(l));
        });
    }

    @Test
    void wov04_aLocalSlotOfZeroAsksForNoLocalAddressAShortSlotLeavesTheConnectionQueued() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            byte[] buf = new byte[2 * SLOT];
            WSAOVERLAPPED o = ov(w);
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, tcp(w), buf, 0, 0, SLOT, new int[1], o));
            assertEquals(PENDING, w.WSAGetLastError());
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            int[] bytes = {-1};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(l, o, bytes, true));
            assertEquals(0, o.Internal);
            assertEquals(0, bytes[0]);
            sockaddr_in local = new sockaddr_in();
            sockaddr_in remote = new sockaddr_in();
            int[] localLen = {-1};
            int[] remoteLen = {-1};
            ((LPFN_GETACCEPTEXSOCKADDRS) OvlFactsTest.extension(w, l, GUID.WSAID_GETACCEPTEXSOCKADDRS))
                    .GetAcceptExSockaddrs(buf, 0, 0, SLOT, local, localLen, remote, remoteLen);
            assertEquals(-1, localLen[0], "no local address: its length is left as it was");
            assertEquals(0, local.sin_port);
            assertEquals(Winsock.SIZEOF_SOCKADDR_IN, remoteLen[0]);
            assertEquals(nameOf(w, c).sin_port, remote.sin_port);

            for (int slot : new int[] {3, Winsock.SIZEOF_SOCKADDR_IN + 4}) {
                WSAOVERLAPPED s = ov(w);
                assertEquals(WinBase.FALSE, accept.AcceptEx(l, tcp(w), buf, 0, slot, SLOT, new int[1], s));
                assertEquals(PENDING, w.WSAGetLastError());
                long c2 = tcp(w);
                assertEquals(0, w.connect(c2, nameOf(w, l), 16));
                assertEquals(WinBase.FALSE, w.GetOverlappedResult(l, s, bytes, true));
                assertEquals(Win32Error.ERROR_INSUFFICIENT_BUFFER.code, w.GetLastError());
                assertEquals(NTSTATUS.STATUS_BUFFER_TOO_SMALL.value & 0xffffffffL, s.Internal);
                assertEquals(0, bytes[0]);
                sockaddr_in peer = new sockaddr_in();
                long a = w.accept(l, peer, new int[] {16});
                assertEquals(nameOf(w, c2).sin_port, peer.sin_port, "the connection stayed queued for the next accept");
                send(w, c2, "ok");
                assertEquals(2, w.recv(a, new byte[4], 4, 0));
            }
        });
    }

    @Test
    void wov05_anEmptyReceiveWaitsForDataAndLeavesIt() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            assertFails(w, w.WSARecv(p.client(), null, 0, null, new int[1], o, null), WsaError.WSAEINVAL);
            assertFails(w, w.WSARecv(p.client(), new WSABUF[] {new WSABUF(new byte[0])}, 0, null, new int[1], o, null),
                    WsaError.WSAEINVAL);
            assertFails(w, recv(w, p.client(), new byte[0], null, o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 200), "no data: it waits");
            send(w, p.server(), "data");
            int[] size = {-1};
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000));
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.client(), o, size, false));
            assertEquals(0, size[0]);
            int[] got = {-1};
            assertEquals(0, recv(w, p.client(), new byte[0], got, o), "data there: 0 at once");
            assertEquals(0, got[0]);
            assertEquals(0, w.recv(p.client(), null, 0, 0));
            byte[] buf = new byte[5];
            assertEquals(4, w.recv(p.client(), buf, 5, 0), "the data is all still there");

            assertEquals(0, w.ioctlsocket(p.client(), Winsock.FIONBIO, new int[] {1}));
            assertFails(w, w.recv(p.client(), null, 0, 0), WsaError.WSAEWOULDBLOCK);
        });
    }

    @Test
    void wov05_linuxReturnsZeroAtOnceForAnEmptyReceive() {
        Fixture.run(OsProfile.LINUX, w -> {
            Fixture.Pair p = pair(w);
            assertEquals(0, w.ioctlsocket(p.client(), Winsock.FIONBIO, new int[] {1}));
            assertEquals(0, w.recv(p.client(), null, 0, 0));
        });
    }

    @Test
    void wov06_waitingOnAPendingStatusBlockWhoseEventIsSetReturnsTrueWithoutRunningApcs() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = ov(w);
            o.InternalHigh = 7;
            assertFails(w, recv(w, p.server(), new byte[4], null, o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.TRUE, w.SetEvent(o.hEvent)); // not by the I/O: the status block still says pending
            int[] apcs = {0};
            assertEquals(WinBase.TRUE, w.QueueUserAPC(x -> apcs[0]++, w.GetCurrentThread(), 0));
            int[] size = {-1};
            assertEquals(WinBase.TRUE, w.WSAGetOverlappedResult(p.server(), o, size, true, new int[1]));
            assertEquals(7, size[0], "InternalHigh, whatever it holds");
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.server(), o, size, true));
            assertEquals(0, apcs[0], "the wait is not alertable");
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), o, size, false, new int[1]));
            assertEquals(WsaError.WSA_IO_INCOMPLETE.code, w.WSAGetLastError(), "without waiting it is still incomplete");
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
            assertEquals(1, apcs[0]);
        });
    }

    @Test
    void wov07_issuingAnOverlappedCallResetsItsEvent() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED o = new WSAOVERLAPPED(w.CreateEvent(null, true, true, null));
            assertFails(w, recv(w, p.server(), new byte[4], null, o), WsaError.WSA_IO_PENDING);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 0), "reset by the call");
            send(w, p.client(), "x");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000));
            send(w, p.client(), "y");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 100));
            assertEquals(0, recv(w, p.server(), new byte[4], new int[1], o), "completes at once: reset, then set again");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0));
        });
    }

    @Test
    void wov08_skipSetEventOnHandleLeavesTheSocketHandleUnsignalled() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            WSAOVERLAPPED plain = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), new byte[4], null, plain), WsaError.WSA_IO_PENDING);
            send(w, p.client(), "ab");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(p.server(), 1000), "no event: the handle is signalled (IO-02)");
            assertEquals(WinBase.TRUE, w.SetFileCompletionNotificationModes(p.server(), WinBase.FILE_SKIP_SET_EVENT_ON_HANDLE));
            WSAOVERLAPPED skipped = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), new byte[4], null, skipped), WsaError.WSA_IO_PENDING);
            send(w, p.client(), "cd");
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(p.server(), 200));
            assertEquals(0, skipped.Internal, "it did complete");
            assertEquals(2, skipped.InternalHigh);
            WSAOVERLAPPED withEvent = ov(w);
            assertFails(w, recv(w, p.server(), new byte[4], null, withEvent), WsaError.WSA_IO_PENDING);
            send(w, p.client(), "ef");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(withEvent.hEvent, 1000), "an explicit event is still set");
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(p.server(), 0));
        });
    }

    @Test
    void wov09_withAnEventThePortsStatusBlockIsFilledAtCompletionWithoutOneAtRemoval() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long port = w.CreateIoCompletionPort(p.server(), 0, 5, 0);
            WSAOVERLAPPED withEvent = ov(w);
            assertFails(w, recv(w, p.server(), new byte[4], null, withEvent), WsaError.WSA_IO_PENDING);
            WSAOVERLAPPED without = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), new byte[4], null, without), WsaError.WSA_IO_PENDING);
            send(w, p.client(), "abcdef");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(withEvent.hEvent, 1000));
            int[] size = {-1};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.server(), withEvent, size, false), "filled before the removal");
            assertEquals(4, size[0]);
            assertEquals(PENDING_STATUS, without.Internal, "no event: it waits for the removal");
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 0));
            assertEquals(withEvent, got[0]);
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 0));
            assertEquals(without, got[0]);
            assertEquals(0, without.Internal);
            assertEquals(2, without.InternalHigh);

            Fixture.Pair q = pair(w);
            long port2 = w.CreateIoCompletionPort(q.client(), 0, 0, 0);
            assertEquals(WinBase.TRUE, w.SetFileCompletionNotificationModes(q.client(), WinBase.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
            WSAOVERLAPPED d = new WSAOVERLAPPED(w.CreateEvent(null, false, false, null));
            assertEquals(WinBase.FALSE, ((org.winsim.winsock.api.LPFN_DISCONNECTEX) OvlFactsTest.extension(w, q.client(),
                    GUID.WSAID_DISCONNECTEX)).DisconnectEx(q.client(), d, 0, 0));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(d.hEvent, 1000));
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(q.client(), d, size, true), "the auto-reset event is spent: no wait");
            assertEquals(0, size[0]);
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatus(port2, bytes, key, got, 0), "pending, so queued despite skip-on-success");
            assertEquals(d, got[0]);
        });
    }

    @Test
    void wov10_acceptExPendsBeforeTakingADeferredConnectionButTakesAPlainOneWithinTheCall() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            LPFN_ACCEPTEX accept = acceptEx(w, l);
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(Winsock.CF_DEFER), 0), WsaError.WSATRY_AGAIN);
            long a = tcp(w);
            WSAOVERLAPPED o = ov(w);
            int[] bytes = {-1};
            assertEquals(WinBase.FALSE, accept.AcceptEx(l, a, new byte[2 * SLOT], 0, SLOT, SLOT, bytes, o));
            assertEquals(PENDING, w.WSAGetLastError());
            assertEquals(-1, bytes[0]);
            assertEquals(PENDING_STATUS, o.Internal, "still pending when the call returns");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0), "and complete just after");
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(l, o, bytes, false));
            assertEquals(0, bytes[0]);

            long c2 = tcp(w);
            assertEquals(0, w.connect(c2, nameOf(w, l), 16)); // a plain queued connection
            long a2 = tcp(w);
            WSAOVERLAPPED o2 = ov(w);
            assertEquals(WinBase.TRUE, accept.AcceptEx(l, a2, new byte[2 * SLOT], 0, SLOT, SLOT, bytes, o2));
            assertEquals(0, bytes[0]);
        });
    }

    @Test
    void wov11_theKernelIgnoresAHandlesTwoLowBits() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long port = w.CreateIoCompletionPort(p.server(), 0, 0, 0);
            WSAOVERLAPPED o = new WSAOVERLAPPED(w.CreateEvent(null, false, false, null) | 1); // no packet, please
            assertFails(w, recv(w, p.server(), new byte[4], null, o), WsaError.WSA_IO_PENDING);
            send(w, p.client(), "ab");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 1000), "the tagged handle names the event");
            int[] bytes = {-1};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(p.server(), o, bytes, false));
            assertEquals(2, bytes[0]);
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, new long[1], new WSAOVERLAPPED[1], 0));
            assertEquals(WinBase.WAIT_TIMEOUT, w.GetLastError());
            assertEquals(WinBase.TRUE, w.SetEvent(o.hEvent | 2));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent & ~3, 0));
            assertEquals(WinBase.TRUE, w.CloseHandle(o.hEvent));
            assertEquals(WinBase.WAIT_FAILED, w.WaitForSingleObject(o.hEvent & ~3, 0), "closed through its tagged value");
        });
    }

    @Test
    void wov12_aCutDatagramCompletesAnOverlappedReceiveWithAWarningEvenAtOnce() {
        Fixture.run(w -> {
            long u = w.socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            assertEquals(0, w.bind(u, sockaddr_in.of("127.0.0.1", 0), 16));
            long v = w.socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            byte[] data = "moredata".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(8, w.sendto(v, data, 0, 8, 0, nameOf(w, u), 16));
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(v, 20)); // let it arrive
            WSAOVERLAPPED o = marked(w);
            byte[] a = new byte[2];
            byte[] b = new byte[4];
            int[] got = {-1};
            assertFails(w, w.WSARecv(u, new WSABUF[] {new WSABUF(a), new WSABUF(b)}, 2, got, new int[1], o, null),
                    WsaError.WSAEMSGSIZE);
            assertEquals(-1, got[0]);
            assertEquals(NTSTATUS.STATUS_BUFFER_OVERFLOW.value & 0xffffffffL, o.Internal, "a warning writes the status block");
            assertEquals(6, o.InternalHigh);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(o.hEvent, 0), "and sets the event");
            assertEquals("mo", new String(a, java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("reda", new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
            int[] size = {-1};
            assertEquals(WinBase.FALSE, w.GetOverlappedResult(u, o, size, false));
            assertEquals(Win32Error.ERROR_MORE_DATA.code, w.GetLastError());
            assertEquals(6, size[0]);

            byte[] c = new byte[2];
            byte[] d = new byte[4];
            WSAOVERLAPPED p = ov(w);
            assertFails(w, w.WSARecv(u, new WSABUF[] {new WSABUF(c), new WSABUF(d)}, 2, null, new int[1], p, null),
                    WsaError.WSA_IO_PENDING);
            assertEquals(8, w.sendto(v, data, 0, 8, 0, nameOf(w, u), 16));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(p.hEvent, 1000));
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(u, p, size, false, new int[1]));
            assertEquals(WsaError.WSAEMSGSIZE.code, w.WSAGetLastError());
            assertEquals(6, size[0]);
            assertEquals("moreda", new String(c, java.nio.charset.StandardCharsets.ISO_8859_1)
                    + new String(d, java.nio.charset.StandardCharsets.ISO_8859_1), "scattered in order");
        });
    }

    @Test
    void wov13_anUnsupportedIoctlWithAnOverlappedPendsThenFailsWithStatusNotSupported() {
        Fixture.run(w -> {
            for (int code : new int[] {0xdeadbeef, Winsock.FIOASYNC, 0x667e, Winsock.SIO_FLUSH}) {
                long s = tcp(w);
                long port = w.CreateIoCompletionPort(s, 0, 123, 0);
                WSAOVERLAPPED o = new WSAOVERLAPPED();
                assertFails(w, w.WSAIoctl(s, code, null, 0, null, 0, null, o, null), WsaError.WSAEFAULT, "no count: refused at once");
                int[] size = {(int) MARK};
                assertFails(w, w.WSAIoctl(s, code, null, 0, null, 0, size, null, null), WsaError.WSAEOPNOTSUPP);
                assertEquals(0, size[0], "without an OVERLAPPED: WSAEOPNOTSUPP at once, the count 0 (ERR-19)");

                size[0] = (int) MARK;
                o.Internal = MARK;
                o.InternalHigh = MARK;
                assertFails(w, w.WSAIoctl(s, code, null, 0, null, 0, size, o, null), WsaError.WSA_IO_PENDING);
                assertEquals((int) MARK, size[0], "the count is left alone");
                long[] key = {-1};
                WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
                assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, size, key, got, 0), "completed just after the call");
                assertEquals(Win32Error.ERROR_NOT_SUPPORTED.code, w.GetLastError());
                assertEquals(0, size[0]);
                assertEquals(123, key[0]);
                assertEquals(o, got[0]);
                assertEquals(NTSTATUS.STATUS_NOT_SUPPORTED.value & 0xffffffffL, o.Internal);
                assertEquals(0, o.InternalHigh);
                assertEquals(WinBase.TRUE, w.CloseHandle(port));
                assertEquals(0, w.closesocket(s));

                long t = tcp(w);
                int[] apc = {0, -1, -1};
                WSAOVERLAPPED[] apcOv = new WSAOVERLAPPED[1];
                LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = (error, bytes, ov, flags) -> {
                    apc[0]++;
                    apc[1] = error;
                    apc[2] = bytes;
                    apcOv[0] = ov;
                };
                assertFails(w, w.WSAIoctl(t, code, null, 0, null, 0, null, o, routine), WsaError.WSAEFAULT);
                size[0] = (int) MARK;
                assertFails(w, w.WSAIoctl(t, code, null, 0, null, 0, size, o, routine), WsaError.WSA_IO_PENDING);
                assertEquals((int) MARK, size[0]);
                assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
                assertEquals(1, apc[0], "the routine runs once");
                assertEquals(WsaError.WSAEOPNOTSUPP.code, apc[1], "with the mapped Winsock error");
                assertEquals(0, apc[2]);
                assertEquals(o, apcOv[0]);
                assertEquals(0, w.closesocket(t));
            }
        });
    }
}
