package org.winsim.winsock.sim;

import java.util.Arrays;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Durations;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;

/**
 * An object the handle table names: a socket, an event, a thread. The waitable ones are dispatcher
 * objects that the wait functions accept.
 */
abstract class KernelObject extends DispatcherObject {
    /** Its first handle, which names it in traces and reports. */
    long handle;
    /** How many handles of its process's table name it; it is closed when the last one is (DuplicateHandle). */
    int handleCount;
    /** Which thread created the object (its name then) and when, for leak reports; formatted only for one. */
    String creatorThread = "?";
    long createdAt;

    /** Who created the object and when, as a leak report says it. */
    String creator() {
        return creatorThread + " at t=" + Durations.stamp(createdAt) + "s";
    }
    /** The name of the process whose handle table holds it (null until it has a handle). */
    String owner;

    /** Whether the wait functions accept this object. */
    boolean isWaitable() {
        return false;
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return false;
    }

    /** The handle is closed: release what the object holds. */
    void closeHandle() {
    }

    abstract String kind();

    /**
     * Traces a record about this object; the caller checks that tracing is on. A record made in kernel
     * context names the owning process ({@code process=}), so that the report tells this process's
     * {@code event(0x10c)} from another's (docs/architecture.md, "Trace records").
     */
    final void trace(Simulation sim, String kind, String... fields) {
        String[] f = fields;
        if (sim.currentThreadOrNull() == null && owner != null) {
            f = Arrays.copyOf(fields, fields.length + 2);
            f[fields.length] = "process";
            f[fields.length + 1] = owner;
        }
        sim.trace(kind, f);
    }

    @Override
    public String toString() {
        return kind() + "(0x" + Long.toHexString(handle) + ")";
    }
}
