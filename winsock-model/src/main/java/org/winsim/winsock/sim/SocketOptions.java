package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.IPPROTO_IP;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ACCEPTCONN;
import static org.winsim.winsock.api.Winsock.SO_CONNECT_TIME;
import static org.winsim.winsock.api.Winsock.SO_DEBUG;
import static org.winsim.winsock.api.Winsock.SO_DONTLINGER;
import static org.winsim.winsock.api.Winsock.SO_DONTROUTE;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.Winsock.SO_EXCLUSIVEADDRUSE;
import static org.winsim.winsock.api.Winsock.SO_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.SO_LINGER;
import static org.winsim.winsock.api.Winsock.SO_OOBINLINE;
import static org.winsim.winsock.api.Winsock.SO_OPENTYPE;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_RCVTIMEO;
import static org.winsim.winsock.api.Winsock.SO_REUSEADDR;
import static org.winsim.winsock.api.Winsock.SO_SNDBUF;
import static org.winsim.winsock.api.Winsock.SO_SNDTIMEO;
import static org.winsim.winsock.api.Winsock.SO_TYPE;
import static org.winsim.winsock.api.Winsock.SO_UPDATE_ACCEPT_CONTEXT;
import static org.winsim.winsock.api.Winsock.SO_UPDATE_CONNECT_CONTEXT;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.TCP_NODELAY;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.WinsockSession.check;

import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.linger;

/**
 * setsockopt and getsockopt: the option table of a socket, with Windows' argument checks (IPPROTO_IP's in
 * {@link IpOptions}), and SO_OPENTYPE, the calling thread's.
 */
final class SocketOptions {
    private SocketOptions() {
    }

    static String name(int level, int opt) {
        if (level == IPPROTO_TCP) {
            return opt == TCP_NODELAY ? "TCP_NODELAY" : TcpKeepAlive.covers(opt) ? TcpKeepAlive.name(opt) : "IPPROTO_TCP/" + opt;
        }
        if (level == IPPROTO_IP) {
            return IpOptions.name(opt);
        }
        if (level != SOL_SOCKET) {
            return "level" + level + "/" + opt;
        }
        return switch (opt) {
            case SO_ACCEPTCONN -> "SO_ACCEPTCONN";
            case SO_REUSEADDR -> "SO_REUSEADDR";
            case SO_EXCLUSIVEADDRUSE -> "SO_EXCLUSIVEADDRUSE";
            case SO_KEEPALIVE -> "SO_KEEPALIVE";
            case SO_DONTROUTE -> "SO_DONTROUTE";
            case SO_DEBUG -> "SO_DEBUG";
            case org.winsim.winsock.api.Winsock.SO_BROADCAST -> "SO_BROADCAST";
            case SO_LINGER -> "SO_LINGER";
            case SO_DONTLINGER -> "SO_DONTLINGER";
            case SO_OOBINLINE -> "SO_OOBINLINE";
            case SO_SNDBUF -> "SO_SNDBUF";
            case SO_RCVBUF -> "SO_RCVBUF";
            case SO_SNDTIMEO -> "SO_SNDTIMEO";
            case SO_RCVTIMEO -> "SO_RCVTIMEO";
            case SO_ERROR -> "SO_ERROR";
            case SO_TYPE -> "SO_TYPE";
            case org.winsim.winsock.api.Winsock.SO_MAX_MSG_SIZE -> "SO_MAX_MSG_SIZE";
            case SO_UPDATE_ACCEPT_CONTEXT -> "SO_UPDATE_ACCEPT_CONTEXT";
            case SO_UPDATE_CONNECT_CONTEXT -> "SO_UPDATE_CONNECT_CONTEXT";
            case SO_CONNECT_TIME -> "SO_CONNECT_TIME";
            case SO_OPENTYPE -> "SO_OPENTYPE";
            default -> "SOL_SOCKET/0x" + Integer.toHexString(opt);
        };
    }

    /**
     * setsockopt: the socket's option, after the socket and then the value's length are checked; SO_OPENTYPE is
     * the calling thread's.
     */
    static void set(WinsockSession ws, Win32Thread caller, long handle, int level, int opt, byte[] optval, int optlen) {
        SimSocket s = socketOf(ws, handle, level, opt);
        check(WinsockContract.optionIn(level, opt, optval, optlen));
        if (s == null) {
            caller.openType = WinsockContract.optionValue(level, opt, optval, optlen);
        } else {
            set(s, level, opt, optval, optlen);
        }
    }

