package org.winsim.winsock.sim;

import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * The flags a receive (recv, recvfrom, WSARecv, WSARecvFrom) accepts together. On Windows MSG_WAITALL
 * "will fail with WSAEOPNOTSUPP" beside MSG_OOB, MSG_PEEK or MSG_PARTIAL, on a socket in non-blocking mode,
 * and on a datagram socket (Microsoft's recv and WSARecv pages; the MSG_PEEK case was also seen on Windows
 * by others). An overlapped receive on a non-blocking socket is not refused: it goes asynchronous (Wine
 * afd.c {@code test_recv}). Checked after the arguments, before the socket's state: nothing is taken.
 */
final class ReceiveFlags {
    private static final int NOT_WITH_WAITALL = Winsock.MSG_OOB | Winsock.MSG_PEEK | Winsock.MSG_PARTIAL;

    private ReceiveFlags() {
    }

    /** Fails a receive of {@code flags} on {@code sock} that the profile's rules refuse; {@code overlapped}: it has an OVERLAPPED. */
    static void check(SimSocket sock, int flags, boolean overlapped) {
        if ((flags & Winsock.MSG_WAITALL) == 0 || !sock.profile.sockets().waitAllRestricted()) {
            return;
        }
        if ((flags & NOT_WITH_WAITALL) != 0 || sock instanceof DatagramSocket || sock.nonBlocking && !overlapped) {
            throw WsaFailure.of(WsaError.WSAEOPNOTSUPP);
        }
    }
}
