package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.sim.WinsockSession.check;

import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * The simulated datagram functions of one process (sendto, recvfrom): one short method per function,
 * each through the process's {@link ApiBoundary} into {@link DatagramSocket} (or, on a stream socket,
 * into {@link SocketIo} as send and recv, the address ignored as Windows ignores it there).
 */
final class DatagramApi {
    private final SimWin32 api;
    private final ApiBoundary b;
    private final WinsockSession ws;

    DatagramApi(SimWin32 api, ApiBoundary b, WinsockSession ws) {
        this.api = api;
        this.b = b;
        this.ws = ws;
    }

    int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        return (int) b.call("sendto", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            return sock.events.sending(len, () -> {
                api.checkBuffer("sendto", buf, off, len, "read");
                int n = send(sock, buf, off, len, flags, to, tolen);
                api.chargeCopy(n);
                return n;
            });
        }, "s", s, "len", len, "flags", flags, "to", to);
    }

    int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        return (int) b.call("recvfrom", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            return sock.events.reenabling(Winsock.FD_READ_BIT, () -> {
                api.checkBuffer("recvfrom", buf, off, len, "write");
                if (!(sock instanceof DatagramSocket d)) {
                    int n = sock.io.recv(buf, off, len, flags);
                    api.chargeCopy(n);
                    return n;
                }
                check(from != null && (fromlen == null || fromlen[0] < Winsock.SIZEOF_SOCKADDR_IN) ? WsaError.WSAEFAULT : null);
                return received(d.receive(buf, off, len, flags), from, fromlen);
            });
        }, "s", s, "len", len, "flags", flags);
    }

    /** A send on any socket: a datagram to {@code to} (or the peer), or the stream's send with the address ignored. */
    static int send(SimSocket sock, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        if (!(sock instanceof DatagramSocket d)) {
            return sock.io.send(buf, off, len, (flags & Winsock.MSG_OOB) != 0);
        }
        if (to != null) {
            check(WinsockContract.nameIn(to, tolen));
        }
        return d.sendTo(buf, off, len, to == null ? null : Endpoint.of(to));
    }

    /** A completed datagram receive's answer: its source written out, then its count or its failure (WSAEMSGSIZE). */
    int received(IoRequest r, sockaddr_in from, int[] fromlen) {
        if (from != null && fromlen != null && r.source != null) {
            from.sin_family = Winsock.AF_INET;
            from.sin_addr = r.source.addr();
            from.sin_port = r.source.port();
            fromlen[0] = Winsock.SIZEOF_SOCKADDR_IN;
        }
        api.chargeCopy(r.transferred);
        return r.result();
    }
}
