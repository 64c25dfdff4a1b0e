package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SIZEOF_SOCKADDR_IN;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.sim.WinsockSession.check;

import java.util.function.ToIntFunction;
import org.winsim.sim.Durations;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.LPCONDITIONPROC;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WinsockContract;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;
import org.winsim.winsock.sim.ApiBoundary.Ret;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * The Win32 API of one simulated process: a facade whose every function passes the {@link ApiBoundary}
 * (trace, CPU, last error) into the concept class that models it.
 */
final class SimWin32 extends SimSocketNotifications implements Win32, OverlappedFunctions, CompletionPortCalls,
        HandleSharingCalls, DatagramFunctions, ShutdownCalls {
    private final OsProfile profile;
    private final Threads threads;
    private final OverlappedApi overlapped;
    private final CompletionPortFunctions ports;
    // ---- duplicated handles and deferred accept ----
    private final Accepting accepting;
    private final HandleDuplication duplication;
    private final SocketDuplication socketDuplication;

    SimWin32(SimProcess process) {
        super(process);
        this.profile = process.world.profile;
        this.threads = new Threads(process);
        this.overlapped = new OverlappedApi(process, b, ws);
        this.ports = new CompletionPortFunctions(process, b, this::register);
        this.accepting = new Accepting(ws, this::register); // ---- duplicated handles and deferred accept ----
        this.duplication = new HandleDuplication(process);
        this.socketDuplication = new SocketDuplication(process, ws);
    }

    @Override
    public OverlappedApi overlapped() {
        return overlapped;
    }

    /** A buffer argument: a bad length is WSAEFAULT; a range past the array's end is the program's own bug. */
    void checkBuffer(String fn, byte[] buf, int off, int len, String access) {
        check(WinsockContract.buffer(buf, off, len));
        if (WinsockContract.overruns(buf, off, len)) {
            throw b.programError(fn + " would " + access + " " + len + " bytes at offset " + off + " of a " + buf.length
                    + "-byte buffer: past the end of the buffer");
        }
    }

    /**
     * Bills the calling thread for copying {@code bytes} between a program's buffer and a socket's, paid
     * with its next CPU charge (see {@link Simulation#consumeCpuLater}): the call returns at once.
     */
    void chargeCopy(long bytes) {
        if (bytes > 0) {
            sim.consumeCpuLater(bytes * profile.costs().copyNanosPerKiB() / 1024);
        }
    }

    @Override
    public ApiBoundary boundary() {
        return b;
    }

    @Override
    public CompletionPortFunctions completionPorts() {
        return ports;
    }

    /** Starts the process's main thread. */
    SimThread startMainThread(ToIntFunction<Win32> main) {
        return threads.spawn(process.name + ":main", 0, param -> main.applyAsInt(this), null, !process.daemon, true);
    }

    Simulation simulation() {
        return sim;
    }

    OsProfile profile() {
        return profile;
    }

    /** The process's Winsock session: the sockets a select set, a WSAPoll entry or a shutdown names. */
    @Override
    public WinsockSession winsock() {
        return ws;
    }

    // ---- kernel32: threads and handles ----

    @Override
    public long CreateThread(Object lpThreadAttributes, long dwStackSize, ThreadProc lpStartAddress, Object lpParameter,
                             int dwCreationFlags, int[] lpThreadId) {
        return b.call("CreateThread", Ret.HANDLE, 0, () -> register(threads.create(dwStackSize, lpStartAddress, lpParameter,
                lpThreadId)), null, "stack", dwStackSize);
    }

    @Override
    public int GetExitCodeThread(long hThread, int[] lpExitCode) {
        return (int) b.call("GetExitCodeThread", WinBase.FALSE, () -> {
            ThreadObject t = object(hThread, ThreadObject.class);
            if (lpExitCode == null) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
            }
            lpExitCode[0] = t.exitCode;
            return WinBase.TRUE;
        }, "h", hThread);
    }

    @Override
    public int CloseHandle(long hObject) {
        return (int) b.call("CloseHandle", WinBase.FALSE, () -> {
            if (process.handles.get(hObject) instanceof SimSocket s && s.handleCount == 1) {
                s.events.handleClosing(); // a socket's last handle closed by CloseHandle, not closesocket (WSK-19)
            }
            if (process.closeHandle(hObject) == null) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
            }
            return WinBase.TRUE;
        }, "h", hObject);
    }

    // ---- issue 16: thread names ----

    @Override
    public int SetThreadDescription(long hThread, String lpThreadDescription) {
        return (int) b.call("SetThreadDescription", WinBase.HRESULT_NT_INVALID_HANDLE,
                () -> threads.describe(b.thread(), hThread, lpThreadDescription), "h", hThread, "description", lpThreadDescription);
    }

    // ---- kernel32: events, waits, APCs ----

    @Override
    public long CreateEvent(Object lpEventAttributes, boolean bManualReset, boolean bInitialState, String lpName) {
        return b.call("CreateEvent", Ret.HANDLE, 0, () -> register(new EventObject(sim, bManualReset, bInitialState)), null,
                "manualReset", bManualReset, "initialState", bInitialState);
    }

    @Override
    public int SetEvent(long hEvent) {
        return (int) b.call("SetEvent", WinBase.FALSE, () -> {
            object(hEvent, EventObject.class).set();
            return WinBase.TRUE;
        }, "h", hEvent);
    }

    @Override
    public int ResetEvent(long hEvent) {
        return (int) b.call("ResetEvent", WinBase.FALSE, () -> {
            object(hEvent, EventObject.class).reset();
            return WinBase.TRUE;
        }, "h", hEvent);
    }

    @Override
    public int WaitForSingleObjectEx(long hHandle, int dwMilliseconds, boolean bAlertable) {
        return (int) b.call("WaitForSingleObjectEx", WinBase.WAIT_FAILED, () -> waits.waitForMultiple(b.thread(), 1,
                new long[] {hHandle}, false, dwMilliseconds, bAlertable), "h", hHandle, "ms", dwMilliseconds, "alertable", bAlertable);
    }

    @Override
    public int WaitForMultipleObjectsEx(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds, boolean bAlertable) {
        return (int) b.call("WaitForMultipleObjectsEx", WinBase.WAIT_FAILED, () -> waits.waitForMultiple(b.thread(), nCount,
                lpHandles, bWaitAll, dwMilliseconds, bAlertable), "n", nCount, "handles", ApiBoundary.first(lpHandles, nCount), "all", bWaitAll,
                "ms", dwMilliseconds, "alertable", bAlertable);
    }

    @Override
    public int SleepEx(int dwMilliseconds, boolean bAlertable) {
        return (int) b.call("SleepEx", 0, () -> waits.sleep(b.thread(), dwMilliseconds, bAlertable), "ms", dwMilliseconds,
                "alertable", bAlertable);
    }

    @Override
    public int QueueUserAPC(PAPCFUNC pfnAPC, long hThread, long dwData) {
        return (int) b.call("QueueUserAPC", WinBase.FALSE, () -> {
            waits.queueUserApc(b.thread(), pfnAPC, hThread, dwData);
            return WinBase.TRUE;
        }, "h", hThread, "data", dwData);
    }

    // ---- kernel32: critical sections ----

    @Override
    public void InitializeCriticalSection(CRITICAL_SECTION cs) {
        b.call("InitializeCriticalSection", 0, () -> {
            cs.opaque = new CriticalSectionLock(++process.criticalSections);
            return 0;
        });
    }

    private CriticalSectionLock lockOf(String fn, CRITICAL_SECTION cs) {
        if (cs == null || !(cs.opaque instanceof CriticalSectionLock l)) {
            throw b.programError(fn + " on a critical section that was never initialized");
        }
        return l;
    }

    @Override
    public void EnterCriticalSection(CRITICAL_SECTION cs) {
        b.call("EnterCriticalSection", 0, () -> {
            CriticalSectionLock l = lockOf("EnterCriticalSection", cs);
            org.winsim.sim.Dispatcher.waitOne(sim, l, Simulation.INFINITE, false, l);
            return 0;
        }, "cs", cs == null ? null : cs.opaque);
    }

    @Override
    public void LeaveCriticalSection(CRITICAL_SECTION cs) {
        b.call("LeaveCriticalSection", 0, () -> {
            CriticalSectionLock l = lockOf("LeaveCriticalSection", cs);
            if (l.owner != sim.currentThread()) {
                throw b.programError("LeaveCriticalSection by " + sim.currentThread().name()
                        + " of a critical section it does not own (" + l + ")");
            }
            if (--l.recursion == 0) {
                l.release(sim);
            }
            return 0;
        }, "cs", cs == null ? null : cs.opaque);
    }

    @Override
    public void DeleteCriticalSection(CRITICAL_SECTION cs) {
        b.call("DeleteCriticalSection", 0, () -> {
            lockOf("DeleteCriticalSection", cs);
            cs.opaque = null;
            return 0;
        });
    }

    // ---- kernel32: the thread's own state (not traced: they are bookkeeping, not calls into the kernel) ----

    @Override
    public void GetSystemInfo(SYSTEM_INFO info) {
        b.thread();
        info.dwNumberOfProcessors = process.machine.processors();
        info.dwPageSize = 4096;
    }

    @Override
    public int GetLastError() {
        return b.thread().lastError;
    }

    @Override
    public void SetLastError(int dwErrCode) {
        b.thread().lastError = dwErrCode;
    }

    @Override
    public int GetCurrentThreadId() {
        b.thread();
        return sim.currentThread().id() * 4;
    }

    @Override
    public int GetTickCount() {
        b.thread();
        sim.payOwedCpu(); // the clock the thread reads is past the copies it made
        return (int) (sim.now() / Durations.MILLISECOND);
    }

    @Override
    public void compute(long nanos) {
        b.thread();
        sim.consumeCpu(nanos);
    }

    // ---- ws2_32 ----

    @Override
    public int WSAStartup(int wVersionRequested, WSADATA lpWSAData) {
        return (int) b.call("WSAStartup", 0, () -> {
            int r = WinsockContract.startup(wVersionRequested, lpWSAData, "WinSock 2.0");
            if (r == 0) {
                ws.startups++;
            }
            return r;
        }, "version", "0x" + Integer.toHexString(wVersionRequested));
    }

    @Override
    public int WSACleanup() {
        return (int) b.call("WSACleanup", SOCKET_ERROR, () -> {
            ws.cleanup();
            return 0;
        });
    }

    @Override
    public int WSAGetLastError() {
        return b.thread().lastError;
    }

    @Override
    public void WSASetLastError(int iError) {
        b.thread().lastError = iError;
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return b.call("socket", Ret.HANDLE, INVALID_SOCKET, () -> {
            SimSocket sock = ws.create(af, type, protocol);
            sock.overlappedCapable = b.thread().openType == 0; // SO_OPENTYPE asked for synchronous sockets
            return register(sock);
        }, null, "af", af, "type", type, "protocol", protocol);
    }

    @Override
    public int bind(long s, sockaddr_in name, int namelen) {
        return (int) b.call("bind", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(WinsockContract.nameIn(name, namelen));
            sock.bind(Endpoint.of(name));
            return 0;
        }, "s", s, "name", name);
    }

    @Override
    public int listen(long s, int backlog) {
        return (int) b.call("listen", SOCKET_ERROR, () -> {
            ws.socket(s).listen(backlog);
            return 0;
        }, "s", s, "backlog", backlog);
    }

    @Override
    public long accept(long s, sockaddr_in addr, int[] addrlen) {
        return b.call("accept", Ret.HANDLE, INVALID_SOCKET, () -> accepting.accept(s, addr, addrlen, null, 0), null, "s", s);
    }

    @Override
    public int connect(long s, sockaddr_in name, int namelen) {
        return (int) b.call("connect", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(WinsockContract.nameIn(name, namelen));
            DatagramApi.connect(sock, Endpoint.of(name)); // ---- UDP ----: a datagram socket's only sets its peer
            return 0;
        }, "s", s, "name", name);
    }

    @Override
    public int send(long s, byte[] buf, int off, int len, int flags) {
        return (int) b.call("send", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            return sock.events.sending(len, () -> { // issue 11: a send failing with WSAEWOULDBLOCK (or partial) re-enables FD_WRITE
                checkBuffer("send", buf, off, len, "read");
                int n = DatagramApi.send(sock, buf, off, len, flags, null, 0); // ---- UDP ----: a datagram to the peer
                chargeCopy(n);
                return n;
            });
        }, "s", s, "len", len, "flags", flags);
    }

    @Override
    public int recv(long s, byte[] buf, int off, int len, int flags) {
        return (int) b.call("recv", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            boolean oob = (flags & Winsock.MSG_OOB) != 0;
            return sock.events.reenabling(oob ? Winsock.FD_OOB_BIT : Winsock.FD_READ_BIT, () -> { // issue 11: recv re-enables
                checkBuffer("recv", buf, off, len, "write");
                int n = DatagramApi.receive(sock, buf, off, len, flags, null); // ---- UDP ----
                chargeCopy(n);
                return n;
            });
        }, "s", s, "len", len, "flags", flags);
    }

    @Override
    public int closesocket(long s) {
        return (int) b.call("closesocket", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            SocketOptions.checkLingerClose(sock);
            process.handles.remove(s);
            if (sock.handleCount == 0) { // another handle (WSADuplicateSocket, DuplicateHandle) keeps it open
                sock.close(true);
            }
            return 0;
        }, "s", s);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        return (int) b.call("ioctlsocket", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            check(WinsockContract.ioctl(cmd, argp));
            SocketIoctl.control(sock, cmd, argp);
            return 0;
        }, "s", s, "cmd", SocketIoctl.name(cmd), "arg", argp == null ? "NULL" : Integer.toString(argp[0]));
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        return (int) b.call("setsockopt", SOCKET_ERROR, () -> {
            SocketOptions.set(ws, b.thread(), s, level, optname, optval, optlen);
            return 0;
        }, "s", s, "opt", SocketOptions.name(level, optname), "optlen", optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        return (int) b.call("getsockopt", SOCKET_ERROR, () -> {
            SocketOptions.get(ws, b.thread(), s, level, optname, optval, optlen);
            return 0;
        }, "s", s, "opt", SocketOptions.name(level, optname));
    }

    @Override
    public int getsockname(long s, sockaddr_in name, int[] namelen) {
        return (int) b.call("getsockname", SOCKET_ERROR, () -> {
            SimSocket sock = ws.socket(s);
            if (sock.local == null && !profile.sockets().unboundNameIsAny()) {
                throw WsaFailure.of(WsaError.WSAEINVAL); // before the buffer, as AFD checks (WSK-12)
            }
            check(WinsockContract.nameOut(name, namelen));
            fill(name, namelen, sock instanceof DatagramSocket d && d.local != null ? d.localName() // ---- UDP ----
                    : sock.tcb != null && (sock.established || sock.connecting) ? sock.tcb.local() : sock.local != null ? sock.local : new Endpoint(0, 0));
            return 0;
        }, "s", s);
    }

    @Override
    public int getpeername(long s, sockaddr_in name, int[] namelen) {
        return (int) b.call("getpeername", SOCKET_ERROR, () -> {
            Endpoint peer = ws.socket(s).peerName();
            check(WinsockContract.nameOut(name, namelen));
            fill(name, namelen, peer);
            return 0;
        }, "s", s);
    }

    static void fill(sockaddr_in name, int[] namelen, Endpoint ep) {
        name.sin_family = AF_INET;
        name.sin_addr = ep.addr();
        name.sin_port = ep.port();
        namelen[0] = SIZEOF_SOCKADDR_IN;
    }

    @Override
    public int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        return (int) b.call("select", Ret.NUMBER, SOCKET_ERROR, () -> Select.run(this, readfds, writefds, exceptfds, timeout),
                () -> new String[] {"read", ApiBoundary.setText(readfds), "write", ApiBoundary.setText(writefds),
                        "except", ApiBoundary.setText(exceptfds)},
                "read", readfds, "write", writefds, "except", exceptfds,
                "timeout", timeout);
    }

    // ---- duplicated handles and deferred accept ----

    @Override
    public HandleDuplication handleDuplication() {
        return duplication;
    }

    @Override
    public SocketDuplication socketDuplication() {
        return socketDuplication;
    }

    @Override
    public long WSAAccept(long s, sockaddr_in addr, int[] addrlen, LPCONDITIONPROC lpfnCondition, long dwCallbackData) {
        return b.call("WSAAccept", Ret.HANDLE, INVALID_SOCKET, () -> accepting.accept(s, addr, addrlen, lpfnCondition,
                dwCallbackData), null, "s", s, "condition", lpfnCondition != null, "data", dwCallbackData);
    }

    // ---- WSAPoll ----

    @Override
    public int WSAPoll(WSAPOLLFD[] fdArray, int fds, int timeout) {
        return (int) b.call("WSAPoll", Ret.NUMBER, SOCKET_ERROR, () -> Poll.run(this, fdArray, fds, timeout),
                () -> new String[] {"revents", Poll.reventsText(fdArray, fds)}, "fdArray", Poll.entriesText(fdArray, fds),
                "fds", Integer.toUnsignedString(fds), "ms", timeout);
    }
}
