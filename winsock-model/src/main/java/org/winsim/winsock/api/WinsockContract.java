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

    /**
     * WSASendDisconnect's outgoing data: msafd hands a non-empty buffer to AFD (IOCTL_AFD_SET_DISCONNECT_DATA)
     * before it shuts the send side, and AFD refuses it (STATUS_INVALID_PARAMETER: WSAEINVAL) on a datagram
     * socket and on a connection whose receive side is already shut; otherwise it keeps the data, which TCP
     * never sends.
     */
    public static WsaError disconnectData(WSABUF data, boolean datagram, boolean receiveShutDown) {
        boolean given = data != null && data.buf != null && data.len > 0;
        return given && (datagram || receiveShutDown) ? WsaError.WSAEINVAL : null;
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
     * How Windows sizes an option's value (Wine sock.c {@code test_set_getsockopt}, its {@code test_optsize}
     * table): what setsockopt reads and getsockopt writes for each length.
     */
    public enum OptionWidth {
        /** A BOOLEAN of one byte (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY): set reads the first byte, get writes one and says 1. */
        BYTE,
        /**
         * A BOOL that takes a short buffer (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_DONTLINGER, SO_OOBINLINE,
         * SO_BROADCAST): set reads up to 4 bytes, none at all for length 0; get with fewer than 4 bytes fills
         * them and says 1.
         */
        SHORT_BOOL,
        /**
         * An IP header byte or flag (IP_TTL, IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_DONTFRAGMENT): set
         * takes any length of 1 or more and reads up to 4 bytes of it; get with fewer than 4 bytes writes one
         * and says 1. (IP_DONTFRAGMENT's row is not in Wine's table: it is given IPV6_DONTFRAG's.)
         */
        IP_BYTE,
        /** A 4-byte value: fewer bytes is WSAEFAULT both ways. */
        INT
    }

    /** The width of an option's value. */
    public static OptionWidth optionWidth(int level, int optname) {
        if (level == Winsock.IPPROTO_TCP && optname == Winsock.TCP_NODELAY
                || level == Winsock.SOL_SOCKET && (optname == Winsock.SO_KEEPALIVE || optname == Winsock.SO_DONTROUTE)) {
            return OptionWidth.BYTE;
        }
        boolean shortBool = level == Winsock.SOL_SOCKET && (optname == Winsock.SO_REUSEADDR || optname == Winsock.SO_EXCLUSIVEADDRUSE
                || optname == Winsock.SO_DONTLINGER || optname == Winsock.SO_OOBINLINE || optname == Winsock.SO_BROADCAST);
        boolean ipByte = level == Winsock.IPPROTO_IP && (optname == Winsock.IP_TTL || optname == Winsock.IP_TOS
                || optname == Winsock.IP_MULTICAST_TTL || optname == Winsock.IP_MULTICAST_LOOP || optname == Winsock.IP_DONTFRAGMENT);
        return shortBool ? OptionWidth.SHORT_BOOL : ipByte ? OptionWidth.IP_BYTE : OptionWidth.INT;
    }

    /** How many bytes setsockopt reads: a negative length is a huge unsigned one to Windows. */
    private static int optionBytesIn(OptionWidth w, int optlen) {
        return switch (w) {
            case BYTE -> 1;
            case SHORT_BOOL, IP_BYTE -> optlen < 0 ? 4 : Math.min(optlen, 4);
            case INT -> 4;
        };
    }

    /**
     * setsockopt's value: WSAEFAULT when missing or shorter than the option takes (length 0 only for a
     * SHORT_BOOL; 1 byte for a BYTE or an IP_BYTE; 4 for an INT); a negative length (huge, unsigned) is taken by SOL_SOCKET's
     * 4-byte options and is WSAENOBUFS for the others. Reading past the array is WSAEFAULT too.
     */
    public static WsaError optionIn(int level, int optname, byte[] optval, int optlen) {
        if (optval == null) {
            return WsaError.WSAEFAULT;
        }
        OptionWidth w = optionWidth(level, optname);
        if (optlen < 0 && (w == OptionWidth.BYTE || level != Winsock.SOL_SOCKET)) {
            return WsaError.WSAENOBUFS;
        }
        if (optlen >= 0 && optlen < (w == OptionWidth.SHORT_BOOL ? 0 : w == OptionWidth.INT ? 4 : 1)) {
            return WsaError.WSAEFAULT;
        }
        return optionBytesIn(w, optlen) > optval.length ? WsaError.WSAEFAULT : null;
    }

    /** The value setsockopt takes from {@code optval}: the bytes {@link #optionIn} allowed, little-endian. */
    public static int optionValue(int level, int optname, byte[] optval, int optlen) {
        int n = optionBytesIn(optionWidth(level, optname), optlen);
        int v = 0;
        for (int i = 0; i < n; i++) {
            v |= (optval[i] & 0xff) << (8 * i);
        }
        return v;
    }

    /**
     * getsockopt's output: WSAEFAULT when missing, when the length is 0 or negative (SO_OPENTYPE's negative
     * length is a huge one: {@code outLength}), when shorter than 4
     * bytes for an INT option, or when the array is shorter than what would be written. A short buffer for
     * SO_LINGER, SO_RCVBUF or SO_SNDBUF is zeroed on the way (Wine sock.c {@code test_optsize}: 0xdeadbe00 and
     * 0xdead0000 read back), the timeouts' is left alone; an INT option of IPPROTO_TCP or IPPROTO_IP leaves
     * the buffer alone and sets the length to 0 (its rows' sizes {0, 0, 4}).
     */
    public static WsaError optionOut(int level, int optname, byte[] optval, int[] optlen) {
        if (optval == null || optlen == null) {
            return WsaError.WSAEFAULT;
        }
        int len = outLength(level, optname, optlen[0]);
        if (len <= 0) {
            return WsaError.WSAEFAULT;
        }
        OptionWidth w = optionWidth(level, optname);
        if (w == OptionWidth.INT && len < 4) {
            if (level == Winsock.SOL_SOCKET && (optname == Winsock.SO_LINGER || optname == Winsock.SO_RCVBUF
                    || optname == Winsock.SO_SNDBUF)) {
                java.util.Arrays.fill(optval, 0, Math.min(optlen[0], optval.length), (byte) 0);
            } else if (level == Winsock.IPPROTO_TCP || level == Winsock.IPPROTO_IP) {
                optlen[0] = 0;
            }
            return WsaError.WSAEFAULT;
        }
        return optionBytesOut(w, len) > optval.length ? WsaError.WSAEFAULT : null;
    }

    /**
     * getsockopt's length as the option reads it: SO_OPENTYPE's is compared unsigned, so a negative one is a huge
     * one (Wine sock.c {@code test_optsize}: length -1 succeeds and reports 4).
     */
    private static int outLength(int level, int optname, int optlen) {
        return optlen < 0 && level == Winsock.SOL_SOCKET && optname == Winsock.SO_OPENTYPE ? Integer.MAX_VALUE : optlen;
    }

    private static int optionBytesOut(OptionWidth w, int optlen) {
        return w == OptionWidth.BYTE || w == OptionWidth.IP_BYTE && optlen < 4 ? 1 : Math.min(optlen, 4);
    }

    /** Writes an option's value as getsockopt does, and the length it reports: 1 for a BYTE, a short SHORT_BOOL or a short IP_BYTE. */
    public static void putOption(int level, int optname, int value, byte[] optval, int[] optlen) {
        OptionWidth w = optionWidth(level, optname);
        int n = optionBytesOut(w, outLength(level, optname, optlen[0]));
        byte[] b = Structs.int32(w == OptionWidth.BYTE ? value & 0xff : value);
        System.arraycopy(b, 0, optval, 0, n);
        optlen[0] = n < 4 ? 1 : 4;
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
