package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEAFNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAEPROTONOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAESOCKTNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSANOTINITIALISED;

import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/** A process's use of Winsock: its WSAStartup count and the sockets its handles name. */
final class WinsockSession {
    private final SimProcess process;
    int startups;

    WinsockSession(SimProcess process) {
        this.process = process;
    }

    /** Fails unless WSAStartup has been called (WSANOTINITIALISED). */
    void requireStarted() {
        if (startups == 0) {
            throw WsaFailure.of(WSANOTINITIALISED);
        }
    }

    /** The socket a handle names: WSANOTINITIALISED before WSAStartup, WSAENOTSOCK for anything else. */
    SimSocket socket(long s) {
        SimSocket sock = socketOrNull(s);
        if (sock == null) {
            throw WsaFailure.of(WSAENOTSOCK);
        }
        return sock;
    }

    /** The socket a handle names, or null when it names none (a WSAPoll entry's POLLNVAL); WSANOTINITIALISED before WSAStartup. */
    SimSocket socketOrNull(long s) {
        requireStarted();
        if (process.handles.get(s) instanceof SimSocket sock && process.handles.isWinsockSocket(s)) {
            return sock; // a DuplicateHandle copy names the socket, but ws2_32 never registered it
        }
        return null;
    }

    /**
     * socket(): a TCP or UDP socket of this process, found in Windows' protocol catalogue as WSASocket finds
     * it (Wine sock.c {@code test_WSASocket}): AF_UNSPEC with protocol 0 is WSAEINVAL; then an unknown type is
     * WSAESOCKTNOSUPPORT, before an unknown family WSAEAFNOSUPPORT, before a protocol no entry of that type has
     * WSAEPROTONOSUPPORT. A type or family of 0 matches any entry, protocol 0 the type's default (TCP first).
     * The catalogue here holds AF_INET's TCP and UDP entries only (no IPv6, no raw sockets).
     */
    SimSocket create(int af, int type, int protocol) {
        requireStarted();
        if (af == Winsock.AF_UNSPEC && protocol == 0) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (type != 0 && type != Winsock.SOCK_STREAM && type != Winsock.SOCK_DGRAM) {
            throw WsaFailure.of(WSAESOCKTNOSUPPORT);
        }
        if (af != Winsock.AF_UNSPEC && af != Winsock.AF_INET) {
            throw WsaFailure.of(WSAEAFNOSUPPORT);
        }
        // ---- UDP ----: SOCK_DGRAM with protocol 0 or IPPROTO_UDP, or type 0 with IPPROTO_UDP, is a datagram socket
        boolean datagram = type == Winsock.SOCK_DGRAM || type == 0 && protocol == Winsock.IPPROTO_UDP;
        if (protocol != 0 && protocol != (datagram ? Winsock.IPPROTO_UDP : Winsock.IPPROTO_TCP)) {
            throw WsaFailure.of(WSAEPROTONOSUPPORT);
        }
        return datagram ? new DatagramSocket(process) : new SimSocket(process);
    }

    /** WSACleanup: the last one closes every socket of the process. */
    void cleanup() {
        requireStarted();
        if (--startups == 0) {
            for (long h : process.handles.openHandles()) {
                if (process.handles.isWinsockSocket(h)) {
                    process.closeHandle(h); // the socket closes with its last handle
                }
            }
        }
    }

    /** Throws a contract violation found by {@link org.winsim.winsock.api.WinsockContract}. */
    static void check(WsaError violation) {
        if (violation != null) {
            throw WsaFailure.of(violation);
        }
    }
}