    /** getsockopt: as {@link #set}, SO_OPENTYPE reading the calling thread's value. */
    static void get(WinsockSession ws, Win32Thread caller, long handle, int level, int opt, byte[] optval, int[] optlen) {
        SimSocket s = socketOf(ws, handle, level, opt);
        check(WinsockContract.optionOut(level, opt, optval, optlen));
        if (s == null) {
            WinsockContract.putOption(level, opt, caller.openType, optval, optlen);
        } else {
            get(s, level, opt, optval, optlen);
        }
    }

    /**
     * The socket an option call names, or null for SO_OPENTYPE, which looks at none (programs pass
     * INVALID_SOCKET); either way Winsock must have been started.
     */
    private static SimSocket socketOf(WinsockSession ws, long handle, int level, int opt) {
        if (level == SOL_SOCKET && opt == SO_OPENTYPE) {
            ws.requireStarted();
            return null;
        }
        return ws.socket(handle);
    }

    private static void set(SimSocket s, int level, int opt, byte[] optval, int optlen) {
        if (level == IPPROTO_TCP) {
            if (TcpKeepAlive.covers(opt)) {
                TcpKeepAlive.of(s).set(opt, WinsockContract.optionValue(level, opt, optval, optlen));
                return;
            }
            if (opt != TCP_NODELAY) {
                throw WsaFailure.of(WSAENOPROTOOPT);
            }
            s.options.noDelay = bool(level, opt, optval, optlen);
            s.pushOptionsDown();
            return;
        }
        if (level == IPPROTO_IP) {
            IpOptions.of(s).set(opt, WinsockContract.optionValue(level, opt, optval, optlen));
            return;
        }
        if (level != SOL_SOCKET) {
            throw WsaFailure.of(WSAEINVAL);
        }
        OsProfile p = s.profile;
        datagramOnly(s, opt);
        switch (opt) {
            case org.winsim.winsock.api.Winsock.SO_BROADCAST -> { // ---- UDP ----
                if (s instanceof DatagramSocket d) {
                    d.broadcast = bool(level, opt, optval, optlen);
                }
            }
            case SO_LINGER -> {
                linger l = Structs.linger(optval);
                s.options.lingerOn = l.l_onoff != 0;
                s.options.lingerSeconds = l.l_linger;
            }
            case SO_DONTLINGER -> s.options.lingerOn = !bool(level, opt, optval, optlen);
            case SO_SNDBUF, SO_RCVBUF -> {
                int v = Structs.int32(optval);
                if (v < 0) {
                    throw WsaFailure.of(WSAEINVAL);
                }
                if (opt == SO_SNDBUF) {
                    s.options.sndBuf = Math.max(p.sockets().bufferFor(v), p.tcp().minSndBuf());
                } else {
                    s.options.rcvBuf = Math.max(p.sockets().bufferFor(v), p.tcp().minRcvBuf());
                }
                s.pushOptionsDown();
            }
            case SO_REUSEADDR -> {
                boolean v = bool(level, opt, optval, optlen);
                if (v && s.options.exclusiveAddrUse) {
                    throw WsaFailure.of(WSAEINVAL);
                }
                s.options.reuseAddr = v;
            }
            case SO_EXCLUSIVEADDRUSE -> {
                requireExclusiveAddrUse(p);
                boolean v = bool(level, opt, optval, optlen);
                if (v && s.options.reuseAddr) {
                    throw WsaFailure.of(WSAEINVAL);
                }
                s.options.exclusiveAddrUse = v;
            }
            case SO_ERROR -> {
                if (p.sockets().soErrorClearedOnRead()) {
                    throw WsaFailure.of(WSAENOPROTOOPT);
                }
                s.options.soError = Structs.int32(optval);
            }
            case SO_KEEPALIVE -> s.options.keepAlive = bool(level, opt, optval, optlen);
            case SO_DONTROUTE -> s.options.dontRoute = bool(level, opt, optval, optlen);
            case SO_DEBUG -> s.options.debug = Structs.int32(optval) != 0;
            case SO_OOBINLINE -> {
                s.options.oobInline = bool(level, opt, optval, optlen);
                s.pushOptionsDown();
            }
            case SO_RCVTIMEO -> {
                s.options.rcvTimeoutMs = Structs.int32(optval);
            }
            case SO_SNDTIMEO -> {
                s.options.sndTimeoutMs = Structs.int32(optval);
            }
            case org.winsim.winsock.api.Winsock.SO_UPDATE_ACCEPT_CONTEXT -> { // after AcceptEx: the listener's options
                if (!(s.process.handles.get(Structs.int32(optval)) instanceof SimSocket listener) || !listener.isListening()) {
                    throw WsaFailure.of(org.winsim.winsock.api.WsaError.WSAENOTSOCK);
                }
                inherit(listener, s);
                s.pushOptionsDown();
            }
            case org.winsim.winsock.api.Winsock.SO_UPDATE_CONNECT_CONTEXT -> s.connectedByConnectEx = false;
            case SO_TYPE -> throw WsaFailure.of(s instanceof DatagramSocket ? WSAEINVAL : WSAENOPROTOOPT); // read-only (test_WSASocket)
            default -> throw WsaFailure.of(WSAENOPROTOOPT);
        }
    }

