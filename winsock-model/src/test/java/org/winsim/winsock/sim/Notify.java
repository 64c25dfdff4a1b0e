package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * The two notification modes side by side for the EVT facts: M (WSAAsyncSelect to a message-only
 * window, read back with PeekMessage) and E (WSAEventSelect, read back with WSAEnumNetworkEvents).
 * Both report what happened as text: {@code FD_ACCEPT}, {@code FD_CLOSE(WSAECONNABORTED)}.
 */
abstract class Notify {
    static final int WM_SOCKET = WinUser.WM_USER + 1;

    final Win32 w;

    Notify(Win32 w) {
        this.w = w;
    }

    /** Selects {@code mask} on {@code s}. */
    abstract void select(long s, int mask);

    /** What was reported for {@code s} since the last look, in order (M: one entry per message; E: the record's bits). */
    abstract List<String> reported(long s);

    /** M-mode: a message-only window of this thread, its messages read with PeekMessage. */
    static Notify messages(Win32 w) {
        WNDCLASS wc = new WNDCLASS("evt", (h, m, wp, lp) -> 0);
        w.RegisterClass(wc);
        long hwnd = w.CreateWindowEx(0, "evt", "evt", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
        assertNotEquals(0, hwnd);
        return new Notify(w) {
            @Override
            void select(long s, int mask) {
                assertEquals(0, w.WSAAsyncSelect(s, hwnd, WM_SOCKET, mask));
            }

            @Override
            List<String> reported(long s) {
                List<String> out = new ArrayList<>();
                MSG m = new MSG();
                while (w.PeekMessage(m, hwnd, 0, 0, WinUser.PM_REMOVE) != 0) {
                    assertEquals(WM_SOCKET, m.message);
                    if (m.wParam == s) {
                        out.add(text(Winsock.WSAGETSELECTEVENT(m.lParam), Winsock.WSAGETSELECTERROR(m.lParam)));
                    } else {
                        out.add("other socket: " + Winsock.fdNames(Winsock.WSAGETSELECTEVENT(m.lParam)));
                    }
                }
                return out;
            }

            @Override
            public String toString() {
                return "M";
            }
        };
    }

    /** E-mode: one event for every socket, its record read (and cleared) with WSAEnumNetworkEvents. */
    static Notify events(Win32 w) {
        long e = w.WSACreateEvent();
        assertNotEquals(0, e);
        return new Notify(w) {
            @Override
            void select(long s, int mask) {
                assertEquals(0, w.WSAEventSelect(s, e, mask));
            }

            @Override
            List<String> reported(long s) {
                WSANETWORKEVENTS ne = new WSANETWORKEVENTS();
                assertEquals(0, w.WSAEnumNetworkEvents(s, 0, ne));
                List<String> out = new ArrayList<>();
                for (int bit : new int[] {Winsock.FD_CONNECT_BIT, Winsock.FD_ACCEPT_BIT, Winsock.FD_OOB_BIT, Winsock.FD_READ_BIT,
                        Winsock.FD_WRITE_BIT, Winsock.FD_CLOSE_BIT}) {
                    if ((ne.lNetworkEvents & (1 << bit)) != 0) {
                        out.add(text(1 << bit, ne.iErrorCode[bit]));
                    }
                }
                return out;
            }

            @Override
            public String toString() {
                return "E";
            }
        };
    }

    static String text(int event, int error) {
        return Winsock.fdNames(event) + (error == 0 ? "" : "(" + WsaError.nameOf(error) + ")");
    }

    /** Asserts what was reported for {@code s}: the entries in order. */
    void expect(long s, String... expected) {
        w.Sleep(20); // let the loopback segments arrive
        assertEquals(List.of(expected), reported(s), this + "-mode");
    }
}
