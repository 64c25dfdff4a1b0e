package org.winsim.winsock.sim;

import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;

/**
 * A Win32 event object: manual-reset (stays signalled, releasing every waiter) or auto-reset (the one
 * wait it satisfies resets it, at the moment it is set — a later waiter cannot take it).
 */
final class EventObject extends KernelObject {
    private final Simulation sim;
    final boolean manualReset;
    private boolean signaled;

    EventObject(Simulation sim, boolean manualReset, boolean initialState) {
        this.sim = sim;
        this.manualReset = manualReset;
        this.signaled = initialState;
    }

    /** SetEvent: satisfies the waits it can now (all of them, or one for an auto-reset event). */
    void set() {
        signaled = true;
        traceState();
        signal(sim);
    }

    /** ResetEvent. */
    void reset() {
        signaled = false;
        traceState();
    }

    /** An OBJECT record (docs/architecture.md, "Trace records"): the event's lane in the HTML report. */
    private void traceState() {
        if (sim.trace().enabled()) {
            trace(sim, "OBJECT", "obj", toString(), "state", signaled ? "signaled" : "nonsignaled");
        }
    }

    boolean isSet() {
        return signaled;
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return signaled;
    }

    @Override
    protected Object acquire(SimThread waiter) {
        if (!manualReset) {
            signaled = false;
            traceState();
        }
        return null;
    }

    @Override
    boolean isWaitable() {
        return true;
    }

    @Override
    void closeHandle() {
        if (sim.trace().enabled()) {
            trace(sim, "OBJECT", "obj", toString(), "state", "closed");
        }
    }

    @Override
    String kind() {
        return "event";
    }
}
