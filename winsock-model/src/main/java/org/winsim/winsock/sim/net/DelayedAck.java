package org.winsim.winsock.sim.net;

import org.winsim.sim.OrderedEvents;
import org.winsim.sim.ScheduledEvent;

/**
 * The delayed acknowledgement of received data (RFC 1122 4.2.3.2): the ACK of a data segment waits, for
 * data of the receiver's own to ride on, until another segment arrives or a timer runs out (Windows:
 * TcpAckFrequency 2 and a 200 ms timer). Any segment the connection sends carries the ACK and ends the wait.
 * The timers of a network's connections share one line (they all have the same delay, so they come due in
 * the order they are set): setting and cancelling one touches no other.
 */
final class DelayedAck {
    private final OrderedEvents timers;
    private final TcpProfile.AckDelay policy;
    /** Sends the pure ACK when the timer runs out. */
    private final Runnable sendAck;
    private ScheduledEvent timer;
    /** Data segments received since the last segment sent. */
    private int unacknowledged;

    DelayedAck(OrderedEvents timers, TcpProfile.AckDelay policy, Runnable sendAck) {
        this.timers = timers;
        this.policy = policy;
        this.sendAck = sendAck;
    }

    /** A data segment arrived: true when its ACK must go now, else the timer is running for it. */
    boolean dataArrived() {
        if (++unacknowledged >= policy.segments()) {
            return true;
        }
        if (timer == null) {
            timer = timers.schedule(policy.timerNanos(), () -> {
                timer = null;
                unacknowledged = 0;
                sendAck.run();
            });
        }
        return false;
    }

    /** The connection sent a segment: it acknowledged everything received, so nothing waits any more. */
    void sent() {
        unacknowledged = 0;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
