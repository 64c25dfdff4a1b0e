package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.winsim.winsock.api.Winsock.CF_ACCEPT;
import static org.winsim.winsock.api.Winsock.CF_DEFER;
import static org.winsim.winsock.api.Winsock.CF_REJECT;
import static org.winsim.winsock.api.Winsock.FD_ACCEPT;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.FixedCondition;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/**
 * Duplicated handles and deferred accept: ERR-24 (WSAAccept's CF_DEFER), ERR-04's DuplicateHandle half and
 * IOCP-10 (a WSADuplicateSocket copy keeps the socket and its pending AcceptEx until the last handle closes).
 */
class HandleSharingFactsTest {
    private static long connectTo(Win32 w, long l) {
        long c = tcp(w);
        assertEquals(0, w.connect(c, nameOf(w, l), 16));
        return c;
    }

    /** The port of the peer of accepted socket {@code a}. */
    private static int peerPort(Win32 w, long a) {
        sockaddr_in peer = new sockaddr_in();
        assertEquals(0, w.getpeername(a, peer, new int[] {16}));
        return peer.sin_port;
    }

    private static int readable(Win32 w, long s) {
        fd_set read = new fd_set();
        read.fd_array[read.fd_count++] = s;
        return w.select(0, read, null, null, timeval.ofMillis(0));
    }

