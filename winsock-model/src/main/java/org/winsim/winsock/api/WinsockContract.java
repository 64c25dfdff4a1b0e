package org.winsim.winsock.api;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.SIZEOF_SOCKADDR_IN;

import java.util.function.LongPredicate;

/**
 * The argument checks Winsock itself makes before any socket is looked at (a NULL pointer or a short
 * length is WSAEFAULT, an unknown ioctl WSAEOPNOTSUPP), and WSAStartup's version negotiation. One copy,
 * used by every backend, so the simulator and the real stacks answer a bad argument alike. Each check
 * returns the error, or null when the arguments pass.
 */
public final class WinsockContract {
    private WinsockContract() {
    }

    /**
     * WSAStartup's answer: 0 with {@code data} filled (the version used is the one asked for, or 2.2
     * when more is asked), WSAVERNOTSUPPORTED for a major version below 1, WSAEFAULT for no WSADATA.
     */
    public static int startup(int wVersionRequested, WSADATA data, String description) {
        int major = wVersionRequested & 0xff;
        int minor = (wVersionRequested >>> 8) & 0xff;
        if (major < 1) {
            return WsaError.WSAVERNOTSUPPORTED.code;
        }
        if (data == null) {
            return WsaError.WSAEFAULT.code;
        }
        data.wVersion = major > 2 || (major == 2 && minor > 2) ? Winsock.WINSOCK_VERSION : wVersionRequested & 0xffff;
        data.wHighVersion = Winsock.WINSOCK_VERSION;
        data.szDescription = description;
        data.szSystemStatus = "Running";
        return 0;
    }

    /** A data buffer: no buffer (unless for 0 bytes), or a negative offset or length, is WSAEFAULT. */
    public static WsaError buffer(byte[] buf, int off, int len) {
        return buf == null && len != 0 || len < 0 || off < 0 ? WsaError.WSAEFAULT : null; // NULL with 0 bytes is never touched (WOV-05)
    }

    /** Whether a buffer range runs past its array: not a Winsock error but the program's own bug. */
    public static boolean overruns(byte[] buf, int off, int len) {
        return buf != null && (long) off + len > buf.length;
    }

    /** An address passed in (bind, connect): WSAEFAULT when missing or short, WSAEAFNOSUPPORT when not AF_INET. */
    public static WsaError nameIn(sockaddr_in name, int namelen) {
        if (name == null || namelen < SIZEOF_SOCKADDR_IN) {
            return WsaError.WSAEFAULT;
        }
        return name.sin_family != AF_INET ? WsaError.WSAEAFNOSUPPORT : null;
    }

    /** An address to be written (getsockname, getpeername): WSAEFAULT when missing or its length is short. */
    public static WsaError nameOut(sockaddr_in name, int[] namelen) {
        return name == null || namelen == null || namelen[0] < SIZEOF_SOCKADDR_IN ? WsaError.WSAEFAULT : null;
    }

    /** accept's optional address length: WSAEFAULT when given and short. */
    public static WsaError acceptNameOut(int[] addrlen) {
        return addrlen != null && addrlen[0] < SIZEOF_SOCKADDR_IN ? WsaError.WSAEFAULT : null;
    }

    /** ioctlsocket: the commands it knows (FIONBIO, FIONREAD, SIOCATMARK), and an argument to read or write. */
    public static WsaError ioctl(int cmd, int[] argp) {
        if (cmd != Winsock.FIONBIO && cmd != Winsock.FIONREAD && cmd != Winsock.SIOCATMARK) {
            return WsaError.WSAEOPNOTSUPP;
        }
        return argp == null || argp.length < 1 ? WsaError.WSAEFAULT : null;
    }

    /**
     * setsockopt's value: WSAEFAULT when missing, shorter than 1 byte or longer than its array, or
     * shorter than 4 bytes for an option that is not a BOOL (Windows reads a BOOL from one byte).
     */
    public static WsaError optionIn(int level, int optname, byte[] optval, int optlen) {
        if (optval == null || optlen < 1 || optlen > optval.length) {
            return WsaError.WSAEFAULT;
        }
        boolean bool = level == Winsock.SOL_SOCKET && (optname == Winsock.SO_REUSEADDR || optname == Winsock.SO_KEEPALIVE
                || optname == Winsock.SO_OOBINLINE || optname == Winsock.SO_DONTLINGER || optname == Winsock.SO_EXCLUSIVEADDRUSE)
                || level == Winsock.IPPROTO_TCP && optname == Winsock.TCP_NODELAY;
        return !bool && optlen < 4 ? WsaError.WSAEFAULT : null;
    }

    /** getsockopt's output: WSAEFAULT unless there is room for at least a 4-byte value. */
    public static WsaError optionOut(byte[] optval, int[] optlen) {
        return optval == null || optlen == null || optlen[0] < 4 || optval.length < 4 ? WsaError.WSAEFAULT : null;
    }

    // ---- WSAPoll ----

    /** WSAPoll's array: no entries is WSAEINVAL, then a NULL array WSAEFAULT (Wine's sock.c {@code test_WSAPoll}). */
    public static WsaError pollArray(WSAPOLLFD[] fds, int count) {
        return count == 0 ? WsaError.WSAEINVAL : fds == null ? WsaError.WSAEFAULT : null;
    }

    /**
     * WSAPoll's entries: one that names no socket gets revents POLLNVAL, the others 0; when none names a
     * socket the call is WSAENOTSOCK. Then the events: an entry whose fd is not INVALID_SOCKET may ask
     * only for POLLRDNORM, POLLRDBAND and POLLWRNORM, else WSAEINVAL with every revents 0.
     */
    public static WsaError pollEntries(WSAPOLLFD[] fds, int count, LongPredicate isSocket) {
        boolean any = false;
        for (int i = 0; i < count; i++) {
            boolean socket = isSocket.test(fds[i].fd);
            fds[i].revents = socket ? 0 : (short) Winsock.POLLNVAL;
            any |= socket;
        }
        if (!any) {
            return WsaError.WSAENOTSOCK;
        }
        for (int i = 0; i < count; i++) {
            if (fds[i].fd != Winsock.INVALID_SOCKET
                    && (fds[i].events & 0xffff & ~(Winsock.POLLRDNORM | Winsock.POLLRDBAND | Winsock.POLLWRNORM)) != 0) {
                for (int j = 0; j < count; j++) {
                    fds[j].revents = 0;
                }
                return WsaError.WSAEINVAL;
            }
        }
        return null;
    }
}
