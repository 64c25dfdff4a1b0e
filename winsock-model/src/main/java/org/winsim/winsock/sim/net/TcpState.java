package org.winsim.winsock.sim.net;

/**
 * A TCP connection's state (RFC 793), with the transitions of the close handshake. The side that
 * closes first goes FIN_WAIT_1, FIN_WAIT_2 (its FIN acknowledged), TIME_WAIT (the peer's FIN
 * received); the other side CLOSE_WAIT (the peer's FIN received), LAST_ACK (its own FIN sent),
 * CLOSED. When both close at once each goes FIN_WAIT_1, CLOSING, TIME_WAIT. CLOSED is also where an
 * aborted, reset or failed connection ends: it answers anything with RST.
 */
public enum TcpState {
    SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT, CLOSED;

    /** The application closed its sending side (shutdown SD_SEND or closesocket): its FIN follows the queued data. */
    TcpState onCloseCalled() {
        return switch (this) {
            case ESTABLISHED -> FIN_WAIT_1;
            case CLOSE_WAIT -> LAST_ACK;
            default -> this;
        };
    }

    /** The peer acknowledged this side's FIN. */
    TcpState onFinAcknowledged() {
        return switch (this) {
            case FIN_WAIT_1 -> FIN_WAIT_2;
            case CLOSING -> TIME_WAIT;
            case LAST_ACK -> CLOSED;
            default -> this;
        };
    }

    /** The peer's FIN arrived. */
    TcpState onFinReceived() {
        return switch (this) {
            case ESTABLISHED -> CLOSE_WAIT;
            case FIN_WAIT_1 -> CLOSING;
            case FIN_WAIT_2 -> TIME_WAIT;
            default -> this;
        };
    }

    /** Whether data queued before this side's FIN may still be sent (the peer's FIN may come first: CLOSING). */
    boolean sendsData() {
        return this == ESTABLISHED || this == CLOSE_WAIT || this == FIN_WAIT_1 || this == CLOSING || this == LAST_ACK;
    }

    /** Whether the peer may still send data (its FIN has not arrived): window updates are worth sending. */
    boolean receivesData() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** Whether the connection is open at both ends' knowledge, so an abort must tell the peer with RST. */
    boolean abortSendsReset() {
        return this != SYN_SENT && this != TIME_WAIT && this != CLOSED;
    }
}
