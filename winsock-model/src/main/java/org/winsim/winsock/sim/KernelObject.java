package org.winsim.winsock.sim;

import org.winsim.sim.WaitList;

/** An object the handle table names: a socket, an event, a thread. Threads wait for it on its wait list. */
abstract class KernelObject {
    long handle;
    /** Which thread created the object and when, for leak reports. */
    String creator = "?";
    final WaitList waiters = new WaitList();

    /** Whether a wait on this object is satisfied now. */
    boolean isSignaled() {
        return false;
    }

    /** A wait was satisfied by this object: an auto-reset event resets itself here. */
    void acquire() {
    }

    /** Whether the wait functions accept this object. */
    boolean isWaitable() {
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
