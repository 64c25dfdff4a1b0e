package org.winsim.sim;

/** A test object for the dispatcher: a semaphore ({@link #post}: one permit) that {@link #open} turns into a manual-reset event. */
class Gate extends DispatcherObject {
    private final Simulation sim;
    private int permits;
    private boolean open;

    Gate(Simulation sim) {
        this.sim = sim;
    }

    /** Waits for a permit (or the open gate); returns the dispatcher's result: 0, TIMEOUT or ALERTED. */
    int await(String what, long timeoutNanos) {
        return Dispatcher.waitOne(sim, this, timeoutNanos, false, what);
    }

    /** Adds one permit; returns how many waiters that released (0 or 1). */
    int post() {
        permits++;
        return signal(sim);
    }

    /** Opens the gate for good; returns how many waiters that released. */
    int open() {
        open = true;
        return signal(sim);
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return open || permits > 0;
    }

    @Override
    protected Object acquire(SimThread waiter) {
        if (!open) {
            permits--;
        }
        return null;
    }
}
