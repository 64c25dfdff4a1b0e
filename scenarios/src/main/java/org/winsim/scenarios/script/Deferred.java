package org.winsim.scenarios.script;

/**
 * A call whose outcome a later line checks: a spawned call now, an overlapped operation in later
 * verbs. The line that checks it waits at most its timeout for the call to complete.
 */
@FunctionalInterface
interface Deferred {
    /** The outcome once the call has completed, or null (PENDING) when it has not within {@code timeoutNanos} (-1: the default bound). */
    Outcome await(long timeoutNanos);
}
