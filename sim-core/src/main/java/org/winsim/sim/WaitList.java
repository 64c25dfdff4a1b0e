package org.winsim.sim;

import java.util.ArrayDeque;

/** A FIFO list of simulated threads parked on one condition, like a kernel wait queue. */
public final class WaitList {
    private final ArrayDeque<SimThread> waiters = new ArrayDeque<>();

    /**
     * Parks the current thread on this list until it is woken, the timeout passes or (if alertable)
     * it is alerted.
     *
     * @param timeoutNanos virtual nanoseconds to wait at most; negative waits forever
     */
    public WakeReason await(Simulation sim, Object waitingOn, long timeoutNanos, boolean alertable) {
        SimThread self = sim.currentThread();
        waiters.addLast(self);
        WakeReason reason = sim.park(waitingOn, timeoutNanos, alertable);
        if (reason != WakeReason.SIGNALED) {
            waiters.remove(self);
        }
        return reason;
    }

    /**
     * Parks the current thread on several lists at once until any of them wakes it (or the timeout,
     * or an alert), then takes it off all of them.
     */
    public static WakeReason awaitAny(Simulation sim, Iterable<WaitList> lists, Object waitingOn, long timeoutNanos,
                                      boolean alertable) {
        SimThread self = sim.currentThread();
        for (WaitList l : lists) {
            l.waiters.addLast(self);
        }
        WakeReason reason = sim.park(waitingOn, timeoutNanos, alertable);
        for (WaitList l : lists) {
            l.waiters.remove(self);
        }
        return reason;
    }

    /** Wakes the longest-waiting thread; returns whether there was one. */
    public boolean wakeOne(Simulation sim) {
        SimThread t;
        while ((t = waiters.pollFirst()) != null) {
            if (sim.wake(t)) {
                return true;
            }
        }
        return false;
    }

    /** Wakes every waiting thread, in the order they began to wait; returns how many. */
    public int wakeAll(Simulation sim) {
        int n = 0;
        SimThread t;
        while ((t = waiters.pollFirst()) != null) {
            if (sim.wake(t)) {
                n++;
            }
        }
        return n;
    }

}
