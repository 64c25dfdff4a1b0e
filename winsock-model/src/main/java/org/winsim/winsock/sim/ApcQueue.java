package org.winsim.winsock.sim;

import java.util.ArrayDeque;
import org.winsim.sim.Simulation;

/**
 * A thread's user-mode APC queue: routines queued to it (QueueUserAPC, and later completion routines)
 * that run, oldest first, only when the thread enters an alertable wait.
 */
final class ApcQueue {
    private final ArrayDeque<Runnable> apcs = new ArrayDeque<>();

    void add(Runnable apc) {
        apcs.addLast(apc);
    }

    boolean isEmpty() {
        return apcs.isEmpty();
    }

    /** Runs every queued APC, including those queued while they run; returns whether any ran. */
    boolean drain(Simulation sim) {
        boolean ran = false;
        Runnable apc;
        while ((apc = apcs.pollFirst()) != null) {
            if (sim.trace().enabled()) {
                sim.trace("APC", "run", apc.toString());
            }
            apc.run();
            ran = true;
        }
        return ran;
    }
}
