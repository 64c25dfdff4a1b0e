package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SIZEOF_SOCKADDR_IN;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.WsaError.WSAEAFNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAEPROTONOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSAESOCKTNOSUPPORT;
import static org.winsim.winsock.api.WsaError.WSANOTINITIALISED;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.winsim.sim.Durations;
import org.winsim.sim.Finding;
import org.winsim.sim.FindingKind;
import org.winsim.sim.OutOfSimulatedMemoryException;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.sim.ThreadExit;
import org.winsim.sim.WaitList;
import org.winsim.sim.WakeReason;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/**
 * The Win32 API of one simulated process. This is the one boundary where the model's failures become
 * {@code SOCKET_ERROR} and a last error, where every call and return is traced, and where each call's
 * CPU cost is charged to the calling thread.
 */
final class SimWin32 implements Win32 {
    private final SimProcess process;
    private final Simulation sim;
    private final OsProfile profile;

    SimWin32(SimProcess process) {
        this.process = process;
        this.sim = process.world.sim;
        this.profile = process.world.profile;
    }

    // ---- the boundary ----

    @FunctionalInterface
    private interface Body {
        long run();
    }

    private Win32Thread me() {
        SimThread t = sim.currentThread();
        if (!(t.attachment() instanceof Win32Thread w) || w.process != process) {
            throw new IllegalStateException(t + " is not a thread of process " + process.name);
        }
        return w;
    }

    /**
     * Runs a Winsock call: traces it (with its arguments as name/value pairs), charges its cost, and
     * turns a WsaFailure into failValue plus the thread's last error.
     */
    private long call(String fn, long failValue, Body body, Object... args) {
        return call(fn, failValue, body, null, args);
    }

    /** A call whose return record also shows what it wrote out ({@code outputs}: name/value pairs, read after it ran). */
    private long call(String fn, long failValue, Body body, java.util.function.Supplier<String[]> outputs, Object... args) {
        Win32Thread th = me();
        if (process.exited) {
            throw new ThreadExit("process " + process.name + " has exited");
        }
        if (sim.trace().enabled()) {
            sim.trace("CALL", callFields(fn, args));
        }
        sim.consumeCpu(profile.callCostNanos());
        long result;
        WsaError error = null;
        try {
            result = body.run();
            th.lastError = 0;
        } catch (WsaFailure f) {
            error = f.error;
            th.lastError = f.error.code;
            result = failValue;
        }
        if (process.exited) {
            throw new ThreadExit("process " + process.name + " has exited");
        }
        if (sim.trace().enabled()) {
            String[] base = {"fn", fn, "ret", fn.equals("socket") || fn.equals("accept") ? handleText(result) : Long.toString(result),
                    "err", error == null ? "0" : error.name()};
            String[] extra = outputs == null || error != null ? new String[0] : outputs.get();
            String[] fields = java.util.Arrays.copyOf(base, base.length + extra.length);
            System.arraycopy(extra, 0, fields, base.length, extra.length);
            sim.trace("RET", fields);
        }
        return result;
    }

    private static String[] callFields(String fn, Object[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalStateException(fn + ": trace arguments come in name/value pairs");
        }
        String[] f = new String[2 + args.length];
        f[0] = "fn";
        f[1] = fn;
        for (int i = 0; i < args.length; i++) {
            f[2 + i] = args[i] instanceof Long h ? handleText(h) : String.valueOf(args[i]);
        }
        return f;
    }

    private static String handleText(long h) {
        return h == INVALID_SOCKET ? "INVALID_SOCKET" : "0x" + Long.toHexString(h);
    }

    private void requireStarted() {
        if (process.wsaStartups == 0) {
            throw WsaFailure.of(WSANOTINITIALISED);
        }
    }

    private SimSocket sock(long s) {
        requireStarted();
        if (process.handles.get(s) instanceof SimSocket sock) {
            return sock;
        }
        throw WsaFailure.of(WSAENOTSOCK);
    }

    /** A buffer argument: a bad length is WSAEFAULT; a range past the array's end is the program's own bug. */
    private void checkBuffer(String fn, byte[] buf, int off, int len, String access) {
        if (buf == null || len < 0 || off < 0) {
            throw WsaFailure.of(WSAEFAULT);
        }
        if ((long) off + len > buf.length) {
            programError(fn + " would " + access + " " + len + " bytes at offset " + off + " of a " + buf.length
                    + "-byte buffer: past the end of the buffer");
        }
    }

