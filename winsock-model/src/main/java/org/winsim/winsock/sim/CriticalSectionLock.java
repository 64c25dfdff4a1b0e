package org.winsim.winsock.sim;

import org.winsim.sim.SimThread;
import org.winsim.sim.WaitList;

/** The state behind a CRITICAL_SECTION: a recursive lock with an owner thread and a FIFO of waiters. */
final class CriticalSectionLock {
    final int id;
    SimThread owner;
    int recursion;
    final WaitList waiters = new WaitList();

    CriticalSectionLock(int id) {
        this.id = id;
    }

    @Override
    public String toString() {
        return "critical section #" + id + (owner == null ? "" : " held by " + owner);
    }
}
