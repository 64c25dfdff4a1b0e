package org.winsim.sim;

/**
 * Thrown inside a simulated thread to end it at once, quietly: {@code ExitThread}, or the end of
 * the process the thread belongs to. The kernel treats it as a normal return, not a failure.
 */
public final class ThreadExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ThreadExit(String why) {
        super(why, null, false, false);
    }
}
