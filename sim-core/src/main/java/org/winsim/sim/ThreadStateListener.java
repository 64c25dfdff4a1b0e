package org.winsim.sim;

/**
 * Told when a thread stops running because it blocks in a wait, when a wait of it ends (it becomes
 * ready), and when it ends. An NT completion port keeps its count of running threads with it: a thread
 * that blocks or ends stops counting ({@code KiActivateWaiterQueue}), one that wakes counts again.
 */
public interface ThreadStateListener {
    /** The thread blocks in a wait on {@code waitingOn}. */
    void onBlocked(SimThread t, Object waitingOn);

    /** The thread's wait ended (signalled, timed out or alerted): it is ready to run again. */
    void onWoken(SimThread t);

    /** The thread has ended (returned, failed or was ended with its process) while running: it will neither block nor wake again. */
    default void onExited(SimThread t) {
    }
}