    /** The program broke a rule it cannot recover from: the run stops with a finding, and this thread ends. */
    private void programError(String message) {
        SimThread t = sim.currentThread();
        sim.fail(new Finding(FindingKind.PROGRAM_ERROR, sim.now(), t.name(), message, List.of(), null));
        throw new ThreadExit(message);
    }

    private void chargeCopy(long bytes) {
        if (bytes > 0) {
            sim.consumeCpu(bytes * profile.copyNanosPerKiB() / 1024);
        }
    }

    private long register(KernelObject o) {
        o.creator = sim.currentThread().name() + " at t=" + Durations.stamp(sim.now()) + "s";
        return process.handles.add(o);
    }

    // ---- threads ----

    /** Starts the process's main thread. */
    SimThread startMainThread(ToIntFunction<Win32> main) {
        return spawnThread(process.name + ":main", 0, param -> main.applyAsInt(this), null, !process.daemon, true);
    }

    private SimThread spawnThread(String name, long stack, ThreadProc proc, Object param, boolean keepsRunAlive, boolean isMain) {
        SimThread[] self = new SimThread[1];
        ThreadObject[] obj = new ThreadObject[1];
        self[0] = sim.spawn(name, process.addressSpace, stack == 0 ? profile.defaultStackBytes() : stack, !keepsRunAlive, () -> {
            try {
                obj[0].exitCode = proc.run(param);
            } finally {
                obj[0].ended = true;
                obj[0].waiters.wakeAll(sim);
                if (isMain) {
                    process.exit();
                }
            }
        });
        obj[0] = new ThreadObject(self[0]);
        self[0].attach(new Win32Thread(process, obj[0]));
        return self[0];
    }

    @Override
    public long CreateThread(Object lpThreadAttributes, long dwStackSize, ThreadProc lpStartAddress, Object lpParameter,
                             int dwCreationFlags, int[] lpThreadId) {
        Win32Thread th = me();
        sim.consumeCpu(profile.threadCreateNanos());
        if (lpStartAddress == null || dwStackSize < 0) {
            th.lastError = Win32Error.ERROR_INVALID_PARAMETER.code;
            return 0;
        }
        String name = process.name + ":t" + (sim.threadCount() + 1);
        SimThread t;
        try {
            t = spawnThread(name, dwStackSize, lpStartAddress, lpParameter, false, false);
        } catch (OutOfSimulatedMemoryException e) {
            sim.trace("CALL", "fn", "CreateThread", "result", "NULL", "err", "ERROR_NOT_ENOUGH_MEMORY", "why", e.getMessage());
            th.lastError = Win32Error.ERROR_NOT_ENOUGH_MEMORY.code;
            return 0;
        }
        ThreadObject obj = ((Win32Thread) t.attachment()).object;
        if (lpThreadId != null) {
            lpThreadId[0] = t.id() * 4;
        }
        return register(obj);
    }

    @Override
    public int GetExitCodeThread(long hThread, int[] lpExitCode) {
        Win32Thread th = me();
        if (!(process.handles.get(hThread) instanceof ThreadObject t)) {
            th.lastError = Win32Error.ERROR_INVALID_HANDLE.code;
            return WinBase.FALSE;
        }
        if (lpExitCode == null) {
            th.lastError = Win32Error.ERROR_INVALID_PARAMETER.code;
            return WinBase.FALSE;
        }
        lpExitCode[0] = t.exitCode;
        return WinBase.TRUE;
    }

    @Override
    public int CloseHandle(long hObject) {
        Win32Thread th = me();
        sim.consumeCpu(profile.callCostNanos());
        KernelObject o = process.handles.remove(hObject);
        if (o == null) {
            th.lastError = Win32Error.ERROR_INVALID_HANDLE.code;
            return WinBase.FALSE;
        }
        sim.trace("CLOSE", "handle", o.toString());
        o.closeHandle();
        return WinBase.TRUE;
    }

