package org.winsim.scenarios.script;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.scenarios.script.Script.Address;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/**
 * What a running script holds between lines, as verbs see it: the API, the handles behind the names
 * it bound, its connections' streams, its callbacks' records, its deferred calls and its threads' names.
 */
public final class ScriptState {
    private final ScriptHost host;
    private final Win32 w;
    private final Map<String, Long> handles = new HashMap<>();
    private final Map<Long, String> handleNames = new HashMap<>();
    private final Map<String, Deferred> deferred = new HashMap<>();
    private final Map<String, WSAOVERLAPPED> overlappeds = new HashMap<>();
    private final Map<WSAOVERLAPPED, String> overlappedNames = new IdentityHashMap<>();
    private final Map<Integer, String> threadNames = new HashMap<>();
    /** The extension functions WSAIoctl handed out, by GUID: the pointer a C program keeps. */
    private final Map<GUID, Object> extensions = new HashMap<>();
    /** The output buffer (and its lengths) of the AcceptEx last issued with each OVERLAPPED name, for GetAcceptExSockaddrs. */
    private final Map<String, ExtensionVerbs.AcceptBuffer> acceptBuffers = new HashMap<>();
    private final Map<Long, Long> peers = new HashMap<>();
    private final StreamCheck streams = new StreamCheck();
    private final CallbackLog callbacks = new CallbackLog();
    /** Each script thread's last retrieved message, which DispatchMessage dispatches. */
    private final Map<String, MSG> lastMessages = new HashMap<>();
    private boolean windowClass;

    ScriptState(ScriptHost host) {
        this.host = host;
        this.w = host.api();
    }

    public Win32 w() {
        return w;
    }

    ScriptHost host() {
        return host;
    }

    StreamCheck streams() {
        return streams;
    }

    CallbackLog callbacks() {
        return callbacks;
    }

    /**
     * The handle a reference stands for: a bound name's handle (INVALID_SOCKET before it is bound) with the
     * reference's tag bits or-ed in ({@code e|1}), or the literal.
     */
    public synchronized long handle(HandleRef r) {
        if (r.name() == null) {
            return r.literal();
        }
        Long h = handles.get(r.name());
        return h == null ? Winsock.INVALID_SOCKET : h | r.literal();
    }

    /** Binds a name to a handle, so results show the handle by its name. */
    public synchronized void bind(String name, long handle) {
        handles.put(name, handle);
        handleNames.put(handle, name);
    }

    /** The name a handle was bound to, or the handle in hex. */
    public synchronized String nameOf(long h) {
        String n = handleNames.get(h);
        return n != null ? n : "0x" + Long.toHexString(h);
    }

    /** The OVERLAPPED a script name stands for, made on first use; null for null (NULL). */
    public synchronized WSAOVERLAPPED overlapped(String name) {
        if (name == null) {
            return null;
        }
        return overlappeds.computeIfAbsent(name, n -> {
            WSAOVERLAPPED ov = new WSAOVERLAPPED();
            overlappedNames.put(ov, n);
            return ov;
        });
    }

    /** The script name of an OVERLAPPED a call returned: NULL, its name, or "?" for one the script never passed. */
    public synchronized String nameOf(WSAOVERLAPPED ov) {
        return ov == null ? "NULL" : overlappedNames.getOrDefault(ov, "?");
    }

    /** The name a handle was bound to, or null. */
    public synchronized String boundName(long h) {
        return handleNames.get(h);
    }

    /** Records that the calling thread is the script thread {@code name} ({@code main} or a spawned name). */
    synchronized void enterThread(String name) {
        threadNames.put(w.GetCurrentThreadId(), name);
    }

    /** The script name of the calling thread. */
    synchronized String currentThreadName() {
        String n = threadNames.get(w.GetCurrentThreadId());
        return n != null ? n : "?";
    }

