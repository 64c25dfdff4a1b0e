package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.INVALID_SOCKET;
import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WsaError;

/**
 * The overlapped-I/O verbs (issue 12): WSASocket, WSASend and WSARecv with {@code ov=NAME} (an
 * OVERLAPPED the line binds, with {@code event=EVENT} or {@code routine=CALLBACK}), the result and
 * cancellation functions, and {@code ovstate}. {@code join NAME} checks an overlapped operation once it
 * has completed: {@code TRUE bytes=N "DATA"} (received bytes checked against the peer's stream then),
 * or FALSE and the error WSAGetOverlappedResult gives, or PENDING.
 */
final class OverlappedVerbs {
    private static final OutputSpec BYTES = new OutputSpec("bytes", OutputSpec.Kind.NUMBER, null);
    /** An OVERLAPPED's status block, as ovstate reads it: the NTSTATUS and the byte count. */
    private static final OutputSpec INTERNAL = new OutputSpec("Internal", OutputSpec.Kind.STATUS, null);
    private static final OutputSpec INTERNAL_HIGH = new OutputSpec("InternalHigh", OutputSpec.Kind.NUMBER, null);
    private static final OutputSpec FLAGS = new OutputSpec("flags", OutputSpec.Kind.NUMBER, null);
    /** What {@code join} checks of an overlapped operation. */
    static final Shape COMPLETION = new Shape(BOOL, List.of(BYTES), "\"BYTES\"");
    private static final String OPTIONS = "[ov=NAME [event=EVENT|routine=CALLBACK]]";

