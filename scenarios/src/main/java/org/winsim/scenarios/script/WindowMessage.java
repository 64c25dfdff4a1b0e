package org.winsim.scenarios.script;

import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * A window message as a script writes it. A WSAAsyncSelect notification — a message of WM_USER or above
 * whose wParam is a socket the script named — is its events and the socket, {@code FD_READ(a)}, with
 * the error after a colon when it has one, {@code FD_CLOSE:WSAECONNABORTED(a)}; any other message is
 * {@code MSG:LPARAM(WPARAM)} in hex, {@code 0x12:0x0(0x0)}.
 */
final class WindowMessage {
    private WindowMessage() {
    }

    /** The message as a result shows it. */
    static String render(ScriptState st, int msg, long wParam, long lParam) {
        String socket = st.boundName(wParam);
        if (Integer.compareUnsigned(msg, WinUser.WM_USER) >= 0 && socket != null) {
            return notification(Winsock.WSAGETSELECTEVENT(lParam), Winsock.WSAGETSELECTERROR(lParam), socket);
        }
        return hex(msg) + ":" + hex(lParam) + "(" + (socket != null ? socket : hex(wParam)) + ")";
    }

    /** An error as the event lists show it: 0, or its name. */
    static String errorName(int code) {
        return code == 0 ? "0" : WsaError.nameOf(code);
    }

    private static String notification(int events, int error, String socket) {
        return Winsock.fdNames(events) + (error == 0 ? "" : ":" + errorName(error)) + "(" + socket + ")";
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Reads an expected message ({@code FD_READ(a)}, {@code FD_CLOSE:WSAECONNABORTED(a)}, {@code 0x12:0x0(0x0)}) in its canonical form. */
    static String parse(Args a, Token t) throws ScriptSyntaxError {
        String text = t.text();
        int open = text.indexOf('(');
        if (open <= 0) {
            throw a.error(t, "bad message '" + t.shown() + "': expected EVENT(SOCKET) such as FD_READ(a), or MSG:LPARAM(WPARAM)");
        }
        String head = text.substring(0, open);
        String inner = text.substring(open + 1, text.length() - 1);
        int colon = head.indexOf(':');
        String first = colon < 0 ? head : head.substring(0, colon);
        String second = colon < 0 ? null : head.substring(colon + 1);
        boolean bound = a.names().get(inner) != null;
        if (first.startsWith("FD_")) {
            Long events = Constants.value(first);
            if (events == null) {
                throw a.error(t, "bad message '" + t.shown() + "': '" + Token.cut(first) + "' is not an FD_ event");
            }
            Integer error = second == null ? Integer.valueOf(0) : Constants.error(second);
            if (error == null) {
                throw a.error(t, "bad message '" + t.shown() + "': '" + Token.cut(second) + "' is not an error name");
            }
            if (!bound) {
                throw a.error(t, "bad message '" + t.shown() + "': '" + Token.cut(inner) + "' is not a bound socket name");
            }
            return notification(events.intValue(), error, inner);
        }
        Long msg = Constants.value(first);
        Long lParam = second == null ? null : Constants.value(second);
        Long wParam = bound ? Long.valueOf(0) : Constants.value(inner);
        if (msg == null || lParam == null || wParam == null) {
            throw a.error(t, "bad message '" + t.shown() + "': expected EVENT(SOCKET) such as FD_READ(a), or MSG:LPARAM(WPARAM)");
        }
        return hex(msg) + ":" + hex(lParam) + "(" + (bound ? inner : hex(wParam)) + ")";
    }
}
