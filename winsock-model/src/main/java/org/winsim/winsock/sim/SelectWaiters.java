package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code select} and {@code WSAPoll} calls ({@link AfdPoll}s) waiting on one socket, each with the
 * readiness kinds it asks about: the socket's signals tell those whose kinds they may change (step (c)
 * of the socket's fan-out).
 */
final class SelectWaiters {
    private final List<AfdPoll.Interest> waiting = new ArrayList<>(1);
    /** The select set being resolved that last named the socket: only a socket named again needs its handles compared. */
    Object mark;

    void add(AfdPoll.Interest i) {
        waiting.add(i);
    }

    void remove(AfdPoll.Interest i) {
        waiting.remove(i);
    }

    /** Tells the poll waits interested in these readiness kinds that they may have changed. */
    void changed(int kinds) {
        for (int i = 0; i < waiting.size(); i++) {
            AfdPoll.Interest w = waiting.get(i);
            if ((w.kinds & kinds) != 0 && w.poll.socketChanged()) {
                i = -1; // the satisfied poll left every socket's list: start over on what remains
            }
        }
    }
}
