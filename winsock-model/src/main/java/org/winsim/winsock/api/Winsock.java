package org.winsim.winsock.api;

/** Constants of winsock2.h, ws2def.h and ws2ipdef.h, with their real values; import them statically. */
public final class Winsock {
    private Winsock() {
    }

    public static final long INVALID_SOCKET = -1L;
    public static final int SOCKET_ERROR = -1;
    public static final int FD_SETSIZE = 64;
    public static final int SOMAXCONN = 0x7fffffff;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 23;

    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;

    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    public static final int INADDR_ANY = 0;
    public static final int INADDR_LOOPBACK = 0x7f000001;

    public static final int SOL_SOCKET = 0xffff;
    public static final int SO_DEBUG = 0x0001;
    public static final int SO_ACCEPTCONN = 0x0002;
    public static final int SO_REUSEADDR = 0x0004;
    public static final int SO_KEEPALIVE = 0x0008;
    public static final int SO_DONTROUTE = 0x0010;
    public static final int SO_BROADCAST = 0x0020;
    public static final int SO_LINGER = 0x0080;
    public static final int SO_OOBINLINE = 0x0100;
    public static final int SO_DONTLINGER = ~SO_LINGER;
    public static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    public static final int SO_SNDBUF = 0x1001;
    public static final int SO_RCVBUF = 0x1002;
    public static final int SO_SNDTIMEO = 0x1005;
    public static final int SO_RCVTIMEO = 0x1006;
    public static final int SO_ERROR = 0x1007;
    public static final int SO_TYPE = 0x1008;
    public static final int SO_MAX_MSG_SIZE = 0x2003;
    public static final int TCP_NODELAY = 0x0001;
    public static final int TCP_KEEPALIVE = 3;
    public static final int TCP_KEEPIDLE = TCP_KEEPALIVE;
    public static final int TCP_KEEPCNT = 16;
    public static final int TCP_KEEPINTVL = 17;
    // IPPROTO_IP options (ws2ipdef.h)
    public static final int IP_HDRINCL = 2;
    public static final int IP_TOS = 3;
    public static final int IP_TTL = 4;
    public static final int IP_MULTICAST_TTL = 10;
    public static final int IP_MULTICAST_LOOP = 11;
    public static final int IP_DONTFRAGMENT = 14;
    public static final int IP_PKTINFO = 19;
    public static final int IP_RECVTTL = 21;
    public static final int IP_RECVTOS = 40;

    public static final int MSG_OOB = 0x1;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_WAITALL = 0x8;
    public static final int MSG_PARTIAL = 0x8000;

    public static final int SD_RECEIVE = 0;
    public static final int SD_SEND = 1;
    public static final int SD_BOTH = 2;

    public static final int FIONREAD = 0x4004667f;
    public static final int FIONBIO = 0x8004667e;
    public static final int SIOCATMARK = 0x40047307;

    // ---- overlapped I/O and the Microsoft extensions (issue 12) ----

    public static final int WSA_FLAG_OVERLAPPED = 0x01;
    public static final int FIOASYNC = 0x8004667d;
    public static final int SIO_GET_EXTENSION_FUNCTION_POINTER = 0xc8000006;
    public static final int SIO_FLUSH = 0x28000004;
    public static final int SIO_ENABLE_CIRCULAR_QUEUEING = 0x28000002;
    /** The base service provider's handle of a socket: output a SOCKET. */
    public static final int SIO_BASE_HANDLE = 0x48000022;
    /** Per-connection keep-alive: input a {@code struct tcp_keepalive} (onoff, keepalivetime ms, keepaliveinterval ms). */
    public static final int SIO_KEEPALIVE_VALS = 0x98000004;
    /** The size of {@code struct tcp_keepalive}: three ULONGs. */
    public static final int SIZEOF_TCP_KEEPALIVE = 12;
    /** The send backlog that keeps a connection's pipe full: output a ULONG. */
    public static final int SIO_IDEAL_SEND_BACKLOG_QUERY = 0x4004747B;
    /** The local interface address a destination is reached from: input and output a sockaddr. */
    public static final int SIO_ROUTING_INTERFACE_QUERY = 0xC8000014;
    public static final int SO_UPDATE_ACCEPT_CONTEXT = 0x700b;
    public static final int SO_UPDATE_CONNECT_CONTEXT = 0x7010;
    public static final int SO_CONNECT_TIME = 0x700C;
    public static final int SO_OPENTYPE = 0x7008;
    public static final int SO_SYNCHRONOUS_ALERT = 0x10;
    public static final int SO_SYNCHRONOUS_NONALERT = 0x20;
    public static final int TF_DISCONNECT = 0x01;
    public static final int TF_REUSE_SOCKET = 0x02;
    /** The size of a pointer (x64): the {@code cbOutBuffer} of SIO_GET_EXTENSION_FUNCTION_POINTER. */
    public static final int SIZEOF_POINTER = 8;

    // ---- duplicated handles and deferred accept ----

