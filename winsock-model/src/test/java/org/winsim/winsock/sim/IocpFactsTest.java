package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.winsim.winsock.api.WinBase.FALSE;
import static org.winsim.winsock.api.WinBase.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS;
import static org.winsim.winsock.api.WinBase.FILE_SKIP_SET_EVENT_ON_HANDLE;
import static org.winsim.winsock.api.WinBase.INVALID_HANDLE_VALUE;
import static org.winsim.winsock.api.WinBase.NULL;
import static org.winsim.winsock.api.WinBase.TRUE;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.sim.net.Host;

/**
 * Completion-port facts (winsock-facts.md section 7) that need no overlapped socket I/O, and the port
 * side of the hook overlapped I/O completes through ({@link SimSocket#queueCompletion}). IOCP-18 and
 * IOCP-19 are in {@link CompletionPortTest}.
 */
class IocpFactsTest {
    private static void assertFailsWith(Win32 w, long ret, Win32Error e) {
        assertEquals(0, ret, "expected failure with " + e);
        assertEquals(e.name(), Win32Error.of(w.GetLastError()).name());
    }

    /** Runs {@code body} with the process, so a test may reach a socket's kernel object. */
    private static void runWithProcess(BiConsumer<Win32, SimProcess> body) {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT, OsProfile.WINDOWS);
        Host h = world.addHost("host", "10.0.0.1");
        SimProcess[] p = new SimProcess[1];
        p[0] = world.startProcess(h, "test", false, w -> {
            assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
            body.accept(w, p[0]);
            return 0;
        });
        RunResult r = world.run();
        if (r.finding() != null) {
            if (r.finding().cause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(r.finding().describe(), r.finding().cause());
        }
    }

    private static void assertTimesOut(Win32 w, long port) {
        WSAOVERLAPPED[] ov = {new WSAOVERLAPPED()};
        assertEquals(FALSE, w.GetQueuedCompletionStatus(port, new int[1], new long[1], ov, 0));
        assertEquals(Win32Error.WAIT_TIMEOUT.code, w.GetLastError());
        assertNull(ov[0]);
    }

