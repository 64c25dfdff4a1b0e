package org.winsim.sim;

/** What one simulated thread did in a run, as reported at its end. */
public record ThreadStats(int id, String name, ThreadState state, long cpuNanos, long contextSwitches,
                         long spawnTime, long exitTime, long wakes) {
    static ThreadStats of(SimThread t) {
        return new ThreadStats(t.id(), t.name(), t.state(), t.cpuNanos(), t.contextSwitches(), t.spawnTime(), t.exitTime(), t.wakes());
    }
}
