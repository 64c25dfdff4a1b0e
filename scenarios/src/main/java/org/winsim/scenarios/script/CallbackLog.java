package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;
import org.winsim.winsock.api.PAPCFUNC;
import org.winsim.winsock.api.WNDPROC;

/**
 * The record of a script's recording callbacks: every call of every callback the script handed to
 * the API, in the order they ran, with its arguments and the thread that ran it. {@code calls NAME}
 * reads one callback's calls back as columns.
 */
final class CallbackLog {
    private final List<Entry> entries = new ArrayList<>();

    /** One call of a callback: its name, the thread that ran it, and its arguments in the kind's order. */
    private record Entry(String callback, String thread, List<Output> arguments) {
    }

    /** An APC routine that records each call as {@code name}'s. */
    PAPCFUNC apc(String name, ScriptState st) {
        return dwData -> record(name, st.currentThreadName(), List.of(new Output.Number(dwData)));
    }

    /** A completion routine that records each call as {@code name}'s, naming the OVERLAPPED by its script name. */
    org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE completion(String name, ScriptState st) {
        return (error, bytes, ov, flags) -> record(name, st.currentThreadName(), List.of(new Output.Number(error),
                new Output.Number(bytes), new Output.Name(st.nameOf(ov)), new Output.Number(flags)));
    }

    /**
     * The window procedure of the script's windows: records each call as the window's (by the name it
     * was bound to), wParam by the name of the handle it holds when the script bound one, and returns 0.
     */
    WNDPROC wndproc(ScriptState st) {
        return (hwnd, msg, wParam, lParam) -> {
            String socket = st.boundName(wParam);
            record(st.nameOf(hwnd), st.currentThreadName(), List.of(new Output.Number(msg),
                    socket != null ? new Output.Name(socket) : new Output.Number(wParam), new Output.Number(lParam)));
            return 0;
        };
    }

    private synchronized void record(String callback, String thread, List<Output> arguments) {
        entries.add(new Entry(callback, thread, arguments));
    }

    /** {@code calls NAME}: the number of calls, then a column per argument, the thread column and the order column. */
    synchronized Outcome calls(String name, CallbackKind kind) {
        List<List<Output>> columns = new ArrayList<>();
        for (int i = 0; i < kind.arguments.size() + 2; i++) {
            columns.add(new ArrayList<>());
        }
        int count = 0;
        for (int order = 1; order <= entries.size(); order++) {
            Entry e = entries.get(order - 1);
            if (e.callback.equals(name)) {
                count++;
                for (int i = 0; i < e.arguments.size(); i++) {
                    columns.get(i).add(e.arguments.get(i));
                }
                columns.get(kind.arguments.size()).add(new Output.Name(e.thread));
                columns.get(kind.arguments.size() + 1).add(new Output.Number(order));
            }
        }
        List<Output.Field> fields = new ArrayList<>();
        List<OutputSpec> specs = kind.shape().named();
        for (int i = 0; i < specs.size(); i++) {
            fields.add(new Output.Field(specs.get(i).key(), new Output.List(columns.get(i), true)));
        }
        return new Outcome(count, false, 0, fields, null);
    }
}
