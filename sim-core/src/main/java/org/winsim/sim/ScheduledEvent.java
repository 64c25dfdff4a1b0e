package org.winsim.sim;

/**
 * An action scheduled to run in the kernel at a virtual time; ties are broken by the order of scheduling.
 *
 * <p>A cancelled event leaves the queue at once (O(log n), the order of the others unchanged), so
 * timeouts that never fire (waits satisfied early) do not pile up; one waiting behind the first of an
 * {@link OrderedEvents} line leaves the line's count at once and its deque when it reaches the front.
 */
public final class ScheduledEvent {
    final long time;
    final long seq;
    final Runnable action;
    /** Housekeeping that does not by itself keep a run going (see {@link Simulation#scheduleBackground}). */
    final boolean background;
    /** The queue holding the event until it fires, or null once it has left it. */
    EventQueue queue;
    /** The event's slot in its queue's heap while it is there. */
    int index = -1;
    /** The line of ordered events the event waits in (in the queue as its first, or behind it), or null. */
    OrderedEvents line;

    ScheduledEvent(long time, long seq, Runnable action, boolean background) {
        this.time = time;
        this.seq = seq;
        this.action = action;
        this.background = background;
    }

    /** The virtual time, in nanoseconds, at which the event fires. */
    public long time() {
        return time;
    }

    /** Stops the event from firing; does nothing if it has fired already. */
    public void cancel() {
        if (queue != null) {
            queue.remove(this);
            if (line != null) {
                line.firstGone();
            }
        } else if (line != null) {
            line.cancelledBehind(this);
        }
    }

}
