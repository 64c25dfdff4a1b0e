package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Token.Kind.ARROW;
import static org.winsim.scenarios.script.Token.Kind.EQUALS;
import static org.winsim.scenarios.script.Token.Kind.LBRACE;
import static org.winsim.scenarios.script.Token.Kind.STRING;
import static org.winsim.scenarios.script.Token.Kind.WORD;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winsim.scenarios.script.Script.Call;
import org.winsim.scenarios.script.Script.Statement;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Parses {@code .wss} scripts. The whole file is checked before anything runs: an unknown verb or
 * constant, a name of the wrong type, a bad address, an unclosed string, a missing value or a wrong
 * argument count is a {@link ScriptSyntaxError} naming the line and column. Verbs come from the
 * {@link VerbRegistry}; this class reads what is common to every line (directives, {@code NAME =},
 * {@code spawn NAME:}, and the expectation after {@code =>}).
 */
public final class ScriptParser {
    private final String file;
    private final Names names = new Names();
    private int lineNo;

    private ScriptParser(String file) {
        this.file = file;
    }

    /** Parses a script's text; {@code file} names it in errors. A leading byte-order mark is skipped. */
    public static Script parse(String file, String text) throws ScriptSyntaxError {
        return new ScriptParser(file).parseAll(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** Parses a script's bytes, which must be UTF-8 (a byte-order mark is allowed); undecodable bytes are an error naming their offset. */
    public static Script parse(String file, byte[] bytes) throws ScriptSyntaxError {
        return parse(file, decode(file, bytes));
    }

    private static String decode(String file, byte[] bytes) throws ScriptSyntaxError {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            String before = out.flip().toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ScriptSyntaxError(file, line, column, String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02x at byte offset %d cannot be decoded", bytes[offset] & 0xff, offset));
        }
        try {
            d.flush(out);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("UTF-8 decoder misuse", e);
        }
        return out.flip().toString();
    }

    private Script parseAll(String text) throws ScriptSyntaxError {
        String profile = null;
        Long seed = null;
        boolean startup = true;
        FaultPlan faults = FaultPlan.NONE;
        List<Statement> statements = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            String raw = lines[i];
            List<Token> toks = Lexer.tokens(file, lineNo, raw);
            if (toks.isEmpty()) {
                continue;
            }
            String code = raw.substring(0, Lexer.codeEnd(raw));
            Args a = new Args(file, lineNo, toks, 0, code.stripTrailing().length(), names);
            Token first = toks.get(0);
            if (first.isWord("profile") || first.isWord("seed") || first.isWord("startup") || first.isWord("faults")) {
                if (!statements.isEmpty()) {
                    throw a.error(first, "'" + first.text() + "' must come before the first statement");
                }
                a.next();
                Token v = a.word("a value for " + first.text());
                switch (first.text()) {
                    case "profile" -> {
                        if (!v.text().equals("windows") && !v.text().equals("linux")) {
                            throw a.error(v, "unknown profile '" + v.shown() + "': expected windows or linux");
                        }
                        profile = v.text();
                    }
                    case "seed" -> seed = a.number(v, "a seed");
                    case "faults" -> {
                        faults = faultPlan(a, v, code);
                        continue;
                    }
                    default -> {
                        if (!v.text().equals("on") && !v.text().equals("off")) {
                            throw a.error(v, "expected on or off after startup");
                        }
                        startup = v.text().equals("on");
                    }
                }
                end(a);
                continue;
            }
            statements.add(statement(a, toks, code.strip()));
        }
        return new Script(file, profile, seed, startup, faults, List.copyOf(statements));
    }

    /** {@code faults PLAN}: the rest of the line is the plan, as {@code --faults} takes it ({@code partial-send@conn1:512}). */
    private static FaultPlan faultPlan(Args a, Token start, String code) throws ScriptSyntaxError {
        String text = code.substring(start.column() - 1).strip();
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw a.error(start, "a fault plan has no spaces: write it as --faults takes it, such as partial-send@conn1:512");
        }
        try {
            return FaultPlan.parse(text);
        } catch (IllegalArgumentException e) {
            throw a.error(start, "bad fault plan: " + e.getMessage());
        }
    }