    private static void get(SimSocket s, int level, int opt, byte[] optval, int[] optlen) {
        int v;
        if (level == IPPROTO_TCP) {
            if (TcpKeepAlive.covers(opt)) {
                v = TcpKeepAlive.of(s).get(opt);
            } else if (opt != TCP_NODELAY) {
                throw WsaFailure.of(WSAENOPROTOOPT);
            } else {
                v = s.options.noDelay ? 1 : 0;
            }
        } else if (level == IPPROTO_IP) {
            v = IpOptions.of(s).get(opt);
        } else if (level != SOL_SOCKET) {
            throw WsaFailure.of(WSAEINVAL);
        } else {
            OsProfile p = s.profile;
            datagramOnly(s, opt);
            v = switch (opt) {
                case org.winsim.winsock.api.Winsock.SO_BROADCAST -> s instanceof DatagramSocket d && d.broadcast ? 1 : 0; // ---- UDP ----
                case SO_ACCEPTCONN -> s.isListening() ? 1 : 0;
                case SO_LINGER -> Structs.int32(Structs.linger(new linger(s.options.lingerOn ? 1 : 0, s.options.lingerSeconds)));
                case SO_DONTLINGER -> s.options.lingerOn ? 0 : 1;
                case SO_SNDBUF -> s.options.sndBuf;
                case SO_RCVBUF -> s.options.rcvBuf;
                case SO_REUSEADDR -> s.options.reuseAddr ? 1 : 0;
                case SO_EXCLUSIVEADDRUSE -> {
                    requireExclusiveAddrUse(p);
                    yield s.options.exclusiveAddrUse ? 1 : 0;
                }
                case SO_ERROR -> {
                    int e = s.options.soError;
                    if (p.sockets().soErrorClearedOnRead()) {
                        s.options.soError = 0;
                    }
                    yield e;
                }
                case SO_TYPE -> s instanceof DatagramSocket ? org.winsim.winsock.api.Winsock.SOCK_DGRAM : SOCK_STREAM;
                case SO_KEEPALIVE -> s.options.keepAlive ? 1 : 0;
                case SO_DONTROUTE -> s.options.dontRoute ? 1 : 0;
                case SO_DEBUG -> s.options.debug ? 1 : 0;
                case SO_OOBINLINE -> s.options.oobInline ? 1 : 0;
                case SO_RCVTIMEO -> s.options.rcvTimeoutMs;
                case SO_SNDTIMEO -> s.options.sndTimeoutMs;
                case org.winsim.winsock.api.Winsock.SO_MAX_MSG_SIZE -> maxMessageSize(s); // ---- UDP ----
                case SO_CONNECT_TIME -> connectTime(s);
                default -> throw WsaFailure.of(WSAENOPROTOOPT);
            };
        }
        WinsockContract.putOption(level, opt, v, optval, optlen);
    }

