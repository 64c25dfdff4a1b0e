package org.winsim.realbackend.wine;

import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.LPFN_GETACCEPTEXSOCKADDRS;
import org.winsim.winsock.api.LPFN_CONNECTEX;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.LPFN_DISCONNECTEX;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.FixedCondition;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.LPCONDITIONPROC;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.ThreadProc;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WNDPROC;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.realbackend.OsWin32;
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
 * for an agent object name ({@code p1_s1}, {@code p1_e2}, {@code p1_t3}: the prefix is this program's,
 * so several programs can share one agent as several processes); a handle this side never gave out
 * goes to Wine as its raw value. Each Java thread that calls in runs its calls on an agent thread of
 * its own, so blocking calls block only their caller; {@code CreateThread} starts a Java thread whose
 * agent thread's handle is the one waits and {@code GetExitCodeThread} see.
 *
 * <p>Callbacks: a queued APC runs on the agent thread in its alertable wait, which reports it; the
 * Java {@link PAPCFUNC} then runs on the Java thread of that wait before the wait returns. It runs after
 * the native wait has finished, so an APC's own calls are made after the wait, not inside it.
 *
 * <p>Windows: {@code CreateWindowEx} makes an agent window (message-only, of the agent's own class)
 * and remembers the Java window procedure of the class registered here; the agent's procedure reports
 * each message of WM_USER or above as a {@code cb … wndproc} line, and the Java procedure then runs with
 * the message (a socket in wParam given as its handle on this side) before DispatchMessage returns.
 */
public final class WineWin32 implements OsWin32 {
    private final WineAgent agent;
    private final String namespace;
    /** This program's sockets, by handle: open ones, and closed ones whose addresses were read before they closed. */
    private final Map<Long, Endpoints> sockets = new ConcurrentSkipListMap<>();
    private final AtomicInteger startups = new AtomicInteger();
    /** Set when the process ends ({@link #closeAll}): its threads make no more calls. */
    private volatile boolean ended;
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<String, Long> handles = new ConcurrentHashMap<>();
    private final Map<String, PAPCFUNC> apcs = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    /** Window handles, numbered as the simulator numbers them (a window takes no socket's number). */
    private final AtomicLong nextHwnd = new AtomicLong(0x10010);
    private final AtomicInteger nextName = new AtomicInteger();
    private final ThreadLocal<String> agentThread;
    private final ThreadLocal<int[]> lastError = ThreadLocal.withInitial(() -> new int[1]);
    /** Window classes registered on this side, and each agent window's procedure. */
    private final Map<String, WNDPROC> classes = new ConcurrentHashMap<>();
    private final Map<String, WNDPROC> windowProcs = new ConcurrentHashMap<>();
    private final AtomicInteger nextAtom = new AtomicInteger(0xc000);
    /** What the last window procedure run on this thread returned (DispatchMessage's value). */
    private final ThreadLocal<Long> wndProcResult = new ThreadLocal<>();

    /** A socket's local and peer addresses as the agent writes them; a field is null until it is known. */
    private record Endpoints(boolean open, String local, String peer) {
        static final Endpoints OPEN = new Endpoints(true, null, null);

        boolean known() {
            return local != null && peer != null;
        }
    }
    private final Map<String, WSAOVERLAPPED> overlappedsByName = new ConcurrentHashMap<>();

    public WineWin32(WineAgent agent) {
        this.agent = agent;
        this.namespace = agent.newNamespace();
        this.agentThread = ThreadLocal.withInitial(() -> namespace + "j" + nextName.incrementAndGet());
    }

    // ---- the boundary ----

    /**
     * Runs {@code verb args} on the calling thread's agent thread (an empty argument is left out: the
     * agent's default); records its last error and runs the APCs that ran in it.
     */
    private WineAgent.Reply call(String verb, Object... args) {
        if (ended && !verb.equals("exit")) { // a thread's exit is still told, so the agent frees its thread
            throw new ProcessEnded();
        }
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
            if (f[0].equals("wndproc")) {
                wndProcResult.set(runWindowProcedure(f));
                continue;
            }
            if (f[0].equals("completion")) {
                completionRoutineRan(f);
                continue;
            }
            PAPCFUNC apc = f[0].equals("apc") ? apcs.remove(f[1]) : null;
            if (apc == null) {
                throw new IllegalStateException("a callback WineWin32 did not ask for: " + cb);
            }
            apc.run(Long.parseUnsignedLong(f[2].substring("data=".length())));
        }
        lastError.get()[0] = r.err();
        return r;
    }

    /**
     * Runs a call of the harness's own (never the program's) on this program's helper agent thread, so
     * that no thread of the program sees its last error change or waits behind it.
     */
    private WineAgent.Reply aside(String request) {
        return agent.call(namespace + "aside", request);
    }

    /** Gives a new agent object a handle on this side. */
    private long register(String name) {
        long h = nextHandle.getAndAdd(4);
        names.put(h, name);
        handles.put(name, h);
        return h;
    }

    private String fresh(String kind) {
        return namespace + kind + nextName.incrementAndGet();
    }

    /** The agent's name for a handle (a known handle with tag bits in its two low bits: {@code NAME|TAG}), or its raw value. */
    private String name(long h) {
        String n = names.get(h);
        if (n == null && (h & 3) != 0 && names.get(h & ~3L) != null) {
            return names.get(h & ~3L) + "|" + (h & 3);
        }
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

    /** The first {@code n} handles of a wait (at most one past the 64 allowed, so the agent sees the bad count) as {a,b}. */
    private String handleSet(int n, long[] handles) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (int i = 0; handles != null && i < Math.min(n, Math.min(handles.length, WinBase.MAXIMUM_WAIT_OBJECTS + 1)); i++) {
            j.add(name(handles[i]));
        }
        return j.toString();
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
        if (r.ret() == 0) {
            startups.incrementAndGet();
        }
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
        int r = (int) call("WSACleanup").ret();
        if (r == 0) {
            startups.decrementAndGet();
        }
        return r;
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
        return r.ret() == INVALID_SOCKET ? INVALID_SOCKET : registerSocket(n);
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
        return accepted(n, call("accept", n, name(s), addr == null ? "NULL" : "addr", length(addrlen)), addr, addrlen);
    }

    /** The new socket of an accept or WSAAccept {@code r} that named it {@code n}, with its address written out. */
    private long accepted(String n, WineAgent.Reply r, sockaddr_in addr, int[] addrlen) {
        if (r.ret() == INVALID_SOCKET) {
            return INVALID_SOCKET;
        }
        if (addr != null) {
            fill(addr, r.out("addr"));
        }
        if (addrlen != null) {
            addrlen[0] = Integer.parseInt(r.out("addrlen"));
        }
        return registerSocket(n);
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

    // ---- UDP ----

    @Override
    public int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        checkBuffer(buf, off, len);
        String data = buf == null ? "NULL" : hex(buf, off, Math.max(len, 0));
        return (int) call("sendto", name(s), data, len, flags, address(to), tolen).ret();
    }

    /** recvfrom; with WSAEMSGSIZE the agent still gives the bytes the buffer was filled with, and the source. */
    @Override
    public int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        checkBuffer(buf, off, len);
        WineAgent.Reply r = call("recvfrom", name(s), len, flags, from == null ? "NULL" : "addr", length(fromlen));
        if (r.outputs().containsKey("data")) {
            byte[] got = unhex(r.out("data"));
            System.arraycopy(got, 0, buf, off, got.length);
        }
        if (from != null && r.outputs().containsKey("addr")) {
            fill(from, r.out("addr"));
        }
        if (fromlen != null && r.outputs().containsKey("addrlen")) {
            fromlen[0] = Integer.parseInt(r.out("addrlen"));
        }
        return (int) r.ret();
    }

    @Override
    public int WSASendTo(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags, sockaddr_in lpTo,
                         int iTolen, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return gatherSend("WSASendTo", s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped, lpCompletionRoutine,
                address(lpTo), iTolen, lpNumberOfBytesSent == null ? "NULL" : "count");
    }

    @Override
    public int WSASendMsg(long s, WSAMSG lpMsg, int dwFlags, int[] lpNumberOfBytesSent, WSAOVERLAPPED lpOverlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        String count = lpNumberOfBytesSent == null ? "NULL" : "count";
        if (lpMsg == null) { // the agent's NULL buffer list stands for a NULL WSAMSG
            return (int) call("WSASendMsg", name(s), "NULL", "NULL", dwFlags, "-", "NULL", 0, count).ret();
        }
        return gatherSend("WSASendMsg", s, lpMsg.lpBuffers, lpMsg.dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped,
                lpCompletionRoutine, address(lpMsg.name), lpMsg.namelen, count);
    }

    /**
     * WSARecvFrom without an OVERLAPPED (the agent keeps no source address for a pending receive, so one
     * with an OVERLAPPED is not supported here); with WSAEMSGSIZE the buffers still get what filled them.
     */
    @Override
    public int WSARecvFrom(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                           sockaddr_in lpFrom, int[] lpFromlen, WSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        if (lpOverlapped != null) {
            throw new UnsupportedOnThisOs("WSARecvFrom with an OVERLAPPED", "the Wine agent");
        }
        StringJoiner lens = new StringJoiner(",");
        for (int i = 0; i < dwBufferCount; i++) {
            lens.add(Integer.toString(lpBuffers[i].len));
        }
        WineAgent.Reply r = call("WSARecvFrom", name(s), "NULL", lens, lpFlags == null ? 0 : lpFlags[0],
                lpFrom == null ? "NULL" : "addr", length(lpFromlen));
        if (r.outputs().containsKey("data")) {
            byte[] got = unhex(r.out("data"));
            WSABUF.scatter(got, got.length, lpBuffers);
        }
        if (r.ret() == 0 && lpNumberOfBytesRecvd != null) {
            lpNumberOfBytesRecvd[0] = (int) Long.parseLong(r.out("recvd"));
        }
        if (r.ret() == 0 && lpFlags != null) {
            lpFlags[0] = (int) Long.parseLong(r.out("flags"));
        }
        if (lpFrom != null && r.outputs().containsKey("addr")) {
            fill(lpFrom, r.out("addr"));
        }
        if (lpFromlen != null && r.outputs().containsKey("addrlen")) {
            lpFromlen[0] = Integer.parseInt(r.out("addrlen"));
        }
        return (int) r.ret();
    }

    @Override
    public int shutdown(long s, int how) {
        return (int) call("shutdown", name(s), how).ret();
    }

    @Override
    public int WSASendDisconnect(long s, WSABUF lpOutboundDisconnectData) {
        return (int) call("WSASendDisconnect", name(s), disconnectData(lpOutboundDisconnectData)).ret();
    }

    @Override
    public int WSARecvDisconnect(long s, WSABUF lpInboundDisconnectData) {
        return (int) call("WSARecvDisconnect", name(s), disconnectData(lpInboundDisconnectData)).ret();
    }

    /** The agent's DATA argument: -1 for NULL, else the WSABUF's length (the agent passes a buffer that long). */
    private static int disconnectData(WSABUF data) {
        return data == null ? -1 : data.len;
    }

    @Override
    public int closesocket(long s) {
        Endpoints e = sockets.get(s);
        if (e != null && e.open()) {
            sockets.put(s, endpoints(s, e)); // read while it can be: its peer may receive its bytes later
        }
        int r = (int) call("closesocket", name(s)).ret();
        if (r == 0 && e != null) {
            sockets.computeIfPresent(s, (h, known) -> new Endpoints(false, known.local(), known.peer()));
        }
        return r;
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
        long asSocket = optval != null && optval.length >= 8 ? java.nio.ByteBuffer.wrap(optval).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong() : 0;
        if (level == Winsock.SOL_SOCKET && optname == Winsock.SO_UPDATE_ACCEPT_CONTEXT && optlen == 8 && names.containsKey(asSocket)) {
            data = "h:" + names.get(asSocket); // a SOCKET of this side: the agent's socket of that name
        }
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

    // ---- the harness's view of the program (OsWin32) ----

    private long registerSocket(String agentName) {
        long h = register(agentName);
        sockets.put(h, Endpoints.OPEN);
        return h;
    }

    /** A socket's addresses: {@code known} when both are, else read from the agent now (a field it cannot read stays null). */
    private Endpoints endpoints(long s, Endpoints known) {
        if (known.known() || !known.open()) {
            return known;
        }
        WineAgent.Reply local = aside("getsockname " + name(s) + " 16");
        WineAgent.Reply peer = aside("getpeername " + name(s) + " 16");
        return new Endpoints(true, local.ret() == 0 ? local.out("addr") : null, peer.ret() == 0 ? peer.out("addr") : null);
    }

    /**
     * The handle of the socket at the other end of {@code s}'s connection among this program's sockets
     * (open, or closed after their addresses were read), or -1: found by matching addresses.
     */
    @Override
    public long peerHandle(long s) {
        Endpoints mine = sockets.get(s);
        if (mine == null) {
            return -1;
        }
        mine = endpoints(s, mine);
        sockets.put(s, mine);
        if (!mine.known()) {
            return -1;
        }
        for (Map.Entry<Long, Endpoints> other : sockets.entrySet()) {
            if (other.getKey() != s) {
                Endpoints e = endpoints(other.getKey(), other.getValue());
                sockets.put(other.getKey(), e);
                if (mine.peer().equals(e.local()) && mine.local().equals(e.peer())) {
                    return other.getKey();
                }
            }
        }
        return -1;
    }

    /** Closes every socket this program left open, and undoes its WSAStartups: the agent outlives the program. */
    @Override
    public void closeAll() {
        ended = true; // from now on its threads end at their next call: an ended process calls nothing
        for (Map.Entry<Long, Endpoints> e : sockets.entrySet()) {
            if (e.getValue().open()) {
                aside("closesocket " + name(e.getKey()));
                sockets.put(e.getKey(), new Endpoints(false, e.getValue().local(), e.getValue().peer()));
            }
        }
        while (startups.get() > 0) {
            startups.decrementAndGet();
            aside("WSACleanup");
        }
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
            int[] code = {WinBase.STILL_ACTIVE};
            endsWithTheAgent(() -> {
                try {
                    code[0] = lpStartAddress.run(lpParameter);
                } finally {
                    endsWithTheAgent(() -> call("exit", code[0]));
                }
            });
        }, "wine-thread-" + n);
        t.setDaemon(true);
        t.start();
        return h;
    }

    /**
     * Runs a program thread's work; once its process has ended ({@link #closeAll}) or the agent has exited,
     * the thread ends quietly at its next call, as a process's threads end with the process (were they to go
     * on, a thread of a finished run could close a handle value a later run's socket has taken over).
     */
    private void endsWithTheAgent(Runnable work) {
        try {
            work.run();
        } catch (ProcessEnded e) {
            // the process has ended: its thread ends here
        } catch (IllegalStateException e) {
            if (agent.alive()) {
                throw e;
            }
        }
    }

    /** Thrown at a call made by a thread of a process that has ended ({@link #closeAll}): the thread ends there. */
    private static final class ProcessEnded extends IllegalStateException {
        ProcessEnded() {
            super("the process has ended");
        }
    }

    @Override
    public int GetExitCodeThread(long hThread, int[] lpExitCode) {
        WineAgent.Reply r = call("GetExitCodeThread", name(hThread));
        if (r.ret() != 0 && lpExitCode != null) {
            lpExitCode[0] = (int) Long.parseLong(r.out("code"));
        }
        return (int) r.ret();
    }

    // ---- issue 16: thread names ----

    @Override
    public int SetThreadDescription(long hThread, String lpThreadDescription) {
        byte[] utf8 = lpThreadDescription == null ? null : lpThreadDescription.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String text = utf8 == null ? "NULL" : hex(utf8, 0, utf8.length);
        return (int) call("SetThreadDescription", name(hThread), text).ret();
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
        return (int) call("WaitForMultipleObjectsEx", Integer.toUnsignedString(nCount), handleSet(nCount, lpHandles), bool(bWaitAll),
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
    private String overlappedName(WSAOVERLAPPED ov) {
        if (ov == null) {
            return "NULL";
        }
        return ovNames.computeIfAbsent(ov, o -> {
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

    /**
     * Bytes, key and OVERLAPPED are copied only when a packet was removed: the agent's own are 0 after a timeout. A
     * removed packet of a receive or AcceptEx also brings its data into the program's buffers, as WSAGetOverlappedResult does.
     */
    @Override
    public int GetQueuedCompletionStatus(long CompletionPort, int[] lpNumberOfBytesTransferred, long[] lpCompletionKey,
                                         WSAOVERLAPPED[] lpOverlapped, int dwMilliseconds) {
        WineAgent.Reply r = call("GetQueuedCompletionStatus", name(CompletionPort), Integer.toUnsignedString(dwMilliseconds));
        WSAOVERLAPPED ov = overlappedNamed(r.out("ov"));
        lpOverlapped[0] = ov;
        if (ov != null) {
            readStatusBlock(ov); // the packet's operation: its received bytes and status block, as Windows has written them
        }
        if (r.ret() != 0 || ov != null) {
            lpNumberOfBytesTransferred[0] = (int) Long.parseLong(r.out("bytes"));
            lpCompletionKey[0] = Long.parseUnsignedLong(r.out("key"));
        }
        if (ov != null) {
            completed(r.out("ov"), r, lpNumberOfBytesTransferred[0]); // a receive's bytes land in the program's buffers
        }
        return (int) r.ret();
    }

    @Override
    public int GetQueuedCompletionStatusEx(long CompletionPort, OVERLAPPED_ENTRY[] lpCompletionPortEntries, int ulCount,
                                           int[] ulNumEntriesRemoved, int dwMilliseconds, boolean fAlertable) {
        WineAgent.Reply r = call("GetQueuedCompletionStatusEx", name(CompletionPort), Integer.toUnsignedString(ulCount),
                Integer.toUnsignedString(dwMilliseconds), bool(fAlertable));
        int removed = Integer.parseInt(r.out("removed"));
        ulNumEntriesRemoved[0] = removed; // Wine's own count, even when the call failed (see W18)
        for (int k = 0; r.ret() != 0 && k < removed; k++) {
            String[] f = r.out("e" + k).split(":");
            OVERLAPPED_ENTRY e = lpCompletionPortEntries[k] == null ? new OVERLAPPED_ENTRY() : lpCompletionPortEntries[k];
            e.lpOverlapped = overlappedNamed(f[0]);
            if (e.lpOverlapped != null) {
                readStatusBlock(e.lpOverlapped);
            }
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
                Long.toUnsignedString(dwCompletionKey), overlappedName(lpOverlapped)).ret();
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

    // ---- WSAEventSelect, WSAAsyncSelect and the message loop (issue 11) ----

    /** Runs the Java procedure of the window a {@code wndproc} callback names: {@code wndproc W msg= wparam= lparam= [sock= …]}. */
    private long runWindowProcedure(String[] f) {
        WNDPROC proc = windowProcs.get(f[1]);
        if (proc == null) {
            throw new IllegalStateException("a window procedure call for a window WineWin32 did not create: " + f[1]);
        }
        Map<String, String> kv = new java.util.HashMap<>();
        for (int i = 2; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
        }
        long wParam = kv.containsKey("sock") ? handleOf(kv.get("sock")) : Long.parseUnsignedLong(kv.get("wparam"));
        return proc.call(handleOf(f[1]), Integer.parseInt(kv.get("msg")), wParam, Long.decode(kv.get("lparam")));
    }

    private void fillMsg(MSG m, WineAgent.Reply r) {
        String hwnd = r.out("hwnd");
        m.hwnd = hwnd.equals("NULL") ? 0 : handleOf(hwnd);
        m.message = Integer.parseInt(r.out("msg"));
        m.wParam = r.outputs().containsKey("sock") ? handleOf(r.out("sock")) : Long.parseUnsignedLong(r.out("wparam")); // a socket: ours
        m.lParam = Long.decode(r.out("lparam"));
    }

    private String window(long hWnd) {
        return hWnd == 0 ? "NULL" : name(hWnd);
    }

    @Override
    public long WSACreateEvent() {
        String n = fresh("e");
        return call("WSACreateEvent", n).ret() == 0 ? 0 : register(n);
    }

    @Override
    public int WSASetEvent(long hEvent) {
        return (int) call("WSASetEvent", name(hEvent)).ret();
    }

    @Override
    public int WSAResetEvent(long hEvent) {
        return (int) call("WSAResetEvent", name(hEvent)).ret();
    }

    @Override
    public int WSACloseEvent(long hEvent) {
        return (int) call("WSACloseEvent", name(hEvent)).ret();
    }

    @Override
    public int WSAEventSelect(long s, long hEventObject, int lNetworkEvents) {
        return (int) call("WSAEventSelect", name(s), hEventObject == 0 ? "NULL" : name(hEventObject), lNetworkEvents).ret();
    }

    @Override
    public int WSAEnumNetworkEvents(long s, long hEventObject, WSANETWORKEVENTS lpNetworkEvents) {
        WineAgent.Reply r = call("WSAEnumNetworkEvents", name(s), hEventObject == 0 ? "NULL" : name(hEventObject));
        if (r.ret() == 0 && lpNetworkEvents != null) {
            int mask = 0;
            for (String bit : r.out("events").split("\\|")) {
                mask |= fdBit(bit);
            }
            lpNetworkEvents.lNetworkEvents = mask;
            String[] errors = r.out("errors").split(",");
            for (int i = 0; i < Winsock.FD_MAX_EVENTS; i++) {
                if ((mask & (1 << i)) != 0) {
                    lpNetworkEvents.iErrorCode[i] = Integer.parseInt(errors[i]);
                }
            }
        }
        return (int) r.ret();
    }

    /** An FD_ name as the agent writes it (or a number) as its bit. */
    private static int fdBit(String name) {
        return switch (name) {
            case "FD_READ" -> Winsock.FD_READ;
            case "FD_WRITE" -> Winsock.FD_WRITE;
            case "FD_OOB" -> Winsock.FD_OOB;
            case "FD_ACCEPT" -> Winsock.FD_ACCEPT;
            case "FD_CONNECT" -> Winsock.FD_CONNECT;
            case "FD_CLOSE" -> Winsock.FD_CLOSE;
            default -> Integer.decode(name);
        };
    }

    @Override
    public int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, boolean fWaitAll, int dwTimeout, boolean fAlertable) {
        return (int) call("WSAWaitForMultipleEvents", Integer.toUnsignedString(cEvents), handleSet(cEvents, lphEvents), bool(fWaitAll),
                Integer.toUnsignedString(dwTimeout), bool(fAlertable)).ret();
    }

    @Override
    public int WSAAsyncSelect(long s, long hWnd, int wMsg, int lEvent) {
        return (int) call("WSAAsyncSelect", name(s), window(hWnd), wMsg, lEvent).ret();
    }

    /** The class lives on this side (the agent's windows all share its recording class): its name and procedure. */
    @Override
    public int RegisterClass(WNDCLASS lpWndClass) {
        if (lpWndClass == null || lpWndClass.lpszClassName == null || lpWndClass.lpfnWndProc == null) {
            lastError.get()[0] = Win32Error.ERROR_INVALID_PARAMETER.code;
            return 0;
        }
        if (classes.putIfAbsent(lpWndClass.lpszClassName, lpWndClass.lpfnWndProc) != null) {
            lastError.get()[0] = Win32Error.ERROR_CLASS_ALREADY_EXISTS.code;
            return 0;
        }
        return nextAtom.getAndIncrement();
    }

    /** An agent window (always message-only) whose messages run the class's Java procedure. */
    @Override
    public long CreateWindowEx(int dwExStyle, String lpClassName, String lpWindowName, int dwStyle, int x, int y, int nWidth,
                               int nHeight, long hWndParent, long hMenu, long hInstance, Object lpParam) {
        WNDPROC proc = lpClassName == null ? null : classes.get(lpClassName);
        if (proc == null) {
            lastError.get()[0] = Win32Error.ERROR_CANNOT_FIND_WND_CLASS.code;
            return 0;
        }
        String n = fresh("w");
        if (call("window", n).ret() == 0) {
            return 0;
        }
        windowProcs.put(n, proc);
        long h = nextHwnd.getAndAdd(0x10); // HWNDs as the simulator numbers them, apart from the other handles
        names.put(h, n);
        handles.put(n, h);
        return h;
    }

    @Override
    public int DestroyWindow(long hWnd) {
        return (int) call("DestroyWindow", window(hWnd)).ret();
    }

    @Override
    public int GetMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax) {
        WineAgent.Reply r = call("GetMessage", window(hWnd), wMsgFilterMin, wMsgFilterMax);
        if (r.ret() != -1) {
            fillMsg(lpMsg, r);
        }
        return (int) r.ret();
    }

    @Override
    public int PeekMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax, int wRemoveMsg) {
        WineAgent.Reply r = call("PeekMessage", window(hWnd), wMsgFilterMin, wMsgFilterMax, wRemoveMsg);
        if (r.ret() != 0) {
            fillMsg(lpMsg, r);
        }
        return (int) r.ret();
    }

    /** The agent translates the message its thread retrieved last (the one the program passes). */
    @Override
    public int TranslateMessage(MSG lpMsg) {
        return (int) call("TranslateMessage").ret();
    }

    /** The agent dispatches the message its thread retrieved last; the Java procedure runs from its callback. */
    @Override
    public long DispatchMessage(MSG lpMsg) {
        wndProcResult.set(null);
        long ret = call("DispatchMessage").ret();
        Long ran = wndProcResult.get();
        return ran != null ? ran : ret;
    }

    @Override
    public int PostMessage(long hWnd, int msg, long wParam, long lParam) {
        return (int) call("PostMessage", window(hWnd), Integer.toUnsignedString(msg), Long.toUnsignedString(wParam), lParam).ret();
    }

    @Override
    public long DefWindowProc(long hWnd, int msg, long wParam, long lParam) {
        return call("DefWindowProc", window(hWnd), Integer.toUnsignedString(msg), Long.toUnsignedString(wParam), lParam).ret();
    }

    @Override
    public void PostQuitMessage(int nExitCode) {
        call("PostQuitMessage", nExitCode);
    }

    // ---- overlapped I/O (issue 12): each WSAOVERLAPPED is an agent OVERLAPPED of its own; the agent holds the
    // buffers of an operation, and the bytes it received are copied into the program's WSABUFs when a result,
    // a completion routine or an immediate completion reports them ----

    /** An operation the agent runs for an OVERLAPPED: where its received bytes go, and its routine. */
    private record Operation(WSAOVERLAPPED ov, WSABUF[] into, byte[] acceptBuffer, int acceptRecvLen, int acceptLocalLen,
                             LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
    }

    private final Map<WSAOVERLAPPED, String> ovNames = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    /** The socket (agent name) a send or receive OVERLAPPED was issued on, for reading its result later. */
    private final Map<String, String> issuedOn = new ConcurrentHashMap<>();

    /** The agent OVERLAPPED for {@code ov}, reset with its current hEvent. */
    private String overlapped(WSAOVERLAPPED ov) {
        String n = overlappedName(ov);
        long e = ov.hEvent;
        call("overlapped", n, e == 0 ? "NULL" : name(e));
        ov.Internal = org.winsim.winsock.api.NTSTATUS.STATUS_PENDING.value;
        ov.InternalHigh = 0;
        return n;
    }

    /** Copies what the agent reported into the operation's buffers and the OVERLAPPED's status block. */
    private void completed(String ovName, WineAgent.Reply r, int bytes) {
        Operation op = operations.get(ovName);
        if (op == null) {
            return;
        }
        String data = r.outputs().get("data");
        if (data != null) {
            byte[] got = unhex(data);
            if (op.into() != null) {
                WSABUF.scatter(got, Math.min(bytes, got.length), op.into());
            } else if (op.acceptBuffer() != null) {
                System.arraycopy(got, 0, op.acceptBuffer(), 0, Math.min(got.length, op.acceptRecvLen()));
                writeAddress(op, r.outputs().get("local"), op.acceptRecvLen());
                writeAddress(op, r.outputs().get("remote"), op.acceptRecvLen() + op.acceptLocalLen());
            }
        }
        WineAgent.Reply st = agent.call(agentThread.get(), "ovstate " + ovName);
        op.ov().Internal = Long.decode(st.out("status"));
        op.ov().InternalHigh = Long.parseLong(st.out("bytes"));
    }

    /** Reads the agent's status block of {@code ov} while its operation is pending (received bytes included once it completed). */
    @Override
    public void readStatusBlock(WSAOVERLAPPED ov) {
        String n = ovNames.get(ov);
        if (n == null || !operations.containsKey(n) || ov.Internal != org.winsim.winsock.api.NTSTATUS.STATUS_PENDING.value) {
            return;
        }
        WineAgent.Reply st = agent.call(agentThread.get(), "ovstate " + n);
        if (Long.decode(st.out("status")) == org.winsim.winsock.api.NTSTATUS.STATUS_PENDING.value) {
            return;
        }
        String h = issuedOn.get(n);
        WineAgent.Reply r = h == null ? st : agent.call(agentThread.get(), "GetOverlappedResult " + h + " " + n + " FALSE");
        completed(n, r, (int) Long.parseLong(st.out("bytes")));
    }

    private static void writeAddress(Operation op, String text, int at) {
        if (text != null) {
            sockaddr_in a = new sockaddr_in();
            fill(a, text);
            a.write(op.acceptBuffer(), at);
        }
    }

    /** A {@code cb completion OV err= bytes= flags= [data=]} line: the buffers are filled, then the Java routine runs. */
    private void completionRoutineRan(String[] f) {
        Map<String, String> kv = new java.util.HashMap<>();
        for (int i = 2; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
        }
        Operation op = operations.get(f[1]);
        if (op == null || op.routine() == null) {
            throw new IllegalStateException("a completion routine WineWin32 did not ask for: " + String.join(" ", f));
        }
        int bytes = Integer.parseInt(kv.get("bytes"));
        if (kv.containsKey("data") && op.into() != null) {
            byte[] got = unhex(kv.get("data"));
            WSABUF.scatter(got, Math.min(bytes, got.length), op.into());
        }
        op.ov().InternalHigh = bytes;
        op.routine().run(Integer.parseInt(kv.get("err")), bytes, op.ov(), Integer.parseInt(kv.get("flags")));
    }

    @Override
    public long WSASocket(int af, int type, int protocol, Object lpProtocolInfo, int g, int dwFlags) {
        String n = fresh("s");
        String info = lpProtocolInfo instanceof WSAPROTOCOL_INFO shared ? name(shared.dwProviderReserved) : ""; // duplicated handles
        WineAgent.Reply r = call("WSASocket", n, af, type, protocol, dwFlags, info);
        return r.ret() == INVALID_SOCKET ? INVALID_SOCKET : register(n);
    }

    @Override
    public int WSASend(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags,
                       WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return gatherSend("WSASend", s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped, lpCompletionRoutine,
                lpNumberOfBytesSent == null ? "NULL" : "count");
    }

    /** WSASend or WSASendTo (the address arguments in {@code more}): the buffers, the OVERLAPPED, the byte count. */
    private int gatherSend(String verb, long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags,
                           WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, Object... more) {
        StringJoiner data = new StringJoiner(",");
        for (int i = 0; i < dwBufferCount; i++) {
            data.add(hex(lpBuffers[i].buf, lpBuffers[i].off, lpBuffers[i].len));
        }
        String ov = lpOverlapped == null ? "NULL" : overlapped(lpOverlapped);
        if (lpOverlapped != null) {
            operations.put(ov, new Operation(lpOverlapped, null, null, 0, 0, lpCompletionRoutine));
            issuedOn.put(ov, name(s));
        }
        List<Object> args = new ArrayList<>(List.of(name(s), ov, data, dwFlags, lpCompletionRoutine == null ? "-" : "cr"));
        args.addAll(List.of(more));
        WineAgent.Reply r = call(verb, args.toArray());
        if (r.ret() == 0 && lpNumberOfBytesSent != null) {
            lpNumberOfBytesSent[0] = (int) Long.parseLong(r.out("sent"));
        }
        if (r.ret() == 0 && lpOverlapped != null) {
            completed(ov, r, 0);
        }
        return (int) r.ret();
    }

    @Override
    public int WSARecv(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                       WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        StringJoiner lens = new StringJoiner(",");
        WSABUF[] into = new WSABUF[dwBufferCount];
        for (int i = 0; i < dwBufferCount; i++) {
            lens.add(Integer.toString(lpBuffers[i].len));
            into[i] = new WSABUF(lpBuffers[i].buf, lpBuffers[i].off, lpBuffers[i].len);
        }
        String ov = lpOverlapped == null ? "NULL" : overlapped(lpOverlapped);
        operations.put(ov, new Operation(lpOverlapped, into, null, 0, 0, lpCompletionRoutine));
        issuedOn.put(ov, name(s));
        WineAgent.Reply r = call("WSARecv", name(s), ov, lens, lpFlags == null ? 0 : lpFlags[0],
                lpCompletionRoutine == null ? "-" : "cr", lpNumberOfBytesRecvd == null ? "NULL" : "count");
        if (r.ret() == 0) {
            int got = (int) Long.parseLong(r.out("recvd"));
            if (lpNumberOfBytesRecvd != null) {
                lpNumberOfBytesRecvd[0] = got;
            }
            if (lpFlags != null) {
                lpFlags[0] = (int) Long.parseLong(r.out("flags"));
            }
            if (lpOverlapped == null) {
                WSABUF.scatter(unhex(r.out("data")), got, into);
            } else {
                completed(ov, r, got);
            }
        }
        if (lpOverlapped == null) {
            operations.remove(ov);
        }
        return (int) r.ret();
    }

    @Override
    public int WSAGetOverlappedResult(long s, WSAOVERLAPPED lpOverlapped, int[] lpcbTransfer, boolean fWait, int[] lpdwFlags) {
        String ov = lpOverlapped == null ? "NULL" : ovNames.getOrDefault(lpOverlapped, "NULL");
        WineAgent.Reply r = call("WSAGetOverlappedResult", name(s), ov, bool(fWait));
        if (lpcbTransfer != null) {
            lpcbTransfer[0] = (int) Long.parseLong(r.out("bytes"));
        }
        if (lpdwFlags != null) {
            lpdwFlags[0] = (int) Long.parseLong(r.out("flags"));
        }
        completed(ov, r, (int) Long.parseLong(r.out("bytes")));
        return (int) r.ret();
    }

    @Override
    public int GetOverlappedResult(long hFile, WSAOVERLAPPED lpOverlapped, int[] lpNumberOfBytesTransferred, boolean bWait) {
        String ov = lpOverlapped == null ? "NULL" : ovNames.getOrDefault(lpOverlapped, "NULL");
        WineAgent.Reply r = call("GetOverlappedResult", name(hFile), ov, bool(bWait));
        if (lpNumberOfBytesTransferred != null) {
            lpNumberOfBytesTransferred[0] = (int) Long.parseLong(r.out("bytes"));
        }
        completed(ov, r, (int) Long.parseLong(r.out("bytes")));
        return (int) r.ret();
    }

    @Override
    public int CancelIo(long hFile) {
        return (int) call("CancelIo", name(hFile)).ret();
    }

    @Override
    public int CancelIoEx(long hFile, WSAOVERLAPPED lpOverlapped) {
        return (int) call("CancelIoEx", name(hFile), lpOverlapped == null ? "NULL" : ovNames.getOrDefault(lpOverlapped, "NULL")).ret();
    }

    /** Writes the status block the program set in {@code ov} into the agent's OVERLAPPED (OVL-02's table). */
    @Override
    public void writeStatusBlock(WSAOVERLAPPED ov) {
        call("ovset", overlappedName(ov), "0x" + Long.toHexString(ov.Internal & 0xffffffffL), ov.InternalHigh);
    }

    /** The agent's names of the extension functions, by GUID. */
    private static final Map<GUID, String> EXTENSIONS = Map.of(GUID.WSAID_ACCEPTEX, "AcceptEx", GUID.WSAID_CONNECTEX, "ConnectEx",
            GUID.WSAID_DISCONNECTEX, "DisconnectEx", GUID.WSAID_GETACCEPTEXSOCKADDRS, "GetAcceptExSockaddrs");

    /**
     * WSAIoctl: a {@code byte[]} input goes as its bytes, a {@link GUID} by the agent's name of the extension
     * function (or as guid:TEXT); a {@code byte[]} output gets the bytes the agent's buffer held after the
     * call, an {@code Object[]} the function object of an extension the agent fetched, which calls the
     * agent's verb for it.
     */
    @Override
    public int WSAIoctl(long s, int dwIoControlCode, Object lpvInBuffer, int cbInBuffer, Object lpvOutBuffer, int cbOutBuffer,
                        int[] lpcbBytesReturned, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        String in = lpvInBuffer instanceof GUID g ? EXTENSIONS.getOrDefault(g, "guid:" + g.text())
                : lpvInBuffer instanceof byte[] b ? hex(b, 0, Math.min(b.length, Math.max(cbInBuffer, 0))) : "NULL";
        String ov = "NULL";
        if (lpOverlapped != null) {
            ov = overlapped(lpOverlapped);
            operations.put(ov, new Operation(lpOverlapped, null, null, 0, 0, lpCompletionRoutine));
            issuedOn.put(ov, name(s));
        }
        WineAgent.Reply r = call("WSAIoctl", name(s), Integer.toUnsignedString(dwIoControlCode), in, cbInBuffer,
                lpvOutBuffer == null ? "NULL" : cbOutBuffer, lpcbBytesReturned == null ? "NULL" : lpcbBytesReturned[0], ov,
                lpCompletionRoutine == null ? "-" : "cr");
        if (lpcbBytesReturned != null) {
            lpcbBytesReturned[0] = (int) Long.parseLong(r.out("bytes"));
        }
        if (r.ret() == 0) {
            if (lpvOutBuffer instanceof byte[] b) {
                byte[] got = unhex(r.out("out"));
                System.arraycopy(got, 0, b, 0, Math.min(got.length, b.length));
            } else if (lpvOutBuffer instanceof Object[] out && lpvInBuffer instanceof GUID g && EXTENSIONS.containsKey(g)) {
                out[0] = switch (EXTENSIONS.get(g)) {
                    case "AcceptEx" -> (LPFN_ACCEPTEX) this::acceptEx;
                    case "ConnectEx" -> (LPFN_CONNECTEX) this::connectEx;
                    case "DisconnectEx" -> (LPFN_DISCONNECTEX) this::disconnectEx;
                    default -> (LPFN_GETACCEPTEXSOCKADDRS) (buf, recvLen, localLen, remoteLen, local, localOut, remote, remoteOut) -> {
                        copyAddress(sockaddr_in.read(buf, recvLen), local, localOut);
                        copyAddress(sockaddr_in.read(buf, recvLen + localLen), remote, remoteOut);
                    };
                };
            }
            if (lpOverlapped != null) {
                completed(ov, r, 0);
            }
        }
        return (int) r.ret();
    }

    private static void copyAddress(sockaddr_in from, sockaddr_in into, int[] len) {
        if (into != null) {
            into.sin_family = from.sin_family;
            into.sin_addr = from.sin_addr;
            into.sin_port = from.sin_port;
        }
        if (len != null) {
            len[0] = Winsock.SIZEOF_SOCKADDR_IN;
        }
    }

    /** AcceptEx through the agent, which reports the data and the two addresses it wrote into its own buffer. */
    private int acceptEx(long l, long a, byte[] buf, int recvLen, int localLen, int remoteLen, int[] bytes, WSAOVERLAPPED ov) {
        String n = "NULL";
        if (ov != null) {
            n = overlapped(ov);
            operations.put(n, new Operation(ov, null, buf, recvLen, localLen, null));
            issuedOn.put(n, name(l));
        }
        WineAgent.Reply r = call("AcceptEx", name(l), name(a), n, recvLen, localLen, remoteLen);
        if (r.ret() != 0) {
            if (bytes != null) {
                bytes[0] = (int) Long.parseLong(r.out("bytes"));
            }
            completed(n, r, (int) Long.parseLong(r.out("bytes")));
        }
        return (int) r.ret();
    }

    private int connectEx(long s, sockaddr_in name, int namelen, byte[] buf, int len, int[] sent, WSAOVERLAPPED ov) {
        String n = "NULL";
        if (ov != null) {
            n = overlapped(ov);
            operations.put(n, new Operation(ov, null, null, 0, 0, null));
            issuedOn.put(n, name(s));
        }
        WineAgent.Reply r = call("ConnectEx", name(s), address(name), n, buf == null || len <= 0 ? "-" : hex(buf, 0, len));
        if (r.ret() != 0 && sent != null) {
            sent[0] = (int) Long.parseLong(r.out("sent"));
        }
        if (r.ret() != 0 && ov != null) {
            completed(n, r, 0);
        }
        return (int) r.ret();
    }

    private int disconnectEx(long s, WSAOVERLAPPED ov, int flags, int reserved) {
        String n = "NULL";
        if (ov != null) {
            n = overlapped(ov);
            operations.put(n, new Operation(ov, null, null, 0, 0, null));
            issuedOn.put(n, name(s));
        }
        WineAgent.Reply r = call("DisconnectEx", name(s), n, flags, reserved);
        if (r.ret() != 0 && ov != null) {
            completed(n, r, 0);
        }
        return (int) r.ret();
    }

    // ---- duplicated handles and deferred accept ----

    /** WSAAccept: the agent's condition function returns a {@link FixedCondition}'s answer (dwCallbackData carries it there). */
    @Override
    public long WSAAccept(long s, sockaddr_in addr, int[] addrlen, LPCONDITIONPROC lpfnCondition, long dwCallbackData) {
        if (lpfnCondition != null && !(lpfnCondition instanceof FixedCondition)) {
            throw new UnsupportedOnThisOs("WSAAccept with a condition function other than a FixedCondition (the agent cannot call"
                    + " back into Java)", "the Wine agent");
        }
        String n = fresh("s");
        String answer = lpfnCondition == null ? "NULL" : Integer.toString(((FixedCondition) lpfnCondition).answer());
        return accepted(n, call("WSAAccept", n, name(s), addr == null ? "NULL" : "addr", length(addrlen), answer), addr, addrlen);
    }

    @Override
    public int DuplicateHandle(long hSourceProcessHandle, long hSourceHandle, long hTargetProcessHandle, long[] lpTargetHandle,
                               int dwDesiredAccess, boolean bInheritHandle, int dwOptions) {
        String n = fresh("h");
        int r = (int) call("DuplicateHandle", n, name(hSourceProcessHandle), name(hSourceHandle), name(hTargetProcessHandle),
                dwDesiredAccess, bool(bInheritHandle), dwOptions).ret();
        if (r != 0 && lpTargetHandle != null) {
            lpTargetHandle[0] = register(n);
        }
        return r;
    }

    @Override
    public int GetCurrentProcessId() {
        return (int) call("GetCurrentProcessId").ret();
    }

    /** WSADuplicateSocket: the agent keeps the WSAPROTOCOL_INFOW; dwProviderReserved here names it for WSASocket. */
    @Override
    public int WSADuplicateSocket(long s, int dwProcessId, WSAPROTOCOL_INFO lpProtocolInfo) {
        String n = lpProtocolInfo == null ? "NULL" : fresh("pi");
        WineAgent.Reply r = call("WSADuplicateSocket", name(s), Integer.toUnsignedString(dwProcessId), n);
        if (r.ret() == 0 && lpProtocolInfo != null) {
            lpProtocolInfo.iAddressFamily = Integer.parseInt(r.out("af"));
            lpProtocolInfo.iSocketType = Integer.parseInt(r.out("type"));
            lpProtocolInfo.iProtocol = Integer.parseInt(r.out("protocol"));
            lpProtocolInfo.dwProviderReserved = register(n);
        }
        return (int) r.ret();
    }

    // ---- WSAPoll ----

    /** WSAPoll through the agent: each entry goes as {@code SOCKET:EVENTS:REVENTS}; the agent's revents come back in order. */
    @Override
    public int WSAPoll(WSAPOLLFD[] fdArray, int fds, int timeout) {
        String entries = "NULL";
        if (fdArray != null) {
            StringJoiner j = new StringJoiner(",", "{", "}");
            for (WSAPOLLFD f : fdArray) {
                j.add(name(f.fd) + ":" + f.events + ":" + f.revents);
            }
            entries = j.toString();
        }
        WineAgent.Reply r = call("WSAPoll", entries, Integer.toUnsignedString(fds), timeout);
        if (fdArray != null) {
            String out = r.out("revents");
            String[] values = out.substring(1, out.length() - 1).split(",");
            for (int i = 0; i < fdArray.length && i < values.length && !values[i].isEmpty(); i++) {
                fdArray[i].revents = (short) Integer.parseInt(values[i]);
            }
        }
        return (int) r.ret();
    }
}