    @Override
    public long CreateEvent(Object lpEventAttributes, boolean bManualReset, boolean bInitialState, String lpName) {
        me();
        sim.consumeCpu(profile.callCostNanos());
        return register(new EventObject(sim, bManualReset, bInitialState));
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
        Win32Thread th = me();
        sim.consumeCpu(profile.callCostNanos());
        if (!(process.handles.get(h) instanceof EventObject e)) {
            th.lastError = Win32Error.ERROR_INVALID_HANDLE.code;
            return WinBase.FALSE;
        }
        sim.trace(set ? "SETEVENT" : "RESETEVENT", "handle", e.toString());
        if (set) {
            e.set();
        } else {
            e.reset();
        }
        return WinBase.TRUE;
    }

    @Override
    public int WaitForSingleObjectEx(long hHandle, int dwMilliseconds, boolean bAlertable) {
        return WaitForMultipleObjectsEx(1, new long[] {hHandle}, false, dwMilliseconds, bAlertable);
    }

    @Override
    public int WaitForMultipleObjectsEx(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds, boolean bAlertable) {
        Win32Thread th = me();
        sim.consumeCpu(profile.callCostNanos());
        if (nCount <= 0 || nCount > WinBase.MAXIMUM_WAIT_OBJECTS || lpHandles == null || lpHandles.length < nCount) {
            th.lastError = Win32Error.ERROR_INVALID_PARAMETER.code;
            return WinBase.WAIT_FAILED;
        }
        List<KernelObject> objects = new ArrayList<>(nCount);
        List<WaitList> lists = new ArrayList<>(nCount);
        for (int i = 0; i < nCount; i++) {
            KernelObject o = process.handles.get(lpHandles[i]);
            if (o == null || !o.isWaitable()) {
                th.lastError = Win32Error.ERROR_INVALID_HANDLE.code;
                return WinBase.WAIT_FAILED;
            }
            objects.add(o);
            lists.add(o.waiters);
        }
        long deadline = dwMilliseconds == WinBase.INFINITE ? Long.MAX_VALUE : sim.now() + Durations.millis(dwMilliseconds & 0xffffffffL);
        String what = (nCount == 1 ? "WaitForSingleObject(" : "WaitForMultipleObjects(") + objects + ")";
        while (true) {
            if (bAlertable && th.runApcs(sim)) {
                return WinBase.WAIT_IO_COMPLETION;
            }
            int ready = satisfied(objects, bWaitAll);
            if (ready >= 0) {
                if (bWaitAll) {
                    objects.forEach(KernelObject::acquire);
                } else {
                    objects.get(ready).acquire();
                }
                return WinBase.WAIT_OBJECT_0 + ready;
            }
            if (sim.now() >= deadline) {
                return WinBase.WAIT_TIMEOUT;
            }
            long timeout = deadline == Long.MAX_VALUE ? Simulation.INFINITE : deadline - sim.now();
            if (WaitList.awaitAny(sim, lists, what, timeout, bAlertable) == WakeReason.TIMEOUT && satisfied(objects, bWaitAll) < 0) {
                return WinBase.WAIT_TIMEOUT;
            }
        }
    }

    /** For wait-any, the lowest index of a signaled object; for wait-all, 0 when all are signaled; else -1. */
    private static int satisfied(List<KernelObject> objects, boolean all) {
        for (int i = 0; i < objects.size(); i++) {
            boolean s = objects.get(i).isSignaled();
            if (!all && s) {
                return i;
            }
            if (all && !s) {
                return -1;
            }
        }
        return all ? 0 : -1;
    }

    @Override
    public int SleepEx(int dwMilliseconds, boolean bAlertable) {
        Win32Thread th = me();
        if (bAlertable && th.runApcs(sim)) {
            return WinBase.WAIT_IO_COMPLETION;
        }
        if (dwMilliseconds == WinBase.INFINITE) {
            sim.park("SleepEx(INFINITE)", Simulation.INFINITE, bAlertable);
        } else if (bAlertable && dwMilliseconds != 0) {
            sim.park("SleepEx(" + (dwMilliseconds & 0xffffffffL) + " ms)", Durations.millis(dwMilliseconds & 0xffffffffL), true);
        } else {
            sim.sleep(Durations.millis(dwMilliseconds & 0xffffffffL));
        }
        return bAlertable && th.runApcs(sim) ? WinBase.WAIT_IO_COMPLETION : 0;
    }

