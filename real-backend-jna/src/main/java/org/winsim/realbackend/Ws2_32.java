package org.winsim.realbackend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The ws2_32.dll functions the Windows binding calls (x64: SOCKET is 8 bytes). jna-platform maps
 * kernel32 and user32 but almost none of ws2_32, so these are hand-written. Loaded only on Windows.
 */
interface Ws2_32 extends Library {
    /** Loaded on first use, so that other platforms never try. */
    final class Holder {
        static final Ws2_32 INSTANCE = Native.load("ws2_32", Ws2_32.class);

        private Holder() {
        }
    }

    int WSAStartup(short wVersionRequested, Win64Structs.WSADATA lpWSAData);

    long socket(int af, int type, int protocol);

    int bind(long s, byte[] name, int namelen);

    int listen(long s, int backlog);

    long accept(long s, byte[] addr, int[] addrlen);

    int connect(long s, byte[] name, int namelen);

    int send(long s, byte[] buf, int len, int flags);

    int recv(long s, byte[] buf, int len, int flags);

    // ---- UDP ----

    int sendto(long s, byte[] buf, int len, int flags, byte[] to, int tolen);

    int recvfrom(long s, byte[] buf, int len, int flags, byte[] from, int[] fromlen);

    int shutdown(long s, int how);

    int closesocket(long s);

    int ioctlsocket(long s, int cmd, int[] argp);

    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    int getsockname(long s, byte[] name, int[] namelen);

    int getpeername(long s, byte[] name, int[] namelen);

    /** {@code readfds}, {@code writefds}, {@code exceptfds}: fd_set buffers (count at 0, SOCKETs from 8), or null. */
    int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Win64Structs.TIMEVAL timeout);

    // ---- WSAPoll ----

    /** {@code fdArray}: WSAPOLLFD records of 16 bytes (SOCKET fd, SHORT events, SHORT revents). */
    int WSAPoll(Pointer fdArray, int fds, int timeout);
}
