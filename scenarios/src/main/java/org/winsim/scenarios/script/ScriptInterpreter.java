package org.winsim.scenarios.script;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.scenarios.script.Script.Address;
import org.winsim.scenarios.script.Script.Call;
import org.winsim.scenarios.script.Script.Expectation;
import org.winsim.scenarios.script.Script.Output;
import org.winsim.scenarios.script.Script.SocketRef;
import org.winsim.scenarios.script.Script.Statement;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.linger;
import org.winsim.winsock.api.sockaddr_in;

/**
 * Runs a script's statements in order on one thread of a host, each spawned call on a thread of
 * its own, and checks each result against its expectation. Every {@code recv} is also checked to
 * continue the peer's stream: what the script sent on the socket at the other end.
 */
public final class ScriptInterpreter {
    /** How long {@code join NAME} without a timeout waits before it reports PENDING. */
    static final int JOIN_BOUND_MS = 10_000;

    private final Script script;
    private final ScriptHost host;
    private final Win32 w;
    private final Map<String, Long> names = new LinkedHashMap<>();
    private final Map<Long, String> handleNames = new HashMap<>();
    private final Map<Long, StreamLog> sent = new HashMap<>();
    private final Map<Long, Long> received = new HashMap<>();
    private final Map<String, Spawned> spawned = new HashMap<>();
    private final List<LineResult> results = new ArrayList<>();
    private volatile int current = -1;
    private volatile boolean finished;

    /** The bytes a socket has sent: a pending send's bytes are in it while the call runs, trimmed after. */
    private static final class StreamLog {
        private byte[] bytes = new byte[256];
        private int size;

        int size() {
            return size;
        }

        void append(byte[] b, int n) {
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            System.arraycopy(b, 0, bytes, size, n);
            size += n;
        }

        void truncate(int n) {
            size = n;
        }

        byte at(long i) {
            return bytes[(int) i];
        }
    }

    /** A call that ran on its own thread: its thread handle and, once it returned, its outcome. */
    private static final class Spawned {
        long thread;
        volatile Outcome outcome;
    }

    /** A call's return value, its error when it failed, what it wrote out, and a failed check of its own. */
    record Outcome(long ret, boolean failed, int error, List<Output> outputs, String problem) {
    }

    public ScriptInterpreter(Script script, ScriptHost host) {
        this.script = script;
        this.host = host;
        this.w = host.api();
    }

    /** Runs every statement; returns normally even when lines fail. */
    public void run() {
        if (script.startup()) {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        }
        List<Statement> statements = script.statements();
        for (int i = 0; i < statements.size(); i++) {
            current = i;
            Statement st = statements.get(i);
            host.note(st.line(), st.text());
            results.add(execute(st));
        }
        finished = true;
    }

    public List<LineResult> results() {
        return List.copyOf(results);
    }

    public boolean finished() {
        return finished;
    }

    /** The statement running when the run stopped, or null when none was. */
    public Statement interrupted() {
        return finished || current < 0 ? null : script.statements().get(current);
    }

    private LineResult execute(Statement st) {
        return switch (st) {
            case Script.Wait wt -> {
                host.sleep(wt.nanos());
                yield new LineResult(st.line(), st.text(), "", null, null);
            }
            case Script.Spawn sp -> {
                Spawned s = new Spawned();
                spawned.put(sp.name(), s);
                s.thread = w.CreateThread(null, 0, param -> {
                    s.outcome = call(sp.call());
                    return 0;
                }, null, 0, null);
                yield new LineResult(st.line(), st.text(), s.thread == WinBase.NULL ? "CreateThread failed" : "started",
                        null, s.thread == WinBase.NULL ? "CreateThread failed: " + WsaError.nameOf(w.GetLastError()) : null);
            }
            case Script.Join j -> {
                Spawned s = spawned.get(j.name());
                int ms = j.timeoutNanos() < 0 ? JOIN_BOUND_MS : (int) Math.min(Integer.MAX_VALUE - 1, j.timeoutNanos() / 1_000_000);
                Outcome o = s.thread != WinBase.NULL && w.WaitForSingleObject(s.thread, ms) == WinBase.WAIT_OBJECT_0
                        ? s.outcome : null;
                yield judge(st, null, o, j.expect());
            }
            case Script.CallStatement cs -> {
                Outcome o = call(cs.call());
                if (cs.bind() != null && !o.failed()) {
                    names.put(cs.bind(), o.ret());
                    handleNames.put(o.ret(), cs.bind());
                }
                LineResult r = judge(st, cs.call(), o, cs.expect());
                if (r.ok() && cs.bind() != null && o.failed() && cs.expect() == null) {
                    r = new LineResult(r.line(), r.statement(), r.result(), "a handle", "expected a handle, got " + r.result());
                }
                yield r;
            }
        };
    }