    @Override
    public int QueueUserAPC(org.winsim.winsock.api.PAPCFUNC pfnAPC, long hThread, long dwData) {
        Win32Thread th = me();
        sim.consumeCpu(profile.callCostNanos());
        Win32Thread target = hThread == WinBase.CURRENT_THREAD ? th
                : process.handles.get(hThread) instanceof ThreadObject t ? (Win32Thread) t.thread.attachment() : null;
        if (target == null || pfnAPC == null) {
            th.lastError = (target == null ? Win32Error.ERROR_INVALID_HANDLE : Win32Error.ERROR_INVALID_PARAMETER).code;
            return WinBase.FALSE;
        }
        if (target.object.ended) {
            th.lastError = Win32Error.ERROR_GEN_FAILURE.code;
            return WinBase.FALSE;
        }
        target.apcs.addLast(() -> pfnAPC.run(dwData));
        sim.alert(target.object.thread);
        return WinBase.TRUE;
    }

    @Override
    public void InitializeCriticalSection(CRITICAL_SECTION cs) {
        me();
        cs.opaque = new CriticalSectionLock(++process.criticalSections);
    }

    private CriticalSectionLock lockOf(String fn, CRITICAL_SECTION cs) {
        if (cs == null || !(cs.opaque instanceof CriticalSectionLock l)) {
            programError(fn + " on a critical section that was never initialized");
            throw new IllegalStateException("unreachable");
        }
        return l;
    }

    @Override
    public void EnterCriticalSection(CRITICAL_SECTION cs) {
        SimThread t = sim.currentThread();
        me();
        CriticalSectionLock l = lockOf("EnterCriticalSection", cs);
        sim.consumeCpu(profile.callCostNanos() / 4);
        if (l.owner == t) {
            l.recursion++;
            return;
        }
        while (l.owner != null) {
            l.waiters.await(sim, "EnterCriticalSection(" + l + ")", Simulation.INFINITE, false);
        }
        l.owner = t;
        l.recursion = 1;
    }

    @Override
    public void LeaveCriticalSection(CRITICAL_SECTION cs) {
        SimThread t = sim.currentThread();
        me();
        CriticalSectionLock l = lockOf("LeaveCriticalSection", cs);
        if (l.owner != t) {
            programError("LeaveCriticalSection by " + t.name() + " of a critical section it does not own (" + l + ")");
        }
        if (--l.recursion == 0) {
            l.owner = null;
            l.waiters.wakeOne(sim);
        }
    }

    @Override
    public void DeleteCriticalSection(CRITICAL_SECTION cs) {
        me();
        lockOf("DeleteCriticalSection", cs);
        cs.opaque = null;
    }

    @Override
    public void GetSystemInfo(SYSTEM_INFO info) {
        me();
        info.dwNumberOfProcessors = sim.config().processors();
        info.dwPageSize = 4096;
    }

    @Override
    public int GetLastError() {
        return me().lastError;
    }

    @Override
    public void SetLastError(int dwErrCode) {
        me().lastError = dwErrCode;
    }

    @Override
    public int GetCurrentThreadId() {
        me();
        return sim.currentThread().id() * 4;
    }

    @Override
    public int GetTickCount() {
        me();
        return (int) (sim.now() / Durations.MILLISECOND);
    }

    @Override
    public void compute(long nanos) {
        me();
        sim.consumeCpu(nanos);
    }

    // ---- Winsock ----

    @Override
    public int WSAStartup(int wVersionRequested, WSADATA lpWSAData) {
        me();
        sim.consumeCpu(profile.callCostNanos());
        sim.trace("CALL", "fn", "WSAStartup", "version", "0x" + Integer.toHexString(wVersionRequested));
        if ((wVersionRequested & 0xff) < 1) {
            return WsaError.WSAVERNOTSUPPORTED.code;
        }
        if (lpWSAData == null) {
            return WSAEFAULT.code;
        }
        int major = wVersionRequested & 0xff;
        int minor = (wVersionRequested >>> 8) & 0xff;
        lpWSAData.wVersion = major > 2 || (major == 2 && minor > 2) ? Winsock.WINSOCK_VERSION : wVersionRequested & 0xffff;
        lpWSAData.wHighVersion = Winsock.WINSOCK_VERSION;
        lpWSAData.szDescription = "WinSock 2.0";
        lpWSAData.szSystemStatus = "Running";
        process.wsaStartups++;
        return 0;
    }

