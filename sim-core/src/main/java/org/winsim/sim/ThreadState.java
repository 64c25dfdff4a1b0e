package org.winsim.sim;

/** The scheduling state of a simulated thread. */
public enum ThreadState {
    /** On the run queue, waiting for a free processor. */
    READY,
    /** Holds a processor: running Java code, consuming CPU, or being switched in. */
    RUNNING,
    /** Parked in a wait; holds no processor. */
    BLOCKED,
    /** Returned, failed or ended with the run. */
    DONE
}
