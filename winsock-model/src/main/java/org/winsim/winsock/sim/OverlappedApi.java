package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.sim.WinsockSession.check;

import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.LPFN_CONNECTEX;
import org.winsim.winsock.api.LPFN_DISCONNECTEX;
import org.winsim.winsock.api.LPFN_GETACCEPTEXSOCKADDRS;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.ApiBoundary.Ret;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * The simulated overlapped-I/O functions of one process (WSASocket, WSASend, WSARecv,
 * WSAGetOverlappedResult, WSAIoctl, GetOverlappedResult, CancelIo, CancelIoEx, and the extension
 * functions AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs that WSAIoctl hands out): one
 * short method per function, each through the process's {@link ApiBoundary} into {@link OverlappedIo},
 * {@link SocketIo}, {@link AcceptEx} or {@link SocketIoctl}.
 */
final class OverlappedApi {
    private final SimProcess process;
    private final ApiBoundary b;
    private final WinsockSession ws;
    private final OverlappedIo io;
    private final DatagramApi datagrams; // ---- UDP ----

    OverlappedApi(SimProcess process, ApiBoundary b, WinsockSession ws) {
        this.process = process;
        this.b = b;
        this.ws = ws;
        this.io = new OverlappedIo(process, b);
        this.datagrams = new DatagramApi(process, b, ws, io);
    }

    /** The datagram functions' facade (sendto, recvfrom, WSASendTo, WSARecvFrom, WSASendMsg), sharing this one's OverlappedIo. */
    DatagramApi datagrams() {
        return datagrams;
    }

    long WSASocket(int af, int type, int protocol, Object lpProtocolInfo, int g, int dwFlags) {
        return b.call("WSASocket", Ret.HANDLE, INVALID_SOCKET, () -> {
            if (g == 0 && lpProtocolInfo instanceof WSAPROTOCOL_INFO shared) { // duplicated handles and deferred accept
                return process.api.socketDuplication().open(shared);
            }
            if (lpProtocolInfo != null || g != 0) {
                throw WsaFailure.of(WsaError.WSAEINVAL);
            }
            SimSocket sock = ws.create(af, type, protocol);
            sock.overlappedCapable = (dwFlags & Winsock.WSA_FLAG_OVERLAPPED) != 0;
            return process.api.register(sock);
        }, null, "af", af, "type", type, "protocol", protocol, "dwFlags", dwFlags);
    }

