package org.winsim.realbackend.wine;

/**
 * Wine or the mingw-w64 compiler is missing on this machine, so the Wine agent cannot run: the
 * message says what is missing and what to install. A test that needs the agent reports itself
 * skipped with this message, never passed.
 */
public final class WineUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WineUnavailable(String message) {
        super(message, null, false, false);
    }
}
