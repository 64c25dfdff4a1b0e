package org.winsim.winsock.sim;

import org.winsim.sim.DispatcherObject;
import org.winsim.sim.SimThread;

/**
 * An object the handle table names: a socket, an event, a thread. The waitable ones are dispatcher
 * objects that the wait functions accept.
 */
abstract class KernelObject extends DispatcherObject {
    long handle;
    /** Which thread created the object and when, for leak reports. */
    String creator = "?";

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
