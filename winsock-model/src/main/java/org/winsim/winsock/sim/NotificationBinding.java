package org.winsim.winsock.sim;

/**
 * A socket's one notification binding (WSAEventSelect's or WSAAsyncSelect's): which FD_ events it wants,
 * how it tells of one, and the few places where the two models report differently.
 */
interface NotificationBinding {
    /** The FD_ events selected ({@code lNetworkEvents} / {@code lEvent}); 0 cancels notification. */
    int mask();

    /** Tells of one event (its FD_x_BIT) and its error. */
    void deliver(int bit, int error);

    /** Whether a new occurrence is reported although the last one was not re-enabled yet (WSAEventSelect: EVT-19, EVT-27). */
    boolean reportsEachOccurrence();

    /** Whether a re-enabling call that failed re-reports an event that still holds (WSAAsyncSelect: EVT-21). */
    boolean reportsAfterFailedCall();

    /**
     * Whether the binding learns of events by polling AFD as select does (WSAAsyncSelect's helper thread)
     * rather than from AFD's event record (WSAEventSelect): it sees an unbound datagram socket writable,
     * and no FD_CONNECT on a datagram socket (EVT-15).
     */
    boolean learnsByPolling();

    /** Whether registering reports an event that holds, given whether it was already reported (EVT-04, EVT-12, EVT-13). */
    boolean reportsAtRegistration(int bit, boolean alreadyReported);

    /**
     * Takes over from the socket's earlier binding, or null, as the new selection replaces it: WSAEventSelect
     * keeps an earlier WSAEventSelect's record of events not yet enumerated, and sets its event object when
     * the record holds one it selects (WEV-01); WSAAsyncSelect starts afresh.
     */
    void takeOver(NotificationBinding previous);

    /** The same selection for a socket accepted from this one's listen queue (EVT-09). */
    NotificationBinding forAccepted(SimSocket child);
}
