package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.sim.WinsockSession.check;

import java.util.function.Consumer;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * The simulated datagram functions of one process (sendto, recvfrom, WSASendTo, WSARecvFrom, WSASendMsg): one
 * short method per function, each through the process's {@link ApiBoundary} into {@link DatagramSocket}
 * (or, on a stream socket, into {@link SocketIo} as send and recv, the address ignored as Windows
 * ignores it there); WSASendTo and WSARecvFrom with an OVERLAPPED go through {@link OverlappedApi}'s
 * {@link OverlappedIo}, which holds this facade, as WSASend and WSARecv do.
 */
final class DatagramApi {
    private final SimProcess process;
    private final ApiBoundary b;
    private final WinsockSession ws;
    private final OverlappedIo io;

    DatagramApi(SimProcess process, ApiBoundary b, WinsockSession ws, OverlappedIo io) {
        this.process = process;
        this.b = b;
        this.ws = ws;
        this.io = io;
    }

    int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        return (int) b.call("sendto", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            return sock.events.sending(len, () -> {
                process.api.checkBuffer("sendto", buf, off, len, "read");
                int n = send(sock, buf, off, len, flags, to, tolen);
                process.api.chargeCopy(n);
                return n;
            });
        }, "s", s, "len", len, "flags", flags, "to", to);
    }

    int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        return (int) b.call("recvfrom", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            return sock.events.reenabling(Winsock.FD_READ_BIT, () -> {
                process.api.checkBuffer("recvfrom", buf, off, len, "write");
                checkSource(from, fromlen);
                int n = receive(sock, buf, off, len, flags, source(from, fromlen));
                process.api.chargeCopy(n);
                return n;
            });
        }, "s", s, "len", len, "flags", flags);
    }

    int WSASendTo(long s, WSABUF[] bufs, int n, int[] sent, int flags, sockaddr_in to, int tolen, WSAOVERLAPPED ov,
                  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSASendTo", SOCKET_ERROR, () -> gatherSend("WSASendTo", ws.socket(s), bufs, n, sent, flags, to, tolen, ov,
                routine), "s", s, "buffers", n, "flags", flags, "to", to, "ov", ov, "routine", routine != null);
    }

    /**
     * WSASendMsg: WSASendTo with the message's buffers and name, for datagram sockets only (a stream socket
     * is WSAEINVAL, ERR-22); control data is not modelled and is ignored. Given a message, it binds an unbound
     * socket before anything else can fail it (no byte count: WSAEFAULT, the socket bound all the same; Wine
     * sock.c {@code test_WSASendMsg}); a NULL message binds nothing.
     */
    int WSASendMsg(long s, WSAMSG msg, int flags, int[] sent, WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSASendMsg", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(msg == null ? WsaError.WSAEFAULT : null);
            if (!(sock instanceof DatagramSocket d)) {
                throw WsaFailure.of(WsaError.WSAEINVAL);
            }
            d.bindImplicitly(); // WUD-04: a call with a message binds the socket, even one that then fails
            return gatherSend("WSASendMsg", sock, msg.lpBuffers, msg.dwBufferCount, sent, flags, msg.name, msg.namelen, ov, routine);
        }, "s", s, "buffers", msg == null ? null : msg.dwBufferCount, "flags", flags, "to", msg == null ? null : msg.name, "ov", ov,
                "routine", routine != null);
    }

    /** WSASendTo's and WSASendMsg's body: the buffers gathered into one send, at once or through the OVERLAPPED. */
    private int gatherSend(String fn, SimSocket sock, WSABUF[] bufs, int n, int[] sent, int flags, sockaddr_in to, int tolen,
                           WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        int total = io.total(fn, bufs, n, "read");
        byte[] data = WSABUF.gather(bufs, n);
        if (ov == null) {
            OverlappedIo.requireCount(sent); // ERR-22: checked before anything is sent or bound
            sent[0] = send(sock, data, 0, total, flags, to, tolen);
            process.api.chargeCopy(total);
            return 0;
        }
        OverlappedCompletion t = io.target(fn, sock, ov, routine, null);
        try {
            return io.issue(sock, t, () -> sendOverlapped(sock, data, 0, total, flags, to, tolen, t), sent);
        } finally { // a send that pends (WSA_IO_PENDING is thrown) copied its bytes too
            process.api.chargeCopy(total);
        }
    }

    int WSARecvFrom(long s, WSABUF[] bufs, int n, int[] recvd, int[] flags, sockaddr_in from, int[] fromlen, WSAOVERLAPPED ov,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSARecvFrom", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            int total = io.total("WSARecvFrom", bufs, n, "write");
            check(flags == null ? WsaError.WSAEFAULT : null);
            checkSource(from, fromlen);
            byte[] into = n == 1 ? bufs[0].buf : new byte[total];
            int off = n == 1 ? bufs[0].off : 0;
            int f = flags[0];
            Consumer<Endpoint> source = source(from, fromlen);
            if (ov == null) {
                return receiveNow(sock, bufs, n, into, off, total, source, recvd, flags);
            }
            ReceiveFlags.check(sock, f, true); // before the OVERLAPPED is taken: a refused call leaves it and its event alone
            OverlappedCompletion t = io.target("WSARecvFrom", sock, ov, routine, n == 1 ? null : OverlappedIo.snapshot(bufs, n));
            int r = io.issue(sock, t, () -> receiveOverlapped(sock, into, off, total, f, source, t), recvd);
            flags[0] = 0;
            return r;
        }, "s", s, "buffers", n, "flags", flags == null ? null : flags[0], "ov", ov, "routine", routine != null);
    }

    /**
     * The blocking or non-blocking part of WSARecv and WSARecvFrom: one receive into the buffers; a
     * datagram cut to them fills them and then fails the call with WSAEMSGSIZE (IO-17).
     */
    int receiveNow(SimSocket sock, WSABUF[] bufs, int n, byte[] into, int off, int total, Consumer<Endpoint> source,
                   int[] recvd, int[] flags) {
        OverlappedIo.requireCount(recvd);
        int f = flags[0];
        IoRequest r = null;
        if (sock instanceof DatagramSocket d) {
            ReceiveFlags.check(sock, f, false);
            r = d.receive(into, off, total, f, source);
        }
        int got = r != null ? r.transferred : receive(sock, into, off, total, f, null);
        if (n > 1) { // with WSAEMSGSIZE too: the buffers were filled
            WSABUF.scatter(into, got, bufs);
        }
        recvd[0] = got;
        flags[0] = 0;
        process.api.chargeCopy(got);
        if (r != null) {
            r.result(); // a datagram cut to the buffers fails the call now, after its bytes were delivered
        }
        return 0;
    }

    // ---- the socket's part ----

    /** connect on any socket: a datagram socket's sets its default peer at once; a stream's connects. */
    static void connect(SimSocket sock, Endpoint dst) {
        if (sock instanceof DatagramSocket d) {
            d.connect(dst);
        } else {
            sock.io.connect(dst);
        }
    }

    /** A send on any socket: a datagram to {@code to} (or the peer), or the stream's send with the address ignored. */
    static int send(SimSocket sock, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        if (!(sock instanceof DatagramSocket d)) {
            return sock.io.send(buf, off, len, (flags & Winsock.MSG_OOB) != 0);
        }
        noUrgentData(flags);
        if (to != null) {
            check(WinsockContract.nameIn(to, tolen));
        }
        return d.sendTo(buf, off, len, to == null ? null : Endpoint.of(to));
    }

    /** An overlapped send: a datagram's completes in its call, being on its way (a stream's may pend). */
    static IoRequest sendOverlapped(SimSocket sock, byte[] data, int off, int len, int flags, sockaddr_in to, int tolen,
                                    OverlappedCompletion t) {
        if (!(sock instanceof DatagramSocket)) {
            return sock.io.sendOverlapped(data, off, len, flags, t);
        }
        noUrgentData(flags);
        IoRequest r = new IoRequest(IoRequest.Kind.SEND, sock, sock.sim.currentThread(), data, off, len, 0, t);
        r.transferred = send(sock, data, off, len, flags, to, tolen);
        return r.completeAtOnce();
    }

    /** An overlapped receive (its flags already checked by the caller: {@link ReceiveFlags}): one datagram or the stream's receive. */
    static IoRequest receiveOverlapped(SimSocket sock, byte[] into, int off, int len, int flags, Consumer<Endpoint> source,
                                       OverlappedCompletion t) {
        return sock instanceof DatagramSocket d ? d.receiveOverlapped(into, off, len, flags, source, t)
                : sock.io.recvOverlapped(into, off, len, flags, t);
    }

    /**
     * A receive on any socket into one buffer: one datagram (its source to {@code source}; one cut to the
     * buffer fails with WSAEMSGSIZE, the buffer filled), or the stream's recv.
     */
    static int receive(SimSocket sock, byte[] buf, int off, int len, int flags, Consumer<Endpoint> source) {
        ReceiveFlags.check(sock, flags, false);
        if (sock instanceof DatagramSocket d) {
            return d.receive(buf, off, len, flags, source).result();
        }
        return (flags & Winsock.MSG_OOB) != 0 ? sock.io.recvOob(buf, off, len) : sock.io.recv(buf, off, len, flags);
    }

    /** MSG_OOB on a send from a socket that is not stream-style: WSAEOPNOTSUPP (a receive checks it in {@link DatagramSocket}). */
    private static void noUrgentData(int flags) {
        check((flags & Winsock.MSG_OOB) != 0 ? WsaError.WSAEOPNOTSUPP : null);
    }

    /** A source address to be written: a {@code from} needs a length of at least a sockaddr_in (else WSAEFAULT). */
    private static void checkSource(sockaddr_in from, int[] fromlen) {
        check(from != null && (fromlen == null || fromlen[0] < Winsock.SIZEOF_SOCKADDR_IN) ? WsaError.WSAEFAULT : null);
    }

    /** Where a datagram's source goes: into {@code from} and {@code fromlen[0]}, or nowhere without them. */
    static Consumer<Endpoint> source(sockaddr_in from, int[] fromlen) {
        if (from == null || fromlen == null) {
            return null;
        }
        return ep -> {
            from.sin_family = Winsock.AF_INET;
            from.sin_addr = ep.addr();
            from.sin_port = ep.port();
            fromlen[0] = Winsock.SIZEOF_SOCKADDR_IN;
        };
    }
}
