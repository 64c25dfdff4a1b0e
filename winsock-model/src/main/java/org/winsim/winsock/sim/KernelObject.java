package org.winsim.winsock.sim;

import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Durations;
import org.winsim.sim.SimThread;

/**
 * An object the handle table names: a socket, an event, a thread. The waitable ones are dispatcher
 * objects that the wait functions accept.
 */
abstract class KernelObject extends DispatcherObject {
    long handle;
    /** Which thread created the object (its name then) and when, for leak reports; formatted only for one. */
    String creatorThread = "?";
    long createdAt;

    /** Who created the object and when, as a leak report says it. */
    String creator() {
        return creatorThread + " at t=" + Durations.stamp(createdAt) + "s";
    }

    /** Whether the wait functions accept this object. */
    boolean isWaitable() {
        return false;
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return false;
    }

    /** The handle is closed: release what the object holds. */
    void closeHandle() {
    }

    abstract String kind();

    @Override
    public String toString() {
        return kind() + "(0x" + Long.toHexString(handle) + ")";
    }
}