    private Statement statement(Args a, List<Token> toks, String text) throws ScriptSyntaxError {
        Token first = toks.get(0);
        if (first.isWord("spawn")) {
            a.next();
            Token name = a.word("a thread name after spawn");
            if (!name.text().endsWith(":")) {
                throw a.error(name, "expected 'NAME:' after spawn");
            }
            String n = name.text().substring(0, name.text().length() - 1);
            newName(a, name, n);
            Call call = call(a);
            if (!a.atEnd()) {
                throw a.error(a.peek(), a.peek().is(ARROW) ? "a spawned call has no expectation: give it to 'join " + n + "'"
                        : "too many arguments: " + a.peek().describe() + " is not expected here");
            }
            names.bind(n, new Names.Entry(NameType.THREAD, call.shape(), null));
            return new Script.Spawn(lineNo, text, n, call);
        }
        String bind = null;
        Token bindTok = null;
        if (toks.size() > 1 && toks.get(1).is(EQUALS) && first.is(WORD)) {
            bindTok = first;
            bind = first.text();
            a.next();
            a.next();
        }
        Call call = call(a);
        if (bind != null) {
            if (call.verb().binds() == null) {
                throw a.error(bindTok, call.verb().name() + " returns no handle to bind to a name (socket, accept, CreateEvent, WSACreateEvent"
                        + " and CreateWindowEx do)");
            }
            newName(a, bindTok, bind);
            CallbackKind records = call.verb().binds().records();
            names.bind(bind, new Names.Entry(call.verb().binds(), records == null ? null : records.shape(), records));
        }
        Expectation e = expectation(a, call);
        end(a);
        return new Script.CallStatement(lineNo, text, bind, call, e);
    }

    private void newName(Args a, Token at, String name) throws ScriptSyntaxError {
        String why = names.whyNot(name);
        if (why != null) {
            throw a.error(at, why);
        }
    }

    private Call call(Args a) throws ScriptSyntaxError {
        Token t = a.word("a verb");
        Verb verb = VerbRegistry.get(t.text());
        if (verb == null) {
            throw a.error(t, "unknown verb '" + t.shown() + "' (winsim script --verbs lists them)");
        }
        Verb.Action action = verb.parser().parse(a);
        return new Call(verb, a.resultShape(verb.result()), action);
    }

    private Expectation expectation(Args a, Call call) throws ScriptSyntaxError {
        if (a.atEnd()) {
            return null;
        }
        Token arrow = a.next();
        if (!arrow.is(ARROW)) {
            throw a.error(arrow, "too many arguments: " + arrow.describe() + " is not expected here");
        }
        Shape shape = call.shape();
        if (shape.convention() == Convention.NONE) {
            throw a.error(arrow, call.verb().name() + " has no result to check");
        }
        if (a.atEnd()) {
            throw a.error(a.here(), "expected a value after '=>'");
        }
        Token v = a.next();
        boolean any = v.isWord("*");
        boolean pending = v.isWord("PENDING");
        long number = 0;
        if (pending && call.verb().result().convention() != Convention.DEFERRED) {
            throw a.error(v, "PENDING is the result of a line that checks a deferred call (join); " + call.verb().name()
                    + " completes before the next line");
        }
        if (!any && !pending) {
            Integer err = shape.convention() == Convention.ERROR_CODE ? Constants.error(v.text()) : null;
            number = err != null ? err : a.number(v, "a value after '=>'");
        }
        String error = null;
        if (!a.atEnd() && a.peek().is(WORD) && Constants.error(a.peek().text()) != null) {
            error = a.next().text();
        }
        List<Output.Field> outputs = new ArrayList<>();
        while (!a.atEnd()) {
            Token at = a.peek();
            Output.Field f = output(a, call);
            if (f.key() != null && outputs.stream().anyMatch(o -> f.key().equals(o.key()))) {
                throw a.error(at, "'" + f.key() + "=' is given twice: expected each named output once");
            }
            outputs.add(f);
        }
        return new Expectation(shape, v.text(), any, pending, number, error, outputs);
    }

