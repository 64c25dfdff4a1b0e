package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.Statement;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * Runs a script's statements in order on one thread of a host (the script thread {@code main}), each
 * spawned call on a script thread of its own, and checks each result against its expectation.
 */
public final class ScriptInterpreter {
    /** How long {@code join NAME} without a timeout waits before it reports PENDING. */
    static final int JOIN_BOUND_MS = 10_000;

    private final Script script;
    private final ScriptState st;
    private final List<LineResult> results = new ArrayList<>();
    private volatile int current = -1;
    private volatile boolean finished;
    private volatile boolean abandoned;

    public ScriptInterpreter(Script script, ScriptHost host) {
        this.script = script;
        this.st = new ScriptState(host);
    }

    /** Runs every statement; returns normally even when lines fail. */
    public void run() {
        st.enterThread(Names.MAIN);
        if (script.startup()) {
            st.w().WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        }
        List<Statement> statements = script.statements();
        for (int i = 0; i < statements.size() && !abandoned; i++) {
            current = i;
            Statement s = statements.get(i);
            st.host().note(s.line(), s.text());
            LineResult r = execute(s);
            synchronized (results) {
                if (!abandoned) {
                    results.add(r);
                }
            }
        }
        finished = !abandoned;
    }

    /**
     * Stops recording: the line under way (blocked, on a real OS) and every later one get no result,
     * so a result produced by tearing the run down is never reported as the line's.
     */
    public void abandon() {
        synchronized (results) {
            abandoned = true;
        }
    }

    public List<LineResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    public boolean finished() {
        return finished;
    }

    /** The statement running when the run stopped, or null when none was. */
    public Statement interrupted() {
        return finished || current < 0 ? null : script.statements().get(current);
    }

    private LineResult execute(Statement s) {
        return switch (s) {
            case Script.Spawn sp -> spawn(sp);
            case Script.CallStatement cs -> {
                Outcome o = cs.call().action().run(st);
                if (cs.call().shape().convention() == Convention.NONE) {
                    yield new LineResult(s.line(), s.text(), "", null, null, null, null);
                }
                if (cs.bind() != null && o != null && !o.failed()) {
                    st.bind(cs.bind(), o.ret());
                }
                LineResult r = judge(s, cs.call().shape(), o, cs.expect());
                if (r.ok() && cs.bind() != null && o != null && o.failed() && cs.expect() == null) {
                    r = new LineResult(r.line(), r.statement(), r.result(), r.data(), "a handle", null, "expected a handle, got " + r.result());
                }
                yield r;
            }
        };
    }

    /** Starts the call on a new thread bound to the spawn's name; {@code join} waits for that thread. */
    private LineResult spawn(Script.Spawn sp) {
        Outcome[] outcome = new Outcome[1];
        long thread = st.w().CreateThread(null, 0, param -> {
            st.enterThread(sp.name());
            Outcome o = sp.call().action().run(st);
            synchronized (outcome) {
                outcome[0] = o;
            }
            return 0;
        }, null, 0, null);
        if (thread == WinBase.NULL) {
            return new LineResult(sp.line(), sp.text(), "CreateThread failed", null, null, null,
                    "CreateThread failed: " + WsaError.nameOf(st.w().GetLastError()));
        }
        st.bind(sp.name(), thread);
        st.defer(sp.name(), timeoutNanos -> {
            int ms = timeoutNanos < 0 ? JOIN_BOUND_MS : (int) Math.min(Integer.MAX_VALUE - 1, timeoutNanos / 1_000_000);
            if (st.w().WaitForSingleObject(thread, ms) != WinBase.WAIT_OBJECT_0) {
                return null;
            }
            synchronized (outcome) {
                return outcome[0];
            }
        });
        return new LineResult(sp.line(), sp.text(), "started", null, null, null, null);
    }

    private LineResult judge(Statement s, Shape shape, Outcome o, Expectation e) {
        String result = render(shape, o);
        String expected = e == null ? null : e.render();
        String check = o == null ? null : o.problem();
        String problem = check;
        if (problem == null && e != null && !e.matches(o)) {
            problem = "MISMATCH expected " + expected + " got " + result;
        }
        return new LineResult(s.line(), s.text(), result, o == null ? null : o.data(), expected, check, problem);
    }

    /** A result as a script writes it: the return value in its convention, then the outputs other than received bytes. */
    private String render(Shape shape, Outcome o) {
        if (o == null) {
            return "PENDING";
        }
        if (o.isNotCalled()) {
            return "not called";
        }
        StringBuilder b = new StringBuilder(shape.convention().render(o.ret(), o.error(), st::nameOf));
        for (Output.Field f : o.outputs()) {
            if (!(f.value() instanceof Output.Data)) {
                b.append(' ').append(f.render());
            }
        }
        return b.toString();
    }
}
