package org.winsim.sim;

/**
 * Told when a thread stops running because it blocks in a wait, and when a wait of it ends (it becomes
 * ready). An NT completion port keeps its count of running threads with it.
 */
public interface ThreadStateListener {
    /** The thread blocks in a wait on {@code waitingOn}. */
    void onBlocked(SimThread t, Object waitingOn);

    /** The thread's wait ended (signalled, timed out or alerted): it is ready to run again. */
    void onWoken(SimThread t);
}