    private Output.Field output(Args a, Call call) throws ScriptSyntaxError {
        Token t = a.next();
        if (t.is(STRING)) {
            return new Output.Field(null, new Output.Data(t.text().getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (!t.is(WORD)) {
            throw a.error(t, "expected an output value, found " + t.describe());
        }
        if (!a.atEnd() && a.peek().is(EQUALS)) {
            OutputSpec spec = call.shape().spec(t.text());
            if (spec == null) {
                List<String> keys = call.shape().named().stream().map(s -> s.key() + "=").toList();
                throw a.error(t, "unknown output '" + t.shown() + "=': " + (keys.isEmpty() ? call.verb().name() + " has no named outputs"
                        : "expected " + String.join(", ", keys)));
            }
            a.next();
            return new Output.Field(spec.key(), namedValue(a, spec));
        }
        if (t.text().endsWith(")")) {
            return new Output.Field(null, new Output.Name(WindowMessage.parse(a, t)));
        }
        int colon = t.text().lastIndexOf(':');
        if (colon > 0 && t.text().indexOf('.') >= 0) {
            int addr = sockaddr_in.inet_addr(t.text().substring(0, colon));
            String p = t.text().substring(colon + 1);
            Long port = p.equals("*") ? Long.valueOf(-1) : Constants.value(p);
            if (addr == -1 || port == null || port < -1 || port > 65535) {
                throw a.error(t, "bad address '" + t.shown() + "': expected IP:PORT or IP:*");
            }
            return new Output.Field(null, new Output.Addr(addr, port.intValue()));
        }
        return new Output.Field(null, new Output.Number(a.number(t, "an output value")));
    }

    private Output namedValue(Args a, OutputSpec spec) throws ScriptSyntaxError {
        return switch (spec.kind()) {
            case SET -> new Output.List(a.handleList("the " + spec.key() + " set", spec.type()).stream()
                    .map(r -> (Output) new Output.Name(r.name() != null ? r.name() : "0x" + Long.toHexString(r.literal()))).toList(), false);
            case NUMBER -> new Output.Number(a.number("a number for " + spec.key() + "="));
            case STATUS -> new Output.Status(a.number("an NTSTATUS such as STATUS_SUCCESS for " + spec.key() + "="));
            case HANDLE -> {
                Script.HandleRef r = a.handle(spec.type());
                yield new Output.Name(r.name() != null ? r.name() : r.literal() == 0 ? "NULL" : "0x" + Long.toHexString(r.literal()));
            }
            case EVENTS -> {
                Token t = a.word("FD_ events such as FD_READ|FD_CLOSE, or 0");
                yield new Output.Name(org.winsim.winsock.api.Winsock.fdNames((int) a.number(t, "FD_ events such as FD_READ|FD_CLOSE")));
            }
            case ERRORS -> {
                List<Output> items = new ArrayList<>();
                for (Token t : a.wordList("the " + spec.key() + " list")) {
                    Integer err = Constants.error(t.text());
                    items.add(new Output.Name(WindowMessage.errorName(err != null ? err : (int) a.number(t, "an error name or 0"))));
                }
                yield new Output.List(items, true);
            }
            case POLL -> { // ---- WSAPoll ----
                List<Output> items = new ArrayList<>();
                for (Token t : a.wordList("the " + spec.key() + " list")) {
                    items.add(new Output.Name(org.winsim.winsock.api.Winsock.pollNames((int) a.number(t, "POLL bits such as POLLRDNORM|POLLHUP, or 0"))));
                }
                yield new Output.List(items, true);
            }
            case COLUMN -> {
                List<Output> items = new ArrayList<>();
                if (!a.atEnd() && a.peek().is(LBRACE)) {
                    a.next();
                    while (!a.atEnd() && !a.peek().is(Token.Kind.RBRACE)) {
                        items.add(columnValue(a, spec));
                        if (!a.atEnd() && a.peek().is(Token.Kind.COMMA)) {
                            a.next();
                        } else if (a.atEnd() || !a.peek().is(Token.Kind.RBRACE)) {
                            throw a.error(a.atEnd() ? a.here() : a.peek(), "expected ',' or '}' in the " + spec.key() + " list"
                                    + (a.atEnd() ? " (the line ends too early)" : ", found " + a.peek().describe()));
                        }
                    }
                    a.expect(Token.Kind.RBRACE, "'}' to end the " + spec.key() + " list");
                } else {
                    items.add(columnValue(a, spec));
                }
                yield new Output.List(items, true);
            }
        };
    }

    /** One value of a callback record's column: a number or constant, a bound name, or a thread name (main). */
    private Output columnValue(Args a, OutputSpec spec) throws ScriptSyntaxError {
        Token t = a.word("a value for " + spec.key() + "=");
        if (names.get(t.text()) != null || t.isWord(Names.MAIN)) {
            return new Output.Name(t.text());
        }
        if (Constants.error(t.text()) != null) {
            return new Output.Number(Constants.error(t.text()));
        }
        return new Output.Number(a.number(t, "a value for " + spec.key() + "="));
    }

    private static void end(Args a) throws ScriptSyntaxError {
        if (!a.atEnd()) {
            Token t = a.peek();
            throw a.error(t, "too many arguments: " + t.describe() + " is not expected here");
        }
    }
}
