package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.pair;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WsaError;

/** Completion routines and alertable waits: the APC facts. */
class ApcFactsTest {
    /** One call of a completion routine: its four arguments and the thread that ran it. */
    record Call(int error, int bytes, WSAOVERLAPPED ov, int flags, int thread) {
    }

    static LPWSAOVERLAPPED_COMPLETION_ROUTINE recorder(Win32 w, List<Call> calls) {
        return (e, n, ov, f) -> calls.add(new Call(e, n, ov, f, w.GetCurrentThreadId()));
    }

    static int recv(Win32 w, long s, int len, WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE r) {
        return w.WSARecv(s, new WSABUF[] {new WSABUF(new byte[len])}, 1, new int[1], new int[1], ov, r);
    }

    @Test
    void apc01_routineRunsInAnAlertableWaitAndTheEventStaysClear() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<Call> calls = new ArrayList<>();
            WSAOVERLAPPED ov = new WSAOVERLAPPED(w.CreateEvent(null, true, false, null));
            assertFails(w, recv(w, p.server(), 8, ov, recorder(w, calls)), WsaError.WSA_IO_PENDING);
            OvlFactsTest.send(w, p.client(), "abc");
            w.Sleep(10); // not alertable: the routine waits
            assertEquals(0, calls.size());
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(1000, true));
            assertEquals(1, calls.size());
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(ov.hEvent, 0)); // the event is not signalled
            assertEquals(0, w.SleepEx(0, true)); // nothing more to run
        });
    }

    @Test
    void apc02_routineArguments() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<Call> calls = new ArrayList<>();
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), 8, ov, recorder(w, calls)), WsaError.WSA_IO_PENDING);
            OvlFactsTest.send(w, p.client(), "hello");
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(WinBase.INFINITE, true));
            Call c = calls.get(0);
            assertEquals(0, c.error());
            assertEquals(5, c.bytes());
            assertSame(ov, c.ov());
            assertEquals(0, c.flags());
            WSAOVERLAPPED ov2 = new WSAOVERLAPPED();
            assertFails(w, recv(w, p.server(), 8, ov2, recorder(w, calls)), WsaError.WSA_IO_PENDING);
            Fixture.rstClose(w, p.client());
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(WinBase.INFINITE, true));
            assertEquals(WsaError.WSAECONNRESET.code, calls.get(1).error()); // the mapped WSA error
            assertEquals(0, calls.get(1).bytes());
        });
    }

    @Test
    void apc05_blockingCallsWaitAlertablyAndKeepGoing() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long[] blocked = new long[1];
            List<String> ran = new ArrayList<>();
            long t = w.CreateThread(null, 0, x -> {
                int[] got = {0};
                int r = w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[4])}, 1, got, new int[1], null, null);
                return r == 0 ? got[0] : -1;
            }, null, 0, null);
            blocked[0] = t;
            w.Sleep(10);
            // an APC queued to the thread blocked in WSARecv runs there, and sends what the receive waits for
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> {
                ran.add("apc");
                OvlFactsTest.send(w, p.client(), "four");
            }, t, 1));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            int[] code = {0};
            w.GetExitCodeThread(t, code);
            assertEquals(4, code[0]);
            assertEquals(List.of("apc"), ran);
            // a call that completes at once does not run the APC; the next alertable wait does
            OvlFactsTest.send(w, p.client(), "now!");
            w.Sleep(1);
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> ran.add("later"), WinBase.CURRENT_THREAD, 2));
            assertEquals(4, w.recv(p.server(), new byte[4], 4, 0));
            assertEquals(1, ran.size());
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
            assertEquals(List.of("apc", "later"), ran);
        });
    }

    @Test
    void anApcQueuedWhileABlockedThreadPaysForItsApcsCopyRunsInTheSameWait() {
        // The first APC wakes a third thread and sends 64 KiB (a copy its thread then owes); the third thread
        // queues the second APC while the blocked thread pays for that copy. The blocking recv's wait pays
        // before it waits again and then looks for APCs once more, so the second runs in the same wait (found
        // by review: an APC queued while the thread paid found it running and waited for the next wait).
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            Fixture.Pair q = pair(w);
            List<String> ran = new ArrayList<>();
            long wake = w.CreateEvent(null, false, false, null);
            long t = w.CreateThread(null, 0, x -> w.recv(p.server(), new byte[4], 4, 0), null, 0, null);
            long third = w.CreateThread(null, 0, x -> {
                w.WaitForSingleObject(wake, WinBase.INFINITE);
                ran.add("second queued");
                return w.QueueUserAPC(d -> ran.add("second ran"), t, 2);
            }, null, 0, null);
            w.Sleep(10);
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> {
                ran.add("first ran");
                w.SetEvent(wake);
                assertEquals(65536, w.send(q.client(), new byte[65536], 65536, 0));
            }, t, 1));
            w.Sleep(10);
            assertEquals(List.of("first ran", "second queued", "second ran"), ran);
            OvlFactsTest.send(w, p.client(), "four");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(third, 1000));
            int[] code = {0};
            w.GetExitCodeThread(t, code);
            assertEquals(4, code[0]);
        });
    }

    @Test
    void apc07_immediateCompletionStillQueuesTheRoutineToTheIssuingThread() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<Call> calls = new ArrayList<>();
            OvlFactsTest.send(w, p.client(), "xy");
            w.Sleep(1);
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            int[] got = {0};
            assertEquals(0, w.WSARecv(p.server(), new WSABUF[] {new WSABUF(new byte[8])}, 1, got, new int[1], ov, recorder(w, calls)));
            assertEquals(2, got[0]);
            assertEquals(0, calls.size());
            int main = w.GetCurrentThreadId();
            long other = w.CreateThread(null, 0, x -> w.SleepEx(100, true), null, 0, null);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(other, 1000));
            assertEquals(0, calls.size()); // another thread's alertable wait does not run it
            assertEquals(0, w.WSASend(p.server(), new WSABUF[] {new WSABUF(new byte[3])}, 1, got, 0, new WSAOVERLAPPED(),
                    recorder(w, calls)));
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true)); // both run, oldest first
            assertEquals(2, calls.size());
            assertEquals(2, calls.get(0).bytes());
            assertEquals(3, calls.get(1).bytes());
            assertEquals(main, calls.get(0).thread());
        });
    }

    @Test
    void routineCanPostTheNextOperation() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<Call> calls = new ArrayList<>();
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            LPWSAOVERLAPPED_COMPLETION_ROUTINE[] routine = new LPWSAOVERLAPPED_COMPLETION_ROUTINE[1];
            routine[0] = (e, n, o, f) -> {
                calls.add(new Call(e, n, o, f, 0));
                if (n > 0) {
                    recv(w, p.server(), 8, o, routine[0]); // re-posted from inside the routine, on the same OVERLAPPED
                }
            };
            assertFails(w, recv(w, p.server(), 8, ov, routine[0]), WsaError.WSA_IO_PENDING);
            OvlFactsTest.send(w, p.client(), "one");
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(1000, true));
            OvlFactsTest.send(w, p.client(), "two!");
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(1000, true));
            assertEquals(2, calls.size());
            assertEquals(4, calls.get(1).bytes());
        });
    }
}
