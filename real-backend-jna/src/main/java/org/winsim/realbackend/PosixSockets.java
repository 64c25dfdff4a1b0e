package org.winsim.realbackend;

import static org.winsim.winsock.api.WsaError.WSAEACCES;
import static org.winsim.winsock.api.WsaError.WSAEADDRINUSE;
import static org.winsim.winsock.api.WsaError.WSAEADDRNOTAVAIL;
import static org.winsim.winsock.api.WsaError.WSAEAFNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAEALREADY;
import static org.winsim.winsock.api.WsaError.WSAECONNABORTED;
import static org.winsim.winsock.api.WsaError.WSAECONNREFUSED;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAEDESTADDRREQ;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEHOSTUNREACH;
import static org.winsim.winsock.api.WsaError.WSAEINTR;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAEISCONN;
import static org.winsim.winsock.api.WsaError.WSAEMFILE;
import static org.winsim.winsock.api.WsaError.WSAEMSGSIZE;
import static org.winsim.winsock.api.WsaError.WSAENETDOWN;
import static org.winsim.winsock.api.WsaError.WSAENETUNREACH;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAEPROTONOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAEPROTOTYPE;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAESOCKTNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAETIMEDOUT;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.linger;

/**
 * Winsock's calls on a POSIX socket layer (Linux): Winsock option names, flags and ioctls are
 * translated to the C library's, errno to the WSA error a Windows program would see.
 */
final class PosixSockets implements NativeSockets {
    private static final LibC C = LibC.INSTANCE;

    // Linux values, from <sys/socket.h>, <asm-generic/ioctls.h>, <poll.h>
    private static final int SOL_SOCKET = 1;
    private static final int MSG_WAITALL = 0x100;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final long FIONBIO = 0x5421;
    private static final long FIONREAD = 0x541b;
    private static final long SIOCATMARK = 0x8905;
    private static final short POLLIN = 1;
    private static final short POLLPRI = 2;
    private static final short POLLOUT = 4;
    private static final short POLLERR = 8;
    private static final short POLLHUP = 16;

    @Override
    public String osName() {
        return "linux";
    }

    static WsaError translate(int errno) {
        return switch (errno) {
            case 4 -> WSAEINTR;
            case 9, 88 -> WSAENOTSOCK; // EBADF, ENOTSOCK
            case 11, 115 -> WSAEWOULDBLOCK; // EAGAIN, EINPROGRESS
            case 13, 1 -> WSAEACCES;
            case 14 -> WSAEFAULT;
            case 22 -> WSAEINVAL;
            case 24, 23 -> WSAEMFILE;
            case 32 -> WSAECONNRESET; // EPIPE after a reset (after shutdown the caller maps it to WSAESHUTDOWN)
            case 89 -> WSAEDESTADDRREQ;
            case 90 -> WSAEMSGSIZE;
            case 91 -> WSAEPROTOTYPE;
            case 92 -> WSAENOPROTOOPT;
            case 93 -> WSAEPROTONOSUPPORT;
            case 94 -> WSAESOCKTNOSUPPORT;
            case 95 -> WSAEOPNOTSUPP;
            case 97 -> WSAEAFNOSUPPORT;
            case 98 -> WSAEADDRINUSE;
            case 99 -> WSAEADDRNOTAVAIL;
            case 100 -> WSAENETDOWN;
            case 101 -> WSAENETUNREACH;
            case 103 -> WSAECONNABORTED;
            case 104 -> WSAECONNRESET;
            case 105 -> WSAENOBUFS;
            case 106 -> WSAEISCONN;
            case 107 -> WSAENOTCONN;
            case 108 -> WSAESHUTDOWN;
            case 110 -> WSAETIMEDOUT;
            case 111 -> WSAECONNREFUSED;
            case 113 -> WSAEHOSTUNREACH;
            case 114 -> WSAEALREADY;
            default -> WSAEINVAL;
        };
    }

    private static Failure fail() {
        return new Failure(translate(Native.getLastError()));
    }

