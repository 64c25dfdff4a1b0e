package org.winsim.winsock.sim.net;

/**
 * The TCP stack's choices where operating systems differ: buffer sizes, the listen queue and the
 * connection timers.
 *
 * @param defaultSndBuf SO_SNDBUF of a new socket
 * @param defaultRcvBuf SO_RCVBUF of a new socket
 * @param minSndBuf smallest send buffer the stack keeps, whatever SO_SNDBUF asked (after any doubling)
 * @param minRcvBuf smallest receive buffer the stack keeps, whatever SO_RCVBUF asked (after any doubling)
 * @param maxBacklog the queue length SOMAXCONN or any larger backlog gives
 * @param backlogSlack connections a listen queue holds beyond its backlog (Linux holds backlog + 1)
 * @param refuseWhenBacklogFull whether a SYN to a full queue is answered with RST (else dropped and retried)
 * @param synRetriesOnReset how often a SYN answered by RST is sent again before connect fails
 * @param synRetryIntervalNanos the wait before a SYN is sent again
 * @param connectTimeoutNanos when a connect that never hears back fails with WSAETIMEDOUT
 * @param resetOnCloseWithUnreadData whether closesocket with unread received data sends RST instead of FIN
 * @param rcvWindowPercent the share of the receive buffer a connection offers as its window: the rest is
 *     the stack's own bookkeeping (Linux starts a connection at half, its default scaling ratio)
 * @param timeWaitNanos how long the side that closed first stays in TIME_WAIT (2 MSL)
 * @param timeWaitHoldsPort whether a connection in TIME_WAIT keeps its local port from a bind without
 *     SO_REUSEADDR (Linux); on Windows only the connection's four-tuple is held and bind succeeds
 * @param defaultTtl the IP TTL a new socket's packets carry (IP_TTL): Windows' DefaultTTL 128, Linux's ip_default_ttl 64
 * @param keepAlive a new socket's keep-alive timing (TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT)
 * @param ackDelay when data received over a network is acknowledged (over loopback: at once)
 */
public record TcpProfile(int defaultSndBuf, int defaultRcvBuf, int minSndBuf, int minRcvBuf, int maxBacklog,
                         int backlogSlack, boolean refuseWhenBacklogFull, int synRetriesOnReset, long synRetryIntervalNanos,
                         long connectTimeoutNanos, boolean resetOnCloseWithUnreadData, int rcvWindowPercent,
                         long timeWaitNanos, boolean timeWaitHoldsPort, int defaultTtl, KeepAlive keepAlive,
                         AckDelay ackDelay) {
    /**
     * Keep-alive timing: idle seconds before the first probe, seconds between probes, probes before the
     * connection is dropped.
     */
    public record KeepAlive(int idleSeconds, int intervalSeconds, int probes) {
    }

    /**
     * Delayed acknowledgement: a data segment's ACK waits until {@code segments} segments have arrived
     * unacknowledged or {@code timerNanos} has passed, unless data leaves first and carries it.
     */
    public record AckDelay(int segments, long timerNanos) {
    }
}
