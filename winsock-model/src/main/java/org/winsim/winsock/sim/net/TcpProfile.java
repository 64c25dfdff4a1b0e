package org.winsim.winsock.sim.net;

/**
 * The TCP stack's choices where operating systems differ: buffer sizes, the listen queue and the
 * connection timers.
 *
 * @param defaultSndBuf SO_SNDBUF of a new socket
 * @param defaultRcvBuf SO_RCVBUF of a new socket
 * @param minSndBuf smallest effective SO_SNDBUF (before any read-back doubling)
 * @param minRcvBuf smallest effective SO_RCVBUF (before any read-back doubling)
 * @param maxBacklog the queue length SOMAXCONN or any larger backlog gives
 * @param backlogSlack connections a listen queue holds beyond its backlog (Linux holds backlog + 1)
 * @param refuseWhenBacklogFull whether a SYN to a full queue is answered with RST (else dropped and retried)
 * @param synRetriesOnReset how often a SYN answered by RST is sent again before connect fails
 * @param synRetryIntervalNanos the wait before a SYN is sent again
 * @param connectTimeoutNanos when a connect that never hears back fails with WSAETIMEDOUT
 * @param resetOnCloseWithUnreadData whether closesocket with unread received data sends RST instead of FIN
 */
public record TcpProfile(int defaultSndBuf, int defaultRcvBuf, int minSndBuf, int minRcvBuf, int maxBacklog,
                         int backlogSlack, boolean refuseWhenBacklogFull, int synRetriesOnReset, long synRetryIntervalNanos,
                         long connectTimeoutNanos, boolean resetOnCloseWithUnreadData) {
}