    // ---- calls ----

    private Outcome call(Call c) {
        List<Output> out = new ArrayList<>();
        String problem = null;
        long ret;
        switch (c) {
            case Call.Socket s -> ret = w.socket(s.af(), s.type(), s.protocol());
            case Call.Bind b -> ret = w.bind(sock(b.s()), address(b.addr()), b.len());
            case Call.Listen l -> ret = w.listen(sock(l.s()), l.backlog());
            case Call.Accept a -> ret = a.len() < 0 ? w.accept(sock(a.s()), null, null)
                    : w.accept(sock(a.s()), new sockaddr_in(), new int[] {a.len()});
            case Call.Connect cn -> ret = w.connect(sock(cn.s()), address(cn.addr()), cn.len());
            case Call.Send s -> {
                long h = sock(s.s());
                StreamLog log = sent.computeIfAbsent(h, k -> new StreamLog());
                int before = log.size();
                byte[] data = s.literal() != null ? s.literal() : pattern(h, before, s.count());
                log.append(data, data.length); // visible to the peer's checks while a blocking send is under way
                ret = w.send(h, data, data.length, s.flags());
                log.truncate(before + (int) Math.max(ret, 0));
            }
            case Call.Recv r -> {
                long h = sock(r.s());
                byte[] buf = new byte[Math.max(r.len(), 0)];
                ret = w.recv(h, buf, r.len(), r.flags());
                if (ret > 0) {
                    byte[] got = java.util.Arrays.copyOf(buf, (int) ret);
                    out.add(new Output.Data(got));
                    problem = checkStream(h, got, (r.flags() & Winsock.MSG_PEEK) == 0);
                }
            }
            case Call.Shutdown s -> ret = w.shutdown(sock(s.s()), s.how());
            case Call.Close cl -> ret = w.closesocket(sock(cl.s()));
            case Call.Ioctl io -> {
                int[] arg = io.arg() == null ? null : new int[] {io.arg().intValue()};
                ret = w.ioctlsocket(sock(io.s()), io.cmd(), arg);
                if (ret == 0 && arg != null && io.cmd() != Winsock.FIONBIO) {
                    out.add(new Output.Number(arg[0]));
                }
            }
            case Call.SetOpt so -> {
                byte[] v = so.nullValue() ? null
                        : so.values().length == 2 ? Structs.linger(new linger(so.values()[0], so.values()[1]))
                        : Structs.int32(so.values()[0]);
                ret = w.setsockopt(sock(so.s()), so.level(), so.option(), v, so.optlen());
            }
            case Call.GetOpt go -> {
                byte[] v = new byte[Math.max(go.optlen(), 4)];
                ret = w.getsockopt(sock(go.s()), go.level(), go.option(), v, new int[] {go.optlen()});
                if (ret == 0) {
                    if (go.level() == Winsock.SOL_SOCKET && go.option() == Winsock.SO_LINGER) {
                        linger l = Structs.linger(v);
                        out.add(new Output.Number(l.l_onoff));
                        out.add(new Output.Number(l.l_linger));
                    } else {
                        out.add(new Output.Number(Structs.int32(v)));
                    }
                }
            }
            case Call.Name n -> {
                sockaddr_in sa = n.len() < 0 ? null : new sockaddr_in();
                int[] len = n.len() < 0 ? null : new int[] {n.len()};
                ret = n.peer() ? w.getpeername(sock(n.s()), sa, len) : w.getsockname(sock(n.s()), sa, len);
                if (ret == 0 && sa != null) {
                    out.add(new Output.Addr(sa.sin_addr, sa.sin_port));
                }
            }
            case Call.Select sel -> {
                fd_set r = set(sel.read());
                fd_set wr = set(sel.write());
                fd_set e = set(sel.except());
                ret = w.select(0, r, wr, e, sel.timeoutMs() == null ? null : org.winsim.winsock.api.timeval.ofMillis(sel.timeoutMs()));
                if (ret != SOCKET_ERROR) {
                    addSet(out, "read", r);
                    addSet(out, "write", wr);
                    addSet(out, "except", e);
                }
            }
            case Call.Startup st -> {
                int rc = w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
                return new Outcome(rc, rc != 0, rc, List.of(), null);
            }
            case Call.Cleanup cu -> ret = w.WSACleanup();
        }
        boolean failed = c.returnsHandle() ? ret == INVALID_SOCKET : ret == SOCKET_ERROR;
        return new Outcome(ret, failed, failed ? w.WSAGetLastError() : 0, out, problem);
    }