    @Override
    public int WSACleanup() {
        return (int) call("WSACleanup", SOCKET_ERROR, () -> {
            requireStarted();
            if (--process.wsaStartups == 0) {
                for (KernelObject o : process.handles.open()) {
                    if (o instanceof SimSocket s) {
                        process.handles.remove(s.handle);
                        s.close(false);
                    }
                }
            }
            return 0;
        });
    }

    @Override
    public int WSAGetLastError() {
        return me().lastError;
    }

    @Override
    public void WSASetLastError(int iError) {
        me().lastError = iError;
    }

    @Override
    public long socket(int af, int type, int protocol) {
        return call("socket", INVALID_SOCKET, () -> {
            requireStarted();
            if (af != AF_INET) {
                throw WsaFailure.of(WSAEAFNOSUPPORT);
            }
            if (type != Winsock.SOCK_STREAM) {
                throw WsaFailure.of(WSAESOCKTNOSUPPORT);
            }
            if (protocol != 0 && protocol != Winsock.IPPROTO_TCP) {
                throw WsaFailure.of(WSAEPROTONOSUPPORT);
            }
            return register(new SimSocket(process));
        }, "af", af, "type", type, "protocol", protocol);
    }

    private static Endpoint address(sockaddr_in name, int namelen) {
        if (name == null || namelen < SIZEOF_SOCKADDR_IN) {
            throw WsaFailure.of(WSAEFAULT);
        }
        if (name.sin_family != AF_INET) {
            throw WsaFailure.of(WSAEAFNOSUPPORT);
        }
        return Endpoint.of(name);
    }

