package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.sim.Fixture.pair;

import org.junit.jupiter.api.Test;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WsaError;

/** What a call costs its thread in CPU: its call cost at once, and the copy of the bytes it moved with its thread's next charge. */
class CallCostTest {
    private static final long CALL = OsProfile.WINDOWS.costs().callCostNanos();

    private static long copy(long bytes) {
        return bytes * OsProfile.WINDOWS.costs().copyNanosPerKiB() / 1024;
    }

    @Test
    void aSendThatPendsCostsItsCopyAsOneThatCompletesAtOnce() {
        // (found by review: a pending WSASend skipped its copy's charge, the charge coming after the pending throw)
        Fixture.run(w -> {
            Simulation sim = ((SimWin32) w).simulation();
            Fixture.Pair p = pair(w);
            byte[] data = new byte[100_000];
            for (int i = 0; i < 3; i++) { // the first completes at once; the buffers full, the next ones pend
                long cpu = sim.currentThread().cpuNanos();
                int r = w.WSASend(p.client(), new WSABUF[] {new WSABUF(data)}, 1, new int[1], 0, new WSAOVERLAPPED(), null);
                assertEquals(i == 0 ? 0 : -1, r, "send " + i);
                if (i > 0) {
                    assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
                }
                w.GetTickCount(); // pays what the call left owing
                assertEquals(CALL + copy(100_000), sim.currentThread().cpuNanos() - cpu, "send " + i);
            }
        });
    }

    @Test
    void aBlockingWSASendReturnsAfterItsCallCostAndItsCopyIsPaidByTheNextReadingOfTheClock() {
        Fixture.run(w -> {
            Simulation sim = ((SimWin32) w).simulation();
            Fixture.Pair p = pair(w);
            int size = 100_000;
            long t0 = sim.now();
            int[] sent = {0};
            assertEquals(0, w.WSASend(p.client(), new WSABUF[] {new WSABUF(new byte[size])}, 1, sent, 0, null, null));
            assertEquals(size, sent[0]);
            long t1 = sim.now();
            assertEquals(CALL, t1 - t0, "it returns after its call cost");
            w.GetTickCount();
            assertEquals(copy(size), sim.now() - t1, "the clock a thread reads is past the copies it made");
            w.GetTickCount();
            assertEquals(copy(size), sim.now() - t1, "and paid once");
        });
    }
}
