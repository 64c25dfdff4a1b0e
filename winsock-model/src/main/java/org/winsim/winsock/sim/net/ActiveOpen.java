package org.winsim.winsock.sim.net;

import org.winsim.sim.ScheduledEvent;
import org.winsim.winsock.api.WsaError;

/**
 * The connecting side of a TCP handshake (an active open): the SYN, sent again after 1, 2, 4... intervals
 * while unanswered (a full listen queue that drops SYNs), again after a RST as often as the profile
 * says (Windows: twice, a second apart, then WSAECONNREFUSED), and the connect timeout (WSAETIMEDOUT).
 */
final class ActiveOpen {
    private final Tcb tcb;
    private final Network net;
    private final Endpoint target;
    /** The host that owns the target address, or null when none does (only the timeout ends the attempt). */
    private final Host targetHost;
    private int attempts;
    private ScheduledEvent timeout;
    /**
     * The one SYN due next, unless the handshake ends first: a retransmission, or the retry after a RST, which
     * replaces it. The connection leaving SYN_SENT cancels it ({@link #ended}), so when it fires it is due.
     */
    private ScheduledEvent nextSyn;

    ActiveOpen(Tcb tcb, Endpoint target, Host targetHost) {
        this.tcb = tcb;
        this.net = tcb.net;
        this.target = target;
        this.targetHost = targetHost;
    }

    /** Sends the SYN (the first time, starting the connect timeout) and arms its retransmission. */
    void sendSyn() {
        attempts++;
        if (attempts == 1) {
            timeout = net.sim.schedule(net.profile.connectTimeoutNanos(), () -> tcb.connectFailed(WsaError.WSAETIMEDOUT));
        }
        if (tcb.pipe == null || targetHost == null) {
            return; // no route: only the connect timeout ends it
        }
        net.sendSyn(tcb, tcb.pipe, targetHost, target);
        long backoff = net.profile.synRetryIntervalNanos() << Math.min(attempts - 1, 20);
        nextSyn = net.sim.schedule(backoff, this::sendSyn);
    }

    /** The SYN found no listener: a RST travels back; the profile decides whether the SYN is retried. */
    void refused(Host at) {
        net.sendControl(net.route(at, tcb.local.addr()), target, tcb.local, "RST,ACK", () -> {
            if (tcb.state != TcpState.SYN_SENT) {
                return;
            }
            if (attempts <= net.profile.synRetriesOnReset()) {
                nextSyn.cancel();
                nextSyn = net.sim.schedule(net.profile.synRetryIntervalNanos(), this::sendSyn);
            } else {
                tcb.connectFailed(WsaError.WSAECONNREFUSED);
            }
        });
    }

    /**
     * The connection left SYN_SENT (connected, refused, timed out or abandoned): neither the timeout nor another
     * SYN is due (a timer left behind would keep a deadlocked run going until it fired, and report it that late).
     */
    void ended() {
        timeout.cancel();
        if (nextSyn != null) {
            nextSyn.cancel();
        }
    }
}
