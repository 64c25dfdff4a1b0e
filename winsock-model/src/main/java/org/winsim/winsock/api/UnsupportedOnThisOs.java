package org.winsim.winsock.api;

/**
 * A call or option with no equivalent on the OS a backend runs on (or that a profile models): a case
 * that needs it is reported as skipped with this reason, never as passed or failed.
 */
public final class UnsupportedOnThisOs extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedOnThisOs(String what, String os) {
        super(what + " is not supported on " + os, null, false, false);
    }
}
