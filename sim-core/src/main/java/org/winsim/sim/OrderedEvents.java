package org.winsim.sim;

import java.util.ArrayDeque;

/**
 * A line of kernel events that come due in the order they are scheduled (the segments on one direction
 * of a link, which arrive in the order they were sent; the timers of one fixed delay): only the first
 * waits in the kernel's event queue and the others wait behind it, so a busy link's thousands of segments
 * in flight, or thousands of connections' delayed-ACK timers, cost the queue one entry. Each event still
 * takes its sequence number when it is scheduled, so events fire exactly when and in the order they would
 * from the queue alone; one that would come due before the last one in line (a fault delayed that one)
 * goes to the queue directly. A cancelled event behind the first leaves the line's count (the line skips it
 * when it comes to the front, or drops it sooner once most of what it holds is cancelled); a cancelled first
 * one leaves the queue and the next takes its place.
 */
public final class OrderedEvents {
    private final Simulation sim;
    /** Events behind the first, cancelled ones included (their {@code line} is null). */
    private final ArrayDeque<ScheduledEvent> behind = new ArrayDeque<>();
    /** The line's event in the kernel's queue, or null when the line is empty. */
    private ScheduledEvent first;
    /** Live events behind the first. */
    private int waiting;

    OrderedEvents(Simulation sim) {
        this.sim = sim;
    }

    /** Schedules an action to run in the kernel at {@code time}, no earlier than now. */
    public ScheduledEvent scheduleAt(long time, Runnable action) {
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
            waiting++;
        }
        return e;
    }

    /** Schedules an action to run in the kernel after a virtual delay (a negative one is refused as an event in the past). */
    public ScheduledEvent schedule(long delayNanos, Runnable action) {
        return scheduleAt(sim.now() + delayNanos, action);
    }

    /** The line's first event has left the kernel's queue, fired or cancelled: the next live one takes its place. */
    void firstGone() {
        first.line = null;
        first = null;
        for (ScheduledEvent e = behind.pollFirst(); e != null; e = behind.pollFirst()) {
            if (e.line == this) {
                waiting--;
                first = e;
                sim.enqueue(e);
                return;
            }
        }
    }

    /**
     * An event behind the first was cancelled: it leaves the line, and its deque entry goes when it reaches
     * the front, or sooner, when cancelled entries outnumber the live ones (a network's delayed-ACK timers
     * are nearly all cancelled, and each entry holds its connection's state through its action).
     */
    void cancelledBehind(ScheduledEvent e) {
        e.line = null;
        waiting--;
        if (behind.size() > 2 * waiting + 64) {
            behind.removeIf(b -> b.line != this);
        }
    }

    /** Entries the line's deque holds, cancelled ones included (for tests). */
    int held() {
        return behind.size();
    }

    /** Live events waiting behind the first. */
    int waiting() {
        return waiting;
    }
}
