package org.winsim.realbackend.wine;

import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;

import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/**
 * The Win32 API of one program on Wine: every call goes to the {@link WineAgent}, which runs it with
 * Wine's ws2_32, kernel32 and user32 and answers with the return value, the last error and the
 * outputs; this class only translates. Nothing is checked or emulated here, so the answers are Wine's.
 *
 * <p>Handles are this side's {@code long}s (multiples of 4 from 0x100, never reused), each standing
 * for an agent object name ({@code s1}, {@code e2}, {@code t3}); a handle this side never gave out
 * goes to Wine as its raw value. Each Java thread that calls in runs its calls on an agent thread of
 * its own, so blocking calls block only their caller; {@code CreateThread} starts a Java thread whose
 * agent thread's handle is the one waits and {@code GetExitCodeThread} see.
 *
 * <p>Callbacks: a queued APC runs on the agent thread in its alertable wait, which reports it; the
 * Java {@link PAPCFUNC} then runs on the Java thread of that wait before the wait returns. It runs after
 * the native wait has finished, so an APC's own calls are made after the wait, not inside it.
 */
public final class WineWin32 implements Win32 {
    private final WineAgent agent;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<String, Long> handles = new ConcurrentHashMap<>();
    private final Map<String, PAPCFUNC> apcs = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final AtomicInteger nextName = new AtomicInteger();
    private final ThreadLocal<String> agentThread = ThreadLocal.withInitial(() -> "j" + nextName.incrementAndGet());
    private final ThreadLocal<int[]> lastError = ThreadLocal.withInitial(() -> new int[1]);
    private final Map<WSAOVERLAPPED, String> overlappedNames = new ConcurrentHashMap<>();
    private final Map<String, WSAOVERLAPPED> overlappedsByName = new ConcurrentHashMap<>();

    public WineWin32(WineAgent agent) {
        this.agent = agent;
    }

    // ---- the boundary ----

    /**
     * Runs {@code verb args} on the calling thread's agent thread (an empty argument is left out: the
     * agent's default); records its last error and runs the APCs that ran in it.
     */
    private WineAgent.Reply call(String verb, Object... args) {
        StringJoiner line = new StringJoiner(" ").add(verb);
        for (Object a : args) {
            String text = String.valueOf(a);
            if (!text.isEmpty()) {
                line.add(text);
            }
        }
        WineAgent.Reply r = agent.call(agentThread.get(), line.toString());
        for (String cb : r.callbacks()) {
            String[] f = cb.split(" ");
            PAPCFUNC apc = f[0].equals("apc") ? apcs.remove(f[1]) : null;
            if (apc == null) {
                throw new IllegalStateException("a callback WineWin32 did not ask for: " + cb);
            }
            apc.run(Long.parseUnsignedLong(f[2].substring("data=".length())));
        }
        lastError.get()[0] = r.err();
        return r;
    }

    /** Gives a new agent object a handle on this side. */
    private long register(String name) {
        long h = nextHandle.getAndAdd(4);
        names.put(h, name);
        handles.put(name, h);
        return h;
    }

    private String fresh(String kind) {
        return kind + nextName.incrementAndGet();
    }

    /** The agent name a handle stands for, or its raw value. */
    private String name(long h) {
        String n = names.get(h);
        return n != null ? n : "#" + h;
    }

    private long handleOf(String agentName) {
        if (agentName.startsWith("#")) {
            return Long.parseLong(agentName.substring(1));
        }
        Long h = handles.get(agentName);
        if (h == null) {
            throw new IllegalStateException("the Wine agent named an object WineWin32 does not know: " + agentName);
        }
        return h;
    }

    private static String address(sockaddr_in a) {
        if (a == null) {
            return "NULL";
        }
        String text = sockaddr_in.inet_ntoa(a.sin_addr) + ":" + (a.sin_port & 0xffff);
        return a.sin_family == Winsock.AF_INET ? text : a.sin_family + "@" + text;
    }

