package org.winsim.realbackend;

import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SIZEOF_SOCKADDR_IN;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSANOTINITIALISED;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Kernel32;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.LPCONDITIONPROC;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/**
 * The Win32 API of one program on real OS sockets. Socket calls go to the OS through
 * {@link NativeSockets}; this layer keeps what Winsock itself defines: handle values (multiples of 4
 * from 0x100, never reused, so a stale handle is WSAENOTSOCK as in the model), the per-thread last
 * error, WSAStartup, and Winsock's argument checks (NULL pointers and short lengths are WSAEFAULT).
 * Threads are real threads; events and critical sections are Java locks. On Windows, jna-platform's
 * Kernel32 answers GetSystemInfo and GetCurrentThreadId.
 */
public final class RealWin32 implements OsWin32 {
    private final NativeSockets os;
    private final Map<Long, Object> handles = new ConcurrentHashMap<>();
    private final List<RealSocket> everySocket = new CopyOnWriteArrayList<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final AtomicInteger startups = new AtomicInteger();
    private final ThreadLocal<int[]> lastError = ThreadLocal.withInitial(() -> new int[1]);
    private final Object waitLock = new Object();
    /** User APCs queued to each thread, guarded by the wait lock. */
    private final Map<Thread, ArrayDeque<Runnable>> apcQueues = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    /** A socket: its OS handle, what error translation needs, its last known local name, calls under way. */
    static final class RealSocket {
        final long os;
        /** Whether it is a datagram socket (socket's type SOCK_DGRAM). */
        final boolean datagram;
        volatile long handle;
        final NativeSockets.SocketState state = new NativeSockets.SocketState();
        volatile byte[] localName;
        volatile byte[] peerName;
        final AtomicInteger callsUnderWay = new AtomicInteger();

        RealSocket(long os, boolean datagram) {
            this.os = os;
            this.datagram = datagram;
        }
    }

    /** A manual- or auto-reset event, guarded by the instance's wait lock. */
    static final class RealEvent {
        final boolean manualReset;
        boolean signaled;

        RealEvent(boolean manualReset, boolean signaled) {
            this.manualReset = manualReset;
            this.signaled = signaled;
        }
    }

    static final class RealThread {
        Thread thread;
        volatile int exitCode = WinBase.STILL_ACTIVE;
        volatile boolean ended;
    }

    public RealWin32(NativeSockets os) {
        this.os = os;
    }

    /** The backend for the OS this JVM runs on: ws2_32 on Windows, the C library elsewhere. */
    public static RealWin32 forThisOs() {
        return new RealWin32(Platform.isWindows() ? new WindowsSockets() : new PosixSockets());
    }

    /** "windows" or "linux": the model profile that matches the host. */
    public String osName() {
        return os.osName();
    }

    private long register(Object o) {
        long h = nextHandle.getAndAdd(4);
        handles.put(h, o);
        return h;
    }

    private void setError(int code) {
        lastError.get()[0] = code;
    }

    // ---- the boundary ----

    private long call(long failValue, LongSupplier body) {
        try {
            long r = body.getAsLong();
            setError(0);
            return r;
        } catch (NativeSockets.Failure f) {
            setError(f.error.code);
            return failValue;
        }
    }

    private RealSocket sock(long s) {
        if (startups.get() == 0) {
            throw new NativeSockets.Failure(WSANOTINITIALISED);
        }
        if (handles.get(s) instanceof RealSocket r) {
            return r;
        }
        throw new NativeSockets.Failure(WSAENOTSOCK);
    }

    /** Throws a contract violation found by {@link WinsockContract}. */
    private static void check(WsaError violation) {
        if (violation != null) {
            throw new NativeSockets.Failure(violation);
        }
    }

    private static void checkBuffer(byte[] buf, int off, int len) {
        check(WinsockContract.buffer(buf, off, len));
        if (WinsockContract.overruns(buf, off, len)) {
            throw new IllegalArgumentException(len + " bytes at offset " + off + " of a " + buf.length
                    + "-byte buffer: past the end of the buffer");
        }
    }

    /** Runs a call that may block, so that closesocket from another thread can wake it. */
    private <T> T blocking(RealSocket s, java.util.function.Supplier<T> body) {
        s.callsUnderWay.incrementAndGet();
        try {
            return body.get();
        } finally {
            s.callsUnderWay.decrementAndGet();
        }
    }

    // ---- Winsock ----

    @Override
    public int WSAStartup(int wVersionRequested, WSADATA data) {
        int r = WinsockContract.startup(wVersionRequested, data, "WinSock 2.0 (" + os.osName() + " sockets)");
        if (r == 0) {
            startups.incrementAndGet();
        }
        return r;
    }

    @Override
    public int WSACleanup() {
        return (int) call(SOCKET_ERROR, () -> {
            if (startups.get() == 0) {
                throw new NativeSockets.Failure(WSANOTINITIALISED);
            }
            if (startups.decrementAndGet() == 0) {
                closeAll();
            }
            return 0;
        });
    }