    /** Keeps the function object WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, {@code g}) handed out. */
    synchronized void extension(GUID g, Object fn) {
        extensions.put(g, fn);
    }

    /** The function object fetched for {@code g}, or null when no fetch of it succeeded. */
    synchronized Object extension(GUID g) {
        return extensions.get(g);
    }

    synchronized void acceptBuffer(String ov, ExtensionVerbs.AcceptBuffer b) {
        acceptBuffers.put(ov, b);
    }

    /** The buffer of the AcceptEx last issued with OVERLAPPED {@code ov}, or null. */
    synchronized ExtensionVerbs.AcceptBuffer acceptBuffer(String ov) {
        return acceptBuffers.get(ov);
    }

    synchronized void defer(String name, Deferred d) {
        deferred.put(name, d);
    }

    synchronized Deferred deferred(String name) {
        return deferred.get(name);
    }

    /**
     * CreateWindowEx of the script's window class (registered on first use), whose procedure records
     * each message under the window's name.
     */
    long createWindow(long parent) {
        synchronized (this) {
            if (!windowClass) {
                windowClass = w.RegisterClass(new WNDCLASS(WINDOW_CLASS, callbacks.wndproc(this))) != 0;
            }
        }
        return w.CreateWindowEx(0, WINDOW_CLASS, "", 0, 0, 0, 0, 0, parent, 0, 0, null);
    }

    private static final String WINDOW_CLASS = "winsim-script";

    synchronized void retrieved(MSG m) {
        lastMessages.put(currentThreadName(), m);
    }

    /** The message the calling thread last retrieved (an empty one before any). */
    synchronized MSG lastMessage() {
        MSG m = lastMessages.get(currentThreadName());
        return m != null ? m : new MSG();
    }

    /** An outcome under {@code c}: the last error is read (at once, on the calling thread) when the value says the call failed. */
    public Outcome result(Convention c, long ret, List<Output.Field> outputs, String problem) {
        boolean failed = c.failed(ret);
        int error = !failed ? 0 : c == Convention.ERROR_RETURNED ? (int) ret : w.GetLastError();
        return new Outcome(ret, failed, error, outputs, problem);
    }

    public Outcome result(Convention c, long ret) {
        return result(c, ret, List.of(), null);
    }

    /** A literal address, NULL, or where a named socket is bound (INADDR_ANY read as loopback); the last error is kept. */
    public sockaddr_in address(Address a) {
        if (a.isNull()) {
            return null;
        }
        if (a.socketName() == null) {
            return new sockaddr_in(Winsock.AF_INET, a.addr(), a.port());
        }
        sockaddr_in sa = new sockaddr_in();
        int saved = w.WSAGetLastError();
        w.getsockname(handle(new HandleRef(a.socketName(), 0)), sa, new int[] {Winsock.SIZEOF_SOCKADDR_IN});
        w.WSASetLastError(saved);
        if (sa.sin_addr == Winsock.INADDR_ANY) {
            sa.sin_addr = Winsock.INADDR_LOOPBACK;
        }
        sa.sin_family = Winsock.AF_INET;
        return sa;
    }

    /** Checks that {@code handle} has read all its peer sent, now that its stream ended: a problem, or null. */
    public String checkEnded(long handle) {
        long peer = peerOf(handle);
        return streams.ended(handle, peer, nameOf(peer));
    }

    /** Checks bytes {@code handle} received against its peer's stream: a problem, or null. */
    public String checkReceived(long handle, byte[] got, int flags) {
        long peer = peerOf(handle);
        return streams.received(handle, peer, nameOf(peer), got, flags);
    }

    /** The script's socket at the other end of {@code handle}'s connection, remembered once known (a reset connection has no peer name). */
    private synchronized long peerOf(long handle) {
        Long known = peers.get(handle);
        if (known != null) {
            return known;
        }
        long peer = host.peerOf(handle);
        if (peer != -1) {
            peers.put(handle, peer);
        }
        return peer;
    }
}