    int WSASend(long s, WSABUF[] bufs, int n, int[] sent, int flags, WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSASend", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            int total = io.total("WSASend", bufs, n, "read");
            byte[] data = n == 1 ? bufs[0].buf : WSABUF.gather(bufs, n);
            int off = n == 1 ? bufs[0].off : 0;
            if (ov == null) {
                OverlappedIo.requireCount(sent);
                sent[0] = DatagramApi.send(sock, data, off, total, flags, null, 0); // ---- UDP ----: a datagram to the peer
                process.api.chargeCopy(total);
                return 0;
            }
            OverlappedCompletion t = io.target("WSASend", sock, ov, routine, null);
            try {
                return io.issue(sock, t, () -> DatagramApi.sendOverlapped(sock, data, off, total, flags, null, 0, t), sent);
            } finally { // a send that pends (WSA_IO_PENDING is thrown) copied its bytes too
                process.api.chargeCopy(total);
            }
        }, "s", s, "buffers", n, "flags", flags, "ov", ov, "routine", routine != null);
    }

    int WSARecv(long s, WSABUF[] bufs, int n, int[] recvd, int[] flags, WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSARecv", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(n == 0 ? WsaError.WSAEINVAL : null); // no buffers at all, even with a NULL array (WOV-05)
            int total = io.total("WSARecv", bufs, n, "write");
            check(flags == null ? WsaError.WSAEFAULT : null);
            byte[] into = n == 1 ? bufs[0].buf : new byte[total];
            int off = n == 1 ? bufs[0].off : 0;
            int f = flags[0];
            if (ov == null) {
                return datagrams.receiveNow(sock, bufs, n, into, off, total, null, recvd, flags);
            }
            ReceiveFlags.check(sock, f, true); // before the OVERLAPPED is taken: a refused call leaves it and its event alone
            OverlappedCompletion t = io.target("WSARecv", sock, ov, routine, n == 1 ? null : OverlappedIo.snapshot(bufs, n));
            int r = io.issue(sock, t, () -> DatagramApi.receiveOverlapped(sock, into, off, total, f, null, t), recvd);
            flags[0] = 0;
            return r;
        }, "s", s, "buffers", n, "flags", flags == null ? null : flags[0], "ov", ov, "routine", routine != null);
    }

    int WSAGetOverlappedResult(long s, WSAOVERLAPPED ov, int[] bytes, boolean wait, int[] flags) {
        return (int) b.call("WSAGetOverlappedResult", WinBase.FALSE, () -> io.result(ws.socket(s), ov, bytes, wait, flags, true),
                "s", s, "ov", ov, "wait", wait);
    }

    int GetOverlappedResult(long h, WSAOVERLAPPED ov, int[] bytes, boolean wait) {
        return (int) b.call("GetOverlappedResult", WinBase.FALSE, () -> {
            KernelObject o = process.handles.get(h);
            if (o == null) {
                throw Win32Failure.of(org.winsim.winsock.api.Win32Error.ERROR_INVALID_HANDLE);
            }
            return io.result(o, ov, bytes, wait, null, false);
        }, "h", h, "ov", ov, "wait", wait);
    }

    int CancelIo(long h) {
        return (int) b.call("CancelIo", WinBase.FALSE, () -> io.cancelIo(h), "h", h);
    }

    int CancelIoEx(long h, WSAOVERLAPPED ov) {
        return (int) b.call("CancelIoEx", WinBase.FALSE, () -> io.cancelIoEx(h, ov), "h", h, "ov", ov);
    }

    int WSAIoctl(long s, int code, Object in, int inLen, Object out, int outLen, int[] returned, WSAOVERLAPPED ov,
                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        return (int) b.call("WSAIoctl", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            if (ov == null) {
                SocketIoctl.wsaIoctl(sock, s, code, in, inLen, out, outLen, returned, this::extension);
                return 0;
            }
            // the OVERLAPPED is checked first; an ioctl that fails at once leaves it and its event untouched (WOV-02)
            OverlappedCompletion t = io.target("WSAIoctl", sock, ov, routine, null);
            if (!SocketIoctl.supported(code)) { // with a count it goes to AFD, which refuses it later (WOV-13)
                check(returned == null ? WsaError.WSAEFAULT : null);
                return io.issue(sock, t, () -> SocketIoctl.notSupportedLater(sock, t), null);
            }
            if (code == Winsock.SIO_KEEPALIVE_VALS) {
                keepAliveValues(sock, s, in, inLen, returned, ov, routine);
            } else {
                SocketIoctl.wsaIoctl(sock, s, code, in, inLen, out, outLen, returned, this::extension);
            }
            return io.issue(sock, t, () -> OverlappedIo.completedNow(sock, t), null);
        }, "s", s, "code", SocketIoctl.name(code), "ov", ov);
    }

    /**
     * SIO_KEEPALIVE_VALS with an OVERLAPPED, as Wine sock.c {@code test_keepalive_vals} shows Windows doing it
     * (its todo_wine lines): the OVERLAPPED says STATUS_PENDING before the input is checked, so a short input
     * fails with WSAEFAULT and leaves it so (a missing count fails first); and a success completing to a port leaves the count as it was
     * (one with a completion routine writes 0).
     */
    private void keepAliveValues(SimSocket sock, long s, Object in, int inLen, int[] returned, WSAOVERLAPPED ov,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
        check(returned == null ? WsaError.WSAEFAULT : null);
        ov.Internal = NTSTATUS.STATUS_PENDING.value;
        int[] count = routine != null ? returned : new int[1];
        SocketIoctl.wsaIoctl(sock, s, Winsock.SIO_KEEPALIVE_VALS, in, inLen, null, 0, count, this::extension);
    }

    // ---- the extension functions WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) hands out ----

    /** The function object a GUID names, or null for an unknown GUID. */
    private Object extension(GUID g) {
        if (g.equals(GUID.WSAID_ACCEPTEX)) {
            return (LPFN_ACCEPTEX) this::AcceptEx;
        } else if (g.equals(GUID.WSAID_CONNECTEX)) {
            return (LPFN_CONNECTEX) this::ConnectEx;
        } else if (g.equals(GUID.WSAID_DISCONNECTEX)) {
            return (LPFN_DISCONNECTEX) this::DisconnectEx;
        } else if (g.equals(GUID.WSAID_GETACCEPTEXSOCKADDRS)) {
            return (LPFN_GETACCEPTEXSOCKADDRS) this::GetAcceptExSockaddrs;
        }
        return null;
    }

    private int AcceptEx(long l, long a, byte[] buf, int recvLen, int localLen, int remoteLen, int[] bytes, WSAOVERLAPPED ov) {
        return (int) b.call("AcceptEx", WinBase.FALSE, () -> {
            if (ov != null) {
                OverlappedIo.markPending(ov); // first of all, before the handles are looked at (WOV-01)
            }
            SimSocket listener = ws.socket(l);
            SimSocket into = ws.socket(a);
            check(ov == null ? WsaError.WSA_INVALID_PARAMETER : null);
            if (!listener.isListening()) {
                throw WsaFailure.of(WsaError.WSAEINVAL);
            }
            AcceptEx.check(listener, into, buf, recvLen, localLen, remoteLen);
            OverlappedCompletion t = io.target("AcceptEx", listener, ov, null, null);
            io.issue(listener, t, () -> listener.io.acceptOverlapped(new AcceptEx(into, buf, recvLen, localLen, remoteLen), buf, t),
                    bytes);
            return WinBase.TRUE;
        }, "listen", l, "accept", a, "recvLen", recvLen, "ov", ov);
    }

    private int ConnectEx(long s, sockaddr_in name, int namelen, byte[] buf, int len, int[] sent, WSAOVERLAPPED ov) {
        return (int) b.call("ConnectEx", WinBase.FALSE, () -> {
            if (ov != null) {
                OverlappedIo.markPending(ov); // first of all, as AcceptEx does (WOV-01)
            }
            SimSocket sock = ws.socket(s);
            check(ov == null ? WsaError.WSA_INVALID_PARAMETER : null);
            check(WinsockContract.nameIn(name, namelen));
            if (sock.isListening() || sock.local == null) {
                throw WsaFailure.of(WsaError.WSAEINVAL); // ConnectEx needs a bound, non-listening socket (ERR-12)
            }
            if (sock.established) {
                throw WsaFailure.of(WsaError.WSAEISCONN);
            }
            if (len > 0) {
                process.api.checkBuffer("ConnectEx", buf, 0, len, "read");
            }
            OverlappedCompletion t = io.target("ConnectEx", sock, ov, null, null);
            io.issue(sock, t, () -> sock.io.connectOverlapped(Endpoint.of(name), buf, Math.max(len, 0), t), sent);
            return WinBase.TRUE;
        }, "s", s, "name", name, "len", len, "ov", ov);
    }

    private int DisconnectEx(long s, WSAOVERLAPPED ov, int flags, int reserved) {
        return (int) b.call("DisconnectEx", WinBase.FALSE, () -> {
            SimSocket sock = ws.socket(s);
            check(reserved != 0 ? WsaError.WSAEINVAL : null);
            if (ov == null) {
                sock.io.disconnect(flags, null);
                return WinBase.TRUE;
            }
            OverlappedCompletion t = io.target("DisconnectEx", sock, ov, null, null);
            io.issue(sock, t, () -> sock.io.disconnect(flags, t), null);
            return WinBase.TRUE;
        }, "s", s, "flags", flags, "ov", ov);
    }

    private void GetAcceptExSockaddrs(byte[] buf, int recvLen, int localLen, int remoteLen, sockaddr_in local, int[] localOut,
                                      sockaddr_in remote, int[] remoteOut) {
        b.call("GetAcceptExSockaddrs", 0, () -> {
            AcceptEx.sockaddrs(buf, recvLen, localLen, local, localOut, remote, remoteOut);
            return 0;
        }, "recvLen", recvLen);
    }

}
