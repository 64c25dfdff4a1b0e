package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.ERROR_RETURNED;
import static org.winsim.scenarios.script.Convention.INVALID_SOCKET;
import static org.winsim.scenarios.script.Convention.SOCKET_ERROR;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.linger;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/** The ws2_32 verbs: one registry entry per Winsock function a script can call. */
final class Ws2_32Verbs {
    private static final String SOCKADDR_LEN = "[len=N|NULL]";
    private static final List<OutputSpec> SETS = List.of(new OutputSpec("read", OutputSpec.Kind.SET, NameType.SOCKET),
            new OutputSpec("write", OutputSpec.Kind.SET, NameType.SOCKET), new OutputSpec("except", OutputSpec.Kind.SET, NameType.SOCKET));

    private Ws2_32Verbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("socket", "AF TYPE PROTOCOL", Shape.of(INVALID_SOCKET), NameType.SOCKET, a -> {
                    int af = a.intArg("an address family");
                    int type = a.intArg("a socket type");
                    int protocol = a.intArg("a protocol");
                    return st -> st.result(INVALID_SOCKET, st.w().socket(af, type, protocol));
                }, "socket(): a new socket"),
                new Verb("bind", "SOCKET ADDRESS " + SOCKADDR_LEN, Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    Script.Address addr = a.address();
                    int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
                    return st -> st.result(SOCKET_ERROR, st.w().bind(st.handle(s), st.address(addr), len));
                }, "bind(); ADDRESS is IP:PORT, a socket name (where that socket is bound) or NULL"),
                new Verb("listen", "SOCKET BACKLOG", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    int backlog = a.intArg("a backlog");
                    return st -> st.result(SOCKET_ERROR, st.w().listen(st.handle(s), backlog));
                }, "listen()"),
                new Verb("accept", "SOCKET " + SOCKADDR_LEN, Shape.of(INVALID_SOCKET), NameType.SOCKET, a -> {
                    HandleRef s = a.socket();
                    int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
                    return st -> st.result(INVALID_SOCKET, len < 0 ? st.w().accept(st.handle(s), null, null)
                            : st.w().accept(st.handle(s), new sockaddr_in(), new int[] {len}));
                }, "accept(): the connection's socket"),
                new Verb("connect", "SOCKET ADDRESS " + SOCKADDR_LEN, Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    Script.Address addr = a.address();
                    int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
                    return st -> st.result(SOCKET_ERROR, st.w().connect(st.handle(s), st.address(addr), len));
                }, "connect(); ADDRESS as for bind"),
                new Verb("send", "SOCKET (N|\"STRING\") [FLAGS…]", Shape.of(SOCKET_ERROR), null, Ws2_32Verbs::send,
                        "send(): N bytes of the socket's deterministic pattern stream, or literal bytes"),
                new Verb("recv", "SOCKET LEN [FLAGS…]", Shape.of(SOCKET_ERROR, "\"BYTES\""), null, a -> {
                    HandleRef s = a.socket();
                    int len = a.length("a length");
                    int flags = a.flags();
                    return st -> recv(st, st.handle(s), len, flags);
                }, "recv(); the bytes are checked to continue the peer's stream"),
                new Verb("shutdown", "SOCKET HOW", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    int how = a.intArg("SD_RECEIVE, SD_SEND or SD_BOTH");
                    return st -> st.result(SOCKET_ERROR, st.w().shutdown(st.handle(s), how));
                }, "shutdown()"),
                new Verb("WSASendDisconnect", "SOCKET [NULL|LEN]", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    WSABUF data = disconnectData(a);
                    return st -> st.result(SOCKET_ERROR, st.w().WSASendDisconnect(st.handle(s), data));
                }, "WSASendDisconnect(): shutdown(SD_SEND); LEN bytes of disconnect data (default NULL)"),
                new Verb("WSARecvDisconnect", "SOCKET [NULL|LEN]", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    WSABUF data = disconnectData(a);
                    return st -> st.result(SOCKET_ERROR, st.w().WSARecvDisconnect(st.handle(s), data));
                }, "WSARecvDisconnect(): shutdown(SD_RECEIVE); a LEN-byte disconnect-data buffer (default NULL)"),
                new Verb("closesocket", "SOCKET", Shape.of(SOCKET_ERROR), null, a -> {
                    HandleRef s = a.socket();
                    return st -> st.result(SOCKET_ERROR, st.w().closesocket(st.handle(s)));
                }, "closesocket()"),
                new Verb("ioctlsocket", "SOCKET CMD [VALUE|NULL]", Shape.of(SOCKET_ERROR, "VALUE"), null, Ws2_32Verbs::ioctl,
                        "ioctlsocket(): FIONBIO takes a value; FIONREAD and SIOCATMARK write one"),
                new Verb("setsockopt", "SOCKET [LEVEL] OPTION (VALUE|ONOFF LINGER|SOCKET|NULL) [len=N]", Shape.of(SOCKET_ERROR), null,
                        Ws2_32Verbs::setOpt, "setsockopt(); SO_LINGER takes l_onoff and l_linger, SO_UPDATE_ACCEPT_CONTEXT the listener"
                        + " (a SOCKET: len 8)"),
                new Verb("getsockopt", "SOCKET [LEVEL] OPTION [len=N]", Shape.of(SOCKET_ERROR, "VALUE [L_LINGER]"), null, a -> {
                    HandleRef s = a.socket();
                    int[] lo = optionLevel(a);
                    int optlen = a.lenOption(4);
                    return st -> getOpt(st, st.handle(s), lo[0], lo[1], optlen);
                }, "getsockopt(): the value (SO_LINGER: l_onoff l_linger)"),
                name("getsockname", false), name("getpeername", true),
                new Verb("select", "[read={SOCKET,…}|NULL] [write=…] [except=…] [timeout=MS]", new Shape(SOCKET_ERROR, SETS, ""),
                        null, Ws2_32Verbs::select, "select(): a set may name a socket twice; a set left out of '=>' must come back empty"),
                new Verb("WSAStartup", "", Shape.of(ERROR_RETURNED), null,
                        a -> st -> st.result(ERROR_RETURNED, st.w().WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA())),
                        "WSAStartup(2.2); scripts call it before their first line unless 'startup off'"),
                new Verb("WSACleanup", "", Shape.of(SOCKET_ERROR), null,
                        a -> st -> st.result(SOCKET_ERROR, st.w().WSACleanup()), "WSACleanup()"));
    }

    private static Verb.Action send(Args a) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        if (!a.more()) {
            throw a.error(a.here(), "expected a byte count or a \"string\" to send");
        }
        Token t = a.next();
        byte[] literal = t.is(Token.Kind.STRING) ? t.text().getBytes(StandardCharsets.ISO_8859_1) : null;
        int count = literal != null ? 0 : boundedCount(a, t);
        int flags = a.flags();
        return st -> {
            long h = st.handle(s);
            byte[] data = literal != null ? literal : st.streams().pattern(h, count);
            return st.result(SOCKET_ERROR, st.streams().send(h, data, flags, () -> st.w().send(h, data, data.length, flags)));
        };
    }

    private static int boundedCount(Args a, Token t) throws ScriptSyntaxError {
        long n = a.number(t, "a byte count or a \"string\"");
        if (n > Args.MAX_LENGTH) {
            throw a.error(t, "length " + t.shown() + " is too large: a script may pass at most " + Args.MAX_LENGTH + " bytes (64 MiB)");
        }
        return (int) n;
    }

    /**
     * Receives into a fresh buffer; the bytes are an output and are checked against the peer's stream
     * now, as they arrive. The end of the stream (0 for a non-empty buffer) is checked to come after
     * every byte the peer's sends reported.
     */
    static Outcome recv(ScriptState st, long h, int len, int flags) {
        byte[] buf = new byte[Math.max(len, 0)];
        int ret = st.w().recv(h, buf, len, flags);
        if (ret == 0 && len > 0) {
            return st.result(SOCKET_ERROR, ret, List.of(), st.checkEnded(h));
        }
        if (ret <= 0) {
            return st.result(SOCKET_ERROR, ret);
        }
        byte[] got = Arrays.copyOf(buf, ret);
        Outcome o = st.result(SOCKET_ERROR, ret, List.of(new Output.Field(null, new Output.Data(got))), null);
        return new Outcome(o.ret(), o.failed(), o.error(), o.outputs(), st.checkReceived(h, got, flags));
    }

    private static Verb.Action ioctl(Args a) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        int cmd = a.intArg("FIONBIO, FIONREAD or SIOCATMARK");
        Long arg;
        if (cmd == Winsock.FIONBIO) {
            Token t = a.word("a value for FIONBIO (0 or 1), or NULL");
            arg = t.isWord("NULL") ? null : a.number(t, "a value for FIONBIO");
        } else if (a.more() && a.peek().isWord("NULL")) {
            a.next();
            arg = null;
        } else {
            arg = 0L;
        }
        return st -> {
            int[] argp = arg == null ? null : new int[] {arg.intValue()};
            int ret = st.w().ioctlsocket(st.handle(s), cmd, argp);
            List<Output.Field> out = ret == 0 && argp != null && cmd != Winsock.FIONBIO
                    ? List.of(new Output.Field(null, new Output.Number(argp[0]))) : List.of();
            return st.result(SOCKET_ERROR, ret, out, null);
        };
    }

    /**
     * {@code [SOL_SOCKET|IPPROTO_TCP|IPPROTO_IP] OPTION}: the level defaults to IPPROTO_TCP for a {@code TCP_}
     * option, to IPPROTO_IP for an {@code IP_} option, else SOL_SOCKET.
     */
    private static int[] optionLevel(Args a) throws ScriptSyntaxError {
        Token opt = a.word("a socket option");
        long v = a.number(opt, "a socket option");
        String name = opt.text();
        if (name.equals("SOL_SOCKET") || name.equals("IPPROTO_TCP") || name.equals("IPPROTO_IP")) {
            return new int[] {(int) v, a.intArg("a socket option")};
        }
        int level = name.startsWith("TCP_") ? Winsock.IPPROTO_TCP : name.startsWith("IP_") ? Winsock.IPPROTO_IP : Winsock.SOL_SOCKET;
        return new int[] {level, (int) v};
    }

    private static Verb.Action setOpt(Args a) throws ScriptSyntaxError {
        HandleRef s = a.socket();
        int[] lo = optionLevel(a);
        byte[] value;
        HandleRef socketValue = null;
        if (a.more() && a.peek().isWord("NULL")) {
            a.next();
            value = null;
        } else if (lo[0] == Winsock.SOL_SOCKET && lo[1] == Winsock.SO_LINGER) {
            value = Structs.linger(new linger(a.intArg("l_onoff"), a.intArg("l_linger")));
        } else if (lo[0] == Winsock.SOL_SOCKET && lo[1] == Winsock.SO_UPDATE_ACCEPT_CONTEXT) {
            socketValue = a.socket(); // the listener, as a SOCKET (8 bytes on x64)
            value = null;
        } else {
            value = Structs.int32(a.intArg("the option's value"));
        }
        int optlen = a.lenOption(socketValue != null ? Winsock.SIZEOF_POINTER : 4);
        HandleRef listener = socketValue;
        return st -> {
            byte[] v = listener != null ? socketValue(st.handle(listener)) : value == null ? null : value.clone();
            return st.result(SOCKET_ERROR, st.w().setsockopt(st.handle(s), lo[0], lo[1], v, optlen));
        };
    }

    /** A SOCKET as setsockopt's value: its 8 bytes, little-endian (SO_UPDATE_ACCEPT_CONTEXT). */
    private static byte[] socketValue(long h) {
        byte[] b = new byte[Winsock.SIZEOF_POINTER];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (h >>> (8 * i));
        }
        return b;
    }

    private static Outcome getOpt(ScriptState st, long h, int level, int option, int optlen) {
        byte[] v = new byte[Math.max(optlen, 4)];
        int ret = st.w().getsockopt(h, level, option, v, new int[] {optlen});
        List<Output.Field> out = new ArrayList<>();
        if (ret == 0) {
            if (level == Winsock.SOL_SOCKET && option == Winsock.SO_LINGER) {
                linger l = Structs.linger(v);
                out.add(new Output.Field(null, new Output.Number(l.l_onoff)));
                out.add(new Output.Field(null, new Output.Number(l.l_linger)));
            } else {
                out.add(new Output.Field(null, new Output.Number(Structs.int32(v))));
            }
        }
        return st.result(SOCKET_ERROR, ret, out, null);
    }

    private static Verb name(String fn, boolean peer) {
        return new Verb(fn, "SOCKET " + SOCKADDR_LEN, Shape.of(SOCKET_ERROR, "IP:PORT"), null, a -> {
            HandleRef s = a.socket();
            int len = a.lenOption(Winsock.SIZEOF_SOCKADDR_IN);
            return st -> {
                sockaddr_in sa = len < 0 ? null : new sockaddr_in();
                int[] lenp = len < 0 ? null : new int[] {len};
                int ret = peer ? st.w().getpeername(st.handle(s), sa, lenp) : st.w().getsockname(st.handle(s), sa, lenp);
                List<Output.Field> out = ret == 0 && sa != null
                        ? List.of(new Output.Field(null, new Output.Addr(sa.sin_addr, sa.sin_port))) : List.of();
                return st.result(SOCKET_ERROR, ret, out, null);
            };
        }, fn + "(): the address, IP:PORT (IP:* in '=>' matches any port)");
    }

    private static Verb.Action select(Args a) throws ScriptSyntaxError {
        List<List<HandleRef>> sets = new ArrayList<>(Arrays.asList(null, null, null));
        boolean[] given = new boolean[3];
        Long timeout = null;
        while (a.more()) {
            Token key = a.word("read=, write=, except= or timeout=");
            a.expect(Token.Kind.EQUALS, "'=' after " + key.shown());
            int which = List.of("read", "write", "except").indexOf(key.text());
            if (key.isWord("timeout")) {
                timeout = a.number("a timeout in milliseconds");
            } else if (which < 0) {
                throw a.error(key, "unknown select argument '" + key.shown() + "': expected read=, write=, except= or timeout=");
            } else if (given[which]) {
                throw a.error(key, key.text() + "= is given twice");
            } else {
                given[which] = true;
                if (a.more() && a.peek().isWord("NULL")) {
                    a.next();
                } else {
                    sets.set(which, a.handleList("the " + key.text() + " set", NameType.SOCKET));
                }
            }
        }
        Long ms = timeout;
        return st -> {
            fd_set[] fds = new fd_set[3];
            for (int i = 0; i < 3; i++) {
                fds[i] = fdSet(st, sets.get(i));
            }
            int ret = st.w().select(0, fds[0], fds[1], fds[2], ms == null ? null : timeval.ofMillis(ms));
            List<Output.Field> out = new ArrayList<>();
            for (int i = 0; ret != Winsock.SOCKET_ERROR && i < 3; i++) {
                if (fds[i] != null) {
                    List<Output> names = new ArrayList<>();
                    for (int j = 0; j < fds[i].fd_count; j++) {
                        names.add(new Output.Name(st.nameOf(fds[i].fd_array[j])));
                    }
                    out.add(new Output.Field(SETS.get(i).key(), new Output.List(names, false)));
                }
            }
            return st.result(SOCKET_ERROR, ret, out, null);
        };
    }

    /** An fd_set holding exactly the sockets listed, duplicates included (as a program filling fd_array itself does). */
    private static fd_set fdSet(ScriptState st, List<HandleRef> refs) {
        if (refs == null) {
            return null;
        }
        fd_set s = new fd_set(Math.max(Winsock.FD_SETSIZE, refs.size()));
        for (HandleRef r : refs) {
            s.fd_array[s.fd_count++] = st.handle(r);
        }
        return s;
    }

    /** A disconnect-data WSABUF: NULL (the default) or one of LEN zero bytes. */
    private static WSABUF disconnectData(Args a) throws ScriptSyntaxError {
        if (!a.more() || a.peek().isWord("NULL")) {
            if (a.more()) {
                a.next();
            }
            return null;
        }
        Token at = a.peek();
        int len = a.length("the disconnect data's length");
        if (len < 0) {
            throw a.error(at, "a disconnect-data length is 0 or more, not " + at.shown());
        }
        return new WSABUF(new byte[len], 0, len);
    }
}
