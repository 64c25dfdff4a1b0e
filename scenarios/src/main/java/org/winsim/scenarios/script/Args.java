package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Token.Kind.ARROW;
import static org.winsim.scenarios.script.Token.Kind.COMMA;
import static org.winsim.scenarios.script.Token.Kind.EQUALS;
import static org.winsim.scenarios.script.Token.Kind.LBRACE;
import static org.winsim.scenarios.script.Token.Kind.RBRACE;
import static org.winsim.scenarios.script.Token.Kind.WORD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.winsim.scenarios.script.Script.Address;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The arguments of one script line as a verb's parser reads them: a cursor over the line's tokens
 * with readers for each kind of argument (typed names, numbers, addresses, lengths, lists), each
 * failing with a {@link ScriptSyntaxError} at the token's line and column.
 */
public final class Args {
    /** The most bytes one send or recv may move, and the longest length a script may pass: 64 MiB. */
    public static final int MAX_LENGTH = 64 << 20;

    private final String file;
    private final int lineNo;
    private final List<Token> toks;
    private final int lineLength;
    private final Names names;
    private int pos;
    private Shape resultShape;

    Args(String file, int lineNo, List<Token> toks, int pos, int lineLength, Names names) {
        this.file = file;
        this.lineNo = lineNo;
        this.toks = toks;
        this.pos = pos;
        this.lineLength = lineLength;
        this.names = names;
    }

    // ---- typed names ----