    /** WSAAccept's condition function: accept the connection. */
    public static final int CF_ACCEPT = 0x0000;
    /** WSAAccept's condition function: reset the connection (WSAAccept fails with WSAECONNREFUSED). */
    public static final int CF_REJECT = 0x0001;
    /** WSAAccept's condition function: decide later; the connection stays first in the queue (WSATRY_AGAIN). */
    public static final int CF_DEFER = 0x0002;
    /** WSASocket's af, type or protocol: take it from the WSAPROTOCOL_INFO. */
    public static final int FROM_PROTOCOL_INFO = -1;

    /** {@code MAKEWORD(2, 2)}. */
    public static final int WINSOCK_VERSION = 0x0202;

    /** {@code MAKEWORD(low, high)}. */
    public static int MAKEWORD(int low, int high) {
        return (low & 0xff) | ((high & 0xff) << 8);
    }

    // ---- WSAEventSelect / WSAAsyncSelect (issue 11) ----

    public static final int FD_READ_BIT = 0;
    public static final int FD_WRITE_BIT = 1;
    public static final int FD_OOB_BIT = 2;
    public static final int FD_ACCEPT_BIT = 3;
    public static final int FD_CONNECT_BIT = 4;
    public static final int FD_CLOSE_BIT = 5;
    public static final int FD_MAX_EVENTS = 10;
    public static final int FD_READ = 1 << FD_READ_BIT;
    public static final int FD_WRITE = 1 << FD_WRITE_BIT;
    public static final int FD_OOB = 1 << FD_OOB_BIT;
    public static final int FD_ACCEPT = 1 << FD_ACCEPT_BIT;
    public static final int FD_CONNECT = 1 << FD_CONNECT_BIT;
    public static final int FD_CLOSE = 1 << FD_CLOSE_BIT;
    public static final int FD_ALL_EVENTS = (1 << FD_MAX_EVENTS) - 1;

    public static final long WSA_INVALID_EVENT = 0L;
    public static final int WSA_MAXIMUM_WAIT_EVENTS = 64;
    public static final int WSA_WAIT_EVENT_0 = 0;
    public static final int WSA_WAIT_IO_COMPLETION = 0xc0;
    public static final int WSA_WAIT_TIMEOUT = 258;
    public static final int WSA_WAIT_FAILED = 0xffffffff;
    public static final int WSA_INFINITE = 0xffffffff;

    /** {@code WSAGETSELECTEVENT(lParam)}: the FD_ event of a WSAAsyncSelect message. */
    public static int WSAGETSELECTEVENT(long lParam) {
        return (int) (lParam & 0xffff);
    }

    /** {@code WSAGETSELECTERROR(lParam)}: the error of a WSAAsyncSelect message (0 when none). */
    public static int WSAGETSELECTERROR(long lParam) {
        return (int) ((lParam >>> 16) & 0xffff);
    }

    /** {@code WSAMAKESELECTREPLY(event, error)}: a WSAAsyncSelect message's lParam. */
    public static long WSAMAKESELECTREPLY(int event, int error) {
        return (event & 0xffffL) | ((error & 0xffffL) << 16);
    }

    /** The name of an FD_ event mask, bits joined by | in bit order ({@code FD_READ|FD_WRITE}), "0" for none. */
    public static String fdNames(int mask) {
        String[] names = {"FD_READ", "FD_WRITE", "FD_OOB", "FD_ACCEPT", "FD_CONNECT", "FD_CLOSE"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < FD_MAX_EVENTS; i++) {
            if ((mask & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(i < names.length ? names[i] : "1<<" + i);
            }
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    /** Bytes of a {@code struct sockaddr_in}. */
    public static final int SIZEOF_SOCKADDR_IN = 16;

    // ---- WSAPoll ----

    /** WSAPOLLFD events and revents bits (winsock2.h). */
    public static final int POLLRDNORM = 0x0100;
    public static final int POLLRDBAND = 0x0200;
    public static final int POLLIN = POLLRDNORM | POLLRDBAND;
    public static final int POLLPRI = 0x0400;
    public static final int POLLWRNORM = 0x0010;
    public static final int POLLOUT = POLLWRNORM;
    public static final int POLLWRBAND = 0x0020;
    public static final int POLLERR = 0x0001;
    public static final int POLLHUP = 0x0002;
    public static final int POLLNVAL = 0x0004;

    /** Poll bits as C writes them, or-ed ({@code POLLRDNORM|POLLWRNORM}), or {@code 0}; an unnamed bit as hex. */
    public static String pollNames(int bits) {
        int[] values = {POLLRDNORM, POLLRDBAND, POLLPRI, POLLWRNORM, POLLWRBAND, POLLERR, POLLHUP, POLLNVAL};
        String[] names = {"POLLRDNORM", "POLLRDBAND", "POLLPRI", "POLLWRNORM", "POLLWRBAND", "POLLERR", "POLLHUP", "POLLNVAL"};
        StringBuilder b = new StringBuilder();
        int rest = bits & 0xffff;
        for (int i = 0; i < values.length; i++) {
            if ((rest & values[i]) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(names[i]);
                rest &= ~values[i];
            }
        }
        if (rest != 0) {
            b.append(b.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(rest));
        }
        return b.length() == 0 ? "0" : b.toString();
    }
}
