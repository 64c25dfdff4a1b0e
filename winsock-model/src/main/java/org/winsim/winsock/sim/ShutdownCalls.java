package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;

import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.Ws2_32Functions;

/**
 * The shutdown part of {@link SimWin32}'s facade: {@code shutdown} and its Winsock 2 forms
 * WSASendDisconnect and WSARecvDisconnect, through the {@link ApiBoundary} into {@link SimSocket#shutdown}.
 * Kept in a file of its own so that the facade stays short.
 *
 * <p>The two WSA forms are shutdown(SD_SEND) and shutdown(SD_RECEIVE) with disconnect data for the
 * protocols that carry it. TCP and UDP do not: msafd's WSPRecvDisconnect finds none and leaves the buffer
 * as it is; its WSPSendDisconnect hands a non-empty buffer to AFD first, which keeps it on a connection (TCP
 * never sends it) and refuses it on a datagram socket or once receives are shut
 * ({@link WinsockContract#disconnectData}; Wine ignores the data: docs/divergences.md).
 */
interface ShutdownCalls extends Ws2_32Functions {
    /** The process's boundary. */
    ApiBoundary boundary();

    /** The process's Winsock session, which names its sockets. */
    WinsockSession winsock();

    @Override
    default int shutdown(long s, int how) {
        return shutdown("shutdown", s, how, null, "how", how);
    }

    @Override
    default int WSASendDisconnect(long s, WSABUF lpOutboundDisconnectData) {
        return shutdown("WSASendDisconnect", s, Winsock.SD_SEND, lpOutboundDisconnectData, "data", dataArg(lpOutboundDisconnectData));
    }

    @Override
    default int WSARecvDisconnect(long s, WSABUF lpInboundDisconnectData) {
        return shutdown("WSARecvDisconnect", s, Winsock.SD_RECEIVE, null, "data", dataArg(lpInboundDisconnectData));
    }

    /**
     * One of the three: {@code outbound} is WSASendDisconnect's data (null for the others, which have none to
     * refuse); {@code arg}/{@code value} is the call's second argument as the trace shows it.
     */
    private int shutdown(String fn, long s, int how, WSABUF outbound, String arg, Object value) {
        return (int) boundary().call(fn, SOCKET_ERROR, () -> {
            SimSocket sock = winsock().socket(s);
            WinsockSession.check(WinsockContract.disconnectData(outbound, sock instanceof DatagramSocket, sock.sdReceive));
            sock.shutdown(how);
            return 0;
        }, "s", s, arg, value);
    }

    private static String dataArg(WSABUF data) {
        return data == null ? "NULL" : "len=" + data.len;
    }
}
