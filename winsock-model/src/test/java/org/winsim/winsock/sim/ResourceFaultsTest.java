package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.timeval;

/** The injected shortages of {@link ResourceFaults}: what each call returns, what is kept, and the FAULT record. */
class ResourceFaultsTest {
    private static List<String> faults(List<String> records) {
        return records.stream().filter(r -> r.startsWith("FAULT ")).toList();
    }

    @Test
    void enobufsFailsAcceptAndSendAndTakesNothing() {
        List<String> records = Fixture.runWithFaults(FaultPlan.parse("enobufs=1"), w -> {
            long l = listener(w, 5);
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            assertFails(w, w.accept(l, null, null), WsaError.WSAENOBUFS);
            assertFails(w, w.send(c, new byte[] {1, 2, 3}, 3, 0), WsaError.WSAENOBUFS);
            fd_set readable = new fd_set();
            fd_set.FD_SET(l, readable);
            assertEquals(1, w.select(0, readable, null, null, new timeval(0, 0)), "the connection is still queued");
        });
        assertEquals(List.of("FAULT kind=enobufs call=accept s=0x100", "FAULT kind=enobufs call=send s=0x104"), faults(records));
    }

    @Test
    void ioErrorCompletesAPendingReceiveWithInsufficientResourcesAndLosesNoData() {
        List<String> records = Fixture.runWithFaults(FaultPlan.parse("io-error=1"), w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            assertEquals(port, w.CreateIoCompletionPort(p.server(), port, 7, 0));
            WSAOVERLAPPED ov = new WSAOVERLAPPED(0);
            byte[] buf = new byte[8];
            assertFails(w, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(buf)}, 1, new int[1], new int[] {0}, ov, null),
                    WsaError.WSA_IO_PENDING);
            int[] bytes = {-1};
            long[] key = {-1};
            WSAOVERLAPPED[] got = {null};
            assertEquals(WinBase.FALSE, w.GetQueuedCompletionStatus(port, bytes, key, got, 1000));
            assertEquals(Win32Error.ERROR_NO_SYSTEM_RESOURCES.code, w.GetLastError());
            assertEquals(ov, got[0]);
            assertEquals(0, bytes[0]);
            assertEquals(7, key[0]);
            assertEquals(NTSTATUS.STATUS_INSUFFICIENT_RESOURCES.value & 0xffffffffL, ov.Internal);
            int[] n = {-1};
            assertEquals(WinBase.FALSE, w.WSAGetOverlappedResult(p.server(), ov, n, false, new int[1]));
            assertEquals(WsaError.WSAENOBUFS.code, w.WSAGetLastError());
            assertEquals(3, w.send(p.client(), new byte[] {1, 2, 3}, 3, 0));
            assertEquals(3, w.recv(p.server(), buf, 8, 0), "the bytes sent after the failure are all there");
        });
        assertEquals(1, faults(records).size(), faults(records).toString());
        assertTrue(faults(records).get(0).startsWith("FAULT kind=io-error request=recv("), faults(records).toString());
        assertTrue(faults(records).get(0).endsWith(" status=STATUS_INSUFFICIENT_RESOURCES"), faults(records).toString());
    }

    @Test
    void queueFullFailsPostMessageAndLosesTheNotification() {
        List<String> records = Fixture.runWithFaults(FaultPlan.parse("queue-full=1"), w -> {
            w.RegisterClass(new WNDCLASS("t", (h, m, wp, lp) -> 0));
            long hwnd = w.CreateWindowEx(0, "t", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
            assertEquals(WinBase.FALSE, w.PostMessage(hwnd, WinUser.WM_USER, 1, 2));
            assertEquals(Win32Error.ERROR_NOT_ENOUGH_QUOTA.code, w.GetLastError());
            long l = listener(w, 5);
            assertEquals(0, w.WSAAsyncSelect(l, hwnd, WinUser.WM_USER + 1, Winsock.FD_ACCEPT));
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            w.Sleep(10);
            assertEquals(WinBase.FALSE, w.PeekMessage(new org.winsim.winsock.api.MSG(), hwnd, 0, 0, WinUser.PM_REMOVE),
                    "FD_ACCEPT was posted into a full queue: lost");
        });
        assertEquals(List.of("FAULT kind=queue-full", "FAULT kind=queue-full"), faults(records));
        assertTrue(records.stream().anyMatch(r -> r.startsWith("FD event=FD_ACCEPT error=0 lost=") && r.contains(" msg=WM_USER+1 ")),
                "the trace says it was lost, naming the message: " + records);
        assertTrue(records.stream().anyMatch(r -> r.startsWith("CALL fn=PostMessage ") && r.contains(" msg=WM_USER ")), records.toString());
    }

    @Test
    void theResourceFaultsPrintAndParseBack() {
        String text = "enobufs=0.1,io-error=0.05,queue-full=0.5,thread-fail=0.2";
        assertEquals(text, FaultPlan.parse(text).toString());
        assertEquals(FaultPlan.parse(text), FaultPlan.parse(FaultPlan.parse(text).toString()));
    }
}