    /**
     * The listener's options an accepted socket takes, at accept or at SO_UPDATE_ACCEPT_CONTEXT after AcceptEx
     * (Wine sock.c {@code test_accept_inheritance}): SO_REUSEADDR, SO_KEEPALIVE, SO_OOBINLINE, the buffer sizes,
     * the timeouts, SO_LINGER and TCP_NODELAY; non-blocking mode only where the profile says so.
     */
    static void inherit(SimSocket listener, SimSocket child) {
        child.nonBlocking = listener.profile.sockets().acceptInheritsNonBlocking() && listener.nonBlocking;
        child.options.sndBuf = listener.options.sndBuf;
        child.options.rcvBuf = listener.options.rcvBuf;
        child.options.lingerOn = listener.options.lingerOn;
        child.options.lingerSeconds = listener.options.lingerSeconds;
        child.options.noDelay = listener.options.noDelay;
        child.options.keepAlive = listener.options.keepAlive;
        child.options.oobInline = listener.options.oobInline;
        child.options.reuseAddr = listener.options.reuseAddr;
        child.options.rcvTimeoutMs = listener.options.rcvTimeoutMs;
        child.options.sndTimeoutMs = listener.options.sndTimeoutMs;
    }

    /**
     * closesocket's SO_LINGER rule for a non-blocking socket (Windows: msafd's WSPCloseSocket will not wait for the
     * sends in progress): with a linger timeout, closing the last handle of a connected socket fails with
     * WSAEWOULDBLOCK while sent data is unacknowledged, and the socket stays open, connected and sending.
     */
    static void checkLingerClose(SimSocket s) {
        if (s.handleCount == 1 && s.options.lingerOn && s.options.lingerSeconds > 0 && s.nonBlocking && s.established && !s.tcb.isClosed()
                && !s.tcb.acknowledgedThrough(s.tcb.writtenEnd()) && s.profile.sockets().lingerWouldBlock()) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
    }

    // ---- UDP ----

    /**
     * Windows' options that only one kind of socket has: SO_BROADCAST only a datagram socket ("valid only for
     * protocols that support broadcasting"), SO_LINGER and SO_DONTLINGER only a stream socket (ERR-21): else
     * WSAENOPROTOOPT. Linux takes each on either kind.
     */
    private static void datagramOnly(SimSocket s, int opt) {
        boolean datagram = s instanceof DatagramSocket;
        if (s.profile.datagrams().optionsByKind() && (opt == org.winsim.winsock.api.Winsock.SO_BROADCAST && !datagram || (opt == SO_LINGER || opt == SO_DONTLINGER) && datagram)) {
            throw WsaFailure.of(WSAENOPROTOOPT);
        }
    }

    /**
     * SO_MAX_MSG_SIZE, read-only: the largest datagram a datagram socket sends (DatagramSocket.MAX_DATAGRAM); a
     * stream socket has no such limit ("no meaning for stream-oriented sockets"), so the model refuses it there
     * with WSAENOPROTOOPT (docs/divergences.md), as it does on a profile without the option.
     */
    private static int maxMessageSize(SimSocket s) {
        if (!(s instanceof DatagramSocket) || !s.profile.datagrams().maxMessageSizeOption()) {
            throw WsaFailure.of(WSAENOPROTOOPT);
        }
        return DatagramSocket.MAX_DATAGRAM;
    }

    /**
     * SO_CONNECT_TIME, read-only: the whole seconds since the socket got its connection, 0xFFFFFFFF while it has
     * none (AcceptEx's page: how a server finds clients that connect into a pending AcceptEx and send
     * nothing). A datagram socket, connected or not, reads 0xFFFFFFFF (Wine sock.c {@code test_connect_time}).
     */
    private static int connectTime(SimSocket s) {
        return !(s instanceof DatagramSocket) && s.established ? (int) ((s.sim.now() - s.connectedAt) / org.winsim.sim.Durations.SECOND) : 0xFFFFFFFF;
    }

    /** SO_EXCLUSIVEADDRUSE is Windows' own: a profile without it has no equivalent to offer. */
    private static void requireExclusiveAddrUse(OsProfile p) {
        if (!p.sockets().hasExclusiveAddrUse()) {
            throw new UnsupportedOnThisOs("SO_EXCLUSIVEADDRUSE", p.name());
        }
    }

    /** A BOOL or BOOLEAN option: the bytes Windows reads of it (WinsockContract.OptionWidth) are not all 0. */
    private static boolean bool(int level, int opt, byte[] optval, int optlen) {
        return WinsockContract.optionValue(level, opt, optval, optlen) != 0;
    }
}
