package org.winsim.winsock.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winsim.sim.Dispatcher;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;

/**
 * An AFD poll request (IOCTL_AFD_POLL), the wait both {@code select} and {@code WSAPoll} are built on:
 * it watches some sockets and is answered at the moment a socket's signal makes its owner's evaluation
 * find something to report. A zero timeout does not wait at all (AFD completes the request at once), so
 * only a poll that has to wait waits alertably, running queued APCs and going on waiting (SEL-14).
 */
abstract class AfdPoll extends DispatcherObject {
    /** A poll's interest in one socket: the readiness kinds ({@link SimSocket#READ} …) whose signals may change its answer. */
    static final class Interest {
        final AfdPoll poll;
        final int kinds;

        Interest(AfdPoll poll, int kinds) {
            this.poll = poll;
            this.kinds = kinds;
        }
    }

    private final Map<SimSocket, Interest> interests = new LinkedHashMap<>();
    private boolean answered;
    final Simulation sim;

    AfdPoll(Simulation sim) {
        this.sim = sim;
    }

    /** Looks at every watched socket and keeps what it finds; returns whether the call has its answer. */
    abstract boolean evaluate();

    /** Evaluates now; returns whether the call has its answer. */
    final boolean evaluateNow() {
        answered = evaluate();
        return answered;
    }

    /** Registers interest in the signal kinds that can change the answer for a socket (a close or a reset signals every kind). */
    final void watch(SimSocket s, int kinds) {
        Interest old = interests.get(s);
        interests.put(s, new Interest(this, old == null ? kinds : old.kinds | kinds));
    }

    /**
     * Waits for an answer: not at all for a zero timeout, else alertably (APCs run and the wait goes
     * on) for up to {@code timeoutNanos} ({@link Simulation#INFINITE}: no limit). Returns whether an
     * answer came (false: the time ran out).
     */
    final boolean await(long timeoutNanos, String what) {
        if (timeoutNanos == 0) {
            return false;
        }
        for (Map.Entry<SimSocket, Interest> en : interests.entrySet()) {
            en.getKey().selectWaiters().add(en.getValue());
        }
        int r = Win32Thread.current(sim).waitKeepGoing(this, timeoutNanos, what);
        unregister();
        return r != Dispatcher.TIMEOUT;
    }

    /** A watched socket signalled a change this poll waits for: answers now if its evaluation finds something. */
    final boolean socketChanged() {
        if (answered || !evaluateNow()) {
            return false;
        }
        unregister();
        signal(sim);
        return true;
    }

    private void unregister() {
        for (Map.Entry<SimSocket, Interest> en : interests.entrySet()) {
            en.getKey().selectWaiters().remove(en.getValue());
        }
        interests.clear();
    }

    @Override
    protected final boolean isSignaledFor(SimThread waiter) {
        return answered;
    }
}
