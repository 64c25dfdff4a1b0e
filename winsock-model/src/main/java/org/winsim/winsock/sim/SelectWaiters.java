package org.winsim.winsock.sim;

import java.util.Arrays;

/**
 * The {@code select} and {@code WSAPoll} calls ({@link AfdPoll}s) waiting on one socket, each with the
 * readiness kinds it asks about: the socket's signals tell those whose kinds they may change (step (c)
 * of the socket's fan-out).
 */
final class SelectWaiters {
    private static final AfdPoll.Interest[] NONE = {};
    /** The waiting polls' interests, in the order they started waiting: {@code waiting[0..count)}. */
    private AfdPoll.Interest[] waiting = NONE;
    private int count;
    /** The select set being resolved that last named the socket: only a socket named again needs its handles compared. */
    Object mark;

    void add(AfdPoll.Interest i) {
        if (count == waiting.length) {
            waiting = Arrays.copyOf(waiting, Math.max(1, 2 * count));
        }
        waiting[count++] = i;
    }

    void remove(AfdPoll.Interest i) {
        for (int k = 0; k < count; k++) {
            if (waiting[k] == i) {
                System.arraycopy(waiting, k + 1, waiting, k, count - k - 1);
                waiting[--count] = null;
                return;
            }
        }
    }

    /** Tells the poll waits interested in these readiness kinds that they may have changed. */
    void changed(int kinds) {
        for (int i = 0; i < count; i++) {
            AfdPoll.Interest w = waiting[i];
            if ((w.kinds & kinds) != 0 && w.poll.socketChanged()) {
                i = -1; // the satisfied poll left every socket's list: start over on what remains
            }
        }
    }
}