    @Test
    void err24_aDeferredConnectionStaysFirstInTheQueueForTheNextAccept() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c1 = connectTo(w, l);
            long c2 = connectTo(w, l);
            List<String> asked = new ArrayList<>();
            long r = w.WSAAccept(l, null, null, (caller, callerData, sqos, gqos, callee, calleeData, g, data) -> {
                sockaddr_in from = sockaddr_in.read(caller.buf, caller.off);
                sockaddr_in to = sockaddr_in.read(callee.buf, callee.off);
                asked.add(from.sin_port + "->" + to.sin_port + " data=" + data + " callerData=" + callerData
                        + " calleeData.len=" + calleeData.len);
                return CF_DEFER;
            }, 77);
            assertFails(w, r, WsaError.WSATRY_AGAIN);
            assertEquals(11002, w.WSAGetLastError());
            assertEquals(List.of(nameOf(w, c1).sin_port + "->" + nameOf(w, l).sin_port + " data=77 callerData=null calleeData.len=0"),
                    asked);
            assertEquals(1, readable(w, l)); // still queued: select reports the listener readable
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(CF_DEFER), 0), WsaError.WSATRY_AGAIN); // offered again
            long a1 = w.accept(l, null, null);
            assertNotEquals(INVALID_SOCKET, a1);
            assertEquals(nameOf(w, c1).sin_port, peerPort(w, a1)); // the deferred one first
            sockaddr_in addr = new sockaddr_in();
            int[] len = {16};
            long a2 = w.WSAAccept(l, addr, len, new FixedCondition(CF_ACCEPT), 0);
            assertNotEquals(INVALID_SOCKET, a2);
            assertEquals(nameOf(w, c2).sin_port, addr.sin_port);
            assertEquals(16, len[0]);
            assertEquals(5, w.send(c2, "hello".getBytes(), 5, 0));
            assertEquals(5, w.recv(a2, new byte[8], 8, 0));
        });
    }

    @Test
    void err24_aRejectedConnectionIsResetAndAnUnknownAnswerIsInvalid() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c1 = connectTo(w, l);
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(CF_REJECT), 0), WsaError.WSAECONNREFUSED);
            assertFails(w, w.recv(c1, new byte[4], 4, 0), WsaError.WSAECONNRESET);
            connectTo(w, l);
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(7), 0), WsaError.WSAEINVAL);
            assertEquals(0, readable(w, l)); // taken and reset as a rejected one
            long c3 = connectTo(w, l);
            long a3 = w.WSAAccept(l, null, null, null, 0); // no condition function: accept
            assertEquals(nameOf(w, c3).sin_port, peerPort(w, a3));
        });
    }

    @Test
    void err24_aDeferredConnectionGoesToAnAcceptExIssuedAfterIt() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            long c1 = connectTo(w, l);
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(CF_DEFER), 0), WsaError.WSATRY_AGAIN);
            long a = tcp(w);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            ov.hEvent = w.CreateEvent(null, true, false, null);
            OvlFactsTest.acceptEx(w, l).AcceptEx(l, a, new byte[64], 0, 32, 32, new int[1], ov);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(ov.hEvent, 0));
            assertEquals(nameOf(w, c1).sin_port, peerPort(w, a));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void err24_aDeferralDoesNotReenableFdAccept(String mode) {
        Fixture.run(w -> {
            Notify n = mode.equals("M") ? Notify.messages(w) : Notify.events(w);
            long l = listener(w, 5);
            n.select(l, FD_ACCEPT);
            long c1 = connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            assertFails(w, w.WSAAccept(l, null, null, new FixedCondition(CF_DEFER), 0), WsaError.WSATRY_AGAIN);
            n.expect(l); // not re-enabled, though the connection still waits (a failed accept re-posts in M: EVT-21)
            long c2 = connectTo(w, l);
            if (mode.equals("M")) {
                n.expect(l); // the second connection is not reported: FD_ACCEPT waits for its re-enabling call
            } else {
                n.expect(l, "FD_ACCEPT"); // WSAEventSelect records each new occurrence (EVT-19)
            }
            long a1 = w.accept(l, null, null);
            assertEquals(nameOf(w, c1).sin_port, peerPort(w, a1));
            n.expect(l, "FD_ACCEPT"); // accept re-enabled it, and the second connection still waits
            assertEquals(nameOf(w, c2).sin_port, peerPort(w, w.accept(l, null, null)));
        });
    }

    /** DuplicateHandle within the process, as the tests call it. */
    private static long duplicate(Win32 w, long h, int options) {
        long[] copy = {0};
        assertEquals(WinBase.TRUE, w.DuplicateHandle(w.GetCurrentProcess(), h, w.GetCurrentProcess(), copy, 0, false, options));
        assertNotEquals(h, copy[0]);
        return copy[0];
    }

    @Test
    void err04_aDuplicateHandleCopyOfASocketIsNotASocketToWinsock() {
        Fixture.run(w -> {
            long s = tcp(w);
            long h = duplicate(w, s, WinBase.DUPLICATE_SAME_ACCESS);
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(h, new WSAOVERLAPPED(), new int[1], false, new int[1]));
            assertEquals(WsaError.WSAENOTSOCK.code, w.WSAGetLastError());
            assertFails(w, w.closesocket(h), WsaError.WSAENOTSOCK);
            org.winsim.winsock.api.WSAPOLLFD[] poll = {new org.winsim.winsock.api.WSAPOLLFD(h, Winsock.POLLRDNORM)};
            assertFails(w, w.WSAPoll(poll, 1, 0), WsaError.WSAENOTSOCK); // its only entry names no socket
            assertEquals(Winsock.POLLNVAL, poll[0].revents);
            assertEquals(WinBase.TRUE, w.CloseHandle(h)); // closes the copy, not the socket
            assertEquals(WinBase.FALSE, w.CloseHandle(h));
            assertEquals(Win32Error.ERROR_INVALID_HANDLE.code, w.GetLastError());
            assertEquals(0, w.bind(s, sockaddr_in.of("127.0.0.1", 0), 16)); // the socket is still open
            assertEquals(0, w.closesocket(s));
        });
    }

    @Test
    void duplicateHandleFromAnUnknownProcessClosesNothingEvenWithCloseSource() {
        Fixture.run(w -> {
            long e = w.CreateEvent(null, true, false, null);
            long[] copy = new long[1];
            assertEquals(WinBase.FALSE, w.DuplicateHandle(0x1234, e, w.GetCurrentProcess(), copy, 0, false,
                    WinBase.DUPLICATE_CLOSE_SOURCE | WinBase.DUPLICATE_SAME_ACCESS));
            assertEquals(Win32Error.ERROR_INVALID_HANDLE.code, w.GetLastError());
            assertEquals(WinBase.TRUE, w.SetEvent(e)); // the caller's own handle is untouched
            assertEquals(WinBase.TRUE, w.CloseHandle(e));
        });
    }

    @Test
    void duplicateHandleKeepsASocketOpenUntilItsLastHandleCloses() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long h = duplicate(w, p.server(), WinBase.DUPLICATE_SAME_ACCESS);
            assertEquals(0, w.closesocket(p.server()));
            assertEquals(0, w.ioctlsocket(p.client(), Winsock.FIONBIO, new int[] {1}));
            w.Sleep(100);
            assertFails(w, w.recv(p.client(), new byte[4], 4, 0), WsaError.WSAEWOULDBLOCK); // no FIN: still open
            assertEquals(WinBase.TRUE, w.CloseHandle(h));
            w.Sleep(100);
            assertEquals(0, w.recv(p.client(), new byte[4], 4, 0)); // the last handle closed it gracefully
        });
    }

    @Test
    void duplicateHandleGivesASecondHandleToAKernelObject() {
        Fixture.run(w -> {
            long e = w.CreateEvent(null, true, false, null);
            long d = duplicate(w, e, WinBase.DUPLICATE_SAME_ACCESS);
            assertEquals(WinBase.TRUE, w.SetEvent(d));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(e, 0)); // the same event
            assertEquals(WinBase.TRUE, w.CloseHandle(e));
            assertEquals(WinBase.TRUE, w.ResetEvent(d)); // alive while a handle is open
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(d, 0));
            long moved = duplicate(w, d, WinBase.DUPLICATE_CLOSE_SOURCE | WinBase.DUPLICATE_SAME_ACCESS);
            assertEquals(WinBase.FALSE, w.CloseHandle(d)); // DUPLICATE_CLOSE_SOURCE closed it
            assertEquals(WinBase.TRUE, w.SetEvent(moved));
            long[] out = {5};
            assertEquals(WinBase.FALSE, w.DuplicateHandle(w.GetCurrentProcess(), 0xdeadbeefL, w.GetCurrentProcess(), out, 0, false,
                    WinBase.DUPLICATE_SAME_ACCESS));
            assertEquals(Win32Error.ERROR_INVALID_HANDLE.code, w.GetLastError());
            assertEquals(5, out[0]);
            long me = duplicate(w, w.GetCurrentThread(), WinBase.DUPLICATE_SAME_ACCESS); // a real handle to this thread
            int[] code = {0};
            assertEquals(WinBase.TRUE, w.GetExitCodeThread(me, code));
            assertEquals(WinBase.STILL_ACTIVE, code[0]);
            assertEquals(WinBase.TRUE, w.CloseHandle(me));
        });
    }

    @Test
    void closingOneHandleOfACompletionPortDoesNotAbandonAWaitOnTheOther() {
        Fixture.run(w -> {
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            long d = duplicate(w, port, WinBase.DUPLICATE_SAME_ACCESS);
            int[] got = {0};
            long t = w.CreateThread(null, 0, x -> {
                got[0] = w.GetQueuedCompletionStatus(d, new int[1], new long[1], new WSAOVERLAPPED[1], 1000);
                return 0;
            }, null, 0, null);
            w.Sleep(10);
            assertEquals(WinBase.TRUE, w.CloseHandle(port));
            assertEquals(WinBase.TRUE, w.PostQueuedCompletionStatus(d, 3, 9, null));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, WinBase.INFINITE));
            assertEquals(WinBase.TRUE, got[0]);
        });
    }

    /** WSADuplicateSocket into this process and WSASocket from the protocol info: a second descriptor of {@code s}. */
    private static long duplicateSocket(Win32 w, long s) {
        WSAPROTOCOL_INFO info = new WSAPROTOCOL_INFO();
        assertEquals(0, w.WSADuplicateSocket(s, w.GetCurrentProcessId(), info));
        assertEquals(Winsock.AF_INET, info.iAddressFamily);
        assertEquals(Winsock.SOCK_STREAM, info.iSocketType);
        long dup = w.WSASocket(Winsock.AF_INET, Winsock.SOCK_STREAM, 0, info, 0, Winsock.WSA_FLAG_OVERLAPPED);
        assertNotEquals(INVALID_SOCKET, dup);
        assertNotEquals(s, dup);
        return dup;
    }

    /** Closes the listener's descriptors in order; only the last close queues the AcceptEx's aborted packet. */
    private static void iocp10(boolean originalFirst) {
        Fixture.run(w -> {
            long src = listener(w, 5);
            long port = w.CreateIoCompletionPort(src, 0, 125, 0);
            long dup = duplicateSocket(w, src);
            long dest = tcp(w);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(WinBase.FALSE, OvlFactsTest.acceptEx(w, dup).AcceptEx(dup, dest, new byte[64], 0, 32, 32, new int[1], ov));
            assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
            IocpSocketFactsTest.nothingQueued(w, port);
            assertEquals(0, w.closesocket(originalFirst ? src : dup));
            IocpSocketFactsTest.nothingQueued(w, port); // one descriptor left: the socket and its AcceptEx live on
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(originalFirst ? dup : src, ov, new int[1], false, new int[1]));
            assertEquals(WsaError.WSA_IO_INCOMPLETE.code, w.WSAGetLastError());
            assertEquals(0, w.closesocket(originalFirst ? dup : src));
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, got, 100));
            assertEquals(Win32Error.ERROR_OPERATION_ABORTED.code, w.GetLastError());
            assertEquals(125, key[0]);
            assertEquals(0, bytes[0]);
            assertSame(ov, got[0]);
            assertEquals(NTSTATUS.STATUS_CANCELLED.value & 0xffffffffL, ov.Internal);
            IocpSocketFactsTest.nothingQueued(w, port); // exactly one
        });
    }

    @Test
    void iocp10_closingTheDuplicateThenTheOriginalAbortsTheAcceptExOnlyAtTheLast() {
        iocp10(false);
    }

    @Test
    void iocp10_closingTheOriginalThenTheDuplicateAbortsTheAcceptExOnlyAtTheLast() {
        iocp10(true);
    }

    @Test
    void wsaDuplicateSocketGivesASecondDescriptorOfTheSameSocket() {
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long dup = duplicateSocket(w, p.server());
            assertEquals(nameOf(w, p.server()).sin_port, nameOf(w, dup).sin_port);
            assertEquals(1, w.send(p.client(), "x".getBytes(), 1, 0));
            fd_set read = new fd_set();
            read.fd_array[read.fd_count++] = dup;
            assertEquals(1, w.select(0, read, null, null, timeval.ofMillis(100)));
            assertEquals(dup, read.fd_array[0]); // select names the descriptor it was given
            fd_set both = new fd_set(); // Windows reports each handle of a socket, a handle named twice once
            for (long h : new long[] {p.server(), dup, p.server()}) {
                both.fd_array[both.fd_count++] = h;
            }
            assertEquals(2, w.select(0, both, null, null, timeval.ofMillis(0)));
            assertArrayEquals(new long[] {p.server(), dup}, java.util.Arrays.copyOf(both.fd_array, both.fd_count));
            assertEquals(1, w.recv(dup, new byte[1], 1, 0));
            assertEquals(3, w.send(p.client(), "abc".getBytes(), 3, 0));
            assertEquals(3, w.recv(dup, new byte[8], 8, 0)); // the same connection
            assertEquals(0, w.closesocket(p.server()));
            assertEquals(2, w.send(dup, "de".getBytes(), 2, 0)); // still open through the duplicate
            assertEquals(2, w.recv(p.client(), new byte[8], 8, 0));
            assertEquals(0, w.closesocket(dup));
            assertEquals(0, w.recv(p.client(), new byte[8], 8, 0)); // the last descriptor closed it: FIN
            WSAPROTOCOL_INFO info = new WSAPROTOCOL_INFO();
            assertFails(w, w.WSADuplicateSocket(p.client(), w.GetCurrentProcessId(), null), WsaError.WSAEFAULT);
            assertFails(w, w.WSADuplicateSocket(p.client(), w.GetCurrentProcessId() + 4, info), WsaError.WSAEINVAL);
            assertFails(w, w.WSADuplicateSocket(0xdeadbeefL, w.GetCurrentProcessId(), info), WsaError.WSAENOTSOCK);
            assertEquals(0, w.WSADuplicateSocket(p.client(), w.GetCurrentProcessId(), info));
            assertNotEquals(INVALID_SOCKET, w.WSASocket(Winsock.FROM_PROTOCOL_INFO, Winsock.FROM_PROTOCOL_INFO,
                    Winsock.FROM_PROTOCOL_INFO, info, 0, 0));
            assertFails(w, w.WSASocket(Winsock.FROM_PROTOCOL_INFO, Winsock.FROM_PROTOCOL_INFO, Winsock.FROM_PROTOCOL_INFO, info, 0, 0),
                    WsaError.WSAEINVAL); // used once
        });
    }

    @Test
    void wsk28_duplicateSocketChecksTheProcessIdBeforeTheInfoAndNamesTheSocketsOwnProtocol() {
        Fixture.run(w -> {
            long t = Fixture.tcp(w);
            assertFails(w, w.WSADuplicateSocket(0, 0, null), WsaError.WSAENOTSOCK);
            assertFails(w, w.WSADuplicateSocket(t, 0, null), WsaError.WSAEINVAL); // the process id before the pointer
            assertFails(w, w.WSADuplicateSocket(t, w.GetCurrentProcessId(), null), WsaError.WSAEFAULT);
            WSAPROTOCOL_INFO info = new WSAPROTOCOL_INFO();
            assertEquals(0, w.WSADuplicateSocket(t, w.GetCurrentProcessId(), info));
            assertEquals(List.of(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP),
                    List.of(info.iAddressFamily, info.iSocketType, info.iProtocol));
            long u = UdpFactsTest.udp(w);
            WSAPROTOCOL_INFO ui = new WSAPROTOCOL_INFO();
            assertEquals(0, w.WSADuplicateSocket(u, w.GetCurrentProcessId(), ui));
            assertEquals(List.of(Winsock.AF_INET, Winsock.SOCK_DGRAM, Winsock.IPPROTO_UDP),
                    List.of(ui.iAddressFamily, ui.iSocketType, ui.iProtocol));
        });
    }
}
