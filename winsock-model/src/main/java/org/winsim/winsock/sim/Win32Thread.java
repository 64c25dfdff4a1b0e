package org.winsim.winsock.sim;

/** What Win32 keeps per thread: its process, its last error and its thread object. */
final class Win32Thread {
    final SimProcess process;
    final ThreadObject object;
    int lastError;
    /** User-mode APCs queued to the thread, run in order by its next alertable wait. */
    final java.util.ArrayDeque<Runnable> apcs = new java.util.ArrayDeque<>();

    Win32Thread(SimProcess process, ThreadObject object) {
        this.process = process;
        this.object = object;
    }

    /** Runs every queued APC, oldest first, including those queued while they run; returns whether any ran. */
    boolean runApcs(org.winsim.sim.Simulation sim) {
        boolean ran = false;
        Runnable apc;
        while ((apc = apcs.pollFirst()) != null) {
            sim.trace("APC", "run", "user");
            apc.run();
            ran = true;
        }
        return ran;
    }
}
