package org.winsim.winsock.sim;

import static org.winsim.winsock.sim.WinsockSession.check;

import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * WSADuplicateSocket and WSASocket from the WSAPROTOCOL_INFO it filled: the provider duplicates the
 * socket's handle into the target process (a handle ws2_32 does not know yet, as DuplicateHandle makes) and
 * WSASocket registers it, giving a second descriptor of the same socket. The socket, and the I/O pending
 * on it, lives until its last handle is closed (IOCP-10).
 */
final class SocketDuplication {
    private final SimProcess process;
    private final WinsockSession ws;

    SocketDuplication(SimProcess process, WinsockSession ws) {
        this.process = process;
        this.ws = ws;
    }

    /** GetCurrentProcessId: the process's id, which WSADuplicateSocket takes. */
    int processId() {
        return process.id;
    }

    /**
     * WSADuplicateSocket for {@code processId}: only the calling process is modelled. The socket is checked
     * first, then the process id, then the info pointer (Wine sock.c {@code test_WSADuplicateSocket}); the
     * info names the socket's own type and protocol.
     */
    void duplicate(long s, int processId, WSAPROTOCOL_INFO info) {
        SimSocket sock = ws.socket(s);
        check(processId != process.id ? WsaError.WSAEINVAL : null);
        check(info == null ? WsaError.WSAEFAULT : null);
        boolean datagram = sock instanceof DatagramSocket;
        info.iAddressFamily = Winsock.AF_INET;
        info.iSocketType = datagram ? Winsock.SOCK_DGRAM : Winsock.SOCK_STREAM;
        info.iProtocol = datagram ? Winsock.IPPROTO_UDP : Winsock.IPPROTO_TCP;
        info.dwProviderReserved = process.handles.duplicate(sock);
    }

    /** WSASocket with WSADuplicateSocket's protocol info: the handle it reserved, now a socket descriptor (once). */
    long open(WSAPROTOCOL_INFO info) {
        ws.requireStarted();
        long h = info.dwProviderReserved;
        if (!(process.handles.get(h) instanceof SimSocket) || process.handles.isWinsockSocket(h)) {
            throw WsaFailure.of(WsaError.WSAEINVAL); // not from WSADuplicateSocket, or used already
        }
        process.handles.registerSocket(h);
        return h;
    }
}
