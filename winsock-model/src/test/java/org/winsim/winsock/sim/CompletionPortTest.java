package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.winsim.winsock.api.WinBase.FALSE;
import static org.winsim.winsock.api.WinBase.INFINITE;
import static org.winsim.winsock.api.WinBase.INVALID_HANDLE_VALUE;
import static org.winsim.winsock.api.WinBase.NULL;
import static org.winsim.winsock.api.WinBase.TRUE;
import static org.winsim.winsock.api.WinBase.WAIT_OBJECT_0;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;

/**
 * The NT kernel queue's scheduling as completion ports show it (windows-rules.md section 11, IOCP-19):
 * packets FIFO, waiters LIFO, the concurrency gate on running members, a member that blocks elsewhere
 * letting a waiter run, the over-count after its wake, the next removal without a wait, membership by
 * the last port waited on, and close while waiting. Packets come from PostQueuedCompletionStatus.
 */
class CompletionPortTest {
    /** Key of the packet that tells a worker to return. */
    private static final long STOP = 0;

    /** Workers' shared view: the log, and how many of them are between a packet and their next GQCS. */
    private static final class Crew {
        final List<String> log = new ArrayList<>();
        int active;
        int peak;
    }

    /**
     * Starts a worker: GQCS INFINITE in a loop, logging "name key@ms" per packet, running {@code work(key)}
     * between packets, until a STOP packet. The main thread sleeps 1 ms after each start so that waiters
     * queue in start order.
     */
    private static long worker(Win32 w, long port, String name, Crew crew, LongConsumer work) {
        long h = w.CreateThread(null, 0, p -> {
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
            while (true) {
                assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, ov, INFINITE));
                if (key[0] == STOP) {
                    return 0;
                }
                crew.active++;
                crew.peak = Math.max(crew.peak, crew.active);
                crew.log.add(name + " " + key[0] + "@" + w.GetTickCount());
                work.accept(key[0]);
                crew.active--;
            }
        }, null, 0, null);
        w.Sleep(1);
        return h;
    }

    private static void post(Win32 w, long port, long... keys) {
        for (long k : keys) {
            assertEquals(TRUE, w.PostQueuedCompletionStatus(port, 0, k, null));
        }
    }

    private static void stopAndJoin(Win32 w, long port, long... threads) {
        for (int i = 0; i < threads.length; i++) {
            post(w, port, STOP);
        }
        assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(threads.length, threads, true, INFINITE));
    }

    /** Four workers w1..w4 on a port of {@code concurrency}, the keys posted at once, {@code ms} to work, then stopped. */
    private static Crew fourWorkers(int concurrency, long ms, LongConsumerOf work, long... keys) {
        Crew crew = new Crew();
        Fixture.run(w -> {
            long port = port(w, concurrency);
            long[] ts = new long[4];
            for (int i = 0; i < 4; i++) {
                ts[i] = worker(w, port, "w" + (i + 1), crew, work.of(w));
            }
            post(w, port, keys);
            w.Sleep((int) ms);
            stopAndJoin(w, port, ts);
        });
        return crew;
    }

    /** What a worker does with a key, given the API. */
    private interface LongConsumerOf {
        LongConsumer of(Win32 w);
    }

    private static long port(Win32 w, int concurrency) {
        long p = w.CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, concurrency);
        assertEquals(true, p != 0, "CreateIoCompletionPort");
        return p;
    }

    @Test
    void iocp19_waitersAreReleasedLifoAndPacketsTakenFifo() {
        Crew crew = new Crew();
        Fixture.run(w -> {
            long port = port(w, 4);
            long[] ts = {worker(w, port, "w1", crew, k -> w.Sleep(100)), worker(w, port, "w2", crew, k -> w.Sleep(100)),
                worker(w, port, "w3", crew, k -> w.Sleep(100))};
            post(w, port, 1, 2, 3);
            w.Sleep(50);
            stopAndJoin(w, port, ts);
        });
        // the most recent waiter (w3) gets the oldest packet (1)
        assertEquals(List.of("w3 1@3", "w2 2@3", "w1 3@3"), crew.log);
    }

    @Test
    void iocp19_aMembersNextRemovalTakesTheNextPacketAtOnceAheadOfTheWaiters() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long port = port(w, 1);
            Crew idle = new Crew();
            long waiter = worker(w, port, "waiter", idle, k -> { });
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
            assertEquals(FALSE, w.GetQueuedCompletionStatus(port, bytes, key, ov, 0)); // main joins the port, running
            post(w, port, 1, 2); // main counts (1 = the limit): both stay queued, the waiter waits on
            for (int i = 0; i < 2; i++) {
                long before = w.GetTickCount();
                assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, ov, INFINITE));
                log.add("main got " + key[0] + " after " + (w.GetTickCount() - before) + "ms");
            }
            log.add("waiter so far: " + idle.log);
            stopAndJoin(w, port, waiter); // main blocks in the join: the waiter takes STOP
        });
        assertEquals(List.of("main got 1 after 0ms", "main got 2 after 0ms", "waiter so far: []"), log);
    }

    @Test
    void iocp19_concurrencyOneWithFourWorkersRunsOneAtATimeAndKeepsTheSameThread() {
        Crew crew = fourWorkers(1, 100, w -> k -> w.compute(Durations.millis(10)), 1, 2, 3, 4, 5, 6);
        assertEquals(1, crew.peak);
        assertEquals(List.of("w4 1@4", "w4 2@14", "w4 3@24", "w4 4@34", "w4 5@44", "w4 6@54"), crew.log);
    }

    @Test
    void iocp19_twoProcessorsAndConcurrencyZeroRunAtMostTwoWorkers() {
        // 0: the number of processors, 2 in the default configuration
        Crew crew = fourWorkers(0, 100, w -> k -> w.compute(Durations.millis(10)), 1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(2, crew.peak);
        assertEquals(List.of("w4 1@4", "w3 2@4", "w4 3@14", "w3 4@14", "w4 5@24", "w3 6@24", "w4 7@34", "w3 8@34"), crew.log);
    }

    @Test
    void iocp19_aWorkerBlockedInSleepLetsAThirdRunAndTheCountExceedsTheLimitAfterItsWake() {
        Crew crew = fourWorkers(2, 200, w -> k -> {
            if (k == 99) {
                w.Sleep(20); // blocks: stops counting, and the port releases another waiter
            } else {
                w.compute(Durations.millis(10));
            }
        }, 99, 1, 2, 3, 4, 5);
        // w4 sleeps with 99; w3 (1) and then w2 (2) run beside it: three workers with packets at once
        assertEquals(3, crew.peak);
        assertEquals(List.of("w4 99@4", "w3 1@4", "w2 2@4", "w3 3@14", "w2 4@14", "w4 5@24"), crew.log);
    }

    @Test
    void iocp19_aWokenMemberPushesTheCountPastTheLimitAndNoWaiterIsReleasedUntilItFallsBelow() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long port = port(w, 1);
            long event = w.CreateEvent(null, false, false, null);
            Crew crew = new Crew();
            long[] ws = {worker(w, port, "waiter", crew, k -> w.compute(Durations.millis(10)))};
            long blocker = w.CreateThread(null, 0, p -> {
                int[] bytes = new int[1];
                long[] key = new long[1];
                WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
                w.GetQueuedCompletionStatus(port, bytes, key, ov, INFINITE);
                log.add("blocker " + key[0] + "@" + w.GetTickCount());
                w.WaitForSingleObject(event, INFINITE); // stops counting: the waiter may run
                log.add("blocker woke@" + w.GetTickCount());
                w.compute(Durations.millis(30)); // counts again: 2 running with a limit of 1
                w.GetQueuedCompletionStatus(port, bytes, key, ov, INFINITE);
                log.add("blocker " + key[0] + "@" + w.GetTickCount());
                return 0;
            }, null, 0, null);
            w.Sleep(1);
            post(w, port, 1); // the blocker waited last: it takes 1 and blocks on the event
            w.Sleep(1);
            post(w, port, 2); // the waiter takes it
            w.Sleep(2);
            w.SetEvent(event); // the blocker wakes: 2 running
            w.Sleep(1);
            post(w, port, 3); // no one is released: the count is at 2 >= 1
            w.WaitForSingleObject(blocker, INFINITE);
            log.addAll(crew.log);
            stopAndJoin(w, port, ws);
        });
        // the waiter's next GQCS (at 12) finds 3 queued but the count (the blocker) at the limit: it waits;
        // the blocker's own GQCS (at 35) drops the count to 0 and takes 3 itself
        assertEquals(List.of("blocker 1@2", "blocker woke@5", "blocker 3@35", "waiter 2@3"), log);
    }

    @Test
    void iocp19_aThreadBelongsToThePortItLastWaitedOn() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long a = port(w, 1);
            long b = port(w, 1);
            Crew crew = new Crew();
            long waiter = worker(w, a, "waiter", crew, k -> { });
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
            post(w, a, 7);
            // the waiter took 7 and waits again; main takes nothing but joins port a as a running member
            assertEquals(FALSE, w.GetQueuedCompletionStatus(a, bytes, key, ov, 0));
            post(w, a, 8); // main runs (count 1 = limit): 8 stays queued
            w.compute(Durations.millis(5)); // (a Sleep would block main, and the waiter would take 8 then)
            log.add("queued while main counts: " + crew.log);
            assertEquals(FALSE, w.GetQueuedCompletionStatus(b, bytes, key, ov, 5)); // main leaves a: the waiter takes 8
            log.add("after main moved to b: " + crew.log);
            stopAndJoin(w, a, waiter);
        });
        assertEquals(List.of("queued while main counts: [waiter 7@1]", "after main moved to b: [waiter 7@1, waiter 8@6]"), log);
    }

    @Test
    void aMemberThatEndsStopsCounting() {
        Crew crew = new Crew();
        Fixture.run(w -> {
            long port = port(w, 1);
            long waiter = worker(w, port, "waiter", crew, k -> { });
            long once = w.CreateThread(null, 0, p -> {
                w.GetQueuedCompletionStatus(port, new int[1], new long[1], new WSAOVERLAPPED[1], INFINITE);
                w.compute(Durations.millis(10));
                return 0; // ends while counted: the waiter may take what was queued meanwhile
            }, null, 0, null);
            w.Sleep(1);
            post(w, port, 1, 2);
            w.WaitForSingleObject(once, INFINITE);
            w.Sleep(1);
            stopAndJoin(w, port, waiter);
        });
        assertEquals(List.of("waiter 2@12"), crew.log);
    }

    @Test
    void closingThePortReleasesEveryWaiterWithAbandonedWait() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long port = port(w, 0);
            long[] ts = new long[2];
            for (int i = 0; i < 2; i++) {
                String n = "w" + (i + 1);
                ts[i] = w.CreateThread(null, 0, p -> {
                    int[] bytes = {7};
                    long[] key = {8};
                    WSAOVERLAPPED[] ov = {new WSAOVERLAPPED()};
                    int ret = w.GetQueuedCompletionStatus(port, bytes, key, ov, INFINITE);
                    log.add(n + " " + ret + " " + Win32Error.of(w.GetLastError()) + " ov=" + ov[0] + " bytes=" + bytes[0]
                            + " key=" + key[0] + "@" + w.GetTickCount());
                    return 0;
                }, null, 0, null);
                w.Sleep(1);
            }
            w.Sleep(3);
            assertEquals(TRUE, w.CloseHandle(port));
            assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(2, ts, true, INFINITE));
            assertEquals(FALSE, w.GetQueuedCompletionStatus(port, new int[1], new long[1], new WSAOVERLAPPED[1], 0));
            log.add("after close: " + Win32Error.of(w.GetLastError()));
            assertEquals(FALSE, w.PostQueuedCompletionStatus(port, 0, 0, null));
            log.add("post after close: " + Win32Error.of(w.GetLastError()));
        });
        assertEquals(List.of("w2 0 ERROR_ABANDONED_WAIT_0 ov=null bytes=7 key=8@5", "w1 0 ERROR_ABANDONED_WAIT_0 ov=null bytes=7 key=8@5",
                "after close: ERROR_INVALID_HANDLE", "post after close: ERROR_INVALID_HANDLE"), log);
    }

    @Test
    void aTimeoutReturnsFalseWithNoOverlappedAndLeavesBytesAndKeyUntouched() {
        Fixture.run(w -> {
            long port = port(w, 0);
            int[] bytes = {1234};
            long[] key = {5678};
            WSAOVERLAPPED[] ov = {new WSAOVERLAPPED()};
            long before = w.GetTickCount();
            assertEquals(FALSE, w.GetQueuedCompletionStatus(port, bytes, key, ov, 50));
            assertEquals(Win32Error.WAIT_TIMEOUT.code, w.GetLastError());
            assertEquals(50, w.GetTickCount() - before);
            assertNull(ov[0]);
            assertEquals(1234, bytes[0]);
            assertEquals(5678, key[0]);
            ov[0] = new WSAOVERLAPPED();
            assertEquals(FALSE, w.GetQueuedCompletionStatus(port, bytes, key, ov, 0));
            assertEquals(Win32Error.WAIT_TIMEOUT.code, w.GetLastError());
            assertNull(ov[0]);
        });
    }

    @Test
    void iocp18_postedValuesComeBackUnchangedAndTheOverlappedIsNotTouched() {
        Fixture.run(w -> {
            long port = port(w, 0);
            WSAOVERLAPPED fake = new WSAOVERLAPPED();
            fake.Internal = 0x1111;
            fake.InternalHigh = 0x2222;
            w.SetLastError(4242);
            assertEquals(TRUE, w.PostQueuedCompletionStatus(port, 0xffffffff, 0x8000_0000_0000_0001L, fake));
            assertEquals(TRUE, w.PostQueuedCompletionStatus(port, 3, 0, null));
            int[] bytes = new int[1];
            long[] key = new long[1];
            WSAOVERLAPPED[] ov = new WSAOVERLAPPED[1];
            assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, ov, 0));
            assertEquals(0xffffffff, bytes[0]);
            assertEquals(0x8000_0000_0000_0001L, key[0]);
            assertSame(fake, ov[0]);
            assertEquals(0x1111, fake.Internal);
            assertEquals(0x2222, fake.InternalHigh);
            assertEquals(TRUE, w.GetQueuedCompletionStatus(port, bytes, key, ov, 0)); // TRUE with a NULL ov: a posted packet
            assertEquals(3, bytes[0]);
            assertNull(ov[0]);
            assertEquals(4242, w.GetLastError()); // kernel32 successes leave the last error alone
        });
    }

    @Test
    void getQueuedCompletionStatusExRemovesSeveralAtOnceAndAnAlertableOneRunsApcs() {
        List<String> log = new ArrayList<>();
        Fixture.run(w -> {
            long port = port(w, 0);
            post(w, port, 1, 2, 3);
            OVERLAPPED_ENTRY[] e = new OVERLAPPED_ENTRY[2];
            int[] n = new int[1];
            assertEquals(TRUE, w.GetQueuedCompletionStatusEx(port, e, 2, n, 0, false));
            log.add(n[0] + ": " + e[0].lpCompletionKey + "," + e[1].lpCompletionKey);
            assertEquals(TRUE, w.GetQueuedCompletionStatusEx(port, e, 2, n, 0, false));
            log.add(n[0] + ": " + e[0].lpCompletionKey);
            n[0] = 9;
            assertEquals(FALSE, w.GetQueuedCompletionStatusEx(port, e, 2, n, 10, false));
            log.add("timeout " + Win32Error.of(w.GetLastError()) + " removed " + n[0]);
            assertEquals(TRUE, w.QueueUserAPC(d -> log.add("apc " + d), w.GetCurrentThread(), 5));
            assertEquals(FALSE, w.GetQueuedCompletionStatusEx(port, e, 2, n, INFINITE, true));
            log.add("alerted " + Win32Error.of(w.GetLastError()) + " removed " + n[0]);
            assertEquals(FALSE, w.GetQueuedCompletionStatusEx(port, e, 0, n, 0, false));
            log.add("no room " + Win32Error.of(w.GetLastError()));
        });
        assertEquals(List.of("2: 1,2", "1: 3", "timeout WAIT_TIMEOUT removed 0", "apc 5", "alerted WAIT_IO_COMPLETION removed 0",
                "no room ERROR_INVALID_PARAMETER"), log);
    }

    @Test
    void aPlainWaitOnThePortSeesQueuedPacketsWithoutTakingOne() {
        Fixture.run(w -> {
            long port = port(w, 0);
            assertEquals(org.winsim.winsock.api.WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(port, 0));
            post(w, port, 1);
            assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(port, 0));
            long[] key = new long[1];
            assertEquals(TRUE, w.GetQueuedCompletionStatus(port, new int[1], key, new WSAOVERLAPPED[1], 0));
            assertEquals(1, key[0]);
        });
    }
}
