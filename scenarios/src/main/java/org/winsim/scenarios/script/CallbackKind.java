package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of function a script can hand to the API as a recording callback, with the arguments each
 * call records. Every record also holds {@code thread} (the script thread that ran it) and
 * {@code order} (its place among all recorded calls of the run, from 1).
 */
public enum CallbackKind {
    /** {@code PAPCFUNC}: a user-mode APC, called with {@code dwData}. */
    APC("QueueUserAPC", "data"),
    /** {@code LPWSAOVERLAPPED_COMPLETION_ROUTINE}: called with dwError, cbTransferred, lpOverlapped (by name) and dwFlags. */
    COMPLETION("WSASend/WSARecv routine=", "error", "bytes", "overlapped", "flags"),
    /** {@code WNDPROC}: a window's procedure, called by DispatchMessage with the message, wParam and lParam (issue 11). */
    WNDPROC("CreateWindowEx", "msg", "wParam", "lParam");

    /** The verb that hands this kind of callback over, for messages. */
    public final String givenTo;
    /** The arguments of one call, in the order the function takes them. */
    public final List<String> arguments;

    CallbackKind(String givenTo, String... arguments) {
        this.givenTo = givenTo;
        this.arguments = List.of(arguments);
    }

    /** What {@code calls NAME} checks: the number of calls, then one column per recorded argument. */
    public Shape shape() {
        List<OutputSpec> cols = new ArrayList<>();
        for (String a : arguments) {
            cols.add(new OutputSpec(a, OutputSpec.Kind.COLUMN, null));
        }
        cols.add(new OutputSpec("thread", OutputSpec.Kind.COLUMN, null));
        cols.add(new OutputSpec("order", OutputSpec.Kind.COLUMN, null));
        return new Shape(Convention.CALLS, cols, "");
    }
}
