package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WinUser;

/**
 * The trace's {@code link} ids (docs/architecture.md, "Trace records"): the record that queues a completion
 * packet, a message or an APC names an id unique in the run (its own sequence number, after a prefix), and
 * the record that takes it repeats the id — the GetQueuedCompletionStatus(Ex) RET, the GetMessage RET and
 * the DispatchMessage CALL, the APC's run.
 */
class TraceLinksTest {
    private static TraceRecord first(List<TraceRecord> trace, Predicate<TraceRecord> p) {
        return trace.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such record"));
    }

    private static boolean call(TraceRecord r, String kind, String fn) {
        return r.kind().equals(kind) && fn.equals(r.field("fn"));
    }

    @Test
    void aPostedPacketIsLinkedToTheGetQueuedCompletionStatusThatReturnsIt() {
        List<TraceRecord> trace = Fixture.traced(w -> {
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.PostQueuedCompletionStatus(port, 3, 7, null);
            w.GetQueuedCompletionStatus(port, new int[1], new long[1], new WSAOVERLAPPED[1], 0);
        });
        TraceRecord queued = first(trace, r -> r.kind().equals("IOCP") && r.field("queued") != null);
        assertEquals("cp" + queued.seq(), queued.field("link"), "the id is the queuing record's own number");
        assertEquals("1", queued.field("packets"));
        TraceRecord removed = first(trace, r -> r.kind().equals("IOCP") && r.field("removed") != null);
        assertEquals("0", removed.field("packets"));
        assertEquals("test:main", removed.field("to"));
        assertEquals(queued.field("link"), first(trace, r -> call(r, "RET", "GetQueuedCompletionStatus")).field("link"));
        assertNull(first(trace, r -> call(r, "RET", "PostQueuedCompletionStatus")).field("link"));
    }

    @Test
    void aCompletedReceiveIsLinkedFromTheKernelWithItsProcessAndGetQueuedCompletionStatusExListsEveryPacket() {
        List<TraceRecord> trace = Fixture.traced(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long port = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, 0, 0, 0);
            w.CreateIoCompletionPort(p.server(), port, 1, 0);
            w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[64])}, 1, new int[1], new int[1], new WSAOVERLAPPED(), null);
            w.send(p.client(), new byte[12], 12, 0);
            w.Sleep(1);
            w.PostQueuedCompletionStatus(port, 0, 2, null);
            OVERLAPPED_ENTRY[] entries = new OVERLAPPED_ENTRY[4];
            int[] removed = new int[1];
            assertEquals(WinBase.TRUE, w.GetQueuedCompletionStatusEx(port, entries, 4, removed, 0, false));
            assertEquals(2, removed[0]);
        });
        List<TraceRecord> queued = trace.stream().filter(r -> r.kind().equals("IOCP") && r.field("queued") != null).toList();
        assertEquals(2, queued.size());
        assertEquals(0, queued.get(0).threadId(), "the receive completes when the data arrives, in kernel context");
        assertEquals("test", queued.get(0).field("process"), "so the record names the port's process");
        assertNull(queued.get(1).field("process"), "a thread's record has its process in the thread's name");
        assertEquals(queued.get(0).field("link") + "," + queued.get(1).field("link"),
                first(trace, r -> call(r, "RET", "GetQueuedCompletionStatusEx")).field("link"));
    }

    @Test
    void aPostedMessageIsLinkedToTheGetMessageThatTakesItAndToItsDispatch() {
        List<TraceRecord> trace = Fixture.traced(w -> {
            w.RegisterClass(new WNDCLASS("links", (h, m, wp, lp) -> 0));
            long hwnd = w.CreateWindowEx(0, "links", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
            w.PostMessage(hwnd, WinUser.WM_USER + 1, 5, 6);
            MSG msg = new MSG();
            assertEquals(1, w.GetMessage(msg, 0, 0, 0));
            w.DispatchMessage(msg);
            MSG madeUp = new MSG();
            madeUp.hwnd = hwnd;
            madeUp.message = WinUser.WM_USER + 2;
            w.DispatchMessage(madeUp);
        });
        TraceRecord posted = first(trace, r -> r.kind().equals("MSG") && r.field("posted") != null);
        assertEquals("msg" + posted.seq(), posted.field("link"));
        assertEquals("test:main", posted.field("queue"));
        assertEquals("1", posted.field("messages"));
        assertEquals("0", first(trace, r -> r.kind().equals("MSG") && r.field("removed") != null).field("messages"));
        assertEquals(posted.field("link"), first(trace, r -> call(r, "RET", "GetMessage")).field("link"));
        List<TraceRecord> dispatches = trace.stream().filter(r -> call(r, "CALL", "DispatchMessage")).toList();
        assertEquals(posted.field("link"), dispatches.get(0).field("link"));
        assertNull(dispatches.get(1).field("link"), "a message the program made up was never posted");
        assertEquals("open", first(trace, r -> r.kind().equals("OBJECT") && r.field("obj").startsWith("window(")).field("state"));
    }

    @Test
    void aQueuedApcIsLinkedToItsRun() {
        List<TraceRecord> trace = Fixture.traced(w -> {
            w.QueueUserAPC(d -> { }, WinBase.CURRENT_THREAD, 9);
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
        });
        TraceRecord queued = first(trace, r -> r.kind().equals("APC") && r.field("queued") != null);
        TraceRecord run = first(trace, r -> r.kind().equals("APC") && r.field("run") != null);
        assertEquals("apc" + queued.seq(), queued.field("link"));
        assertEquals(queued.field("link"), run.field("link"));
        assertEquals("test:main", queued.field("to"));
        assertTrue(run.seq() > queued.seq());
        assertNotEquals(queued.field("link"), first(trace, r -> r.kind().equals("RET")).field("link"));
    }
}
