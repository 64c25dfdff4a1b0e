package org.winsim.winsock.sim;

import java.util.ArrayDeque;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;

/**
 * A thread's user-mode APC queue: routines queued to it (QueueUserAPC, and completion routines) that run,
 * oldest first, only when the thread enters an alertable wait. While tracing, each queued APC is an
 * {@code APC queued=} record whose link id ({@code apc<n>}) its {@code APC run=} record repeats.
 */
final class ApcQueue {
    /** The APCs queued, oldest first; null until the first (most threads never have one). */
    private ArrayDeque<Runnable> apcs;
    private final Simulation sim;
    /** The thread whose queue it is. */
    private final SimThread thread;

    ApcQueue(Simulation sim, SimThread thread) {
        this.sim = sim;
        this.thread = thread;
    }

    /** An APC queued while tracing, with the number of the record that queued it. */
    private record Traced(Runnable apc, long link) implements Runnable {
        @Override
        public void run() {
            apc.run();
        }

        @Override
        public String toString() {
            return apc.toString();
        }
    }

    void add(Runnable apc) {
        if (apcs == null) {
            apcs = new ArrayDeque<>();
        }
        if (sim.trace().enabled()) {
            long link = sim.trace().recordCount(); // the number of the APC record just below
            sim.trace("APC", "queued", apc.toString(), "to", thread.name(), "link", "apc" + link);
            apcs.addLast(new Traced(apc, link));
        } else {
            apcs.addLast(apc);
        }
    }

    boolean isEmpty() {
        return apcs == null || apcs.isEmpty();
    }

    /**
     * Runs every queued APC, including those queued while they run; returns whether any ran. What the
     * thread owes (the copies its routines made) is paid before it returns, and APCs queued meanwhile run
     * too, so the caller's alertable wait that follows misses none.
     */
    boolean drain(Simulation sim) {
        boolean ran = false;
        while (true) {
            Runnable apc = apcs == null ? null : apcs.pollFirst();
            if (apc == null) {
                if (sim.payOwedCpu()) {
                    continue;
                }
                return ran;
            }
            if (sim.trace().enabled()) {
                if (apc instanceof Traced t) {
                    sim.trace("APC", "run", apc.toString(), "link", "apc" + t.link());
                } else {
                    sim.trace("APC", "run", apc.toString());
                }
            }
            apc.run();
            ran = true;
        }
    }
}
