package org.winsim.winsock.sim;

import java.util.Arrays;
import java.util.function.Function;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * A socket's control codes: ioctlsocket's FIONBIO, FIONREAD and SIOCATMARK, and WSAIoctl's, which adds
 * SIO_GET_EXTENSION_FUNCTION_POINTER (AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs as
 * function objects), SIO_BASE_HANDLE, SIO_KEEPALIVE_VALS, SIO_IDEAL_SEND_BACKLOG_QUERY and
 * SIO_ROUTING_INTERFACE_QUERY (their buffers are {@code byte[]}s laid out as C lays the structures out).
 * WSAIoctl with an OVERLAPPED completes synchronously: it returns 0 and the completion (0 bytes) is
 * still notified (IOCP-07); an unknown code fails with WSAEOPNOTSUPP and a count of 0 (ERR-19), but with
 * an OVERLAPPED AFD takes it and fails it just after the call with STATUS_NOT_SUPPORTED (WOV-13), and so
 * does SIO_BASE_HANDLE, which only answers synchronously (Wine sock.c {@code test_base_handle}).
 */
final class SocketIoctl {
    private SocketIoctl() {
    }

    /** FIONBIO sets the mode from {@code argp[0]}; FIONREAD and SIOCATMARK write {@code argp[0]}. */
    static void control(SimSocket sock, int cmd, int[] argp) {
        boolean bsd = sock.profile.sockets().urgentStyleBsd();
        switch (cmd) {
            case Winsock.FIONBIO -> {
                if (argp[0] == 0 && sock.events.selecting()) {
                    throw WsaFailure.of(WsaError.WSAEINVAL); // blocking again needs the WSAEventSelect/WSAAsyncSelect cancelled
                }
                sock.nonBlocking = argp[0] != 0;
            }
            case Winsock.FIONREAD -> argp[0] = sock instanceof DatagramSocket d ? d.bytesReadable() // ---- UDP ----
                    : sock.established && sock.tcb != null ? sock.tcb.bytesReadable() : 0;
            default -> argp[0] = sock.established ? (sock.tcb.atMark(bsd) ? 1 : 0) : (bsd ? 0 : 1);
        }
    }

    /**
     * WSAIoctl's work on the socket: FIONBIO reads a 4-byte input, FIONREAD and SIOCATMARK write a
     * 4-byte output, SIO_GET_EXTENSION_FUNCTION_POINTER takes a {@link GUID} and writes the function
     * object into an {@code Object[1]}; SIO_BASE_HANDLE, SIO_KEEPALIVE_VALS, SIO_IDEAL_SEND_BACKLOG_QUERY and
     * SIO_ROUTING_INTERFACE_QUERY as their helpers below say. A missing or short argument, or no count, is
     * WSAEFAULT (ERR-18).
     */
    static void wsaIoctl(SimSocket sock, long handle, int code, Object in, int inLen, Object out, int outLen, int[] returned,
                         Function<GUID, Object> extensions) {
        switch (code) {
            case Winsock.FIONBIO -> {
                if (!(in instanceof byte[] b) || inLen < 4 || b.length < 4 || returned == null) {
                    throw WsaFailure.of(WsaError.WSAEFAULT);
                }
                returned[0] = 0; // written before the mode is checked: a refused FIONBIO 0 leaves 0 too (WEV-05)
                control(sock, code, new int[] {Structs.int32(b)});
            }
            case Winsock.FIONREAD, Winsock.SIOCATMARK -> {
                byte[] b = output(out, outLen, 4, returned);
                int[] v = new int[1];
                control(sock, code, v);
                System.arraycopy(Structs.int32(v[0]), 0, b, 0, 4);
                returned[0] = 4;
            }
            case Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER -> {
                if (!(in instanceof GUID g) || inLen < GUID.SIZE || !(out instanceof Object[] fn) || fn.length < 1
                        || outLen < Winsock.SIZEOF_POINTER || returned == null) {
                    throw WsaFailure.of(WsaError.WSAEFAULT);
                }
                Object f = extensions.apply(g);
                if (f == null) {
                    throw WsaFailure.of(WsaError.WSAEINVAL); // an unknown GUID (ERR-19)
                }
                fn[0] = f;
                returned[0] = Winsock.SIZEOF_POINTER;
            }
            case Winsock.SIO_ENABLE_CIRCULAR_QUEUEING -> circularQueueing(sock, returned); // ---- UDP ----
            case Winsock.SIO_BASE_HANDLE -> { // no layered provider: the socket is its own base (test_base_handle)
                byte[] b = output(out, outLen, Winsock.SIZEOF_POINTER, returned);
                for (int i = 0; i < Winsock.SIZEOF_POINTER; i++) {
                    b[i] = (byte) (handle >>> (8 * i));
                }
                returned[0] = Winsock.SIZEOF_POINTER;
            }
            case Winsock.SIO_KEEPALIVE_VALS -> keepAliveValues(sock, in, inLen, returned);
            case Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY -> idealSendBacklog(sock, out, outLen, returned);
            case Winsock.SIO_ROUTING_INTERFACE_QUERY -> routingInterface(sock, in, inLen, out, outLen, returned);
            default -> {
                if (returned != null) {
                    returned[0] = 0;
                }
                throw WsaFailure.of(WsaError.WSAEOPNOTSUPP);
            }
        }
    }

