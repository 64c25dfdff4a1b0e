package org.winsim.realbackend;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * Winsock's calls on Windows itself, through ws2_32.dll: constants pass unchanged, and the error is
 * read right after each call. Not yet verified on a live Windows host (none is available to CI).
 */
final class WindowsSockets implements NativeSockets {
    private static final int FD_ARRAY_OFFSET = new Win64Structs.FD_SET().offsetOf("fd_array");

    private final Ws2_32 ws;

    WindowsSockets() {
        ws = Ws2_32.Holder.INSTANCE;
        Win64Structs.WSADATA data = new Win64Structs.WSADATA();
        int rc = ws.WSAStartup((short) Winsock.WINSOCK_VERSION, data);
        if (rc != 0) {
            throw new IllegalStateException("WSAStartup failed with " + WsaError.nameOf(rc));
        }
    }

    @Override
    public String osName() {
        return "windows";
    }

    private static Failure fail() {
        int code = Native.getLastError();
        WsaError e = WsaError.of(code);
        return new Failure(e != null ? e : WsaError.WSAEINVAL);
    }

    private static long check(long rc) {
        if (rc == -1) {
            throw fail();
        }
        return rc;
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return check(ws.socket(af, type, protocol));
    }

    @Override
    public void bind(long s, byte[] sockaddr) {
        check(ws.bind(s, sockaddr, sockaddr.length));
    }

    @Override
    public void listen(long s, int backlog) {
        check(ws.listen(s, backlog));
    }

    @Override
    public long accept(long s, byte[] peer) {
        return check(ws.accept(s, peer, new int[] {peer.length}));
    }

    @Override
    public void connect(long s, byte[] sockaddr) {
        check(ws.connect(s, sockaddr, sockaddr.length));
    }

    // ---- UDP ---- (send and recv are NativeSockets' sendto and recvfrom without an address)

    @Override
    public int sendto(long s, byte[] buf, int off, int len, int flags, byte[] to, SocketState state) {
        byte[] data = NativeSockets.outgoing(buf, off, len);
        return (int) check(ws.sendto(s, data, len, flags, to, to == null ? 0 : to.length));
    }

    @Override
    public int recvfrom(long s, byte[] buf, int off, int len, int flags, byte[] from, SocketState state) {
        byte[] into = NativeSockets.incoming(buf, off, len);
        int n = (int) check(ws.recvfrom(s, into, len, flags, from, from == null ? null : new int[] {from.length}));
        NativeSockets.landed(into, buf, off, n);
        return n;
    }

    @Override
    public void shutdown(long s, int how) {
        check(ws.shutdown(s, how));
    }

    @Override
    public void close(long s) {
        ws.closesocket(s);
    }

    @Override
    public void setNonBlocking(long s, boolean on) {
        check(ws.ioctlsocket(s, Winsock.FIONBIO, new int[] {on ? 1 : 0}));
    }

    @Override
    public int ioctl(long s, int cmd) {
        int[] v = {0};
        check(ws.ioctlsocket(s, cmd, v));
        return v[0];
    }

    @Override
    public void setsockopt(long s, int level, int option, byte[] winValue, int winLen) {
        check(ws.setsockopt(s, level, option, winValue, winLen));
    }

    @Override
    public byte[] getsockopt(long s, int level, int option) {
        byte[] v = new byte[4];
        check(ws.getsockopt(s, level, option, v, new int[] {4}));
        return v;
    }

    @Override
    public byte[] getsockname(long s) {
        byte[] a = new byte[16];
        check(ws.getsockname(s, a, new int[] {16}));
        return a;
    }

    @Override
    public byte[] getpeername(long s) {
        byte[] a = new byte[16];
        check(ws.getpeername(s, a, new int[] {16}));
        return a;
    }

    private static Memory fdSet(long[] sockets, boolean[] want) {
        Memory m = new Memory(FD_ARRAY_OFFSET + 8L * Math.max(1, sockets.length));
        int n = 0;
        for (int i = 0; i < sockets.length; i++) {
            if (want[i]) {
                m.setLong(FD_ARRAY_OFFSET + 8L * n++, sockets[i]);
            }
        }
        m.setInt(0, n);
        return n == 0 ? null : m;
    }

    private static boolean isSet(Pointer set, long s) {
        if (set == null) {
            return false;
        }
        int n = set.getInt(0);
        for (int i = 0; i < n; i++) {
            if (set.getLong(FD_ARRAY_OFFSET + 8L * i) == s) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Readiness[] select(long[] sockets, boolean[] wantRead, boolean[] wantWrite, boolean[] wantExcept, int timeoutMs) {
        Memory r = fdSet(sockets, wantRead);
        Memory w = fdSet(sockets, wantWrite);
        Memory e = fdSet(sockets, wantExcept);
        Win64Structs.TIMEVAL tv = null;
        if (timeoutMs >= 0) {
            tv = new Win64Structs.TIMEVAL();
            tv.tv_sec = timeoutMs / 1000;
            tv.tv_usec = (timeoutMs % 1000) * 1000;
        }
        check(ws.select(0, r, w, e, tv));
        Readiness[] out = new Readiness[sockets.length];
        for (int i = 0; i < sockets.length; i++) {
            out[i] = new Readiness(isSet(r, sockets[i]), isSet(w, sockets[i]), isSet(e, sockets[i]));
        }
        return out;
    }

    // ---- duplicated handles and deferred accept ----

    @Override
    public long duplicate(long s) {
        throw new org.winsim.winsock.api.UnsupportedOnThisOs("WSADuplicateSocket (not bound in this backend yet)", osName());
    }

    // ---- WSAPoll ----

    @Override
    public int poll(long[] sockets, short[] events, short[] revents, int timeoutMs) {
        Memory fds = new Memory(16L * sockets.length); // WSAPOLLFD on x64: SOCKET fd, SHORT events, SHORT revents, padding
        fds.clear();
        for (int i = 0; i < sockets.length; i++) {
            fds.setLong(16L * i, sockets[i]);
            fds.setShort(16L * i + 8, events[i]);
        }
        int rc = (int) check(ws.WSAPoll(fds, sockets.length, timeoutMs));
        for (int i = 0; i < sockets.length; i++) {
            revents[i] = fds.getShort(16L * i + 10);
        }
        return rc;
    }
}
