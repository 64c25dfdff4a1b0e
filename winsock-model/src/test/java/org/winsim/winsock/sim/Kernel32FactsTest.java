package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.WinBase.FALSE;
import static org.winsim.winsock.api.WinBase.INFINITE;
import static org.winsim.winsock.api.WinBase.TRUE;
import static org.winsim.winsock.api.WinBase.WAIT_FAILED;
import static org.winsim.winsock.api.WinBase.WAIT_IO_COMPLETION;
import static org.winsim.winsock.api.WinBase.WAIT_OBJECT_0;
import static org.winsim.winsock.api.WinBase.WAIT_TIMEOUT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/** kernel32's dispatcher semantics through the Win32 API: events, waits, APCs. */
class Kernel32FactsTest {
    private static long thread(Win32 w, Runnable body) {
        long h = w.CreateThread(null, 0, p -> {
            body.run();
            return 0;
        }, null, 0, null);
        assertEquals(true, h != 0, "CreateThread");
        return h;
    }

    @Test
    void autoResetEventReleasesExactlyOneWaiterEvenWhenAnotherWaitsBeforeItRuns() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long e = w.CreateEvent(null, false, false, null);
            long t1 = thread(w, () -> log.add("w1 " + w.WaitForSingleObject(e, 100) + "@" + w.GetTickCount()));
            long t2 = thread(w, () -> log.add("w2 " + w.WaitForSingleObject(e, 100) + "@" + w.GetTickCount()));
            w.Sleep(10);
            assertEquals(TRUE, w.SetEvent(e));
            // w1 was released by SetEvent and has not run yet: the event is already reset for everyone else
            log.add("main " + w.WaitForSingleObject(e, 0));
            assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(2, new long[] {t1, t2}, true, INFINITE));
        });
        assertEquals(List.of("main " + WAIT_TIMEOUT, "w1 " + WAIT_OBJECT_0 + "@10", "w2 " + WAIT_TIMEOUT + "@100"), log);
    }

    @Test
    void manualResetEventReleasesEveryWaiterAndStaysSet() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long e = w.CreateEvent(null, true, false, null);
            long[] ts = new long[3];
            for (int i = 0; i < 3; i++) {
                int n = i;
                ts[i] = thread(w, () -> log.add("w" + n + " " + w.WaitForSingleObject(e, 100)));
            }
            w.Sleep(10);
            w.SetEvent(e);
            assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(3, ts, true, INFINITE));
            log.add("after " + w.WaitForSingleObject(e, 0));
        });
        assertEquals(List.of("w0 0", "w1 0", "w2 0", "after 0"), log);
    }

    @Test
    void waitAllTakesEveryObjectOrNone() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long a = w.CreateEvent(null, false, false, null);
            long b = w.CreateEvent(null, false, false, null);
            long t = thread(w, () -> log.add("all " + w.WaitForMultipleObjects(2, new long[] {a, b}, true, INFINITE)
                    + "@" + w.GetTickCount()));
            w.Sleep(5);
            w.SetEvent(a);
            w.Sleep(5);
            log.add("a alone is not taken: " + w.WaitForSingleObject(a, 0));
            w.SetEvent(a);
            w.SetEvent(b);
            log.add("both taken: " + w.WaitForSingleObject(a, 0) + " " + w.WaitForSingleObject(b, 0));
            w.WaitForSingleObject(t, INFINITE);
        });
        // the waiter runs on the second processor the moment its wait is satisfied, before main goes on
        assertEquals(List.of("a alone is not taken: 0", "all 0@10", "both taken: 258 258"), log);
    }

    @Test
    void waitAnyGivesTheLowestSignalledIndex() {
        Fixture.run(w -> {
            long[] e = {w.CreateEvent(null, true, false, null), w.CreateEvent(null, true, true, null),
                w.CreateEvent(null, true, true, null)};
            assertEquals(WAIT_OBJECT_0 + 1, w.WaitForMultipleObjects(3, e, false, 0));
        });
    }

    @Test
    void moreThan64HandlesFailWithInvalidParameter() {
        Fixture.run(w -> {
            long[] h = new long[65];
            for (int i = 0; i < h.length; i++) {
                h[i] = w.CreateEvent(null, true, true, null);
            }
            assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(64, h, true, 0));
            assertEquals(WAIT_FAILED, w.WaitForMultipleObjects(65, h, false, 0));
            assertEquals(Win32Error.ERROR_INVALID_PARAMETER.code, w.GetLastError());
            assertEquals(WAIT_FAILED, w.WaitForSingleObject(0x7777, 0));
            assertEquals(Win32Error.ERROR_INVALID_HANDLE.code, w.GetLastError());
        });
    }

    @Test
    void alertableWaitRunsQueuedApcsInFifoOrderAndReturnsWaitIoCompletion() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long e = w.CreateEvent(null, true, false, null);
            long t = thread(w, () -> {
                w.Sleep(10); // not alertable: the APCs queued meanwhile wait
                log.add("sleep " + w.SleepEx(INFINITE, true) + "@" + w.GetTickCount());
                log.add("wait " + w.WaitForSingleObjectEx(e, INFINITE, true) + "@" + w.GetTickCount());
            });
            w.Sleep(5);
            assertEquals(TRUE, w.QueueUserAPC(d -> log.add("apc " + d), t, 1));
            assertEquals(TRUE, w.QueueUserAPC(d -> log.add("apc " + d), t, 2));
            w.Sleep(10);
            w.QueueUserAPC(d -> log.add("apc " + d), t, 3);
            w.WaitForSingleObject(t, INFINITE);
        });
        assertEquals(List.of("apc 1", "apc 2", "sleep " + WAIT_IO_COMPLETION + "@10", "apc 3",
                "wait " + WAIT_IO_COMPLETION + "@15"), log);
    }

    @Test
    void aNonAlertableWaitNeverRunsAnApcAndTheNextAlertableOneDoes() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long e = w.CreateEvent(null, true, false, null);
            long t = thread(w, () -> {
                log.add("plain " + w.WaitForSingleObject(e, 50));
                w.Sleep(10);
                log.add("poll " + w.SleepEx(0, true));
                log.add("again " + w.SleepEx(0, true));
            });
            w.Sleep(5);
            w.QueueUserAPC(d -> log.add("apc " + d), t, 7);
            w.WaitForSingleObject(t, INFINITE);
            assertEquals(FALSE, w.QueueUserAPC(d -> log.add("late"), t, 8), "the thread has ended");
        });
        assertEquals(List.of("plain " + WAIT_TIMEOUT, "apc 7", "poll " + WAIT_IO_COMPLETION, "again 0"), log);
    }

    @Test
    void apc05_aBlockingRecvRunsAnApcAndGoesOnWaiting() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            Fixture.Pair p = Fixture.pair(w);
            long t = thread(w, () -> {
                byte[] buf = new byte[16];
                log.add("recv " + w.recv(p.server(), buf, 16, 0) + "@" + w.GetTickCount());
            });
            w.Sleep(5);
            w.QueueUserAPC(d -> {
                log.add("apc sends");
                w.send(p.client(), new byte[4], 4, 0);
            }, t, 0);
            w.WaitForSingleObject(t, INFINITE);
        });
        assertEquals(List.of("apc sends", "recv 4@5"), log);
    }

    @Test
    void getCurrentThreadIsThePseudoHandle() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            assertEquals(WinBase.CURRENT_THREAD, w.GetCurrentThread());
            w.QueueUserAPC(d -> log.add("self " + d), w.GetCurrentThread(), 5);
            log.add("sleep " + w.SleepEx(0, true));
        });
        assertEquals(List.of("self 5", "sleep " + WAIT_IO_COMPLETION), log);
    }

    // ---- issue 16: thread names ----

    @Test
    void setThreadDescriptionNamesThreadsAndABadHandleFailsWithoutTouchingTheLastError() {
        org.winsim.sim.RunResult r = Fixture.run(w -> {
            assertEquals(WinBase.HRESULT_NT_SUCCESS, w.SetThreadDescription(w.GetCurrentThread(), "receiver"));
            long t = thread(w, () -> { });
            assertEquals(WinBase.HRESULT_NT_SUCCESS, w.SetThreadDescription(t, "worker-1"));
            w.SetLastError(1234);
            assertEquals(WinBase.HRESULT_NT_INVALID_HANDLE, w.SetThreadDescription(0x7777, "nobody"));
            assertEquals(1234, w.GetLastError(), "an HRESULT function leaves the last error alone");
            assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(t, INFINITE));
        });
        assertEquals(List.of("test:receiver", "test:worker-1"),
                r.threads().stream().map(org.winsim.sim.ThreadStats::name).toList());
    }
}