    private static void fill(sockaddr_in into, String text) {
        int at = text.indexOf('@');
        into.sin_family = at < 0 ? Winsock.AF_INET : Integer.parseInt(text.substring(0, at));
        String rest = text.substring(at + 1);
        int colon = rest.lastIndexOf(':');
        into.sin_addr = sockaddr_in.inet_addr(rest.substring(0, colon));
        into.sin_port = Integer.parseInt(rest.substring(colon + 1));
    }

    private static String hex(byte[] b, int off, int len) {
        return len == 0 ? "-" : HexFormat.of().formatHex(b, off, off + len);
    }

    private static byte[] unhex(String s) {
        return s.equals("-") ? new byte[0] : HexFormat.of().parseHex(s);
    }

    private static void checkBuffer(byte[] buf, int off, int len) {
        if (buf != null && (off < 0 || (long) off + Math.max(len, 0) > buf.length)) {
            throw new IllegalArgumentException(len + " bytes at offset " + off + " of a " + buf.length
                    + "-byte buffer: past the end of the buffer");
        }
    }

    private static String length(int[] len) {
        return len == null ? "NULL" : Integer.toString(len[0]);
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static String percentDecoded(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    // ---- Winsock ----

    @Override
    public int WSAStartup(int wVersionRequested, WSADATA data) {
        WineAgent.Reply r = call("WSAStartup", wVersionRequested, data == null ? "NULL" : "");
        if (r.ret() == 0 && data != null) {
            data.wVersion = Integer.decode(r.out("version"));
            data.wHighVersion = Integer.decode(r.out("high"));
            data.szDescription = percentDecoded(r.out("description"));
            data.szSystemStatus = percentDecoded(r.out("status"));
        }
        return (int) r.ret();
    }

    @Override
    public int WSACleanup() {
        return (int) call("WSACleanup").ret();
    }

    @Override
    public int WSAGetLastError() {
        return lastError.get()[0];
    }

    @Override
    public void WSASetLastError(int iError) {
        call("WSASetLastError", iError);
    }

    @Override
    public long socket(int af, int type, int protocol) {
        String n = fresh("s");
        WineAgent.Reply r = call("socket", n, af, type, protocol);
        return r.ret() == INVALID_SOCKET ? INVALID_SOCKET : register(n);
    }

    @Override
    public int bind(long s, sockaddr_in name, int namelen) {
        return (int) call("bind", name(s), address(name), namelen).ret();
    }

    @Override
    public int listen(long s, int backlog) {
        return (int) call("listen", name(s), backlog).ret();
    }

    @Override
    public long accept(long s, sockaddr_in addr, int[] addrlen) {
        String n = fresh("s");
        WineAgent.Reply r = call("accept", n, name(s), addr == null ? "NULL" : "addr", length(addrlen));
        if (r.ret() == INVALID_SOCKET) {
            return INVALID_SOCKET;
        }
        if (addr != null) {
            fill(addr, r.out("addr"));
        }
        if (addrlen != null) {
            addrlen[0] = Integer.parseInt(r.out("addrlen"));
        }
        return register(n);
    }

    @Override
    public int connect(long s, sockaddr_in name, int namelen) {
        return (int) call("connect", name(s), address(name), namelen).ret();
    }

    @Override
    public int send(long s, byte[] buf, int off, int len, int flags) {
        checkBuffer(buf, off, len);
        String data = buf == null ? "NULL" : hex(buf, off, Math.max(len, 0));
        return (int) call("send", name(s), data, len, flags).ret();
    }

    @Override
    public int recv(long s, byte[] buf, int off, int len, int flags) {
        checkBuffer(buf, off, len);
        WineAgent.Reply r = buf == null ? call("recv", name(s), "NULL", len, flags) : call("recv", name(s), len, flags);
        if (r.ret() > 0) {
            byte[] got = unhex(r.out("data"));
            System.arraycopy(got, 0, buf, off, got.length);
        }
        return (int) r.ret();
    }

    @Override
    public int shutdown(long s, int how) {
        return (int) call("shutdown", name(s), how).ret();
    }

    @Override
    public int closesocket(long s) {
        return (int) call("closesocket", name(s)).ret();
    }

    @Override
    public int ioctlsocket(long s, int cmd, int[] argp) {
        WineAgent.Reply r = call("ioctlsocket", name(s), cmd, argp == null ? "NULL" : Integer.toString(argp[0]));
        if (r.ret() == 0 && argp != null) {
            argp[0] = (int) Long.parseLong(r.out("arg"));
        }
        return (int) r.ret();
    }

    @Override
    public int setsockopt(long s, int level, int optname, byte[] optval, int optlen) {
        String data = optval == null ? "NULL" : hex(optval, 0, Math.min(optval.length, Math.max(optlen, 0)));
        return (int) call("setsockopt", name(s), level, optname, data, optlen).ret();
    }

    @Override
    public int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen) {
        WineAgent.Reply r = call("getsockopt", name(s), level, optname, length(optlen), optval == null ? "NULL" : "");
        if (r.ret() == 0) {
            byte[] got = unhex(r.out("optval"));
            if (optval != null) {
                System.arraycopy(got, 0, optval, 0, Math.min(got.length, optval.length));
            }
            if (optlen != null) {
                optlen[0] = Integer.parseInt(r.out("optlen"));
            }
        }
        return (int) r.ret();
    }

    private int nameCall(String verb, long s, sockaddr_in name, int[] namelen) {
        WineAgent.Reply r = call(verb, name(s), length(namelen), name == null ? "NULL" : "");
        if (r.ret() == 0) {
            if (name != null) {
                fill(name, r.out("addr"));
            }
            if (namelen != null) {
                namelen[0] = Integer.parseInt(r.out("addrlen"));
            }
        }
        return (int) r.ret();
    }

    @Override
    public int getsockname(long s, sockaddr_in name, int[] namelen) {
        return nameCall("getsockname", s, name, namelen);
    }

    @Override
    public int getpeername(long s, sockaddr_in name, int[] namelen) {
        return nameCall("getpeername", s, name, namelen);
    }

    private String set(fd_set set) {
        if (set == null) {
            return "NULL";
        }
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (int i = 0; i < set.fd_count; i++) {
            j.add(name(set.fd_array[i]));
        }
        return j.toString();
    }

    private void fillSet(fd_set set, String text) {
        if (set == null) {
            return;
        }
        set.fd_count = 0;
        String inner = text.substring(1, text.length() - 1);
        if (!inner.isEmpty()) {
            for (String n : inner.split(",")) {
                set.fd_array[set.fd_count++] = handleOf(n);
            }
        }
    }

    @Override
    public int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout) {
        String t = timeout == null ? "NULL" : timeout.tv_sec + ":" + timeout.tv_usec;
        WineAgent.Reply r = call("select", nfds, set(readfds), set(writefds), set(exceptfds), t);
        if (r.ret() != Winsock.SOCKET_ERROR) {
            fillSet(readfds, r.out("read"));
            fillSet(writefds, r.out("write"));
            fillSet(exceptfds, r.out("except"));
        }
        return (int) r.ret();
    }

