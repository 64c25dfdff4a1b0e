package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.FD_MAX_EVENTS;

import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Winsock;

/**
 * A WSAEventSelect binding: the events selected, the event object they signal, and the socket's
 * network event record that WSAEnumNetworkEvents reads and clears. Each report sets the event bit in
 * the record with its error and sets the event object.
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

    @Override
    public boolean reportsAfterFailedCall() {
        return false;
    }

    /** An event already reported is not recorded again by a new selection; FD_CONNECT is, when it was never reported. */
    @Override
    public boolean reportsAtRegistration(int bit, boolean alreadyReported) {
        return !alreadyReported;
    }

    @Override
    public NotificationBinding forAccepted(SimSocket child) {
        return new EventSelect(sim, event, mask);
    }

    /**
     * WSAEnumNetworkEvents: copies the record (an error only for each bit set; the other entries keep what
     * the caller had, EVT-01) and clears it.
     */
    void enumerate(WSANETWORKEVENTS out) {
        out.lNetworkEvents = recorded;
        for (int i = 0; i < FD_MAX_EVENTS; i++) {
            if ((recorded & (1 << i)) != 0) {
                out.iErrorCode[i] = recordedErrors[i];
            }
        }
        recorded = 0;
    }
}
