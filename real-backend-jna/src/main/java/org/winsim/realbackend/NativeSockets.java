package org.winsim.realbackend;

import org.winsim.winsock.api.WsaError;

/**
 * The operating system's socket calls, in Winsock's terms: Winsock option levels, names, flags and
 * ioctl codes go in; a result or a {@link WsaError} comes out. One implementation per OS.
 */
interface NativeSockets {
    /** Thrown by every call that fails, with the Winsock error a Windows program would see. */
    final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient WsaError error;

        Failure(WsaError error) {
            super(error.name(), null, false, false);
            this.error = error;
        }
    }

    /** Which readiness select reports for one socket. */
    record Readiness(boolean read, boolean write, boolean except) {
    }

    String osName();

    long socket(int af, int type, int protocol);

    void bind(long s, byte[] sockaddr);

    void listen(long s, int backlog);

    /** Returns the new socket; fills {@code peer} (16 bytes) with its peer address. */
    long accept(long s, byte[] peer);

    void connect(long s, byte[] sockaddr);

    int send(long s, byte[] buf, int off, int len, int flags, SocketState state);

    int recv(long s, byte[] buf, int off, int len, int flags, SocketState state);

    void shutdown(long s, int how);

    void close(long s);

    /** A second descriptor of the same socket, which stays open until both are closed (WSADuplicateSocket + WSASocket). */
    long duplicate(long s);

    void setNonBlocking(long s, boolean on);

    int ioctl(long s, int cmd);

    void setsockopt(long s, int level, int option, byte[] winValue, int winLen);

    /** Returns the option's value in Windows layout (4 bytes). */
    byte[] getsockopt(long s, int level, int option);

    byte[] getsockname(long s);

    byte[] getpeername(long s);

    /** Waits up to {@code timeoutMs} (-1: forever) for any socket to be ready; returns each socket's readiness. */
    Readiness[] select(long[] sockets, boolean[] wantRead, boolean[] wantWrite, boolean[] wantExcept, int timeoutMs);

    /** What the Win32 layer remembers about a socket for the OS layer's error translation. */
    final class SocketState {
        volatile boolean nonBlocking;
        volatile boolean shutdownSend;
    }

    // ---- WSAPoll ----

    /**
     * Polls sockets with the OS's own poll, each socket's {@code events} in and its {@code revents} out in
     * Windows' POLL* bits; waits up to {@code timeoutMs} (negative: forever); returns how many report anything.
     */
    int poll(long[] sockets, short[] events, short[] revents, int timeoutMs);
}