    @Test
    void iocp01_createThenAssociateReturnsTheSamePortAndASecondAssociationFails() {
        Fixture.run(w -> {
            long port = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
            long s = Fixture.tcp(w);
            assertEquals(port, w.CreateIoCompletionPort(s, port, 125, 0));
            // a handle joins one port for good: again, to any port or to a new one, is ERROR_INVALID_PARAMETER
            assertFailsWith(w, w.CreateIoCompletionPort(s, port, 126, 0), Win32Error.ERROR_INVALID_PARAMETER);
            long other = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
            assertFailsWith(w, w.CreateIoCompletionPort(s, other, 126, 0), Win32Error.ERROR_INVALID_PARAMETER);
            assertFailsWith(w, w.CreateIoCompletionPort(s, NULL, 126, 0), Win32Error.ERROR_INVALID_PARAMETER);
            // a socket with no existing port gets a new one
            long t = Fixture.tcp(w);
            long fresh = w.CreateIoCompletionPort(t, NULL, 9, 1);
            assertEquals(true, fresh != 0 && fresh != port && fresh != other);
            // bad arguments
            assertFailsWith(w, w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0), Win32Error.ERROR_INVALID_PARAMETER);
            assertFailsWith(w, w.CreateIoCompletionPort(0x7777, port, 0, 0), Win32Error.ERROR_INVALID_HANDLE);
            long event = w.CreateEvent(null, true, false, null);
            assertFailsWith(w, w.CreateIoCompletionPort(event, port, 0, 0), Win32Error.ERROR_INVALID_HANDLE);
            assertFailsWith(w, w.CreateIoCompletionPort(Fixture.tcp(w), event, 0, 0), Win32Error.ERROR_INVALID_HANDLE);
            for (long h : new long[] {port, other, fresh, event}) {
                assertEquals(TRUE, w.CloseHandle(h));
            }
        });
    }

    @Test
    void iocp13_connectAndShutdownOnAnAssociatedSocketQueueNothing() {
        Fixture.run(w -> {
            long port = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
            long l = Fixture.listener(w, 5);
            long c = Fixture.tcp(w);
            assertEquals(port, w.CreateIoCompletionPort(c, port, 125, 0));
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            long a = w.accept(l, null, null);
            assertEquals(0, w.shutdown(c, Winsock.SD_SEND));
            assertTimesOut(w, port);
            w.closesocket(a);
            w.closesocket(c);
            w.closesocket(l);
            w.CloseHandle(port);
        });
    }

    @Test
    void iocp21_anIoPacketFillsItsStatusBlockWhenRemovedNotBeforeAndCarriesItsError() {
        runWithProcess((w, p) -> {
            long port = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
            long s = Fixture.tcp(w);
            assertEquals(port, w.CreateIoCompletionPort(s, port, 125, 0));
            SimSocket sock = (SimSocket) p.handles.get(s);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            ov.Internal = 0x103; // STATUS_PENDING, as the overlapped call left it
            assertEquals(true, sock.queueCompletion(ov, 0, 0xC000013BL, Win32Error.ERROR_NETNAME_DELETED, false));
            assertEquals(0x103, ov.Internal, "the status block waits for the removal");
            int[] bytes = {-1};
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(FALSE, w.GetQueuedCompletionStatus(port, bytes, key, got, 100));
            assertEquals(Win32Error.ERROR_NETNAME_DELETED.code, w.GetLastError());
            assertSame(ov, got[0]); // non-NULL: a failed I/O, not a timeout
            assertEquals(0, bytes[0]);
            assertEquals(125, key[0]);
            assertEquals(0xC000013BL, ov.Internal);
            assertEquals(0, ov.InternalHigh);
        });
    }

    @Test
    void iocp15_skipOnSuccessAndALowBitEventQueueNoPacketButAPendingCompletionStillDoes() {
        runWithProcess((w, p) -> {
            long port = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
            long s = Fixture.tcp(w);
            SimSocket sock = (SimSocket) p.handles.get(s);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertEquals(false, sock.queueCompletion(ov, 4, 0, Win32Error.ERROR_SUCCESS, false), "not associated");
            assertEquals(port, w.CreateIoCompletionPort(s, port, 7, 0));
            assertEquals(false, sock.queueCompletion(new WSAOVERLAPPED(w.CreateEvent(null, true, false, null) | 1), 4, 0,
                    Win32Error.ERROR_SUCCESS, false), "hEvent with its low bit set");
            assertEquals(true, sock.queueCompletion(ov, 4, 0, Win32Error.ERROR_SUCCESS, true), "default mode: at once still queues");
            assertEquals(TRUE, w.SetFileCompletionNotificationModes(s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
            assertEquals(false, sock.queueCompletion(ov, 4, 0, Win32Error.ERROR_SUCCESS, true), "skipped on success");
            assertEquals(true, sock.queueCompletion(ov, 5, 0, Win32Error.ERROR_SUCCESS, false), "pending: queued");
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] got = new WSAOVERLAPPED[1];
            assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 0));
            assertEquals(4, bytes[0]);
            assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, got, 0));
            assertEquals(5, bytes[0]);
            assertEquals(7, key[0]);
            assertTimesOut(w, port);
        });
    }

    @Test
    void setFileCompletionNotificationModesTakesSocketsAndKnownModesAndKeepsThem() {
        runWithProcess((w, p) -> {
            long s = Fixture.tcp(w);
            assertEquals(TRUE, w.SetFileCompletionNotificationModes(s, FILE_SKIP_SET_EVENT_ON_HANDLE));
            assertEquals(TRUE, w.SetFileCompletionNotificationModes(s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
            assertEquals(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE, ((SimSocket) p.handles.get(s)).completionModes);
            assertFailsWith(w, w.SetFileCompletionNotificationModes(s, 0x10), Win32Error.ERROR_INVALID_PARAMETER);
            long event = w.CreateEvent(null, true, false, null);
            assertFailsWith(w, w.SetFileCompletionNotificationModes(event, FILE_SKIP_SET_EVENT_ON_HANDLE), Win32Error.ERROR_INVALID_HANDLE);
            w.CloseHandle(event);
        });
    }
}
