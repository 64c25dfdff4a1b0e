package org.winsim.sim;

import java.util.ArrayDeque;

/**
 * A line of kernel events that come due in the order they are scheduled (the segments on one direction
 * of a link, which arrive in the order they were sent): only the first waits in the kernel's event queue
 * and the others wait behind it, so a busy link's thousands of segments in flight cost the queue one
 * entry. Each event still takes its sequence number when it is scheduled, so events fire exactly when
 * and in the order they would from the queue alone; one that would come due before the last one in line
 * (a fault delayed that one) goes to the queue directly. Events in a line cannot be cancelled (scheduling
 * returns none): the queue must never drop a line's first event without firing it, or the line would stop.
 */
public final class OrderedEvents {
    private final Simulation sim;
    private final ArrayDeque<ScheduledEvent> behind = new ArrayDeque<>();
    /** The line's event in the kernel's queue, or null when the line is empty. */
    private ScheduledEvent first;

    OrderedEvents(Simulation sim) {
        this.sim = sim;
    }

    /** Schedules an action to run in the kernel at {@code time}, no earlier than now. */
    public void scheduleAt(long time, Runnable action) {
        ScheduledEvent e = sim.newEvent(time, action);
        if (first == null) {
            e.line = this;
            first = e;
            sim.enqueue(e);
        } else if (e.time < (behind.isEmpty() ? first : behind.peekLast()).time) {
            sim.enqueue(e);
        } else {
            e.line = this;
            behind.addLast(e);
        }
    }

    /** The line's first event has left the kernel's queue to fire: the next in line takes its place. */
    void fired() {
        first = behind.pollFirst();
        if (first != null) {
            sim.enqueue(first);
        }
    }

    /** Events waiting behind the first. */
    int waiting() {
        return behind.size();
    }
}
