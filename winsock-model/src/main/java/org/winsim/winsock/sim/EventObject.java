package org.winsim.winsock.sim;

import org.winsim.sim.Simulation;

/** A Win32 event object: manual-reset (stays signaled) or auto-reset (one satisfied wait resets it). */
final class EventObject extends KernelObject {
    private final Simulation sim;
    final boolean manualReset;
    private boolean signaled;

    EventObject(Simulation sim, boolean manualReset, boolean initialState) {
        this.sim = sim;
        this.manualReset = manualReset;
        this.signaled = initialState;
    }

    void set() {
        signaled = true;
        waiters.wakeAll(sim);
    }

    void reset() {
        signaled = false;
    }

    @Override
    boolean isSignaled() {
        return signaled;
    }

    @Override
    void acquire() {
        if (!manualReset) {
            signaled = false;
        }
    }

    @Override
    boolean isWaitable() {
        return true;
    }

    @Override
    String kind() {
        return "event";
    }
}
