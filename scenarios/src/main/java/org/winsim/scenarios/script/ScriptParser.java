package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Token.Kind.ARROW;
import static org.winsim.scenarios.script.Token.Kind.COMMA;
import static org.winsim.scenarios.script.Token.Kind.EQUALS;
import static org.winsim.scenarios.script.Token.Kind.LBRACE;
import static org.winsim.scenarios.script.Token.Kind.RBRACE;
import static org.winsim.scenarios.script.Token.Kind.STRING;
import static org.winsim.scenarios.script.Token.Kind.WORD;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.winsim.scenarios.script.Script.Address;
import org.winsim.scenarios.script.Script.Call;
import org.winsim.scenarios.script.Script.Expectation;
import org.winsim.scenarios.script.Script.Output;
import org.winsim.scenarios.script.Script.SocketRef;
import org.winsim.scenarios.script.Script.Statement;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/**
 * Parses {@code .wss} scripts. The whole file is checked before anything runs: an unknown verb or
 * constant, a bad address, an unclosed string, a missing value or a wrong argument count is a
 * {@link ScriptSyntaxError} naming the line and column.
 */
public final class ScriptParser {
    private static final Set<String> VERBS = Set.of("socket", "bind", "listen", "accept", "connect", "send", "recv",
            "shutdown", "closesocket", "ioctlsocket", "setsockopt", "getsockopt", "getsockname", "getpeername", "select",
            "WSAStartup", "WSACleanup");

    private final String file;
    private final Set<String> sockets = new HashSet<>();
    private final Set<String> spawned = new HashSet<>();
    private int lineNo;
    private List<Token> toks;
    private int pos;
    private int lineLength;

    private ScriptParser(String file) {
        this.file = file;
    }

    /** Parses a script's text; {@code file} names it in errors. */
    public static Script parse(String file, String text) throws ScriptSyntaxError {
        return new ScriptParser(file).parseAll(text);
    }

