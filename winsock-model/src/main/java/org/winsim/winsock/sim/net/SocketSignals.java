package org.winsim.winsock.sim.net;

import org.winsim.winsock.api.WsaError;

/**
 * What the network tells the socket above a connection or a listen queue: one typed event at a time,
 * at the moment it happens. This is the only way the network reaches a socket; the socket decides
 * whom it concerns (its pending requests, its notification binding, its waiters).
 */
public interface SocketSignals {
    /** An active open completed: the connection is established. */
    void connected();

    /** An active open failed: refused (WSAECONNREFUSED) or unanswered (WSAETIMEDOUT). */
    void connectFailed(WsaError error);

    /** A listen queue: a connection finished its handshake and waits to be accepted. */
    void connectionQueued();

    /** In-line data arrived in the receive buffer. */
    void dataArrived();

    /** An urgent byte arrived and waits out of line. */
    void urgentArrived();

    /** The peer acknowledged sent data (or the FIN): send buffer space was freed. */
    void sendSpace();

    /** The peer's FIN arrived: no more data will come. */
    void finReceived();

    /** The peer reset the connection: everything buffered is gone. */
    void resetReceived();
}