    @Override
    public int WSAGetLastError() {
        return lastError.get()[0];
    }

    @Override
    public void WSASetLastError(int iError) {
        setError(iError);
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return call(INVALID_SOCKET, () -> {
            if (startups.get() == 0) {
                throw new NativeSockets.Failure(WSANOTINITIALISED);
            }
            RealSocket s = new RealSocket(os.socket(af, type, protocol), type == Winsock.SOCK_DGRAM);
            everySocket.add(s);
            s.handle = register(s);
            return s.handle;
        });
    }

    private static byte[] address(sockaddr_in name, int namelen) {
        check(WinsockContract.nameIn(name, namelen));
        return Sockaddrs.bytes(name);
    }

    @Override
    public int bind(long s, sockaddr_in name, int namelen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            os.bind(r.os, address(name, namelen));
            r.localName = os.getsockname(r.os);
            return 0;
        });
    }

    @Override
    public int listen(long s, int backlog) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            os.listen(r.os, backlog);
            r.localName = os.getsockname(r.os);
            return 0;
        });
    }

    @Override
    public long accept(long s, sockaddr_in addr, int[] addrlen) {
        return call(INVALID_SOCKET, () -> {
            RealSocket r = sock(s);
            check(WinsockContract.acceptNameOut(addrlen));
            byte[] peer = new byte[16];
            long n = blocking(r, () -> os.accept(r.os, peer));
            RealSocket child = new RealSocket(n, false);
            child.localName = os.getsockname(n);
            child.peerName = peer.clone();
            everySocket.add(child);
            if (addr != null && addrlen != null) {
                Sockaddrs.fill(addr, peer);
                addrlen[0] = SIZEOF_SOCKADDR_IN;
            }
            child.handle = register(child);
            return child.handle;
        });
    }

    @Override
    public int connect(long s, sockaddr_in name, int namelen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            byte[] a = address(name, namelen);
            try {
                blocking(r, () -> {
                    os.connect(r.os, a);
                    return null;
                });
            } finally {
                try {
                    r.localName = os.getsockname(r.os);
                    r.peerName = a.clone();
                } catch (NativeSockets.Failure ignored) {
                    // the name stays unknown
                }
            }
            return 0;
        });
    }

    @Override
    public int send(long s, byte[] buf, int off, int len, int flags) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            checkBuffer(buf, off, len);
            return blocking(r, () -> os.send(r.os, buf, off, len, flags, r.state));
        });
    }

    @Override
    public int recv(long s, byte[] buf, int off, int len, int flags) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            checkBuffer(buf, off, len);
            return blocking(r, () -> os.recv(r.os, buf, off, len, flags, r.state));
        });
    }

    // ---- UDP ----

    @Override
    public int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            checkBuffer(buf, off, len);
            byte[] a = to == null ? null : address(to, tolen);
            return blocking(r, () -> os.sendto(r.os, buf, off, len, flags, a, r.state));
        });
    }

    @Override
    public int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            checkBuffer(buf, off, len);
            check(from != null && (fromlen == null || fromlen[0] < SIZEOF_SOCKADDR_IN) ? WsaError.WSAEFAULT : null);
            byte[] a = from == null ? null : new byte[SIZEOF_SOCKADDR_IN];
            int n = blocking(r, () -> os.recvfrom(r.os, buf, off, len, flags, a, r.state));
            if (a != null) {
                Sockaddrs.fill(from, a);
                fromlen[0] = SIZEOF_SOCKADDR_IN;
            }
            return n;
        });
    }

    @Override
    public int shutdown(long s, int how) {
        return (int) call(SOCKET_ERROR, () -> shutdown(sock(s), how));
    }

    private int shutdown(RealSocket r, int how) {
        os.shutdown(r.os, how);
        if (how == Winsock.SD_SEND || how == Winsock.SD_BOTH) {
            r.state.shutdownSend = true;
        }
        if (how == Winsock.SD_RECEIVE || how == Winsock.SD_BOTH) {
            r.state.shutdownReceive = true;
        }
        return 0;
    }

    /** WSASendDisconnect as msafd does it on a host without it (Linux): the data's rule, then shutdown(SD_SEND). */
    @Override
    public int WSASendDisconnect(long s, WSABUF lpOutboundDisconnectData) {
        requireEmulated("WSASendDisconnect");
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            check(WinsockContract.disconnectData(lpOutboundDisconnectData, r.datagram, r.state.shutdownReceive));
            return shutdown(r, Winsock.SD_SEND);
        });
    }

    /** WSARecvDisconnect on a host without it (Linux): shutdown(SD_RECEIVE); TCP and UDP bring no disconnect data. */
    @Override
    public int WSARecvDisconnect(long s, WSABUF lpInboundDisconnectData) {
        requireEmulated("WSARecvDisconnect");
        return shutdown(s, Winsock.SD_RECEIVE);
    }

    /** On Windows the real function answers; it is not bound in this backend yet, so such a script is skipped there. */
    private void requireEmulated(String fn) {
        if (Platform.isWindows()) {
            throw new UnsupportedOnThisOs(fn + " (not bound in this backend yet)", os.osName());
        }
    }

    @Override
    public int closesocket(long s) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            handles.remove(s);
            close(r);
            return 0;
        });
    }

    /** Closes an OS socket; a thread blocked in it is woken first, as closesocket does on Windows. */
    private void close(RealSocket r) {
        if (r.callsUnderWay.get() > 0) {
            try {
                os.shutdown(r.os, Winsock.SD_BOTH);
            } catch (NativeSockets.Failure ignored) {
                // not connected: nothing to shut down
            }
        }
        os.close(r.os);
    }

    /** Closes every socket still open (WSACleanup, or the end of a run). */
    @Override
    public void closeAll() {
        for (Map.Entry<Long, Object> e : new ArrayList<>(handles.entrySet())) {
            if (e.getValue() instanceof RealSocket r && handles.remove(e.getKey()) != null) {
                close(r);
            }
        }
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            check(WinsockContract.ioctl(cmd, argp));
            if (cmd == Winsock.FIONBIO) {
                os.setNonBlocking(r.os, argp[0] != 0);
                r.state.nonBlocking = argp[0] != 0;
            } else {
                argp[0] = os.ioctl(r.os, cmd);
            }
            return 0;
        });
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        return (int) call(SOCKET_ERROR, () -> {
            long handle = optionSocket(s, level, optname);
            check(WinsockContract.optionIn(level, optname, optval, optlen));
            os.setsockopt(handle, level, optname, optval, optlen);
            return 0;
        });
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        return (int) call(SOCKET_ERROR, () -> {
            long handle = optionSocket(s, level, optname);
            check(WinsockContract.optionOut(level, optname, optval, optlen));
            WinsockContract.putOption(level, optname, Structs.int32(os.getsockopt(handle, level, optname)), optval, optlen);
            return 0;
        });
    }

    /**
     * The native socket an option call goes to: the socket's, or for SO_OPENTYPE (the calling thread's value)
     * INVALID_SOCKET, as programs pass it. SO_EXCLUSIVEADDRUSE and SO_OPENTYPE are Windows' own.
     */
    private long optionSocket(long s, int level, int optname) {
        boolean openType = level == Winsock.SOL_SOCKET && optname == Winsock.SO_OPENTYPE;
        if (level == Winsock.SOL_SOCKET && (optname == Winsock.SO_EXCLUSIVEADDRUSE || openType) && !os.osName().equals("windows")) {
            throw new UnsupportedOnThisOs(openType ? "SO_OPENTYPE" : "SO_EXCLUSIVEADDRUSE", os.osName());
        }
        if (!openType) {
            return sock(s).os;
        }
        if (startups.get() == 0) {
            throw new NativeSockets.Failure(WSANOTINITIALISED);
        }
        return INVALID_SOCKET;
    }

    @Override
    public int getsockname(long s, sockaddr_in name, int[] namelen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            check(WinsockContract.nameOut(name, namelen));
            Sockaddrs.fill(name, os.getsockname(r.os));
            namelen[0] = SIZEOF_SOCKADDR_IN;
            return 0;
        });
    }

    @Override
    public int getpeername(long s, sockaddr_in name, int[] namelen) {
        return (int) call(SOCKET_ERROR, () -> {
            RealSocket r = sock(s);
            byte[] peer = os.getpeername(r.os); // the state is checked before the pointers (ERR-09)
            check(WinsockContract.nameOut(name, namelen));
            Sockaddrs.fill(name, peer);
            namelen[0] = SIZEOF_SOCKADDR_IN;
            return 0;
        });
    }

    @Override
    public int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        return (int) call(SOCKET_ERROR, () -> {
            if (startups.get() == 0) {
                throw new NativeSockets.Failure(WSANOTINITIALISED);
            }
            List<Long> handlesIn = new ArrayList<>();
            for (fd_set set : new fd_set[] {readfds, writefds, exceptfds}) {
                if (set != null) {
                    for (int i = 0; i < set.fd_count; i++) {
                        if (!handlesIn.contains(set.fd_array[i])) {
                            handlesIn.add(set.fd_array[i]);
                        }
                    }
                }
            }
            if (handlesIn.isEmpty() || (timeout != null && (timeout.tv_sec < 0 || timeout.tv_usec < 0))) {
                throw new NativeSockets.Failure(WSAEINVAL);
            }
            int n = handlesIn.size();
            long[] osHandles = new long[n];
            RealSocket[] socks = new RealSocket[n];
            boolean[] r = new boolean[n];
            boolean[] w = new boolean[n];
            boolean[] e = new boolean[n];
            for (int i = 0; i < n; i++) {
                long h = handlesIn.get(i);
                socks[i] = sock(h);
                osHandles[i] = socks[i].os;
                r[i] = readfds != null && fd_set.FD_ISSET(h, readfds);
                w[i] = writefds != null && fd_set.FD_ISSET(h, writefds);
                e[i] = exceptfds != null && fd_set.FD_ISSET(h, exceptfds);
            }
            int ms = timeout == null ? -1 : (int) Math.min(Integer.MAX_VALUE, timeout.tv_sec * 1000 + (timeout.tv_usec + 999) / 1000);
            for (RealSocket s : socks) {
                s.callsUnderWay.incrementAndGet();
            }
            NativeSockets.Readiness[] ready;
            try {
                ready = os.select(osHandles, r, w, e, ms);
            } finally {
                for (RealSocket s : socks) {
                    s.callsUnderWay.decrementAndGet();
                }
            }
            int count = 0;
            for (fd_set set : new fd_set[] {readfds, writefds, exceptfds}) {
                if (set != null) {
                    set.fd_count = 0;
                }
            }
            for (int i = 0; i < n; i++) {
                long h = handlesIn.get(i);
                count += mark(readfds, h, ready[i].read()) + mark(writefds, h, ready[i].write()) + mark(exceptfds, h, ready[i].except());
            }
            return count;
        });
    }

    private static int mark(fd_set set, long h, boolean on) {
        if (set == null || !on) {
            return 0;
        }
        set.fd_array[set.fd_count++] = h;
        return 1;
    }

    /**
     * The handle of the socket at the other end of {@code s}'s connection, among this program's
     * sockets (open or closed), or -1: found by matching addresses.
     */
    @Override
    public long peerHandle(long s) {
        if (!(handles.get(s) instanceof RealSocket r) || r.localName == null) {
            return -1;
        }
        byte[] peer;
        try {
            peer = os.getpeername(r.os);
        } catch (NativeSockets.Failure f) {
            return -1;
        }
        for (RealSocket other : everySocket) {
            if (other != r && Arrays.equals(other.localName, peer) && sameEndpoint(other.peerName, r.localName)) {
                return other.handle;
            }
        }
        return -1;
    }

    /** Whether two sockaddr_in byte forms name the same address and port (the zero padding aside). */
    private static boolean sameEndpoint(byte[] a, byte[] b) {
        return a != null && b != null && Arrays.equals(a, 0, 8, b, 0, 8);
    }

    // ---- kernel32 ----

    @Override
    public long CreateThread(Object lpThreadAttributes, long dwStackSize, ThreadProc lpStartAddress, Object lpParameter,
                             int dwCreationFlags, int[] lpThreadId) {
        if (lpStartAddress == null || dwStackSize < 0) {
            setError(Win32Error.ERROR_INVALID_PARAMETER.code);
            return 0;
        }
        RealThread t = new RealThread();
        long h = register(t);
        t.thread = new Thread(() -> {
            try {
                t.exitCode = lpStartAddress.run(lpParameter);
            } finally {
                t.ended = true;
                synchronized (waitLock) {
                    waitLock.notifyAll();
                }
            }
        }, "win32-thread-0x" + Long.toHexString(h));
        t.thread.setDaemon(true);
        if (lpThreadId != null) {
            lpThreadId[0] = (int) t.thread.threadId();
        }
        t.thread.start();
        return h;
    }

    // ---- issue 16: thread names ----

    /**
     * SetThreadDescription: names the host thread that runs the program's thread (its Java thread name, on
     * Linux and Windows alike); HRESULT_NT_SUCCESS as Windows answers, or the NT invalid-handle HRESULT for a handle that is not a thread.
     */
    @Override
    public int SetThreadDescription(long hThread, String lpThreadDescription) {
        Thread t = hThread == WinBase.CURRENT_THREAD ? Thread.currentThread()
                : handles.get(hThread) instanceof RealThread r ? r.thread : null;
        if (t == null) {
            return WinBase.HRESULT_NT_INVALID_HANDLE;
        }
        if (lpThreadDescription != null && !lpThreadDescription.isEmpty()) {
            t.setName(lpThreadDescription);
        }
        return WinBase.HRESULT_NT_SUCCESS;
    }

    @Override
    public int GetExitCodeThread(long hThread, int[] lpExitCode) {
        if (!(handles.get(hThread) instanceof RealThread t) || lpExitCode == null) {
            setError(Win32Error.ERROR_INVALID_HANDLE.code);
            return WinBase.FALSE;
        }
        lpExitCode[0] = t.exitCode;
        return WinBase.TRUE;
    }

    @Override
    public int CloseHandle(long hObject) {
        Object o = handles.remove(hObject);
        if (o == null) {
            setError(Win32Error.ERROR_INVALID_HANDLE.code);
            return WinBase.FALSE;
        }
        if (o instanceof RealSocket r) {
            close(r);
        }
        return WinBase.TRUE;
    }

    @Override
    public long CreateEvent(Object lpEventAttributes, boolean bManualReset, boolean bInitialState, String lpName) {
        return register(new RealEvent(bManualReset, bInitialState));
    }

    @Override
    public int SetEvent(long hEvent) {
        return eventCall(hEvent, true);
    }

    @Override
    public int ResetEvent(long hEvent) {
        return eventCall(hEvent, false);
    }

    private int eventCall(long h, boolean set) {
        if (!(handles.get(h) instanceof RealEvent e)) {
            setError(Win32Error.ERROR_INVALID_HANDLE.code);
            return WinBase.FALSE;
        }
        synchronized (waitLock) {
            e.signaled = set;
            waitLock.notifyAll();
        }
        return WinBase.TRUE;
    }

    @Override
    public int WaitForSingleObjectEx(long hHandle, int dwMilliseconds, boolean bAlertable) {
        return WaitForMultipleObjectsEx(1, new long[] {hHandle}, false, dwMilliseconds, bAlertable);
    }

    @Override
    public int WaitForMultipleObjectsEx(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds, boolean bAlertable) {
        if (nCount <= 0 || nCount > WinBase.MAXIMUM_WAIT_OBJECTS || lpHandles == null || lpHandles.length < nCount) {
            setError(Win32Error.ERROR_INVALID_PARAMETER.code);
            return WinBase.WAIT_FAILED;
        }
        Object[] objs = new Object[nCount];
        for (int i = 0; i < nCount; i++) {
            objs[i] = handles.get(lpHandles[i]);
            if (!(objs[i] instanceof RealEvent) && !(objs[i] instanceof RealThread)) {
                setError(Win32Error.ERROR_INVALID_HANDLE.code);
                return WinBase.WAIT_FAILED;
            }
        }
        long deadline = dwMilliseconds == WinBase.INFINITE ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(dwMilliseconds & 0xffffffffL);
        while (true) {
            if (bAlertable && runApcs()) {
                return WinBase.WAIT_IO_COMPLETION;
            }
            synchronized (waitLock) {
                int ready = -1;
                boolean all = true;
                for (int i = 0; i < nCount; i++) {
                    boolean sig = objs[i] instanceof RealEvent e ? e.signaled : ((RealThread) objs[i]).ended;
                    if (sig && ready < 0) {
                        ready = i;
                    }
                    all &= sig;
                }
                if (bWaitAll ? all : ready >= 0) {
                    for (int i = 0; i < nCount; i++) {
                        if ((bWaitAll || i == ready) && objs[i] instanceof RealEvent e && !e.manualReset) {
                            e.signaled = false;
                        }
                    }
                    return WinBase.WAIT_OBJECT_0 + (bWaitAll ? 0 : ready);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return WinBase.WAIT_TIMEOUT;
                }
                if (bAlertable && apcsPending()) {
                    continue;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(waitLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return WinBase.WAIT_FAILED;
                }
            }
        }
    }

    @Override
    public int SleepEx(int dwMilliseconds, boolean bAlertable) {
        long deadline = dwMilliseconds == WinBase.INFINITE ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(dwMilliseconds & 0xffffffffL);
        while (true) {
            if (bAlertable && runApcs()) {
                return WinBase.WAIT_IO_COMPLETION;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            synchronized (waitLock) {
                if (bAlertable && apcsPending()) {
                    continue;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(waitLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
    }

    @Override
    public int QueueUserAPC(PAPCFUNC pfnAPC, long hThread, long dwData) {
        Thread target = hThread == WinBase.CURRENT_THREAD ? Thread.currentThread()
                : handles.get(hThread) instanceof RealThread t ? t.thread : null;
        if (target == null || pfnAPC == null) {
            setError((target == null ? Win32Error.ERROR_INVALID_HANDLE : Win32Error.ERROR_INVALID_PARAMETER).code);
            return WinBase.FALSE;
        }
        synchronized (waitLock) {
            apcQueues.computeIfAbsent(target, k -> new ArrayDeque<>()).addLast(() -> pfnAPC.run(dwData));
            waitLock.notifyAll();
        }
        return WinBase.TRUE;
    }

    private boolean apcsPending() {
        ArrayDeque<Runnable> q = apcQueues.get(Thread.currentThread());
        return q != null && !q.isEmpty();
    }

    /** Runs the calling thread's queued APCs, oldest first (outside the wait lock); returns whether any ran. */
    private boolean runApcs() {
        boolean ran = false;
        while (true) {
            Runnable apc;
            synchronized (waitLock) {
                ArrayDeque<Runnable> q = apcQueues.get(Thread.currentThread());
                apc = q == null ? null : q.pollFirst();
            }
            if (apc == null) {
                return ran;
            }
            apc.run();
            ran = true;
        }
    }

    // ---- kernel32: completion ports (issue 13) ----
    // Linux has no completion port. On Windows this backend's waits and events are its own, not kernel32's,
    // so a port could not be waited on with them: the binding waits for native OVERLAPPED structures.

    private UnsupportedOnThisOs noCompletionPorts(String fn) {
        return new UnsupportedOnThisOs(fn + (Platform.isWindows() ? " (not bound in this backend yet)" : ""), os.osName());
    }

    @Override
    public long CreateIoCompletionPort(long FileHandle, long ExistingCompletionPort, long CompletionKey, int NumberOfConcurrentThreads) {
        throw noCompletionPorts("CreateIoCompletionPort");
    }

    @Override
    public int GetQueuedCompletionStatus(long CompletionPort, int[] lpNumberOfBytesTransferred, long[] lpCompletionKey,
                                         WSAOVERLAPPED[] lpOverlapped, int dwMilliseconds) {
        throw noCompletionPorts("GetQueuedCompletionStatus");
    }

    @Override
    public int GetQueuedCompletionStatusEx(long CompletionPort, OVERLAPPED_ENTRY[] lpCompletionPortEntries, int ulCount,
                                           int[] ulNumEntriesRemoved, int dwMilliseconds, boolean fAlertable) {
        throw noCompletionPorts("GetQueuedCompletionStatusEx");
    }

    @Override
    public int PostQueuedCompletionStatus(long CompletionPort, int dwNumberOfBytesTransferred, long dwCompletionKey,
                                          WSAOVERLAPPED lpOverlapped) {
        throw noCompletionPorts("PostQueuedCompletionStatus");
    }

    @Override
    public int SetFileCompletionNotificationModes(long FileHandle, int Flags) {
        throw noCompletionPorts("SetFileCompletionNotificationModes");
    }

    @Override
    public void InitializeCriticalSection(CRITICAL_SECTION cs) {
        cs.opaque = new ReentrantLock();
    }

    @Override
    public void EnterCriticalSection(CRITICAL_SECTION cs) {
        ((ReentrantLock) cs.opaque).lock();
    }

    @Override
    public void LeaveCriticalSection(CRITICAL_SECTION cs) {
        ((ReentrantLock) cs.opaque).unlock();
    }

    @Override
    public void DeleteCriticalSection(CRITICAL_SECTION cs) {
        cs.opaque = null;
    }

    @Override
    public void GetSystemInfo(SYSTEM_INFO info) {
        if (Platform.isWindows()) {
            com.sun.jna.platform.win32.WinBase.SYSTEM_INFO si = new com.sun.jna.platform.win32.WinBase.SYSTEM_INFO();
            Kernel32.INSTANCE.GetSystemInfo(si);
            info.dwNumberOfProcessors = si.dwNumberOfProcessors.intValue();
            info.dwPageSize = si.dwPageSize.intValue();
        } else {
            info.dwNumberOfProcessors = Runtime.getRuntime().availableProcessors();
            info.dwPageSize = 4096;
        }
    }

    @Override
    public int GetLastError() {
        return WSAGetLastError();
    }

    @Override
    public void SetLastError(int dwErrCode) {
        setError(dwErrCode);
    }

    @Override
    public int GetCurrentThreadId() {
        return Platform.isWindows() ? Kernel32.INSTANCE.GetCurrentThreadId() : (int) Thread.currentThread().threadId();
    }

    @Override
    public int GetTickCount() {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void compute(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    // ---- WSAEventSelect and WSAAsyncSelect (issue 11): the event functions are events; selection and windows are Windows-only ----

    /** A function this backend does not bind: AFD's network events and user32's windows have no equivalent here. */
    private UnsupportedOnThisOs unsupported(String fn) {
        return new UnsupportedOnThisOs(fn, os.osName());
    }

    @Override
    public long WSACreateEvent() {
        return CreateEvent(null, true, false, null);
    }

    @Override
    public int WSASetEvent(long hEvent) {
        return SetEvent(hEvent);
    }

    @Override
    public int WSAResetEvent(long hEvent) {
        return ResetEvent(hEvent);
    }

    @Override
    public int WSACloseEvent(long hEvent) {
        return CloseHandle(hEvent);
    }

    @Override
    public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, boolean fWaitAll, int dwTimeout, boolean fAlertable) {
        return WaitForMultipleObjectsEx(cEvents, lphEvents, fWaitAll, dwTimeout, fAlertable);
    }

    @Override
    public int WSAEventSelect(long s, long hEventObject, int lNetworkEvents) {
        throw unsupported("WSAEventSelect");
    }

    @Override
    public int WSAEnumNetworkEvents(long s, long hEventObject, WSANETWORKEVENTS lpNetworkEvents) {
        throw unsupported("WSAEnumNetworkEvents");
    }

    @Override
    public int WSAAsyncSelect(long s, long hWnd, int wMsg, int lEvent) {
        throw unsupported("WSAAsyncSelect");
    }

    @Override
    public int RegisterClass(WNDCLASS lpWndClass) {
        throw unsupported("RegisterClass");
    }

    @Override
    public long CreateWindowEx(int dwExStyle, String lpClassName, String lpWindowName, int dwStyle, int x, int y, int nWidth,
                               int nHeight, long hWndParent, long hMenu, long hInstance, Object lpParam) {
        throw unsupported("CreateWindowEx");
    }

    @Override
    public int DestroyWindow(long hWnd) {
        throw unsupported("DestroyWindow");
    }

    @Override
    public int GetMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax) {
        throw unsupported("GetMessage");
    }

    @Override
    public int PeekMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax, int wRemoveMsg) {
        throw unsupported("PeekMessage");
    }

    @Override
    public int TranslateMessage(MSG lpMsg) {
        throw unsupported("TranslateMessage");
    }

    @Override
    public long DispatchMessage(MSG lpMsg) {
        throw unsupported("DispatchMessage");
    }

    @Override
    public int PostMessage(long hWnd, int msg, long wParam, long lParam) {
        throw unsupported("PostMessage");
    }

    @Override
    public long DefWindowProc(long hWnd, int msg, long wParam, long lParam) {
        throw unsupported("DefWindowProc");
    }

    @Override
    public void PostQuitMessage(int nExitCode) {
        throw unsupported("PostQuitMessage");
    }

    // ---- overlapped I/O (issue 12): the calls without an OVERLAPPED run on the OS's sockets; overlapped ones are
    // not offered here (this backend's events and threads are Java objects, which no OS completion can signal) ----

    private UnsupportedOnThisOs overlappedUnsupported(String fn) {
        return new UnsupportedOnThisOs(fn + " with an OVERLAPPED (overlapped I/O)", os.osName());
    }

    @Override
    public long WSASocket(int af, int type, int protocol, Object lpProtocolInfo, int g, int dwFlags) {
        if (g == 0 && lpProtocolInfo instanceof WSAPROTOCOL_INFO shared) { // duplicated handles and deferred accept
            return socketFrom(shared);
        }
        if (lpProtocolInfo != null || g != 0) {
            throw new UnsupportedOnThisOs("WSASocket with protocol info or a group", os.osName());
        }
        return socket(af, type, protocol);
    }

    @Override
    public int WSASend(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags,
                       WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return gatherSend("WSASend", s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, null, 0, lpOverlapped);
    }

    @Override
    public int WSARecv(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                       WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return scatterReceive("WSARecv", s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, null, null, lpOverlapped);
    }

    // ---- UDP ----

    @Override
    public int WSASendTo(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags, sockaddr_in lpTo,
                         int iTolen, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return gatherSend("WSASendTo", s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo, iTolen, lpOverlapped);
    }

    @Override
    public int WSARecvFrom(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                           sockaddr_in lpFrom, int[] lpFromlen, WSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return scatterReceive("WSARecvFrom", s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen,
                lpOverlapped);
    }

    @Override
    public int WSASendMsg(long s, WSAMSG lpMsg, int dwFlags, int[] lpNumberOfBytesSent, WSAOVERLAPPED lpOverlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        if (lpMsg == null) {
            setError(WsaError.WSAEFAULT.code);
            return Winsock.SOCKET_ERROR;
        }
        return gatherSend("WSASendMsg", s, lpMsg.lpBuffers, lpMsg.dwBufferCount, lpNumberOfBytesSent, dwFlags, lpMsg.name,
                lpMsg.namelen, lpOverlapped);
    }

    /** WSASend, WSASendTo and WSASendMsg without an OVERLAPPED: the buffers gathered into one sendto (a null address: send). */
    private int gatherSend(String fn, long s, WSABUF[] bufs, int n, int[] sent, int flags, sockaddr_in to, int tolen,
                           WSAOVERLAPPED ov) {
        if (ov != null) {
            throw overlappedUnsupported(fn);
        }
        if (bufs == null || n < 1 || bufs.length < n || sent == null) {
            setError(WsaError.WSAEFAULT.code);
            return Winsock.SOCKET_ERROR;
        }
        byte[] all = WSABUF.gather(bufs, n);
        int r = sendto(s, all, 0, all.length, flags, to, tolen);
        if (r != Winsock.SOCKET_ERROR) {
            sent[0] = r;
            return 0;
        }
        return r;
    }

    /** WSARecv and WSARecvFrom without an OVERLAPPED: one recvfrom (without an address: recv) scattered into the buffers. */
    private int scatterReceive(String fn, long s, WSABUF[] bufs, int n, int[] recvd, int[] flags, sockaddr_in from, int[] fromlen,
                               WSAOVERLAPPED ov) {
        if (ov != null) {
            throw overlappedUnsupported(fn);
        }
        if (bufs == null || n < 1 || bufs.length < n || recvd == null || flags == null) {
            setError(WsaError.WSAEFAULT.code);
            return Winsock.SOCKET_ERROR;
        }
        byte[] all = new byte[WSABUF.total(bufs, n)];
        int r = recvfrom(s, all, 0, all.length, flags[0], from, fromlen);
        if (r != Winsock.SOCKET_ERROR) {
            WSABUF.scatter(all, r, bufs);
            recvd[0] = r;
            flags[0] = 0;
            return 0;
        }
        return r;
    }

    @Override
    public int WSAGetOverlappedResult(long s, WSAOVERLAPPED lpOverlapped, int[] lpcbTransfer, boolean fWait, int[] lpdwFlags) {
        throw overlappedUnsupported("WSAGetOverlappedResult");
    }

    @Override
    public int WSAIoctl(long s, int dwIoControlCode, Object lpvInBuffer, int cbInBuffer, Object lpvOutBuffer, int cbOutBuffer,
                        int[] lpcbBytesReturned, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        if (lpOverlapped != null) {
            throw overlappedUnsupported("WSAIoctl");
        }
        throw new UnsupportedOnThisOs("WSAIoctl", os.osName());
    }

    @Override
    public int GetOverlappedResult(long hFile, WSAOVERLAPPED lpOverlapped, int[] lpNumberOfBytesTransferred, boolean bWait) {
        throw overlappedUnsupported("GetOverlappedResult");
    }

    @Override
    public int CancelIo(long hFile) {
        throw overlappedUnsupported("CancelIo");
    }

    @Override
    public int CancelIoEx(long hFile, WSAOVERLAPPED lpOverlapped) {
        throw overlappedUnsupported("CancelIoEx");
    }

    // ---- duplicated handles and deferred accept ----

    /** WSAAccept: with no condition function it is accept; Linux has no condition function (no CF_DEFER: a taken connection cannot go back). */
    @Override
    public long WSAAccept(long s, sockaddr_in addr, int[] addrlen, LPCONDITIONPROC lpfnCondition, long dwCallbackData) {
        if (lpfnCondition != null) {
            throw new UnsupportedOnThisOs("WSAAccept with a condition function", os.osName());
        }
        return accept(s, addr, addrlen);
    }

    /** DuplicateHandle: Linux has no handle table of kernel objects; dup(2) of a socket gives one that socket calls accept. */
    @Override
    public int DuplicateHandle(long hSourceProcessHandle, long hSourceHandle, long hTargetProcessHandle, long[] lpTargetHandle,
                               int dwDesiredAccess, boolean bInheritHandle, int dwOptions) {
        throw new UnsupportedOnThisOs("DuplicateHandle", os.osName());
    }

    @Override
    public int GetCurrentProcessId() {
        return (int) ProcessHandle.current().pid();
    }

    /** WSADuplicateSocket into this process: the protocol info names the socket; WSASocket then dup(2)s it. */
    @Override
    public int WSADuplicateSocket(long s, int dwProcessId, WSAPROTOCOL_INFO lpProtocolInfo) {
        return (int) call(SOCKET_ERROR, () -> {
            sock(s);
            check(lpProtocolInfo == null ? WsaError.WSAEFAULT : null);
            check(dwProcessId != GetCurrentProcessId() ? WsaError.WSAEINVAL : null);
            lpProtocolInfo.iAddressFamily = Winsock.AF_INET;
            lpProtocolInfo.iSocketType = Winsock.SOCK_STREAM;
            lpProtocolInfo.iProtocol = Winsock.IPPROTO_TCP;
            lpProtocolInfo.dwProviderReserved = s;
            return 0;
        });
    }

    /** WSASocket from WSADuplicateSocket's protocol info: a dup(2) of the socket it names, a descriptor of its own. */
    private long socketFrom(WSAPROTOCOL_INFO info) {
        return call(INVALID_SOCKET, () -> {
            RealSocket r = sock(info.dwProviderReserved);
            RealSocket copy = new RealSocket(os.duplicate(r.os), r.datagram);
            copy.localName = r.localName;
            copy.peerName = r.peerName;
            everySocket.add(copy);
            copy.handle = register(copy);
            return copy.handle;
        });
    }

    // ---- WSAPoll ----

    /**
     * WSAPoll: Winsock's argument rules here (an entry naming no socket is POLLNVAL and not passed on),
     * the sockets' readiness from the OS's own poll (on Linux, Linux's answer in Windows' bits).
     */
    @Override
    public int WSAPoll(WSAPOLLFD[] fdArray, int fds, int timeout) {
        return (int) call(SOCKET_ERROR, () -> {
            if (startups.get() == 0) {
                throw new NativeSockets.Failure(WSANOTINITIALISED);
            }
            check(WinsockContract.pollArray(fdArray, fds));
            check(WinsockContract.pollEntries(fdArray, fds, h -> handles.get(h) instanceof RealSocket));
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < fds; i++) {
                if (handles.get(fdArray[i].fd) instanceof RealSocket) {
                    at.add(i);
                }
            }
            RealSocket[] socks = new RealSocket[at.size()];
            long[] osHandles = new long[socks.length];
            short[] events = new short[socks.length];
            short[] revents = new short[socks.length];
            for (int k = 0; k < socks.length; k++) {
                socks[k] = (RealSocket) handles.get(fdArray[at.get(k)].fd);
                osHandles[k] = socks[k].os;
                events[k] = fdArray[at.get(k)].events;
                socks[k].callsUnderWay.incrementAndGet();
            }
            try {
                int ready = os.poll(osHandles, events, revents, timeout);
                for (int k = 0; k < socks.length; k++) {
                    fdArray[at.get(k)].revents = revents[k];
                }
                return ready;
            } finally {
                for (RealSocket s : socks) {
                    s.callsUnderWay.decrementAndGet();
                }
            }
        });
    }
}
