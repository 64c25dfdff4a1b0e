package org.winsim.sim;

/**
 * The wait side of the dispatcher ({@code KeWaitForMultipleObjects}): a thread waits for any or all of
 * several {@link DispatcherObject}s, with a virtual timeout and optionally alertable. A wait that can
 * be satisfied at once is, without blocking; otherwise the thread's wait blocks join each object's
 * queue and the object that becomes signalled satisfies the wait and hands the thread its result. A wait
 * first pays the CPU its thread owes ({@link Simulation#payOwedCpu}), so it looks at its objects as they are
 * once the thread has computed. An alertable wait must find nothing owed: its caller, which knows what an
 * alert would deliver, paid before it looked for that.
 */
public final class Dispatcher {
    /** The wait timed out. */
    public static final int TIMEOUT = -1;
    /** An alertable wait was alerted (a user APC was queued to the thread). */
    public static final int ALERTED = -2;

    private Dispatcher() {
    }

    /** Waits for one object; returns 0, {@link #TIMEOUT} or {@link #ALERTED}. */
    public static int waitOne(Simulation sim, DispatcherObject object, long timeoutNanos, boolean alertable, Object waitingOn) {
        return waitAny(sim, new DispatcherObject[] {object}, 1, timeoutNanos, alertable, waitingOn);
    }

    /**
     * Waits until one of {@code objects[0..count)} is signalled: returns the lowest index of a signalled
     * object (checked at once) or the index of the object that satisfied the wait later, {@link #TIMEOUT}
     * or {@link #ALERTED}. What the object handed out is {@link SimThread#waitPayload()}.
     *
     * @param timeoutNanos virtual nanoseconds; 0 only polls; negative waits forever
     */
    public static int waitAny(Simulation sim, DispatcherObject[] objects, int count, long timeoutNanos, boolean alertable,
                              Object waitingOn) {
        SimThread t = sim.currentThread();
        payFirst(sim, t, alertable);
        t.waitPayload = null;
        for (int i = 0; i < count; i++) {
            if (objects[i].isSignaledFor(t)) {
                t.waitPayload = objects[i].acquire(t);
                return i;
            }
        }
        return block(sim, t, new Wait(t, objects, count, false), timeoutNanos, alertable, waitingOn);
    }

    /** Waits until all of {@code objects[0..count)} are signalled at once, then takes them all: 0, {@link #TIMEOUT} or {@link #ALERTED}. */
    public static int waitAll(Simulation sim, DispatcherObject[] objects, int count, long timeoutNanos, boolean alertable,
                              Object waitingOn) {
        SimThread t = sim.currentThread();
        payFirst(sim, t, alertable);
        t.waitPayload = null;
        Wait w = new Wait(t, objects, count, true);
        if (w.allSignaled()) {
            w.acquireAll();
            return 0;
        }
        return block(sim, t, w, timeoutNanos, alertable, waitingOn);
    }

    /**
     * Pays what the thread owes before the wait looks at its objects. An alertable wait's caller pays before
     * it looks at the thread's APCs: an APC queued while the thread paid here would find it running, and the
     * wait would block without it.
     */
    private static void payFirst(Simulation sim, SimThread t, boolean alertable) {
        if (alertable && t.cpuOwed > 0) {
            throw new IllegalStateException(t + " enters an alertable wait owing " + t.cpuOwed
                    + " ns of CPU: its caller pays (Simulation.payOwedCpu) before it looks at the thread's APCs");
        }
        sim.payOwedCpu();
    }

    private static int block(Simulation sim, SimThread t, Wait w, long timeoutNanos, boolean alertable, Object waitingOn) {
        if (timeoutNanos == 0) {
            return TIMEOUT;
        }
        w.link();
        t.wait = w;
        WakeReason r = sim.park(waitingOn, timeoutNanos, alertable);
        return switch (r) {
            case SIGNALED -> w.result;
            case TIMEOUT -> TIMEOUT;
            case ALERTED -> ALERTED;
        };
    }
}