    // ---- kernel32 ----

    @Override
    public long CreateThread(Object lpThreadAttributes, long dwStackSize, ThreadProc lpStartAddress, Object lpParameter,
                             int dwCreationFlags, int[] lpThreadId) {
        String n = fresh("t");
        WineAgent.Reply r = call("CreateThread", n);
        if (r.ret() == 0) {
            return 0;
        }
        long h = register(n);
        if (lpThreadId != null) {
            lpThreadId[0] = (int) Long.parseLong(r.out("tid"));
        }
        Thread t = new Thread(() -> {
            agentThread.set(n);
            int code = WinBase.STILL_ACTIVE;
            try {
                code = lpStartAddress.run(lpParameter);
            } finally {
                call("exit", code);
            }
        }, "wine-thread-" + n);
        t.setDaemon(true);
        t.start();
        return h;
    }

    @Override
    public int GetExitCodeThread(long hThread, int[] lpExitCode) {
        WineAgent.Reply r = call("GetExitCodeThread", name(hThread));
        if (r.ret() != 0 && lpExitCode != null) {
            lpExitCode[0] = (int) Long.parseLong(r.out("code"));
        }
        return (int) r.ret();
    }

    @Override
    public int CloseHandle(long hObject) {
        return (int) call("CloseHandle", name(hObject)).ret();
    }

