package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.FD_MAX_EVENTS;

import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Winsock;

/**
 * A WSAEventSelect binding: the events selected, the event object they signal, and the socket's
 * network event record that WSAEnumNetworkEvents reads and clears. Each report sets the event bit in
 * the record with its error and sets the event object. The record outlives the selection: a later
 * WSAEventSelect takes it over, and WSAEnumNetworkEvents takes from it only the events selected now
 * (WEV-01; the documentation says a new selection clears it, Wine's test_accept_events shows it does not).
 */
final class EventSelect implements NotificationBinding {
    private final Simulation sim;
    private final EventObject event;
    private final int mask;
    /** Events recorded since the last WSAEnumNetworkEvents, with their errors. */
    private int recorded;
    private final int[] recordedErrors = new int[FD_MAX_EVENTS];

    EventSelect(Simulation sim, EventObject event, int mask) {
        this.sim = sim;
        this.event = event;
        this.mask = mask;
    }

    @Override
    public int mask() {
        return mask;
    }

    @Override
    public void deliver(int bit, int error) {
        recorded |= 1 << bit;
        recordedErrors[bit] = error;
        if (sim.trace().enabled()) {
            sim.trace("FD", "event", Winsock.fdNames(1 << bit), "error", Integer.toString(error),
                    "signals", event.toString());
        }
        event.set();
    }

    @Override
    public boolean reportsEachOccurrence() {
        return true;
    }

    /** WSAEventSelect reads AFD's event record (EVT-15). */
    @Override
    public boolean learnsByPolling() {
        return false;
    }

    @Override
    public boolean reportsAfterFailedCall() {
        return false;
    }

    /** An event already reported is not recorded again by a new selection; FD_CONNECT is, when it was never reported. */
    @Override
    public boolean reportsAtRegistration(int bit, boolean alreadyReported) {
        return !alreadyReported;
    }

    /**
     * An earlier WSAEventSelect's record stays (not yet enumerated, it was not consumed), and a selection
     * that takes in an event it holds sets the event object at once, as AFD does (WEV-01).
     */
    @Override
    public void takeOver(NotificationBinding previous) {
        if (previous instanceof EventSelect earlier) {
            recorded = earlier.recorded;
            System.arraycopy(earlier.recordedErrors, 0, recordedErrors, 0, FD_MAX_EVENTS);
            if ((recorded & mask) != 0 && event != null) {
                event.set();
            }
        }
    }

    @Override
    public NotificationBinding forAccepted(SimSocket child) {
        return new EventSelect(sim, event, mask);
    }

    /**
     * WSAEnumNetworkEvents: copies the recorded events selected now (an error only for each bit set; the
     * other entries keep what the caller had, EVT-01) and clears them; events recorded under an earlier
     * mask and not selected now stay for a later selection (WEV-01).
     */
    void enumerate(WSANETWORKEVENTS out) {
        int taken = recorded & mask;
        out.lNetworkEvents = taken;
        for (int i = 0; i < FD_MAX_EVENTS; i++) {
            if ((taken & (1 << i)) != 0) {
                out.iErrorCode[i] = recordedErrors[i];
            }
        }
        recorded &= ~taken;
    }
}
