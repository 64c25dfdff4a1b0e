package org.winsim.winsock.sim;

import java.util.function.Function;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * A socket's control codes: ioctlsocket's FIONBIO, FIONREAD and SIOCATMARK, and WSAIoctl's, which adds
 * SIO_GET_EXTENSION_FUNCTION_POINTER (AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs as
 * function objects). WSAIoctl with an OVERLAPPED completes synchronously: it returns 0 and the
 * completion (0 bytes) is still notified (IOCP-07); an unknown code fails with WSAEOPNOTSUPP and a
 * count of 0 (ERR-19), but with an OVERLAPPED AFD takes it and fails it just after the call with
 * STATUS_NOT_SUPPORTED (WOV-13).
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
     * object into an {@code Object[1]}. A missing or short argument, or no count, is WSAEFAULT (ERR-18).
     */
    static void wsaIoctl(SimSocket sock, int code, Object in, int inLen, Object out, int outLen, int[] returned,
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
                if (!(out instanceof byte[] b) || outLen < 4 || b.length < 4 || returned == null) {
                    throw WsaFailure.of(WsaError.WSAEFAULT);
                }
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

    /** Whether WSAIoctl knows the code; any other is not supported. */
    static boolean supported(int code) {
        return switch (code) {
            case Winsock.FIONBIO, Winsock.FIONREAD, Winsock.SIOCATMARK, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER,
                 Winsock.SIO_ENABLE_CIRCULAR_QUEUEING -> true;
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
            default -> "0x" + Integer.toHexString(cmd);
        };
    }
}
