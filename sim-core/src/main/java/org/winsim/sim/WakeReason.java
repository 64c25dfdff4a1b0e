package org.winsim.sim;

/** Why a parked simulated thread was resumed. */
public enum WakeReason {
    /** Another thread or a kernel event woke it on purpose. */
    SIGNALED,
    /** The wait's virtual-time timeout expired first. */
    TIMEOUT,
    /** The wait was alertable and was interrupted by an alert (an APC, in Win32 terms). */
    ALERTED
}