    @Override
    public int bind(long s, sockaddr_in name, int namelen) {
        return (int) call("bind", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            sock.bind(address(name, namelen));
            return 0;
        }, "s", s, "name", name);
    }

    @Override
    public int listen(long s, int backlog) {
        return (int) call("listen", SOCKET_ERROR, () -> {
            sock(s).listen(backlog);
            return 0;
        }, "s", s, "backlog", backlog);
    }

    @Override
    public long accept(long s, sockaddr_in addr, int[] addrlen) {
        return call("accept", INVALID_SOCKET, () -> {
            SimSocket sock = sock(s);
            if (addrlen != null && addrlen[0] < SIZEOF_SOCKADDR_IN) {
                throw WsaFailure.of(WSAEFAULT);
            }
            SimSocket child = sock.accept();
            long h = register(child);
            if (addr != null && addrlen != null) { // with no length, Windows leaves addr untouched
                fill(addr, addrlen, child.tcb.remote);
            }
            return h;
        }, "s", s);
    }

    @Override
    public int connect(long s, sockaddr_in name, int namelen) {
        return (int) call("connect", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            sock.connect(address(name, namelen));
            return 0;
        }, "s", s, "name", name);
    }

    @Override
    public int send(long s, byte[] buf, int off, int len, int flags) {
        return (int) call("send", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            checkBuffer("send", buf, off, len, "read");
            int n = sock.send(buf, off, len, (flags & Winsock.MSG_OOB) != 0);
            chargeCopy(n);
            return n;
        }, "s", s, "len", len, "flags", flags);
    }

    @Override
    public int recv(long s, byte[] buf, int off, int len, int flags) {
        return (int) call("recv", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            checkBuffer("recv", buf, off, len, "write");
            if ((flags & Winsock.MSG_OOB) != 0) {
                int n = sock.recvOob(buf, off, len);
                chargeCopy(n);
                return n;
            }
            boolean peek = (flags & Winsock.MSG_PEEK) != 0;
            int n = sock.recv(buf, off, len, peek);
            if ((flags & Winsock.MSG_WAITALL) != 0 && !peek && !sock.nonBlocking) {
                while (n > 0 && n < len) {
                    int more = sock.recv(buf, off + n, len - n, false);
                    if (more == 0) {
                        break;
                    }
                    n += more;
                }
            }
            chargeCopy(n);
            return n;
        }, "s", s, "len", len, "flags", flags);
    }

    @Override
    public int shutdown(long s, int how) {
        return (int) call("shutdown", SOCKET_ERROR, () -> {
            sock(s).shutdown(how);
            return 0;
        }, "s", s, "how", how);
    }

    @Override
    public int closesocket(long s) {
        return (int) call("closesocket", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            process.handles.remove(s);
            sock.close(true);
            return 0;
        }, "s", s);
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        return (int) call("ioctlsocket", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            if (cmd != Winsock.FIONBIO && cmd != Winsock.FIONREAD && cmd != Winsock.SIOCATMARK) {
                throw WsaFailure.of(WSAEOPNOTSUPP);
            }
            if (argp == null || argp.length < 1) {
                throw WsaFailure.of(WSAEFAULT);
            }
            switch (cmd) {
                case Winsock.FIONBIO -> sock.nonBlocking = argp[0] != 0;
                case Winsock.FIONREAD -> argp[0] = sock.bytesReadable();
                default -> argp[0] = sock.atMark() ? 1 : 0;
            }
            return 0;
        }, "s", s, "cmd", ioctlName(cmd), "arg", argp == null ? "NULL" : Integer.toString(argp[0]));
    }

    private static String ioctlName(int cmd) {
        return switch (cmd) {
            case Winsock.FIONBIO -> "FIONBIO";
            case Winsock.FIONREAD -> "FIONREAD";
            case Winsock.SIOCATMARK -> "SIOCATMARK";
            default -> "0x" + Integer.toHexString(cmd);
        };
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        return (int) call("setsockopt", SOCKET_ERROR, () -> {
            SocketOptions.set(sock(s), level, optname, optval, optlen);
            return 0;
        }, "s", s, "opt", SocketOptions.name(level, optname), "optlen", optlen);
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        return (int) call("getsockopt", SOCKET_ERROR, () -> {
            SocketOptions.get(sock(s), level, optname, optval, optlen);
            return 0;
        }, "s", s, "opt", SocketOptions.name(level, optname));
    }

    @Override
    public int getsockname(long s, sockaddr_in name, int[] namelen) {
        return (int) call("getsockname", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            if (name == null || namelen == null || namelen[0] < SIZEOF_SOCKADDR_IN) {
                throw WsaFailure.of(WSAEFAULT);
            }
            if (sock.local == null && !profile.unboundNameIsAny()) {
                throw WsaFailure.of(WSAEINVAL);
            }
            fill(name, namelen, sock.tcb != null && sock.isEstablished() ? sock.tcb.local
                    : sock.local != null ? sock.local : new Endpoint(0, 0));
            return 0;
        }, "s", s);
    }

    @Override
    public int getpeername(long s, sockaddr_in name, int[] namelen) {
        return (int) call("getpeername", SOCKET_ERROR, () -> {
            SimSocket sock = sock(s);
            if (!sock.isEstablished()) {
                throw WsaFailure.of(WsaError.WSAENOTCONN);
            }
            if (name == null || namelen == null || namelen[0] < SIZEOF_SOCKADDR_IN) {
                throw WsaFailure.of(WSAEFAULT);
            }
            fill(name, namelen, sock.tcb.remote);
            return 0;
        }, "s", s);
    }

    private static void fill(sockaddr_in name, int[] namelen, Endpoint ep) {
        name.sin_family = AF_INET;
        name.sin_addr = ep.addr();
        name.sin_port = ep.port();
        namelen[0] = SIZEOF_SOCKADDR_IN;
    }

    @Override
    public int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        return (int) call("select", SOCKET_ERROR, () -> Select.run(this, readfds, writefds, exceptfds, timeout),
                () -> new String[] {"read", setText(readfds), "write", setText(writefds), "except", setText(exceptfds)},
                "read", setText(readfds), "write", setText(writefds), "except", setText(exceptfds),
                "timeout", timeout == null ? "INFINITE" : timeout.tv_sec + "s" + timeout.tv_usec + "us");
    }

    /** The socket a select set names, for {@link Select}. */
    SimSocket selectable(long s) {
        return sock(s);
    }

    Simulation simulation() {
        return sim;
    }

    OsProfile profile() {
        return profile;
    }

    private static String setText(fd_set set) {
        if (set == null) {
            return "NULL";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < set.fd_count; i++) {
            b.append(i == 0 ? "" : ",").append(handleText(set.fd_array[i]));
        }
        return b.append('}').toString();
    }
}