    private static int fd(long s) {
        return (int) s;
    }

    @Override
    public long socket(int af, int type, int protocol) {
        int fd = C.socket(af, type, protocol);
        if (fd < 0) {
            throw fail();
        }
        return fd;
    }

    @Override
    public void bind(long s, byte[] sockaddr) {
        if (C.bind(fd(s), sockaddr, sockaddr.length) != 0) {
            throw fail();
        }
    }

    @Override
    public void listen(long s, int backlog) {
        if (C.listen(fd(s), backlog) != 0) {
            throw fail();
        }
    }

    @Override
    public long accept(long s, byte[] peer) {
        int[] len = {peer.length};
        int fd = C.accept(fd(s), peer, len);
        if (fd < 0) {
            throw fail();
        }
        return fd;
    }

    @Override
    public void connect(long s, byte[] sockaddr) {
        if (C.connect(fd(s), sockaddr, sockaddr.length) != 0) {
            throw fail();
        }
    }

    private static int flags(int winFlags) {
        int f = winFlags & (Winsock.MSG_OOB | Winsock.MSG_PEEK);
        if ((winFlags & Winsock.MSG_WAITALL) != 0) {
            f |= MSG_WAITALL;
        }
        return f;
    }

    // ---- UDP ---- (send and recv are NativeSockets' sendto and recvfrom without an address)