    private long sock(SocketRef r) {
        if (r.name() == null) {
            return r.literal();
        }
        Long h = names.get(r.name());
        return h == null ? INVALID_SOCKET : h;
    }

    /** A literal address, NULL, or where a named socket is bound (INADDR_ANY read as loopback). */
    private sockaddr_in address(Address a) {
        if (a.isNull()) {
            return null;
        }
        if (a.socketName() == null) {
            return new sockaddr_in(AF_INET, a.addr(), a.port());
        }
        sockaddr_in sa = new sockaddr_in();
        int saved = w.WSAGetLastError();
        w.getsockname(sock(new SocketRef(a.socketName(), 0)), sa, new int[] {Winsock.SIZEOF_SOCKADDR_IN});
        w.WSASetLastError(saved);
        if (sa.sin_addr == Winsock.INADDR_ANY) {
            sa.sin_addr = Winsock.INADDR_LOOPBACK;
        }
        sa.sin_family = AF_INET;
        return sa;
    }

    private fd_set set(List<SocketRef> refs) {
        if (refs == null) {
            return null;
        }
        fd_set s = new fd_set(Math.max(Winsock.FD_SETSIZE, refs.size()));
        for (SocketRef r : refs) {
            fd_set.FD_SET(sock(r), s);
        }
        return s;
    }

