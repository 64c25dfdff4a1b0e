package org.winsim.scenarios.script;

import static org.winsim.scenarios.script.Convention.BOOL;
import static org.winsim.scenarios.script.Convention.HANDLE;
import static org.winsim.scenarios.script.Convention.MESSAGE;
import static org.winsim.scenarios.script.Convention.NUMBER;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.script.Script.HandleRef;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WinUser;

/**
 * The user32 verbs (issue 11): message-only windows whose procedure records every message it gets
 * ({@code calls WINDOW} checks the record), posting and retrieving messages, and {@code pump}, the
 * message loop a WSAAsyncSelect program runs, which dispatches what is queued and shows each message
 * in order ({@code pump w => 2 FD_ACCEPT(l) FD_WRITE(a)}). Messages are written as
 * {@link WindowMessage} says.
 */
final class User32Verbs {
    /** How long {@code pump} lets pass before it looks, unless told: loopback notifications have arrived by then. */
    static final long PUMP_SETTLE_NANOS = 50_000_000L;

    private User32Verbs() {
    }

    static List<Verb> all() {
        return List.of(
                new Verb("CreateWindowEx", "[HWND_MESSAGE|NULL]", Shape.of(HANDLE), NameType.WINDOW, a -> {
                    long parent = a.more() ? a.number("HWND_MESSAGE or NULL") : WinUser.HWND_MESSAGE;
                    return st -> st.result(HANDLE, st.createWindow(parent));
                }, "CreateWindowEx(): a window (HWND_MESSAGE, the default: message-only) of the script's class, whose"
                        + " procedure records each message ('calls WINDOW' checks them) and returns 0"),
                new Verb("DestroyWindow", "WINDOW", Shape.of(BOOL), null, a -> {
                    HandleRef w = a.handle(NameType.WINDOW);
                    return st -> st.result(BOOL, st.w().DestroyWindow(st.handle(w)));
                }, "DestroyWindow()"),
                new Verb("PostMessage", "WINDOW|NULL MSG WPARAM LPARAM", Shape.of(BOOL), null, a -> {
                    HandleRef w = a.handle(NameType.WINDOW);
                    int msg = a.intArg("a message number such as WM_USER+1");
                    HandleRef wParam = a.handle(NameType.SOCKET, NameType.WINDOW, NameType.EVENT);
                    long lParam = a.number("lParam, such as FD_READ");
                    return st -> st.result(BOOL, st.w().PostMessage(st.handle(w), msg, st.handle(wParam), lParam));
                }, "PostMessage(): WPARAM may be a socket name (the lecture's PostMessage(hwnd, WM_SOCKET, wParam, FD_READ))"),
                new Verb("GetMessage", "WINDOW|NULL", Shape.of(MESSAGE, "MESSAGE"), null, a -> {
                    HandleRef w = a.handle(NameType.WINDOW);
                    return st -> {
                        MSG m = new MSG();
                        int ret = st.w().GetMessage(m, st.handle(w), 0, 0);
                        return retrieved(st, MESSAGE, ret, ret != -1 ? m : null);
                    };
                }, "GetMessage(hWnd, 0, 0): waits for a message; 'DispatchMessage' then dispatches it"),
                new Verb("PeekMessage", "WINDOW|NULL [PM_REMOVE|PM_NOREMOVE]", Shape.of(MESSAGE, "MESSAGE"), null, a -> {
                    HandleRef w = a.handle(NameType.WINDOW);
                    int remove = a.more() ? a.intArg("PM_REMOVE or PM_NOREMOVE") : WinUser.PM_REMOVE;
                    return st -> {
                        MSG m = new MSG();
                        int ret = st.w().PeekMessage(m, st.handle(w), 0, 0, remove);
                        return retrieved(st, MESSAGE, ret, ret != 0 ? m : null);
                    };
                }, "PeekMessage(hWnd, 0, 0, REMOVE) (PM_REMOVE by default): never waits; 'DispatchMessage' then dispatches it"),
                new Verb("DispatchMessage", "", Shape.of(NUMBER), null,
                        a -> st -> st.result(NUMBER, st.w().DispatchMessage(st.lastMessage())),
                        "DispatchMessage() of the message this thread's last GetMessage or PeekMessage retrieved: the procedure's result"),
                new Verb("pump", "WINDOW [max=N] [wait=DURATION]", Shape.of(NUMBER, "MESSAGE…"), null, User32Verbs::pump,
                        "lets DURATION pass (default " + PUMP_SETTLE_NANOS / 1_000_000 + " ms), then PeekMessage(PM_REMOVE) and"
                                + " DispatchMessage for each message queued for WINDOW (at most N): their number, then each message in order"));
    }

    /** A retrieved message is the thread's last (for DispatchMessage) and the result's output. */
    private static Outcome retrieved(ScriptState st, Convention c, int ret, MSG m) {
        if (m == null) {
            return st.result(c, ret);
        }
        st.retrieved(m);
        return st.result(c, ret, List.of(new Output.Field(null, new Output.Name(WindowMessage.render(st, m.message, m.wParam, m.lParam)))), null);
    }

    private static Verb.Action pump(Args a) throws ScriptSyntaxError {
        HandleRef w = a.handle(NameType.WINDOW);
        long max = Long.MAX_VALUE;
        long settle = PUMP_SETTLE_NANOS;
        while (a.more()) {
            Token key = a.word("max= or wait=");
            a.expect(Token.Kind.EQUALS, "'=' after " + key.shown());
            if (key.isWord("max")) {
                max = a.number("a number of messages");
            } else if (key.isWord("wait")) {
                settle = a.duration(a.word("a duration such as 10ms"));
            } else {
                throw a.error(key, "unknown pump argument '" + key.shown() + "': expected max= or wait=");
            }
        }
        long limit = max;
        long nanos = settle;
        return st -> {
            st.host().sleep(nanos);
            long hwnd = st.handle(w);
            List<Output.Field> out = new ArrayList<>();
            MSG m = new MSG();
            while (out.size() < limit && st.w().PeekMessage(m, hwnd, 0, 0, WinUser.PM_REMOVE) != 0) {
                out.add(new Output.Field(null, new Output.Name(WindowMessage.render(st, m.message, m.wParam, m.lParam))));
                st.w().DispatchMessage(m);
            }
            return new Outcome(out.size(), false, 0, out, null);
        };
    }
}
