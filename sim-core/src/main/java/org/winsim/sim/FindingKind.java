package org.winsim.sim;

/** The kinds of problem that end a run early instead of letting it hang or fail silently. */
public enum FindingKind {
    /** Threads that must finish are blocked and nothing is scheduled that could wake them. */
    DEADLOCK,
    /** A simulated thread's code threw an exception. */
    THREAD_FAILED,
    /** The next event lies beyond the run's virtual-time limit. */
    TIME_LIMIT,
    /** The run fired more events than its limit allows. */
    EVENT_LIMIT,
    /** The program under simulation broke a rule of the simulated system (a leaked handle, a bad wait). */
    PROGRAM_ERROR,
    /** The host stopped the run (its wall-clock limit): a limit of winsim, not a finding about the program. */
    ABORTED
}