    private void addSet(List<Output> out, String which, fd_set s) {
        if (s != null) {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < s.fd_count; i++) {
                n.add(nameOf(s.fd_array[i]));
            }
            out.add(new Output.Set(which, n));
        }
    }

    /** The deterministic bytes {@code send s N} sends: a pattern that differs per socket and position. */
    private byte[] pattern(long handle, long from, int n) {
        byte[] b = new byte[Math.max(n, 0)];
        for (int i = 0; i < b.length; i++) {
            long p = from + i;
            b[i] = (byte) (p * 7 + (p >>> 8) * 13 + handle);
        }
        return b;
    }

    private String checkStream(long h, byte[] got, boolean consume) {
        long peer = host.peerOf(h);
        if (peer == -1) {
            return null; // the sender is not in this script: nothing to compare with
        }
        StreamLog log = sent.get(peer);
        long at = received.getOrDefault(h, 0L);
        for (int i = 0; i < got.length; i++) {
            if (log == null || at + i >= log.size() || log.at(at + i) != got[i]) {
                return "received bytes differ from what " + nameOf(peer) + " sent, at byte " + (at + i) + " of its stream";
            }
        }
        if (consume) {
            received.put(h, at + got.length);
        }
        return null;
    }

    private String nameOf(long h) {
        String n = handleNames.get(h);
        return n != null ? n : "0x" + Long.toHexString(h);
    }

    // ---- judging ----

    private LineResult judge(Statement st, Call c, Outcome o, Expectation e) {
        String result = render(c, o);
        String expected = e == null ? null : renderExpectation(e);
        String problem = o == null ? null : o.problem();
        if (problem == null && e != null && !matches(e, o)) {
            problem = "MISMATCH expected " + expected + " got " + result;
        }
        return new LineResult(st.line(), st.text(), result, expected, problem);
    }

    private boolean matches(Expectation e, Outcome o) {
        if (o == null) {
            return e.value().pending();
        }
        if (e.value().pending()) {
            return false;
        }
        if (!e.value().any() && e.value().number() != o.ret()) {
            return false;
        }
        if (e.error() != null && (!o.failed() || Constants.error(e.error()) != o.error())) {
            return false;
        }
        List<Output> got = o.outputs();
        List<Output.Set> expectedSets = new ArrayList<>();
        List<Output> expectedOthers = new ArrayList<>();
        for (Output x : e.outputs()) {
            if (x instanceof Output.Set s) {
                expectedSets.add(s);
            } else {
                expectedOthers.add(x);
            }
        }
        List<Output> gotOthers = new ArrayList<>();
        for (Output g : got) {
            if (g instanceof Output.Set gs) {
                List<String> want = expectedSets.stream().filter(s -> s.which().equals(gs.which()))
                        .findFirst().map(Output.Set::names).orElse(List.of());
                if (!new java.util.TreeSet<>(want).equals(new java.util.TreeSet<>(gs.names())) || want.size() != gs.names().size()) {
                    return false;
                }
            } else {
                gotOthers.add(g);
            }
        }
        for (Output.Set s : expectedSets) {
            if (got.stream().noneMatch(g -> g instanceof Output.Set gs && gs.which().equals(s.which()))) {
                return false; // a set the call was not given
            }
        }
        for (int i = 0; i < expectedOthers.size(); i++) {
            if (i >= gotOthers.size() || !outputMatches(expectedOthers.get(i), gotOthers.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean outputMatches(Output want, Output got) {
        return switch (want) {
            case Output.Number n -> got instanceof Output.Number g && g.value() == n.value();
            case Output.Addr a -> got instanceof Output.Addr g && g.addr() == a.addr() && (a.port() == -1 || a.port() == g.port());
            case Output.Data d -> got instanceof Output.Data g && java.util.Arrays.equals(d.bytes(), g.bytes());
            case Output.Set s -> false;
        };
    }

    private String render(Call c, Outcome o) {
        if (o == null) {
            return "PENDING";
        }
        StringBuilder b = new StringBuilder();
        if (o.failed()) {
            b.append(c instanceof Call.Startup ? Long.toString(o.ret()) : c != null && c.returnsHandle() ? "INVALID_SOCKET" : "SOCKET_ERROR");
            b.append(' ').append(WsaError.nameOf(o.error()));
        } else if (c != null && c.returnsHandle()) {
            b.append(nameOf(o.ret()));
        } else {
            b.append(o.ret());
        }
        for (Output x : o.outputs()) {
            if (!(x instanceof Output.Data)) {
                b.append(' ').append(renderOutput(x));
            }
        }
        return b.toString();
    }

    private static String renderExpectation(Expectation e) {
        StringBuilder b = new StringBuilder(e.value().text());
        if (e.error() != null) {
            b.append(' ').append(e.error());
        }
        for (Output x : e.outputs()) {
            b.append(' ').append(renderOutput(x));
        }
        return b.toString();
    }

    static String renderOutput(Output x) {
        return switch (x) {
            case Output.Number n -> Long.toString(n.value());
            case Output.Addr a -> sockaddr_in.inet_ntoa(a.addr()) + ":" + (a.port() == -1 ? "*" : Integer.toString(a.port()));
            case Output.Set s -> s.which() + "={" + String.join(",", s.names()) + "}";
            case Output.Data d -> quote(d.bytes());
        };
    }

    private static String quote(byte[] bytes) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            }
        }
        return b.append('"').toString();
    }
}