    @Override
    public long CreateEvent(Object lpEventAttributes, boolean bManualReset, boolean bInitialState, String lpName) {
        String n = fresh("e");
        return call("CreateEvent", n, bool(bManualReset), bool(bInitialState)).ret() == 0 ? 0 : register(n);
    }

    @Override
    public int SetEvent(long hEvent) {
        return (int) call("SetEvent", name(hEvent)).ret();
    }

    @Override
    public int ResetEvent(long hEvent) {
        return (int) call("ResetEvent", name(hEvent)).ret();
    }

    @Override
    public int WaitForSingleObjectEx(long hHandle, int dwMilliseconds, boolean bAlertable) {
        return (int) call("WaitForSingleObjectEx", name(hHandle), Integer.toUnsignedString(dwMilliseconds), bool(bAlertable)).ret();
    }

    @Override
    public int WaitForMultipleObjectsEx(int nCount, long[] lpHandles, boolean bWaitAll, int dwMilliseconds, boolean bAlertable) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (int i = 0; lpHandles != null && i < Math.min(nCount, Math.min(lpHandles.length, WinBase.MAXIMUM_WAIT_OBJECTS + 1)); i++) {
            j.add(name(lpHandles[i]));
        }
        return (int) call("WaitForMultipleObjectsEx", Integer.toUnsignedString(nCount), j, bool(bWaitAll),
                Integer.toUnsignedString(dwMilliseconds), bool(bAlertable)).ret();
    }

    @Override
    public int SleepEx(int dwMilliseconds, boolean bAlertable) {
        return (int) call("SleepEx", Integer.toUnsignedString(dwMilliseconds), bool(bAlertable)).ret();
    }

    @Override
    public int QueueUserAPC(PAPCFUNC pfnAPC, long hThread, long dwData) {
        if (pfnAPC == null) {
            throw new IllegalArgumentException("QueueUserAPC with a NULL routine: Wine queues it (returns TRUE) and the "
                    + "thread crashes when it runs, taking the agent with it");
        }
        String n = fresh("apc");
        apcs.put(n, pfnAPC);
        WineAgent.Reply r = call("QueueUserAPC", n, name(hThread), Long.toUnsignedString(dwData));
        if (r.ret() == 0) {
            apcs.remove(n);
        }
        return (int) r.ret();
    }

    @Override
    public void InitializeCriticalSection(CRITICAL_SECTION cs) {
        String n = fresh("cs");
        call("InitializeCriticalSection", n);
        cs.opaque = n;
    }

    @Override
    public void EnterCriticalSection(CRITICAL_SECTION cs) {
        call("EnterCriticalSection", cs.opaque);
    }

    @Override
    public void LeaveCriticalSection(CRITICAL_SECTION cs) {
        call("LeaveCriticalSection", cs.opaque);
    }

    @Override
    public void DeleteCriticalSection(CRITICAL_SECTION cs) {
        call("DeleteCriticalSection", cs.opaque);
    }

    @Override
    public void GetSystemInfo(SYSTEM_INFO info) {
        WineAgent.Reply r = call("GetSystemInfo");
        info.dwNumberOfProcessors = Integer.parseInt(r.out("processors"));
        info.dwPageSize = Integer.parseInt(r.out("pagesize"));
    }

    @Override
    public int GetLastError() {
        return lastError.get()[0];
    }

    @Override
    public void SetLastError(int dwErrCode) {
        call("SetLastError", Integer.toUnsignedString(dwErrCode));
    }

    @Override
    public int GetCurrentThreadId() {
        return (int) call("GetCurrentThreadId").ret();
    }

    @Override
    public int GetTickCount() {
        return (int) call("GetTickCount").ret();
    }

    // ---- kernel32: completion ports (issue 13) ----

    /** The agent's name for an OVERLAPPED of this side (created in the agent on first use), or NULL. */
    private String overlapped(WSAOVERLAPPED ov) {
        if (ov == null) {
            return "NULL";
        }
        return overlappedNames.computeIfAbsent(ov, o -> {
            String n = fresh("ov");
            overlappedsByName.put(n, o);
            return n;
        });
    }

    /** This side's OVERLAPPED for an agent name the agent gave back, or null for NULL. */
    private WSAOVERLAPPED overlappedNamed(String agentName) {
        if (agentName.equals("NULL")) {
            return null;
        }
        WSAOVERLAPPED ov = overlappedsByName.get(agentName);
        if (ov == null) {
            throw new IllegalStateException("the Wine agent returned an OVERLAPPED WineWin32 never passed: " + agentName);
        }
        return ov;
    }

    @Override
    public long CreateIoCompletionPort(long FileHandle, long ExistingCompletionPort, long CompletionKey, int NumberOfConcurrentThreads) {
        String n = fresh("p");
        String file = FileHandle == WinBase.INVALID_HANDLE_VALUE ? "INVALID_HANDLE_VALUE" : name(FileHandle);
        String existing = ExistingCompletionPort == WinBase.NULL ? "NULL" : name(ExistingCompletionPort);
        WineAgent.Reply r = call("CreateIoCompletionPort", n, file, existing, Long.toUnsignedString(CompletionKey),
                Integer.toUnsignedString(NumberOfConcurrentThreads));
        if (r.ret() == 0) {
            return 0;
        }
        return ExistingCompletionPort == WinBase.NULL ? register(n) : ExistingCompletionPort;
    }

    /** Bytes, key and OVERLAPPED are copied only when a packet was removed: the agent's own are 0 after a timeout. */
    @Override
    public int GetQueuedCompletionStatus(long CompletionPort, int[] lpNumberOfBytesTransferred, long[] lpCompletionKey,
                                         WSAOVERLAPPED[] lpOverlapped, int dwMilliseconds) {
        WineAgent.Reply r = call("GetQueuedCompletionStatus", name(CompletionPort), Integer.toUnsignedString(dwMilliseconds));
        WSAOVERLAPPED ov = overlappedNamed(r.out("ov"));
        lpOverlapped[0] = ov;
        if (r.ret() != 0 || ov != null) {
            lpNumberOfBytesTransferred[0] = (int) Long.parseLong(r.out("bytes"));
            lpCompletionKey[0] = Long.parseUnsignedLong(r.out("key"));
        }
        return (int) r.ret();
    }

    @Override
    public int GetQueuedCompletionStatusEx(long CompletionPort, OVERLAPPED_ENTRY[] lpCompletionPortEntries, int ulCount,
                                           int[] ulNumEntriesRemoved, int dwMilliseconds, boolean fAlertable) {
        WineAgent.Reply r = call("GetQueuedCompletionStatusEx", name(CompletionPort), Integer.toUnsignedString(ulCount),
                Integer.toUnsignedString(dwMilliseconds), bool(fAlertable));
        int removed = Integer.parseInt(r.out("removed"));
        ulNumEntriesRemoved[0] = removed;
        for (int k = 0; k < removed; k++) {
            String[] f = r.out("e" + k).split(":");
            OVERLAPPED_ENTRY e = lpCompletionPortEntries[k] == null ? new OVERLAPPED_ENTRY() : lpCompletionPortEntries[k];
            e.lpOverlapped = overlappedNamed(f[0]);
            e.dwNumberOfBytesTransferred = (int) Long.parseLong(f[1]);
            e.lpCompletionKey = Long.parseUnsignedLong(f[2]);
            e.Internal = Long.parseUnsignedLong(f[3].substring(2), 16);
            lpCompletionPortEntries[k] = e;
        }
        return (int) r.ret();
    }

    @Override
    public int PostQueuedCompletionStatus(long CompletionPort, int dwNumberOfBytesTransferred, long dwCompletionKey,
                                          WSAOVERLAPPED lpOverlapped) {
        return (int) call("PostQueuedCompletionStatus", name(CompletionPort), Integer.toUnsignedString(dwNumberOfBytesTransferred),
                Long.toUnsignedString(dwCompletionKey), overlapped(lpOverlapped)).ret();
    }

    @Override
    public int SetFileCompletionNotificationModes(long FileHandle, int Flags) {
        return (int) call("SetFileCompletionNotificationModes", name(FileHandle), Flags).ret();
    }

    /** The program's own computation: a busy loop on the calling Java thread, as on the real backend. */
    @Override
    public void compute(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