    private Script parseAll(String text) throws ScriptSyntaxError {
        String profile = null;
        Long seed = null;
        boolean startup = true;
        List<Statement> statements = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            String raw = lines[i];
            toks = Lexer.tokens(file, lineNo, raw);
            pos = 0;
            lineLength = raw.substring(0, Lexer.codeEnd(raw)).stripTrailing().length();
            if (toks.isEmpty()) {
                continue;
            }
            String stmtText = raw.substring(0, Lexer.codeEnd(raw)).strip();
            Token first = toks.get(0);
            if (first.isWord("profile") || first.isWord("seed") || first.isWord("startup")) {
                if (!statements.isEmpty()) {
                    throw error(first, "'" + first.text() + "' must come before the first statement");
                }
                next();
                Token v = expectWord("a value for " + first.text());
                switch (first.text()) {
                    case "profile" -> {
                        if (!v.text().equals("windows") && !v.text().equals("linux")) {
                            throw error(v, "unknown profile '" + v.text() + "': expected windows or linux");
                        }
                        profile = v.text();
                    }
                    case "seed" -> seed = number(v, "a seed");
                    default -> {
                        if (!v.text().equals("on") && !v.text().equals("off")) {
                            throw error(v, "expected on or off after startup");
                        }
                        startup = v.text().equals("on");
                    }
                }
                end();
                continue;
            }
            statements.add(statement(stmtText));
        }
        return new Script(file, profile, seed, startup, List.copyOf(statements));
    }

    private Statement statement(String text) throws ScriptSyntaxError {
        Token first = peek();
        if (first.isWord("spawn")) {
            next();
            Token name = expectWord("a thread name after spawn");
            String n = name.text();
            if (n.endsWith(":")) {
                n = n.substring(0, n.length() - 1);
            } else {
                throw error(name, "expected 'NAME:' after spawn");
            }
            checkNewName(name, n);
            Call call = call();
            if (more() && peek().is(ARROW)) {
                throw error(peek(), "a spawned call has no expectation: give it to 'join " + n + "'");
            }
            end();
            spawned.add(n);
            return new Script.Spawn(lineNo, text, n, call);
        }
        if (first.isWord("join")) {
            next();
            Token name = expectWord("the name of a spawned call");
            if (!spawned.contains(name.text())) {
                throw error(name, "unknown thread '" + name.text() + "': start it with 'spawn " + name.text() + ": ...'");
            }
            long timeout = -1;
            if (more() && peek().is(WORD)) {
                timeout = duration(next());
            }
            Expectation e = expectation();
            end();
            return new Script.Join(lineNo, text, name.text(), timeout, e);
        }
        if (first.isWord("wait")) {
            next();
            long nanos = duration(expectWord("a duration such as 10ms"));
            end();
            return new Script.Wait(lineNo, text, nanos);
        }
        String bind = null;
        Token bindTok = null;
        if (toks.size() > 1 && toks.get(1).is(EQUALS) && first.is(WORD)) {
            bindTok = first;
            bind = first.text();
            pos = 2;
        }
        Call call = call();
        if (bind != null) {
            if (!call.returnsHandle()) {
                throw error(bindTok, "only socket and accept return a handle to bind to a name");
            }
            checkNewName(bindTok, bind);
            sockets.add(bind);
        }
        Expectation e = expectation();
        end();
        return new Script.CallStatement(lineNo, text, bind, call, e);
    }

    private void checkNewName(Token at, String name) throws ScriptSyntaxError {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(at, "'" + name + "' is not a name: use letters, digits and _");
        }
        if (VERBS.contains(name) || Constants.value(name) != null || Constants.error(name) != null) {
            throw error(at, "'" + name + "' is a verb or constant and cannot name a socket or thread");
        }
        if (sockets.contains(name) || spawned.contains(name)) {
            throw error(at, "'" + name + "' is already bound");
        }
    }

    private Call call() throws ScriptSyntaxError {
        Token verb = expectWord("a verb");
        if (!VERBS.contains(verb.text())) {
            throw error(verb, "unknown verb '" + verb.text() + "'");
        }
        return switch (verb.text()) {
            case "socket" -> new Call.Socket(intArg("an address family"), intArg("a socket type"), intArg("a protocol"));
            case "bind" -> new Call.Bind(socket(), address(), lenOption(Winsock.SIZEOF_SOCKADDR_IN));
            case "listen" -> new Call.Listen(socket(), intArg("a backlog"));
            case "accept" -> new Call.Accept(socket(), lenOption(Winsock.SIZEOF_SOCKADDR_IN));
            case "connect" -> new Call.Connect(socket(), address(), lenOption(Winsock.SIZEOF_SOCKADDR_IN));
            case "send" -> send();
            case "recv" -> new Call.Recv(socket(), intArg("a length"), flags());
            case "shutdown" -> new Call.Shutdown(socket(), intArg("SD_RECEIVE, SD_SEND or SD_BOTH"));
            case "closesocket" -> new Call.Close(socket());
            case "ioctlsocket" -> ioctl();
            case "setsockopt" -> setOpt();
            case "getsockopt" -> getOpt();
            case "getsockname", "getpeername" -> new Call.Name(verb.text().equals("getpeername"), socket(),
                    lenOption(Winsock.SIZEOF_SOCKADDR_IN));
            case "select" -> select();
            case "WSAStartup" -> new Call.Startup();
            default -> new Call.Cleanup();
        };
    }

    private Call send() throws ScriptSyntaxError {
        SocketRef s = socket();
        if (!more() || peek().is(ARROW)) {
            throw error(here(), "expected a byte count or a \"string\" to send");
        }
        Token t = next();
        if (t.is(STRING)) {
            return new Call.Send(s, t.text().getBytes(StandardCharsets.ISO_8859_1), 0, flags());
        }
        return new Call.Send(s, null, (int) number(t, "a byte count or a \"string\""), flags());
    }

    private Call ioctl() throws ScriptSyntaxError {
        SocketRef s = socket();
        int cmd = intArg("FIONBIO, FIONREAD or SIOCATMARK");
        Long arg = null;
        if (cmd == Winsock.FIONBIO) {
            Token t = expectWord("a value for FIONBIO (0 or 1), or NULL");
            arg = t.isWord("NULL") ? null : number(t, "a value for FIONBIO");
        } else if (more() && peek().isWord("NULL")) {
            next();
        } else {
            arg = 0L;
        }
        return new Call.Ioctl(s, cmd, arg);
    }

    private int[] optionLevel(Token opt) throws ScriptSyntaxError {
        long v = number(opt, "a socket option");
        if (opt.text().equals("SOL_SOCKET") || opt.text().equals("IPPROTO_TCP")) {
            Token name = expectWord("a socket option");
            return new int[] {(int) v, (int) number(name, "a socket option")};
        }
        return new int[] {opt.text().equals("TCP_NODELAY") ? Winsock.IPPROTO_TCP : Winsock.SOL_SOCKET, (int) v};
    }

    private Call setOpt() throws ScriptSyntaxError {
        SocketRef s = socket();
        Token opt = expectWord("a socket option");
        int[] lo = optionLevel(opt);
        boolean linger = lo[0] == Winsock.SOL_SOCKET && lo[1] == Winsock.SO_LINGER;
        if (more() && peek().isWord("NULL")) {
            next();
            return new Call.SetOpt(s, lo[0], lo[1], new int[0], lenOption(4), true);
        }
        int[] values = linger ? new int[] {intArg("l_onoff"), intArg("l_linger")} : new int[] {intArg("the option's value")};
        return new Call.SetOpt(s, lo[0], lo[1], values, lenOption(4), false);
    }

    private Call getOpt() throws ScriptSyntaxError {
        SocketRef s = socket();
        Token opt = expectWord("a socket option");
        int[] lo = optionLevel(opt);
        return new Call.GetOpt(s, lo[0], lo[1], lenOption(4));
    }

    private Call select() throws ScriptSyntaxError {
        List<SocketRef> r = null;
        List<SocketRef> w = null;
        List<SocketRef> e = null;
        Long timeout = null;
        while (more() && !peek().is(ARROW)) {
            Token key = expectWord("read=, write=, except= or timeout=");
            expect(EQUALS, "'=' after " + key.text());
            switch (key.text()) {
                case "read" -> r = socketSet(r, key);
                case "write" -> w = socketSet(w, key);
                case "except" -> e = socketSet(e, key);
                case "timeout" -> timeout = number(expectWord("a timeout in milliseconds"), "a timeout in milliseconds");
                default -> throw error(key, "unknown select argument '" + key.text() + "': expected read=, write=, except= or timeout=");
            }
        }
        return new Call.Select(r, w, e, timeout);
    }

    private List<SocketRef> socketSet(List<SocketRef> before, Token key) throws ScriptSyntaxError {
        if (before != null) {
            throw error(key, key.text() + "= is given twice");
        }
        if (more() && peek().isWord("NULL")) {
            next();
            return null;
        }
        expect(LBRACE, "'{' to start the " + key.text() + " set");
        List<SocketRef> out = new ArrayList<>();
        if (more() && peek().is(RBRACE)) {
            next();
            return out;
        }
        while (true) {
            out.add(socket());
            Token t = expectAny("',' or '}'");
            if (t.is(RBRACE)) {
                return out;
            }
            if (!t.is(COMMA)) {
                throw error(t, "expected ',' or '}' in the " + key.text() + " set, found " + t.describe());
            }
        }
    }

    private SocketRef socket() throws ScriptSyntaxError {
        Token t = expectWord("a socket name");
        if (sockets.contains(t.text())) {
            return new SocketRef(t.text(), 0);
        }
        Long v = Constants.value(t.text());
        if (v != null) {
            return new SocketRef(null, v);
        }
        throw error(t, "unknown socket name '" + t.text() + "' (bind it first, as in '" + t.text() + " = socket ...')");
    }

    private Address address() throws ScriptSyntaxError {
        Token t = expectWord("an address such as 127.0.0.1:5150, a socket name, or NULL");
        if (t.isWord("NULL")) {
            return new Address(null, 0, 0, true);
        }
        if (sockets.contains(t.text())) {
            return new Address(t.text(), 0, 0, false);
        }
        int colon = t.text().lastIndexOf(':');
        if (colon < 0) {
            throw error(t, "bad address '" + t.text() + "': expected IP:PORT such as 127.0.0.1:5150, or a socket name");
        }
        int a = sockaddr_in.inet_addr(t.text().substring(0, colon));
        Long port = Constants.value(t.text().substring(colon + 1));
        if (a == -1 && !t.text().startsWith("255.255.255.255:")) {
            throw error(t, "bad address '" + t.text() + "': '" + t.text().substring(0, colon) + "' is not an IPv4 address");
        }
        if (port == null || port < 0 || port > 65535) {
            throw error(t, "bad address '" + t.text() + "': the port must be a number from 0 to 65535");
        }
        return new Address(null, a, port.intValue(), false);
    }

    private int lenOption(int dflt) throws ScriptSyntaxError {
        if (more() && peek().isWord("len")) {
            next();
            expect(EQUALS, "'=' after len");
            Token v = expectWord("a length, or NULL");
            return v.isWord("NULL") ? -1 : (int) number(v, "a length");
        }
        if (more() && peek().isWord("NULL")) {
            next();
            return -1;
        }
        return dflt;
    }

    private int flags() throws ScriptSyntaxError {
        int f = 0;
        while (more() && peek().is(WORD)) {
            f |= (int) number(next(), "a flag such as MSG_PEEK");
        }
        return f;
    }

    private int intArg(String what) throws ScriptSyntaxError {
        return (int) number(expectWord(what), what);
    }

    private long number(Token t, String what) throws ScriptSyntaxError {
        if (!t.is(WORD)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        Long v = Constants.value(t.text());
        if (v == null) {
            boolean looksNamed = Character.isLetter(t.text().charAt(0)) || t.text().charAt(0) == '_';
            throw error(t, (looksNamed ? "unknown constant '" : "bad number '") + t.text() + "': expected " + what);
        }
        return v;
    }

    private long duration(Token t) throws ScriptSyntaxError {
        String s = t.text();
        long unit;
        String digits;
        if (s.endsWith("ms")) {
            unit = 1_000_000L;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("us")) {
            unit = 1_000L;
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1_000_000_000L;
            digits = s.substring(0, s.length() - 1);
        } else {
            throw error(t, "bad duration '" + s + "': expected a number with ms, us or s, such as 10ms");
        }
        try {
            long v = Long.parseLong(digits);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(t, "bad duration '" + s + "': expected a number with ms, us or s, such as 10ms");
        }
    }

    private Expectation expectation() throws ScriptSyntaxError {
        if (!more()) {
            return null;
        }
        Token arrow = next();
        if (!arrow.is(ARROW)) {
            throw error(arrow, "too many arguments: " + arrow.describe() + " is not expected here");
        }
        if (!more()) {
            throw error(here(), "expected a value after '=>'");
        }
        Token v = next();
        Expectation.Value value;
        if (v.isWord("*")) {
            value = new Expectation.Value(true, false, 0, "*");
        } else if (v.isWord("PENDING")) {
            value = new Expectation.Value(false, true, 0, "PENDING");
        } else {
            value = new Expectation.Value(false, false, number(v, "a value after '=>'"), v.text());
        }
        String err = null;
        if (more() && peek().is(WORD) && Constants.error(peek().text()) != null) {
            err = next().text();
        }
        List<Output> outputs = new ArrayList<>();
        while (more()) {
            outputs.add(output());
        }
        return new Expectation(value, err, List.copyOf(outputs));
    }

    private Output output() throws ScriptSyntaxError {
        Token t = next();
        if (t.is(STRING)) {
            return new Output.Data(t.text().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!t.is(WORD)) {
            throw error(t, "expected an output value, found " + t.describe());
        }
        if (more() && peek().is(EQUALS)) {
            if (!List.of("read", "write", "except").contains(t.text())) {
                throw error(t, "unknown output '" + t.text() + "=': expected read=, write= or except=");
            }
            next();
            List<String> names = new ArrayList<>();
            for (SocketRef r : socketSet(null, t)) {
                names.add(r.toString());
            }
            return new Output.Set(t.text(), names);
        }
        int colon = t.text().lastIndexOf(':');
        if (colon > 0 && t.text().indexOf('.') >= 0) {
            int a = sockaddr_in.inet_addr(t.text().substring(0, colon));
            String p = t.text().substring(colon + 1);
            Long port = p.equals("*") ? Long.valueOf(-1) : Constants.value(p);
            if (a == -1 || port == null || port < -1 || port > 65535) {
                throw error(t, "bad address '" + t.text() + "': expected IP:PORT or IP:*");
            }
            return new Output.Addr(a, port.intValue());
        }
        return new Output.Number(number(t, "an output value"));
    }

    // ---- token cursor ----

    private boolean more() {
        return pos < toks.size();
    }

    private Token peek() {
        return toks.get(pos);
    }

    private Token next() {
        return toks.get(pos++);
    }

    /** A zero-width token at the end of the line, for "expected … here" errors. */
    private Token here() {
        return new Token(WORD, "", more() ? peek().column() : lineLength + 1);
    }

    private Token expectWord(String what) throws ScriptSyntaxError {
        if (!more()) {
            throw error(here(), "expected " + what + " (the line ends too early)");
        }
        Token t = next();
        if (!t.is(WORD)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    private Token expectAny(String what) throws ScriptSyntaxError {
        if (!more()) {
            throw error(here(), "expected " + what + " (the line ends too early)");
        }
        return next();
    }

    private void expect(Token.Kind kind, String what) throws ScriptSyntaxError {
        Token t = expectAny(what);
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
    }

    private void end() throws ScriptSyntaxError {
        if (more()) {
            Token t = peek();
            throw error(t, "too many arguments: " + t.describe() + " is not expected here");
        }
    }

    private ScriptSyntaxError error(Token at, String message) {
        return new ScriptSyntaxError(file, lineNo, at.column(), message);
    }
}
