package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.LPFN_CONNECTEX;
import org.winsim.winsock.api.LPFN_DISCONNECTEX;
import org.winsim.winsock.api.LPFN_GETACCEPTEXSOCKADDRS;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The WSAIoctl verb and the Microsoft extension functions it hands out (issue 12): AcceptEx,
 * GetAcceptExSockaddrs, ConnectEx and DisconnectEx. As in C, a script fetches a function first with
 * {@code WSAIoctl SOCKET SIO_GET_EXTENSION_FUNCTION_POINTER WSAID_ACCEPTEX} (a parse error otherwise) and
 * the verb then calls the pointer that fetch returned. Their OVERLAPPEDs are bound and joined as
 * WSARecv's are ({@code ov=NAME [event=EVENT]}; no ov= passes NULL).
 */
final class ExtensionVerbs {
    private static final OutputSpec BYTES = new OutputSpec("bytes", OutputSpec.Kind.NUMBER, null);
    /** The extension functions' GUIDs by the names scripts (and mswsock.h) give them. */
    private static final Map<String, GUID> WSAIDS = new LinkedHashMap<>();

    static {
        WSAIDS.put("WSAID_ACCEPTEX", GUID.WSAID_ACCEPTEX);
        WSAIDS.put("WSAID_CONNECTEX", GUID.WSAID_CONNECTEX);
        WSAIDS.put("WSAID_DISCONNECTEX", GUID.WSAID_DISCONNECTEX);
        WSAIDS.put("WSAID_GETACCEPTEXSOCKADDRS", GUID.WSAID_GETACCEPTEXSOCKADDRS);
    }

    /** What GetAcceptExSockaddrs reads: the output buffer an AcceptEx was given, and the lengths it was given. */
    record AcceptBuffer(byte[] buffer, int receiveLength, int localLength, int remoteLength) {
        /** The address slot AcceptEx's documentation asks for: a sockaddr_in and 16 bytes. */
        static final int SLOT = Winsock.SIZEOF_SOCKADDR_IN + 16;
    }

