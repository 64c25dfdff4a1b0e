package org.winsim.scenarios.script;

import java.util.List;

/**
 * The script's own verbs, which call no API function of their own: {@code join} and {@code calls}
 * check a record a name holds (a spawned call's outcome, a callback's calls), {@code wait} lets time pass.
 */
final class ScriptVerbs {
    private ScriptVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("join", "THREAD|OVERLAPPED [DURATION]", Shape.of(Convention.DEFERRED), null, a -> {
                    String thread = a.completes(NameType.THREAD, NameType.OVERLAPPED);
                    long timeout = a.more() ? a.duration(a.word("a duration such as 10ms")) : -1;
                    return st -> st.deferred(thread).await(timeout);
                }, "the spawned call's result in its own convention (an overlapped operation's: TRUE bytes=N \"DATA\", or FALSE and"
                        + " the error WSAGetOverlappedResult gives), or PENDING while it is still blocked after DURATION"
                        + " (default " + ScriptInterpreter.JOIN_BOUND_MS / 1000 + " s)"),
                new Verb("calls", "CALLBACK|WINDOW", Shape.of(Convention.CALLS), null, a -> {
                    String callback = a.completes(NameType.CALLBACK, NameType.WINDOW);
                    CallbackKind kind = a.names().get(callback).callback();
                    return st -> st.callbacks().calls(callback, kind);
                }, "a recording callback's (or a window procedure's) calls so far: their number, then one {column} per argument, thread and order"),
                new Verb("wait", "DURATION", Shape.of(Convention.NONE), null, a -> {
                    long nanos = a.duration(a.word("a duration such as 10ms"));
                    return st -> {
                        st.host().sleep(nanos);
                        return null;
                    };
                }, "lets DURATION pass (ms, us or s): virtual time in the simulator"));
    }
}
