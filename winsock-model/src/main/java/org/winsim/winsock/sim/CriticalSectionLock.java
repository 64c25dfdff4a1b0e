package org.winsim.winsock.sim;

import org.winsim.sim.DispatcherObject;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;

/**
 * The state behind a CRITICAL_SECTION: a recursive lock with an owner thread. A thread that finds it
 * held waits; leaving hands the lock to the longest waiter at that moment.
 */
final class CriticalSectionLock extends DispatcherObject {
    final int id;
    SimThread owner;
    int recursion;

    CriticalSectionLock(int id) {
        this.id = id;
    }

    /** The owner leaves for the last time: the lock goes to the next waiter, if any. */
    void release(Simulation sim) {
        owner = null;
        signal(sim);
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return owner == null || owner == waiter;
    }

    @Override
    protected Object acquire(SimThread waiter) {
        owner = waiter;
        recursion++;
        return null;
    }

    @Override
    public String toString() {
        return "critical section #" + id + (owner == null ? "" : " held by " + owner);
    }
}
