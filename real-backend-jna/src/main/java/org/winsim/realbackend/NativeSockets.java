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

    /** send: sendto without an address. */
    default int send(long s, byte[] buf, int off, int len, int flags, SocketState state) {
        return sendto(s, buf, off, len, flags, null, state);
    }

    /** recv: recvfrom without an address. */
    default int recv(long s, byte[] buf, int off, int len, int flags, SocketState state) {
        return recvfrom(s, buf, off, len, flags, null, state);
    }

    void shutdown(long s, int how);

    // ---- UDP ----

    /** sendto: {@code to} is a 16-byte sockaddr_in, or null to send as {@code send} does. */
    int sendto(long s, byte[] buf, int off, int len, int flags, byte[] to, SocketState state);

    /** recvfrom: fills {@code from} (16 bytes) with the source when it is not null. */
    int recvfrom(long s, byte[] buf, int off, int len, int flags, byte[] from, SocketState state);

    /** {@code buf[off..off+len)} as the array a native call reads from (the array itself when {@code off} is 0). */
    static byte[] outgoing(byte[] buf, int off, int len) {
        return off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
    }

    /** The array a native call receives {@code len} bytes into, to land at {@code buf[off]} (the array itself when {@code off} is 0). */
    static byte[] incoming(byte[] buf, int off, int len) {
        return off == 0 ? buf : new byte[len];
    }

    /** Moves {@code n} received bytes from the native call's array to {@code buf[off]}, when they differ. */
    static void landed(byte[] into, byte[] buf, int off, int n) {
        if (into != buf) {
            System.arraycopy(into, 0, buf, off, n);
        }
    }

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
        volatile boolean shutdownReceive;
    }

    // ---- WSAPoll ----

    /**
     * Polls sockets with the OS's own poll, each socket's {@code events} in and its {@code revents} out in
     * Windows' POLL* bits; waits up to {@code timeoutMs} (negative: forever); returns how many report anything.
     */
    int poll(long[] sockets, short[] events, short[] revents, int timeoutMs);
}