    private OverlappedVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("WSASocket", "AF TYPE PROTOCOL FLAGS", Shape.of(INVALID_SOCKET), NameType.SOCKET, a -> {
                    int af = a.intArg("an address family");
                    int type = a.intArg("a socket type");
                    int protocol = a.intArg("a protocol");
                    int flags = a.intArg("flags such as WSA_FLAG_OVERLAPPED or 0");
                    return st -> st.result(INVALID_SOCKET, st.w().WSASocket(af, type, protocol, null, 0, flags));
                }, "WSASocket(af, type, protocol, NULL, 0, dwFlags)"),
                new Verb("WSARecv", "SOCKET LEN[,LEN…] [FLAGS…] [received=NULL] " + OPTIONS, new Shape(SOCKET_ERROR, List.of(BYTES), "\"BYTES\""), null,
                        a -> call(a, true), "WSARecv(): scatter into buffers of these lengths; with ov= it may be pending (join NAME checks it)"),
                new Verb("WSASend", "SOCKET (N|\"STRING\")[,…] [FLAGS…] [sent=NULL] " + OPTIONS, new Shape(SOCKET_ERROR, List.of(BYTES), ""), null,
                        a -> call(a, false), "WSASend(): gathers buffers of the socket's pattern stream or literal bytes"),
                new Verb("WSAGetOverlappedResult", "SOCKET OV WAIT", new Shape(BOOL, List.of(BYTES, FLAGS), ""), null, a -> {
                    HandleRef s = a.handle(NameType.SOCKET, NameType.HANDLE); // a DuplicateHandle copy too (ERR-04)
                    String ov = a.word("an overlapped name").text();
                    requireOverlapped(a, ov);
                    boolean wait = a.bool("fWait (TRUE or FALSE)");
                    return st -> {
                        int[] bytes = {0};
                        int[] flags = {0};
                        int r = st.w().WSAGetOverlappedResult(st.handle(s), st.overlapped(ov), bytes, wait, flags);
                        return st.result(BOOL, r, List.of(new Output.Field("bytes", new Output.Number(bytes[0])),
                                new Output.Field("flags", new Output.Number(flags[0]))), null);
                    };
                }, "WSAGetOverlappedResult(): TRUE, the byte count and the flags, or FALSE and the mapped WSA error"),
                new Verb("GetOverlappedResult", "HANDLE OV WAIT", new Shape(BOOL, List.of(BYTES), ""), null, a -> {
                    HandleRef h = a.handle(NameType.SOCKET);
                    String ov = a.word("an overlapped name").text();
                    requireOverlapped(a, ov);
                    boolean wait = a.bool("bWait (TRUE or FALSE)");
                    return st -> {
                        int[] bytes = {0};
                        int r = st.w().GetOverlappedResult(st.handle(h), st.overlapped(ov), bytes, wait);
                        return st.result(BOOL, r, List.of(new Output.Field("bytes", new Output.Number(bytes[0]))), null);
                    };
                }, "GetOverlappedResult(): the same status in Win32 spelling (ERROR_NETNAME_DELETED for a reset)"),
                new Verb("CancelIo", "HANDLE", Shape.of(BOOL), null, a -> {
                    HandleRef h = a.handle(NameType.SOCKET);
                    return st -> st.result(BOOL, st.w().CancelIo(st.handle(h)));
                }, "CancelIo(): the calling thread's operations on the handle"),
                new Verb("CancelIoEx", "HANDLE OV|NULL", Shape.of(BOOL), null, a -> {
                    HandleRef h = a.handle(NameType.SOCKET);
                    Token t = a.word("an overlapped name or NULL");
                    String ov = t.isWord("NULL") ? null : t.text();
                    if (ov != null) {
                        requireOverlapped(a, ov);
                    }
                    return st -> st.result(BOOL, st.w().CancelIoEx(st.handle(h), ov == null ? null : st.overlapped(ov)));
                }, "CancelIoEx(): every thread's operations on the handle, or the one of OV; ERROR_NOT_FOUND when none"),
                new Verb("ovstate", "OV [Internal=STATUS] [InternalHigh=N]", new Shape(Convention.VOID, List.of(INTERNAL, INTERNAL_HIGH), ""),
                        null, a -> {
                    String ov = a.overlapped();
                    if (ov == null) {
                        throw a.error(a.here(), "ovstate needs an OVERLAPPED name, not NULL");
                    }
                    Long[] set = new Long[2];
                    while (a.more()) {
                        Token key = a.word("Internal= or InternalHigh=");
                        int which = key.isWord("Internal") ? 0 : key.isWord("InternalHigh") ? 1 : -1;
                        if (which < 0 || set[which] != null) {
                            throw a.error(key, which < 0 ? "unknown field '" + key.shown() + "': expected Internal= or InternalHigh="
                                    : key.text() + "= is given twice");
                        }
                        a.expect(Token.Kind.EQUALS, "'=' after " + key.text());
                        set[which] = a.number(which == 0 ? "an NTSTATUS such as STATUS_CANCELLED" : "a byte count");
                    }
                    return st -> {
                        WSAOVERLAPPED o = st.overlapped(ov);
                        if (set[0] != null || set[1] != null) {
                            o.Internal = set[0] != null ? set[0] : o.Internal;
                            o.InternalHigh = set[1] != null ? set[1] : o.InternalHigh;
                            st.host().writeStatusBlock(o);
                        }
                        st.host().readStatusBlock(o);
                        st.host().note(0, "ovstate " + ov + ": Internal=0x" + Long.toHexString(o.Internal) + " InternalHigh=" + o.InternalHigh);
                        return st.result(Convention.VOID, 0, List.of(new Output.Field("Internal", new Output.Status(o.Internal)),
                                new Output.Field("InternalHigh", new Output.Number(o.InternalHigh))), null);
                    };
                }, "writes the OVERLAPPED's Internal (an NTSTATUS) and InternalHigh (bytes) as a program may (OVL-02), then reads"
                        + " them back as the outputs (=> 0 Internal=STATUS_PENDING InternalHigh=0); a new name binds a fresh OVERLAPPED"));
    }

    private static void requireOverlapped(Args a, String name) throws ScriptSyntaxError {
        Names.Entry e = a.names().get(name);
        if (e == null || e.type() != NameType.OVERLAPPED) {
            throw a.error(a.here(), "'" + name + "' is not an overlapped bound by an earlier ov=" + name);
        }
    }

    /** WSARecv or WSASend: buffers, flags, then ov=, event=, routine=. */
    private static Verb.Action call(Args a, boolean receive) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        Buffers buffers = Buffers.parse(a, receive);
        int flags = 0;
        Options opts = new Options(true);
        String countKey = receive ? "received" : "sent";
        boolean noCount = false;
        while (a.more()) {
            Token t = a.word("a flag, " + countKey + "=NULL, ov=, event= or routine=");
            if (a.more() && a.peek().is(Token.Kind.EQUALS)) {
                a.next();
                if (t.isWord(countKey)) {
                    if (!a.more() || !a.peek().isWord("NULL")) {
                        throw a.error(a.more() ? a.peek() : a.here(), countKey + "= takes only NULL (a NULL byte count)");
                    }
                    a.next();
                    noCount = true;
                } else if (!opts.read(a, t)) {
                    throw a.error(t, "unknown option '" + t.shown() + "=': expected " + countKey + "=, ov=, event= or routine=");
                }
            } else {
                flags |= (int) a.number(t, "a flag such as MSG_PEEK");
            }
        }
        opts.check(a);
        int f = flags;
        boolean withCount = !noCount;
        return st -> {
            long h = st.handle(s);
            WSABUF[] bufs = buffers.make(st, h, receive);
            WSAOVERLAPPED o = opts.overlapped(st);
            LPWSAOVERLAPPED_COMPLETION_ROUTINE r = opts.routine(st);
            int[] given = {0};
            int[] count = withCount ? given : null;
            int[] ret = {0};
            if (receive) {
                ret[0] = st.w().WSARecv(h, bufs, bufs.length, count, new int[] {f}, o, r);
            } else {
                byte[] all = WSABUF.gather(bufs, bufs.length);
                st.streams().send(h, all, f, () -> {
                    ret[0] = st.w().WSASend(h, bufs, bufs.length, count, f, o, r);
                    boolean pending = ret[0] != 0 && st.w().WSAGetLastError() == WsaError.WSA_IO_PENDING.code;
                    return ret[0] == 0 && withCount ? given[0] : ret[0] == 0 || pending ? all.length : -1; // at once without a count, or pending: all of it
                });
            }
            Outcome now = st.result(SOCKET_ERROR, ret[0]);
            if (ret[0] == 0 && !withCount && o != null) { // completed at once: the OVERLAPPED's status block has the count
                st.host().readStatusBlock(o);
                given[0] = (int) o.InternalHigh;
            }
            if (ret[0] == 0) {
                byte[] got = receive ? WSABUF.gather(bufs, bufs.length) : null;
                List<Output.Field> out = new ArrayList<>(List.of(new Output.Field("bytes", new Output.Number(given[0]))));
                String problem = null;
                if (receive && given[0] > 0) {
                    got = java.util.Arrays.copyOf(got, given[0]);
                    out.add(new Output.Field(null, new Output.Data(got)));
                    problem = st.checkReceived(h, got, f);
                }
                now = new Outcome(0, false, 0, out, problem);
            }
            if (o != null) {
                st.defer(opts.ov, completion(st, h, o, bufs, receive, f, now, now.outputs()));
            }
            return now;
        };
    }

    /**
     * A call's buffers as a script writes them, {@code LEN[,LEN…]} to receive into or {@code (N|"STRING")[,…]}
     * to send (N bytes of the socket's pattern stream, or literal bytes): a length each, and the literal or null.
     */
    record Buffers(List<Integer> lens, List<byte[]> literals) {
        static Buffers parse(Args a, boolean receive) throws ScriptSyntaxError {
            List<Integer> lens = new ArrayList<>();
            List<byte[]> literals = new ArrayList<>();
            while (true) {
                if (!a.more()) {
                    throw a.error(a.here(), receive ? "expected a buffer length" : "expected a byte count or a \"string\"");
                }
                Token t = a.next();
                if (!receive && t.is(Token.Kind.STRING)) {
                    byte[] b = t.text().getBytes(StandardCharsets.ISO_8859_1);
                    literals.add(b);
                    lens.add(b.length);
                } else {
                    long n = a.number(t, receive ? "a buffer length" : "a byte count or a \"string\"");
                    if (n < 0 || n > Args.MAX_LENGTH) {
                        throw a.error(t, "a buffer length from 0 to " + Args.MAX_LENGTH);
                    }
                    literals.add(null);
                    lens.add((int) n);
                }
                if (!a.more() || !a.peek().is(Token.Kind.COMMA)) {
                    return new Buffers(lens, literals);
                }
                a.next();
            }
        }

        /** The WSABUFs when the call runs: fresh buffers to receive into, or the bytes to send on socket {@code h}. */
        WSABUF[] make(ScriptState st, long h, boolean receive) {
            WSABUF[] bufs = new WSABUF[lens.size()];
            for (int i = 0; i < bufs.length; i++) {
                byte[] b = receive ? new byte[lens.get(i)] : literals.get(i) != null ? literals.get(i) : st.streams().pattern(h, lens.get(i));
                bufs[i] = new WSABUF(b);
            }
            return bufs;
        }
    }

    /**
     * What {@code join NAME} sees: an operation that completed or failed in its call answers at once (TRUE
     * with {@code doneOutputs}, or FALSE and its error); a pending one is watched, in 1 ms steps of the
     * script's time, until its OVERLAPPED leaves STATUS_PENDING, and is then read as WSAGetOverlappedResult
     * would (OVL-02), the bytes it received into {@code bufs} checked against the peer's stream of {@code h}.
     */
    static Deferred completion(ScriptState st, long h, WSAOVERLAPPED o, WSABUF[] bufs, boolean receive, int flags, Outcome now,
                               List<Output.Field> doneOutputs) {
        Outcome[] done = new Outcome[1];
        if (!now.failed()) {
            done[0] = new Outcome(1, false, 0, doneOutputs, null);
        } else if (now.error() != WsaError.WSA_IO_PENDING.code) {
            done[0] = new Outcome(0, true, now.error(), List.of(new Output.Field("bytes", new Output.Number(0))), null);
        }
        return timeoutNanos -> {
            if (done[0] != null) {
                return done[0];
            }
            long limit = timeoutNanos < 0 ? ScriptInterpreter.JOIN_BOUND_MS * 1_000_000L : timeoutNanos;
            st.host().readStatusBlock(o);
            for (long waited = 0; o.Internal == NTSTATUS.STATUS_PENDING.value; waited += 1_000_000L) {
                if (waited >= limit) {
                    return null;
                }
                st.host().sleep(1_000_000L);
                st.host().readStatusBlock(o);
            }
            int code = NTSTATUS.wsaError(o.Internal);
            int bytes = (int) o.InternalHigh;
            List<Output.Field> out = new ArrayList<>(List.of(new Output.Field("bytes", new Output.Number(bytes))));
            String problem = null;
            if (receive && code == 0 && bytes > 0) {
                byte[] got = java.util.Arrays.copyOf(WSABUF.gather(bufs, bufs.length), bytes);
                out.add(new Output.Field(null, new Output.Data(got)));
                problem = st.checkReceived(h, got, flags);
            }
            done[0] = new Outcome(code == 0 ? 1 : 0, code != 0, code, out, problem);
            return done[0];
        };
    }

    /**
     * The {@code ov=NAME [event=EVENT|routine=CALLBACK]} options of an overlapped call (no ov=: a NULL
     * OVERLAPPED), and the OVERLAPPED they set up when the call runs.
     */
    static final class Options {
        private final boolean routines;
        /** The OVERLAPPED's name, or null for NULL. */
        String ov;
        private HandleRef event;
        private String routine;

        /** {@code routines}: whether the call takes a completion routine (WSASend, WSARecv and WSAIoctl do; AcceptEx … do not). */
        Options(boolean routines) {
            this.routines = routines;
        }

        /** Reads the value of {@code key=} (its '=' read) when the key is one of these options; false when it is not. */
        boolean read(Args a, Token key) throws ScriptSyntaxError {
            switch (key.text()) {
                case "ov" -> ov = a.overlapped(COMPLETION);
                case "event" -> event = a.handle(NameType.EVENT);
                case "routine" -> {
                    if (!routines) {
                        return false;
                    }
                    routine = a.callback(CallbackKind.COMPLETION);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        void check(Args a) throws ScriptSyntaxError {
            if (ov == null && (event != null || routine != null)) {
                throw a.error(a.here(), "event= and routine= go with an ov=NAME");
            }
        }

        /** The OVERLAPPED (null without ov=), its hEvent set from event= (NULL without it). */
        WSAOVERLAPPED overlapped(ScriptState st) {
            WSAOVERLAPPED o = st.overlapped(ov);
            if (o != null) {
                o.hEvent = event == null ? 0 : st.handle(event);
            }
            return o;
        }

        LPWSAOVERLAPPED_COMPLETION_ROUTINE routine(ScriptState st) {
            return routine == null ? null : st.callbacks().completion(routine, st);
        }
    }
}