    private ExtensionVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("WSAIoctl", "SOCKET CODE [VALUE|GUID|NULL] [inlen=N] [outlen=N] [bytes=N|NULL] "
                        + "[ov=NAME [event=EVENT|routine=CALLBACK]]", new Shape(SOCKET_ERROR, List.of(BYTES), "VALUE"), null,
                        ExtensionVerbs::ioctl, "WSAIoctl(): FIONBIO takes VALUE, SIO_KEEPALIVE_VALS its onoff as VALUE (a 12-byte"
                        + " tcp_keepalive with times 0); FIONREAD, SIOCATMARK and SIO_IDEAL_SEND_BACKLOG_QUERY write one;"
                        + " SIO_GET_EXTENSION_FUNCTION_POINTER takes WSAID_ACCEPTEX, WSAID_CONNECTEX, WSAID_DISCONNECTEX,"
                        + " WSAID_GETACCEPTEXSOCKADDRS (or any GUID as 8-4-4-4-12 hex digits) and keeps the pointer for those verbs;"
                        + " bytes= is *lpcbBytesReturned before the call (default 0, NULL: no pointer), bytes=N in '=>' after it"),
                new Verb("AcceptEx", "LISTENER ACCEPT RECVLEN [local=N] [remote=N] [ov=NAME [event=EVENT]]",
                        new Shape(BOOL, List.of(BYTES), "\"BYTES\""), null, ExtensionVerbs::acceptEx,
                        "AcceptEx() into the socket ACCEPT made beforehand: the buffer holds RECVLEN bytes of data, then address"
                        + " slots of local= and remote= bytes (default 32: a sockaddr_in and 16); join OV checks it, the data"
                        + " against the peer's stream"),
                new Verb("GetAcceptExSockaddrs", "OV", Shape.of(Convention.VOID, "LOCAL REMOTE"), null, a -> {
                    GUID g = fetched(a, "WSAID_GETACCEPTEXSOCKADDRS", "GetAcceptExSockaddrs");
                    Token t = a.word("the OVERLAPPED of an AcceptEx");
                    Names.Entry e = a.names().get(t.text());
                    if (e == null || e.type() != NameType.OVERLAPPED) {
                        throw a.error(t, "'" + t.shown() + "' is not an OVERLAPPED an AcceptEx was issued with");
                    }
                    String ov = t.text();
                    return st -> {
                        AcceptBuffer b = st.acceptBuffer(ov);
                        if (!(st.extension(g) instanceof LPFN_GETACCEPTEXSOCKADDRS fn) || b == null) {
                            return Outcome.notCalled(b == null ? "no AcceptEx was issued with " + ov : "no GetAcceptExSockaddrs pointer: "
                                    + "the WSAIoctl that fetches it failed");
                        }
                        sockaddr_in local = new sockaddr_in();
                        sockaddr_in remote = new sockaddr_in();
                        fn.GetAcceptExSockaddrs(b.buffer(), b.receiveLength(), b.localLength(), b.remoteLength(), local, new int[1],
                                remote, new int[1]);
                        return new Outcome(0, false, 0, List.of(new Output.Field(null, new Output.Addr(local.sin_addr, local.sin_port)),
                                new Output.Field(null, new Output.Addr(remote.sin_addr, remote.sin_port))), null);
                    };
                }, "GetAcceptExSockaddrs() on the buffer of the AcceptEx issued with OV (with its lengths): the local and"
                        + " the remote address, IP:PORT"),
                new Verb("ConnectEx", "SOCKET ADDRESS [len=N] [N|\"STRING\"] [ov=NAME [event=EVENT]]",
                        new Shape(BOOL, List.of(BYTES), ""), null, ExtensionVerbs::connectEx,
                        "ConnectEx() on a bound socket, sending N bytes of its pattern stream (or the string) once connected;"
                        + " bytes= is what it sent"),
                new Verb("DisconnectEx", "SOCKET [FLAGS] [ov=NAME [event=EVENT]]", Shape.of(BOOL), null, a -> {
                    GUID g = fetched(a, "WSAID_DISCONNECTEX", "DisconnectEx");
                    HandleRef s = a.socket();
                    int[] flags = {0};
                    OverlappedVerbs.Options opts = options(a, false, t -> flags[0] |= (int) a.number(t, "0 or TF_REUSE_SOCKET"));
                    return st -> {
                        if (!(st.extension(g) instanceof LPFN_DISCONNECTEX fn)) {
                            return Outcome.notCalled("no DisconnectEx pointer: the WSAIoctl that fetches it failed");
                        }
                        long h = st.handle(s);
                        WSAOVERLAPPED o = opts.overlapped(st);
                        Outcome now = st.result(BOOL, fn.DisconnectEx(h, o, flags[0], 0));
                        deferIf(st, opts, h, o, null, 0, now, List.of(new Output.Field("bytes", new Output.Number(0))));
                        return now;
                    };
                }, "DisconnectEx(): closes the sending side; TF_REUSE_SOCKET lets the socket connect or be accepted into again"));
    }

    /** The GUID a verb calls the pointer of, after checking that an earlier WSAIoctl line fetches it. */
    private static GUID fetched(Args a, String wsaid, String fn) throws ScriptSyntaxError {
        if (!a.names().fetched(wsaid)) {
            throw a.error(a.here(), fn + " is called through a pointer: fetch it first with"
                    + " 'WSAIoctl SOCKET SIO_GET_EXTENSION_FUNCTION_POINTER " + wsaid + "'");
        }
        return WSAIDS.get(wsaid);
    }

    /** Reads a word that is not an option (a flag, say). */
    @FunctionalInterface
    private interface Plain {
        void read(Token t) throws ScriptSyntaxError;
    }

    /** The rest of the line: ov=, event= (and routine= when {@code routines}), and words {@code plain} reads. */
    private static OverlappedVerbs.Options options(Args a, boolean routines, Plain plain) throws ScriptSyntaxError {
        OverlappedVerbs.Options opts = new OverlappedVerbs.Options(routines);
        while (a.more()) {
            Token t = a.next();
            if (t.is(Token.Kind.WORD) && a.more() && a.peek().is(Token.Kind.EQUALS)) {
                a.next();
                if (!opts.read(a, t)) {
                    throw a.error(t, "unknown option '" + t.shown() + "=': expected ov=, event=" + (routines ? " or routine=" : ""));
                }
            } else {
                plain.read(t);
            }
        }
        opts.check(a);
        return opts;
    }

    /** With an OVERLAPPED, {@code join OV} checks the operation (see {@link OverlappedVerbs#completion}). */
    private static void deferIf(ScriptState st, OverlappedVerbs.Options opts, long h, WSAOVERLAPPED o, WSABUF[] into, int received,
                                Outcome now, List<Output.Field> doneOutputs) {
        if (o != null) {
            st.defer(opts.ov, OverlappedVerbs.completion(st, h, o, into, received > 0, 0, now, doneOutputs));
        }
    }

    private static Verb.Action ioctl(Args a) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        int code = a.intArg("an ioctl code such as FIONREAD");
        boolean extension = code == Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER;
        boolean valueOut = code == Winsock.FIONREAD || code == Winsock.SIOCATMARK || code == Winsock.SIO_IDEAL_SEND_BACKLOG_QUERY;
        boolean keepAlive = code == Winsock.SIO_KEEPALIVE_VALS;
        Long value = null;
        GUID guid = null;
        boolean inNull = true;
        if (code == Winsock.FIONBIO || keepAlive || extension) {
            String what = extension ? "a GUID such as WSAID_ACCEPTEX, or NULL"
                    : keepAlive ? "tcp_keepalive's onoff (its times are 0), or NULL" : "a value for FIONBIO (0 or 1), or NULL";
            Token t = a.word(what);
            inNull = t.isWord("NULL");
            if (!inNull && extension) {
                guid = guid(a, t);
            } else if (!inNull) {
                value = a.number(t, what);
                if (value < Integer.MIN_VALUE || value > 0xFFFFFFFFL) {
                    throw a.error(t, "'" + t.shown() + "' does not fit in 32 bits: expected " + what);
                }
            }
        }
        int inLen = code == Winsock.FIONBIO ? 4 : keepAlive ? Winsock.SIZEOF_TCP_KEEPALIVE : extension ? GUID.SIZE : 0;
        int[] lens = {inLen, valueOut ? 4 : extension ? Winsock.SIZEOF_POINTER : 0};
        int[] count = {0};
        boolean[] countNull = {false};
        OverlappedVerbs.Options opts = new OverlappedVerbs.Options(true);
        while (a.more()) {
            Token t = a.word("inlen=, outlen=, bytes=, ov=, event= or routine=");
            a.expect(Token.Kind.EQUALS, "'=' after " + t.shown() + " (WSAIoctl takes no more values)");
            switch (t.text()) {
                case "inlen" -> lens[0] = a.length("cbInBuffer");
                case "outlen" -> lens[1] = a.length("cbOutBuffer");
                case "bytes" -> {
                    Token v = a.word("*lpcbBytesReturned's value before the call, or NULL");
                    countNull[0] = v.isWord("NULL");
                    count[0] = countNull[0] ? 0 : (int) a.number(v, "a byte count");
                }
                default -> {
                    if (!opts.read(a, t)) {
                        throw a.error(t, "unknown option '" + t.shown() + "=': expected inlen=, outlen=, bytes=, ov=, event= or routine=");
                    }
                }
            }
        }
        opts.check(a);
        Long v = value;
        GUID g = guid;
        boolean noIn = inNull;
        return st -> {
            long h = st.handle(s);
            Object in = noIn ? null : extension ? g : Arrays.copyOf(Structs.int32(v.intValue()), Math.max(lens[0], 4));
            Object out = extension ? new Object[1] : lens[1] > 0 ? new byte[lens[1]] : null;
            int[] returned = countNull[0] ? null : new int[] {count[0]};
            WSAOVERLAPPED o = opts.overlapped(st);
            int ret = st.w().WSAIoctl(h, code, in, lens[0], out, lens[1], returned, o, opts.routine(st));
            List<Output.Field> outputs = new ArrayList<>();
            if (ret == 0 && valueOut && out instanceof byte[] b && b.length >= 4) {
                outputs.add(new Output.Field(null, new Output.Number(Structs.int32(b))));
            }
            if (returned != null) {
                outputs.add(new Output.Field("bytes", new Output.Number(returned[0])));
            }
            if (ret == 0 && extension && ((Object[]) out)[0] != null) {
                st.extension(g, ((Object[]) out)[0]);
            }
            Outcome now = st.result(SOCKET_ERROR, ret, outputs, null);
            // completed at once: the OVERLAPPED's byte count is 0, whatever the call reported (IOCP-07)
            deferIf(st, opts, h, o, null, 0, now, List.of(new Output.Field("bytes", new Output.Number(0))));
            return now;
        };
    }

    /** A GUID: a WSAID_ name (which the line then fetches, for the verbs that call it) or 8-4-4-4-12 hex digits. */
    private static GUID guid(Args a, Token t) throws ScriptSyntaxError {
        GUID g = WSAIDS.get(t.text());
        if (g != null) {
            a.names().fetches(t.text());
            return g;
        }
        if (!t.text().matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
            throw a.error(t, "unknown GUID '" + t.shown() + "': expected " + String.join(", ", WSAIDS.keySet())
                    + ", or 8-4-4-4-12 hex digits");
        }
        return new GUID(t.text().toLowerCase(java.util.Locale.ROOT));
    }

    private static Verb.Action acceptEx(Args a) throws ScriptSyntaxError {
        GUID g = fetched(a, "WSAID_ACCEPTEX", "AcceptEx");
        HandleRef l = a.socket();
        HandleRef s = a.socket();
        int recvLen = a.length("dwReceiveDataLength");
        int[] slots = {AcceptBuffer.SLOT, AcceptBuffer.SLOT};
        OverlappedVerbs.Options opts = new OverlappedVerbs.Options(false);
        while (a.more()) {
            Token t = a.word("local=, remote=, ov= or event=");
            a.expect(Token.Kind.EQUALS, "'=' after " + t.shown());
            if (t.isWord("local") || t.isWord("remote")) {
                slots[t.isWord("local") ? 0 : 1] = a.length("an address slot's length");
            } else if (!opts.read(a, t)) {
                throw a.error(t, "unknown option '" + t.shown() + "=': expected local=, remote=, ov= or event=");
            }
        }
        opts.check(a);
        return st -> {
            if (!(st.extension(g) instanceof LPFN_ACCEPTEX fn)) {
                return Outcome.notCalled("no AcceptEx pointer: the WSAIoctl that fetches it failed");
            }
            long into = st.handle(s);
            byte[] buf = new byte[(int) Math.max(0, (long) Math.max(recvLen, 0) + slots[0] + slots[1])];
            WSAOVERLAPPED o = opts.overlapped(st);
            if (opts.ov != null) {
                st.acceptBuffer(opts.ov, new AcceptBuffer(buf, recvLen, slots[0], slots[1]));
            }
            int[] bytes = {0};
            int ret = fn.AcceptEx(st.handle(l), into, buf, recvLen, slots[0], slots[1], bytes, o);
            List<Output.Field> out = new ArrayList<>();
            String problem = null;
            if (ret != 0) {
                out.add(new Output.Field("bytes", new Output.Number(bytes[0])));
                if (bytes[0] > 0) {
                    byte[] got = Arrays.copyOf(buf, bytes[0]);
                    out.add(new Output.Field(null, new Output.Data(got)));
                    problem = st.checkReceived(into, got, 0);
                }
            }
            Outcome now = st.result(BOOL, ret, out, problem);
            deferIf(st, opts, into, o, new WSABUF[] {new WSABUF(buf, 0, Math.max(recvLen, 0))}, recvLen, now, now.outputs());
            return now;
        };
    }

    private static Verb.Action connectEx(Args a) throws ScriptSyntaxError {
        GUID g = fetched(a, "WSAID_CONNECTEX", "ConnectEx");
        HandleRef s = a.socket();
        Script.Address addr = a.address();
        int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
        byte[][] literal = {null};
        int[] count = {0};
        OverlappedVerbs.Options opts = options(a, false, t -> {
            if (literal[0] != null || count[0] != 0) {
                throw a.error(t, "too many arguments: ConnectEx sends one byte count or one \"string\"");
            }
            if (t.is(Token.Kind.STRING)) {
                literal[0] = t.text().getBytes(StandardCharsets.ISO_8859_1);
                return;
            }
            long n = a.number(t, "a byte count, a \"string\", ov= or event=");
            if (n < 0 || n > Args.MAX_LENGTH) {
                throw a.error(t, "a byte count from 0 to " + Args.MAX_LENGTH);
            }
            count[0] = (int) n;
        });
        return st -> {
            if (!(st.extension(g) instanceof LPFN_CONNECTEX fn)) {
                return Outcome.notCalled("no ConnectEx pointer: the WSAIoctl that fetches it failed");
            }
            long h = st.handle(s);
            byte[] data = literal[0] != null ? literal[0] : st.streams().pattern(h, count[0]);
            WSAOVERLAPPED o = opts.overlapped(st);
            int[] sent = {0};
            int[] ret = {0};
            st.streams().send(h, data, 0, () -> {
                ret[0] = fn.ConnectEx(h, st.address(addr), len, data.length == 0 ? null : data, data.length, sent, o);
                boolean pending = ret[0] == 0 && st.w().WSAGetLastError() == WsaError.WSA_IO_PENDING.code;
                return ret[0] != 0 ? sent[0] : pending ? data.length : 0; // a pending ConnectEx sends it all once connected
            });
            Outcome now = st.result(BOOL, ret[0], ret[0] != 0 ? List.of(new Output.Field("bytes", new Output.Number(sent[0])))
                    : List.of(), null);
            deferIf(st, opts, h, o, null, 0, now, now.outputs());
            return now;
        };
    }
}