    /**
     * A handle argument: a name of one of {@code types}, such a name with tag bits or-ed in as C programs
     * do ({@code e|1}: the kernel ignores a handle's two low bits, and an OVERLAPPED's event tagged so asks
     * for no completion packet), a literal value or constant (a bad handle such as INVALID_SOCKET or
     * 0x1234), {@code NULL}, or for a thread {@code self} (GetCurrentThread's pseudo-handle).
     */
    public HandleRef handle(NameType... types) throws ScriptSyntaxError {
        String what = Arrays.stream(types).map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).reduce((a, b) -> a + " or " + b)
                .orElseThrow() + " name";
        Token t = word("a" + (what.startsWith("e") ? "n " : " ") + what);
        int bar = t.text().indexOf('|');
        String name = bar > 0 ? t.text().substring(0, bar) : t.text();
        Names.Entry e = names.get(name);
        if (e == null && bar > 0 && Constants.value(t.text()) == null) {
            throw error(t, "unknown " + what + " '" + name + "' (bind it first, as in " + bindHint(types[0], name) + ")");
        }
        if (e != null) {
            if (!Arrays.asList(types).contains(e.type())) {
                throw error(t, "'" + name + "' is " + e.type().described + ", not " + describe(types));
            }
            String tag = bar > 0 ? t.text().substring(bar + 1) : "";
            if (!tag.isEmpty() && (e.type() != NameType.EVENT || !tag.matches("[123]"))) {
                throw error(t, "'" + t.shown() + "': only an event's handle takes a tag after '|', and the tag is 1, 2 or 3"
                        + " (its two low bits)");
            }
            return new HandleRef(name, tag.isEmpty() ? 0 : tag.charAt(0) - '0');
        }
        if (t.isWord(Names.SELF) && Arrays.asList(types).contains(NameType.THREAD)) {
            return new HandleRef(null, WinBase.CURRENT_THREAD);
        }
        Long v = Constants.value(t.text());
        if (v != null) {
            return new HandleRef(null, v);
        }
        throw error(t, "unknown " + what + " '" + t.shown() + "' (bind it first, as in " + bindHint(types[0], t.shown()) + ")");
    }

    private static String describe(NameType... types) {
        return Arrays.stream(types).map(t -> t.described).reduce((a, b) -> a + " or " + b).orElseThrow();
    }

    private static String bindHint(NameType t, String name) {
        return switch (t) {
            case SOCKET -> "'" + name + " = socket ...'";
            case EVENT -> "'" + name + " = CreateEvent ...'";
            case THREAD -> "'spawn " + name + ": ...'";
            case CALLBACK -> "'QueueUserAPC " + name + " THREAD DATA'";
            case OVERLAPPED -> "an overlapped call's 'ov=" + name + "'";
            case WINDOW -> "'" + name + " = CreateWindowEx HWND_MESSAGE'";
            case PORT -> "'" + name + " = ...'";
            case HANDLE -> "'" + name + " = DuplicateHandle ...'"; // duplicated handles and deferred accept
        };
    }

    public HandleRef socket() throws ScriptSyntaxError {
        return handle(NameType.SOCKET);
    }

    /** A list of handles in braces, {@code {a,b}}; the same name may appear twice, and {@code {}} is empty. */
    public List<HandleRef> handleList(String what, NameType... types) throws ScriptSyntaxError {
        return braced(what, () -> handle(types));
    }

    /** Reads one item of a braced list. */
    interface Item<T> {
        T read() throws ScriptSyntaxError;
    }

    /** A braced list, {@code {x,y}} ({@code {}} is empty), each item read by {@code item}. */
    <T> List<T> braced(String what, Item<T> item) throws ScriptSyntaxError {
        expect(LBRACE, "'{' to start " + what);
        List<T> out = new ArrayList<>();
        if (more() && peek().is(RBRACE)) {
            next();
            return out;
        }
        while (true) {
            out.add(item.read());
            Token t = any("',' or '}'");
            if (t.is(RBRACE)) {
                return out;
            }
            if (!t.is(COMMA)) {
                throw error(t, "expected ',' or '}' in " + what + ", found " + t.describe());
            }
        }
    }

    /** Words in braces, {@code {a,b}} ({@code {}} is empty): the values of a list output. */
    List<Token> wordList(String what) throws ScriptSyntaxError {
        return braced(what, () -> word("a value in " + what));
    }

    /**
     * A recording callback of {@code kind}: a new name binds it, a name bound before by the same kind
     * of call is the same callback (its record goes on).
     */
    public String callback(CallbackKind kind) throws ScriptSyntaxError {
        Token t = word("a callback name");
        Names.Entry e = names.get(t.text());
        if (e != null) {
            if (e.callback() != kind) {
                throw error(t, "'" + t.text() + "' is " + e.type().described + ", not a recording callback (" + kind.name() + ")");
            }
            return t.text();
        }
        String why = names.whyNot(t.text());
        if (why != null) {
            throw error(t, why);
        }
        names.bind(t.text(), new Names.Entry(NameType.CALLBACK, kind.shape(), kind));
        return t.text();
    }

    /**
     * An OVERLAPPED argument: a bound OVERLAPPED name, a new name (which binds a fresh OVERLAPPED), or
     * NULL (null).
     */
    public String overlapped() throws ScriptSyntaxError {
        Token t = word("an OVERLAPPED name or NULL");
        return t.isWord("NULL") ? null : overlappedNamed(t, null);
    }

    /**
     * The name whose record this line checks (a spawned thread, a callback): the line's expectation
     * then has that record's shape.
     */
    public String completes(NameType... types) throws ScriptSyntaxError {
        HandleRef r = handle(types);
        Names.Entry e = r.name() == null ? null : names.get(r.name());
        if (e == null || e.checked() == null) {
            throw error(toks.get(pos - 1), "'" + toks.get(pos - 1).shown() + "' has no record to check: expected "
                    + describe(types) + " name bound by " + bindHint(types[0], "NAME"));
        }
        resultShape = e.checked();
        return r.name();
    }

    /** The shape the line's expectation has: the verb's, or the checked record's. */
    Shape resultShape(Shape verbShape) {
        return resultShape != null ? resultShape : verbShape;
    }

    /**
     * {@code ov=NAME}: an OVERLAPPED a call uses; a new name binds a new one, a name bound before is the same
     * structure again (reusing it while its operation is pending is the program's mistake, a finding).
     */
    public String overlapped(Shape checked) throws ScriptSyntaxError {
        return overlappedNamed(word("an OVERLAPPED name"), checked);
    }

    /** An OVERLAPPED's name: one bound before is that structure again; a new one is bound (with the record it checks). */
    private String overlappedNamed(Token t, Shape checked) throws ScriptSyntaxError {
        Names.Entry e = names.get(t.text());
        if (e != null) {
            if (e.type() != NameType.OVERLAPPED) {
                throw error(t, "'" + t.text() + "' is " + e.type().described + ", not an overlapped");
            }
            return t.text();
        }
        String why = names.whyNot(t.text());
        if (why != null) {
            throw error(t, why);
        }
        names.bind(t.text(), new Names.Entry(NameType.OVERLAPPED, checked, null));
        return t.text();
    }

    // ---- values ----

    public Token word(String what) throws ScriptSyntaxError {
        if (!more() || peek().is(ARROW)) {
            throw error(here(), "expected " + what + " (the line ends too early)");
        }
        Token t = next();
        if (!t.is(WORD)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    public long number(String what) throws ScriptSyntaxError {
        return number(word(what), what);
    }

    /** A 32-bit argument (an INT, or a DWORD up to 0xFFFFFFFF); a number that fits in neither is refused, not cut. */
    public int intArg(String what) throws ScriptSyntaxError {
        Token t = word(what);
        long v = number(t, what);
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
            throw error(t, "'" + t.shown() + "' does not fit in 32 bits: expected " + what);
        }
        return (int) v;
    }

    long number(Token t, String what) throws ScriptSyntaxError {
        if (!t.is(WORD)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        Long v = Constants.value(t.text());
        if (v == null) {
            boolean looksNamed = Character.isLetter(t.text().charAt(0)) || t.text().charAt(0) == '_';
            throw error(t, (looksNamed ? "unknown constant '" : "bad number '") + t.shown() + "': expected " + what);
        }
        return v;
    }

    /** A length in bytes from 0 to {@link #MAX_LENGTH} (a negative one is passed on as the program's mistake). */
    public int length(String what) throws ScriptSyntaxError {
        Token t = word(what);
        return bounded(t, number(t, what));
    }

    private int bounded(Token t, long v) throws ScriptSyntaxError {
        if (v > MAX_LENGTH || v < Integer.MIN_VALUE) {
            throw error(t, "length " + t.shown() + " is too large: a script may pass at most " + MAX_LENGTH + " bytes (64 MiB)");
        }
        return (int) v;
    }

    /** TRUE or FALSE (or a number: nonzero is TRUE). */
    public boolean bool(String what) throws ScriptSyntaxError {
        return number(what) != 0;
    }

    /** Milliseconds for a Win32 timeout: a number or INFINITE. */
    public int millis(String what) throws ScriptSyntaxError {
        return (int) number(what);
    }

    /** {@code len=N} or a bare {@code NULL} (-1: a NULL pointer and length), else {@code dflt}. */
    public int lenOption(int dflt) throws ScriptSyntaxError {
        if (more() && peek().isWord("len")) {
            next();
            expect(EQUALS, "'=' after len");
            Token v = word("a length, or NULL");
            return v.isWord("NULL") ? -1 : bounded(v, number(v, "a length"));
        }
        if (more() && peek().isWord("NULL")) {
            next();
            return -1;
        }
        return dflt;
    }

    /** Flags such as MSG_PEEK MSG_OOB, or-ed, up to the end of the arguments. */
    public int flags() throws ScriptSyntaxError {
        int f = 0;
        while (more() && peek().is(WORD)) {
            f |= (int) number(next(), "a flag such as MSG_PEEK");
        }
        return f;
    }

    /** A literal IP:PORT, a socket name (where it is bound), or NULL. */
    public Address address() throws ScriptSyntaxError {
        Token t = word("an address such as 127.0.0.1:5150, a socket name, or NULL");
        if (t.isWord("NULL")) {
            return new Address(null, 0, 0, true);
        }
        Names.Entry e = names.get(t.text());
        if (e != null) {
            if (e.type() != NameType.SOCKET) {
                throw error(t, "'" + t.text() + "' is " + e.type().described + ", not a socket or an address");
            }
            return new Address(t.text(), 0, 0, false);
        }
        int colon = t.text().lastIndexOf(':');
        if (colon < 0) {
            throw error(t, "bad address '" + t.shown() + "': expected IP:PORT such as 127.0.0.1:5150, or a socket name");
        }
        int a = sockaddr_in.inet_addr(t.text().substring(0, colon));
        Long port = Constants.value(t.text().substring(colon + 1));
        if (a == -1 && !t.text().startsWith("255.255.255.255:")) {
            throw error(t, "bad address '" + t.shown() + "': '" + Token.cut(t.text().substring(0, colon)) + "' is not an IPv4 address");
        }
        if (port == null || port < 0 || port > 65535) {
            throw error(t, "bad address '" + t.shown() + "': the port must be a number from 0 to 65535");
        }
        return new Address(null, a, port.intValue(), false);
    }

    /** A duration: a number with ms, us or s. */
    public long duration(Token t) throws ScriptSyntaxError {
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
            throw error(t, "bad duration '" + t.shown() + "': expected a number with ms, us or s, such as 10ms");
        }
        try {
            long v = Long.parseLong(digits);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(t, "bad duration '" + t.shown() + "': expected a number with ms, us or s, such as 10ms");
        }
    }

    // ---- cursor ----

    /** Whether an argument follows (not the end of the line, not '=>'). */
    public boolean more() {
        return pos < toks.size() && !toks.get(pos).is(ARROW);
    }

    boolean atEnd() {
        return pos >= toks.size();
    }

    public Token peek() {
        return toks.get(pos);
    }

    public Token next() {
        return toks.get(pos++);
    }

    /** A zero-width token where the next token would be, for "expected … here" errors. */
    Token here() {
        return new Token(WORD, "", pos < toks.size() ? toks.get(pos).column() : lineLength + 1);
    }

    Token any(String what) throws ScriptSyntaxError {
        if (atEnd()) {
            throw error(here(), "expected " + what + " (the line ends too early)");
        }
        return next();
    }

    void expect(Token.Kind kind, String what) throws ScriptSyntaxError {
        Token t = any(what);
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
    }

    Names names() {
        return names;
    }

    public ScriptSyntaxError error(Token at, String message) {
        return new ScriptSyntaxError(file, lineNo, at.column(), message);
    }
}