    /**
     * SIO_ENABLE_CIRCULAR_QUEUEING, no input or output: a datagram socket's queue drops its oldest datagrams
     * rather than a new one when it is full (Wine sock.c {@code test_circular_queueing}: 0 on UDP). A stream
     * socket has no message queue: the model refuses it there with WSAEOPNOTSUPP (docs/divergences.md).
     */
    private static void circularQueueing(SimSocket sock, int[] returned) {
        if (!(sock instanceof DatagramSocket d)) {
            throw WsaFailure.of(WsaError.WSAEOPNOTSUPP);
        }
        if (returned == null) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        d.endpoint.enableCircularQueueing();
        returned[0] = 0;
    }

    /**
     * An output buffer of at least {@code size} bytes, or WSAEFAULT: a missing count, a missing buffer or a
     * short length (then without a count written).
     */
    private static byte[] output(Object out, int outLen, int size, int[] returned) {
        if (!(out instanceof byte[] b) || outLen < size || b.length < size || returned == null) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        return b;
    }

    /**
     * SIO_KEEPALIVE_VALS, a {@code struct tcp_keepalive} in (onoff, then the idle time and the probe interval in
     * milliseconds), nothing out: turns keep-alive on or off (SO_KEEPALIVE) and sets its timing, in whole
     * seconds as TCP_KEEPALIVE and TCP_KEEPINTVL read it. A short or missing input is WSAEFAULT with a count
     * of 0 (Wine sock.c {@code test_keepalive_vals}).
     */
    private static void keepAliveValues(SimSocket sock, Object in, int inLen, int[] returned) {
        if (returned == null) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        if (!(in instanceof byte[] b) || inLen < Winsock.SIZEOF_TCP_KEEPALIVE || b.length < Winsock.SIZEOF_TCP_KEEPALIVE) {
            returned[0] = 0;
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        boolean on = Structs.int32(b) != 0;
        sock.options.keepAlive = on;
        if (on) {
            TcpKeepAlive timing = TcpKeepAlive.of(sock);
            timing.set(Winsock.TCP_KEEPALIVE, Integer.divideUnsigned(Structs.int32(Arrays.copyOfRange(b, 4, 8)), 1000));
            timing.set(Winsock.TCP_KEEPINTVL, Integer.divideUnsigned(Structs.int32(Arrays.copyOfRange(b, 8, 12)), 1000));
        }
        returned[0] = 0;
    }

    /**
     * SIO_IDEAL_SEND_BACKLOG_QUERY, a ULONG out: the bytes a sender should keep queued to fill the connection's
     * pipe, 64 KiB on a connected socket; WSAENOTCONN before it is connected, WSAEOPNOTSUPP on UDP (Wine sock.c
     * {@code test_backlog_query}).
     */
    private static void idealSendBacklog(SimSocket sock, Object out, int outLen, int[] returned) {
        if (sock instanceof DatagramSocket) {
            throw WsaFailure.of(WsaError.WSAEOPNOTSUPP);
        }
        if (!sock.established) {
            throw WsaFailure.of(WsaError.WSAENOTCONN);
        }
        byte[] b = output(out, outLen, 4, returned);
        System.arraycopy(Structs.int32(IDEAL_SEND_BACKLOG), 0, b, 0, 4);
        returned[0] = 4;
    }

    /** What SIO_IDEAL_SEND_BACKLOG_QUERY reports for a connection (test_backlog_query, over loopback). */
    private static final int IDEAL_SEND_BACKLOG = 0x10000;

    /**
     * SIO_ROUTING_INTERFACE_QUERY, a sockaddr in and out: the local address the stack would send from to
     * reach the destination — 127.0.0.1 for a loopback address, else the host's own (its one interface).
     * A short or missing input, or the address 0.0.0.0, is WSAEINVAL; another family WSAEAFNOSUPPORT; a
     * short output WSAEFAULT with the size it needs in the count, a missing one WSAEFAULT (Wine sock.c
     * {@code test_sioRoutingInterfaceQuery}).
     */
    private static void routingInterface(SimSocket sock, Object in, int inLen, Object out, int outLen, int[] returned) {
        if (returned == null) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        if (!(in instanceof byte[] b) || inLen < Winsock.SIZEOF_SOCKADDR_IN || b.length < Winsock.SIZEOF_SOCKADDR_IN) {
            throw WsaFailure.of(WsaError.WSAEINVAL);
        }
        sockaddr_in dst = sockaddr_in.read(b, 0);
        if (dst.sin_family != Winsock.AF_INET) {
            throw WsaFailure.of(WsaError.WSAEAFNOSUPPORT);
        }
        if (dst.sin_addr == Winsock.INADDR_ANY) {
            throw WsaFailure.of(WsaError.WSAEINVAL);
        }
        if (!(out instanceof byte[] o) || o.length < Math.min(outLen, Winsock.SIZEOF_SOCKADDR_IN)) {
            throw WsaFailure.of(WsaError.WSAEFAULT); // no memory where the output should be: the count stays
        }
        if (outLen < Winsock.SIZEOF_SOCKADDR_IN) {
            returned[0] = Winsock.SIZEOF_SOCKADDR_IN;
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        int from = (dst.sin_addr >>> 24) == 127 ? Winsock.INADDR_LOOPBACK : sock.host.address();
        new sockaddr_in(Winsock.AF_INET, from, 0).write(o, 0);
        returned[0] = Winsock.SIZEOF_SOCKADDR_IN;
    }

    /**
     * Whether WSAIoctl with an OVERLAPPED knows the code; AFD refuses any other after the call (WOV-13),
     * SIO_BASE_HANDLE included.
     */
    static boolean supported(int code) {
        return switch (code) {
            case Winsock.FIONBIO, Winsock.FIONREAD, Winsock.SIOCATMARK, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER,
                 Winsock.SIO_ENABLE_CIRCULAR_QUEUEING, Winsock.SIO_KEEPALIVE_VALS, Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY,
                 Winsock.SIO_ROUTING_INTERFACE_QUERY -> true;
            default -> false;
        };
    }

    /**
     * An unsupported code with an OVERLAPPED: the request goes to AFD, which refuses it as it runs, just
     * after the call returned WSA_IO_PENDING: it completes with STATUS_NOT_SUPPORTED and 0 bytes (WOV-13).
     */
    static IoRequest notSupportedLater(SimSocket sock, OverlappedCompletion t) {
        IoRequest r = new IoRequest(IoRequest.Kind.IOCTL, sock, sock.sim.currentThread(), null, 0, 0, 0, t);
        sock.sim.schedule(0, () -> {
            if (!r.complete) { // not cancelled in the meantime
                r.fail(WsaError.WSAEOPNOTSUPP);
            }
        });
        return r;
    }

    static String name(int cmd) {
        return switch (cmd) {
            case Winsock.FIONBIO -> "FIONBIO";
            case Winsock.FIONREAD -> "FIONREAD";
            case Winsock.SIOCATMARK -> "SIOCATMARK";
            case Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER -> "SIO_GET_EXTENSION_FUNCTION_POINTER";
            case Winsock.SIO_ENABLE_CIRCULAR_QUEUEING -> "SIO_ENABLE_CIRCULAR_QUEUEING";
            case Winsock.SIO_BASE_HANDLE -> "SIO_BASE_HANDLE";
            case Winsock.SIO_KEEPALIVE_VALS -> "SIO_KEEPALIVE_VALS";
            case Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY -> "SIO_IDEAL_SEND_BACKLOG_QUERY";
            case Winsock.SIO_ROUTING_INTERFACE_QUERY -> "SIO_ROUTING_INTERFACE_QUERY";
            default -> "0x" + Integer.toHexString(cmd);
        };
    }
}