    @Override
    public int sendto(long s, byte[] buf, int off, int len, int flags, byte[] to, SocketState state) {
        byte[] data = NativeSockets.outgoing(buf, off, len);
        long n = C.sendto(fd(s), data, len, flags(flags) | MSG_NOSIGNAL, to, to == null ? 0 : to.length);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == 32 && state.shutdownSend) {
                throw new Failure(WSAESHUTDOWN);
            }
            if (errno == 11 && !state.nonBlocking) {
                throw new Failure(WSAETIMEDOUT); // SO_SNDTIMEO expired
            }
            throw new Failure(translate(errno));
        }
        return (int) n;
    }

    @Override
    public int recvfrom(long s, byte[] buf, int off, int len, int flags, byte[] from, SocketState state) {
        byte[] into = NativeSockets.incoming(buf, off, len);
        long n = C.recvfrom(fd(s), into, len, flags(flags), from, from == null ? null : new int[] {from.length});
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == 11 && !state.nonBlocking) {
                throw new Failure(WSAETIMEDOUT); // SO_RCVTIMEO expired
            }
            throw new Failure(translate(errno));
        }
        NativeSockets.landed(into, buf, off, (int) n);
        return (int) n;
    }

    @Override
    public void shutdown(long s, int how) {
        if (C.shutdown(fd(s), how) != 0) {
            throw fail();
        }
    }

    @Override
    public void close(long s) {
        C.close(fd(s));
    }

    @Override
    public void setNonBlocking(long s, boolean on) {
        if (C.ioctl(fd(s), FIONBIO, new int[] {on ? 1 : 0}) != 0) {
            throw fail();
        }
    }

    @Override
    public int ioctl(long s, int cmd) {
        long request = switch (cmd) {
            case Winsock.FIONREAD -> FIONREAD;
            case Winsock.SIOCATMARK -> SIOCATMARK;
            default -> throw new Failure(WSAEOPNOTSUPP);
        };
        int[] v = {0};
        if (C.ioctl(fd(s), request, v) != 0) {
            throw fail();
        }
        return v[0];
    }

    /** Linux's level and name for a Winsock option, or null when Linux has no such option. */
    private static int[] option(int level, int option) {
        if (level == Winsock.IPPROTO_TCP) {
            int tcp = switch (option) {
                case Winsock.TCP_NODELAY -> 1;
                case Winsock.TCP_KEEPALIVE -> 4; // TCP_KEEPIDLE
                case Winsock.TCP_KEEPINTVL -> 5;
                case Winsock.TCP_KEEPCNT -> 6;
                default -> -1;
            };
            return tcp < 0 ? null : new int[] {6, tcp};
        }
        if (level == Winsock.IPPROTO_IP) { // IP_DONTFRAGMENT has no switch on Linux (IP_MTU_DISCOVER takes a mode)
            int ip = switch (option) {
                case Winsock.IP_TOS -> 1;
                case Winsock.IP_TTL -> 2;
                case Winsock.IP_HDRINCL -> 3;
                case Winsock.IP_PKTINFO -> 8;
                case Winsock.IP_RECVTTL -> 12;
                case Winsock.IP_RECVTOS -> 13;
                case Winsock.IP_MULTICAST_TTL -> 33;
                case Winsock.IP_MULTICAST_LOOP -> 34;
                default -> -1;
            };
            return ip < 0 ? null : new int[] {0, ip};
        }
        if (level != Winsock.SOL_SOCKET) {
            throw new Failure(WSAEINVAL);
        }
        int name = switch (option) {
            case Winsock.SO_REUSEADDR -> 2;
            case Winsock.SO_TYPE -> 3;
            case Winsock.SO_ERROR -> 4;
            case Winsock.SO_BROADCAST -> 6;
            case Winsock.SO_SNDBUF -> 7;
            case Winsock.SO_RCVBUF -> 8;
            case Winsock.SO_KEEPALIVE -> 9;
            case Winsock.SO_DONTROUTE -> 5;
            case Winsock.SO_OOBINLINE -> 10;
            case Winsock.SO_LINGER, Winsock.SO_DONTLINGER -> 13;
            case Winsock.SO_RCVTIMEO -> 20;
            case Winsock.SO_SNDTIMEO -> 21;
            case Winsock.SO_ACCEPTCONN -> 30;
            default -> -1;
        };
        return name < 0 ? null : new int[] {SOL_SOCKET, name};
    }

    @Override
    public void setsockopt(long s, int level, int option, byte[] winValue, int winLen) {
        int[] lo = option(level, option);
        if (lo == null) {
            throw new Failure(WSAENOPROTOOPT);
        }
        int v = level == Winsock.IPPROTO_IP ? WinsockContract.optionValue(level, option, winValue, winLen) // unsigned, up to 4 bytes
                : winLen >= 4 ? Structs.int32(winValue) : winValue[0];
        byte[] value;
        if (level == Winsock.SOL_SOCKET && option == Winsock.SO_LINGER) {
            linger l = Structs.linger(winValue);
            value = ints(l.l_onoff, l.l_linger);
        } else if (level == Winsock.SOL_SOCKET && option == Winsock.SO_DONTLINGER) {
            value = ints(v == 0 ? 1 : 0, 0);
        } else if (level == Winsock.SOL_SOCKET && (option == Winsock.SO_RCVTIMEO || option == Winsock.SO_SNDTIMEO)) {
            value = timeval(v);
        } else {
            value = ints(v);
        }
        if (C.setsockopt(fd(s), lo[0], lo[1], value, value.length) != 0) {
            throw fail();
        }
    }

    @Override
    public byte[] getsockopt(long s, int level, int option) {
        int[] lo = option(level, option);
        if (lo == null) {
            throw new Failure(WSAENOPROTOOPT);
        }
        byte[] value = new byte[16];
        int[] len = {16};
        if (C.getsockopt(fd(s), lo[0], lo[1], value, len) != 0) {
            throw fail();
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        if (level == Winsock.SOL_SOCKET) {
            switch (option) {
                case Winsock.SO_LINGER -> {
                    return Structs.linger(new linger(b.getInt(0), b.getInt(4)));
                }
                case Winsock.SO_DONTLINGER -> {
                    return Structs.int32(b.getInt(0) == 0 ? 1 : 0);
                }
                case Winsock.SO_RCVTIMEO, Winsock.SO_SNDTIMEO -> {
                    return Structs.int32((int) (b.getLong(0) * 1000 + b.getLong(8) / 1000));
                }
                case Winsock.SO_ERROR -> {
                    int errno = b.getInt(0);
                    return Structs.int32(errno == 0 ? 0 : translate(errno).code);
                }
                default -> {
                }
            }
        }
        return Structs.int32(b.getInt(0));
    }

    private static byte[] ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    private static byte[] timeval(int ms) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(ms / 1000).putLong((ms % 1000) * 1000L).array();
    }

    @Override
    public byte[] getsockname(long s) {
        return name(s, false);
    }

    @Override
    public byte[] getpeername(long s) {
        return name(s, true);
    }

    private static byte[] name(long s, boolean peer) {
        byte[] a = new byte[16];
        int[] len = {16};
        int rc = peer ? C.getpeername(fd(s), a, len) : C.getsockname(fd(s), a, len);
        if (rc != 0) {
            throw fail();
        }
        return a;
    }

    @Override
    public Readiness[] select(long[] sockets, boolean[] wantRead, boolean[] wantWrite, boolean[] wantExcept, int timeoutMs) {
        ByteBuffer b = ByteBuffer.allocate(8 * sockets.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sockets.length; i++) {
            short events = (short) ((wantRead[i] ? POLLIN : 0) | (wantWrite[i] ? POLLOUT : 0) | (wantExcept[i] ? POLLPRI : 0));
            b.putInt(fd(sockets[i])).putShort(events).putShort((short) 0);
        }
        byte[] fds = b.array();
        int rc = C.poll(fds, sockets.length, timeoutMs);
        if (rc < 0) {
            throw fail();
        }
        ByteBuffer r = ByteBuffer.wrap(fds).order(ByteOrder.LITTLE_ENDIAN);
        Readiness[] out = new Readiness[sockets.length];
        for (int i = 0; i < sockets.length; i++) {
            short re = r.getShort(8 * i + 6);
            // Linux select's own sets: read = IN|HUP|ERR, write = OUT|ERR, except = PRI.
            out[i] = new Readiness(wantRead[i] && (re & (POLLIN | POLLHUP | POLLERR)) != 0,
                    wantWrite[i] && (re & (POLLOUT | POLLERR)) != 0, wantExcept[i] && (re & POLLPRI) != 0);
        }
        return out;
    }

    // ---- duplicated handles and deferred accept ----

    @Override
    public long duplicate(long s) {
        int fd = C.dup(fd(s));
        if (fd < 0) {
            throw fail();
        }
        return fd;
    }

    // ---- WSAPoll ----

    /** Linux's poll bits (asm-generic/poll.h) beside Windows' bits of the same meaning. */
    private static final int[][] POLL_BITS = {{0x40, Winsock.POLLRDNORM}, {0x80, Winsock.POLLRDBAND}, {0x100, Winsock.POLLWRNORM},
        {0x200, Winsock.POLLWRBAND}, {POLLPRI, Winsock.POLLPRI}, {POLLERR, Winsock.POLLERR}, {POLLHUP, Winsock.POLLHUP},
        {0x20, Winsock.POLLNVAL}};

    private static short pollBits(int bits, int from) {
        int out = 0;
        for (int[] pair : POLL_BITS) {
            if ((bits & pair[from]) != 0) {
                out |= pair[1 - from];
            }
        }
        return (short) out;
    }

    @Override
    public int poll(long[] sockets, short[] events, short[] revents, int timeoutMs) {
        ByteBuffer b = ByteBuffer.allocate(8 * sockets.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sockets.length; i++) {
            b.putInt(fd(sockets[i])).putShort(pollBits(events[i], 1)).putShort((short) 0);
        }
        byte[] fds = b.array();
        int rc = C.poll(fds, sockets.length, timeoutMs < 0 ? -1 : timeoutMs);
        if (rc < 0) {
            throw fail();
        }
        ByteBuffer r = ByteBuffer.wrap(fds).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sockets.length; i++) {
            revents[i] = pollBits(r.getShort(8 * i + 6), 0);
        }
        return rc;
    }
}
