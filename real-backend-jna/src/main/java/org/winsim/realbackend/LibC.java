package org.winsim.realbackend;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The BSD socket calls of the C library (Linux x86-64 ABI), hand-mapped: jna-platform has none of them. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] addr, int len);

    int listen(int fd, int backlog);

    int accept(int fd, byte[] addr, int[] len);

    int connect(int fd, byte[] addr, int len);

    long send(int fd, byte[] buf, long len, int flags);

    long recv(int fd, byte[] buf, long len, int flags);

    // ---- UDP ----

    long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

    long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] addrlen);

    int shutdown(int fd, int how);

    int close(int fd);

    /** dup(2): duplicated handles and deferred accept (WSADuplicateSocket). */
    int dup(int fd);

    int ioctl(int fd, long request, int[] arg);

    int setsockopt(int fd, int level, int name, byte[] value, int len);

    int getsockopt(int fd, int level, int name, byte[] value, int[] len);

    int getsockname(int fd, byte[] addr, int[] len);

    int getpeername(int fd, byte[] addr, int[] len);

    /** {@code fds} holds {@code struct pollfd} records: int fd, short events, short revents. */
    int poll(byte[] fds, long nfds, int timeoutMs);
}
