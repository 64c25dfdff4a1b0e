package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/** The calls around the two models: event functions and WSAWaitForMultipleEvents, selection arguments, windows and message queues. */
class NotificationApiTest {
    private static long window(Win32 w, List<String> calls) {
        assertNotEquals(0, w.RegisterClass(new WNDCLASS("test", (h, m, wp, lp) -> {
            calls.add("0x" + Integer.toHexString(m) + " " + wp + " " + lp);
            return 42;
        })));
        long hwnd = w.CreateWindowEx(0, "test", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
        assertNotEquals(0, hwnd);
        return hwnd;
    }

    @Test
    void wsaCreateEventIsManualResetAndNotSignalled() {
        Fixture.run(w -> {
            long e = w.WSACreateEvent();
            assertEquals(Winsock.WSA_WAIT_TIMEOUT, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, false));
            assertEquals(1, w.WSASetEvent(e));
            assertEquals(Winsock.WSA_WAIT_EVENT_0, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, false));
            assertEquals(Winsock.WSA_WAIT_EVENT_0, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, false), "still set");
            assertEquals(1, w.WSAResetEvent(e));
            assertEquals(Winsock.WSA_WAIT_TIMEOUT, w.WSAWaitForMultipleEvents(1, new long[] {e}, false, 0, false));
            assertEquals(1, w.WSACloseEvent(e));
            assertEquals(0, w.WSASetEvent(e));
            assertEquals(WsaError.WSA_INVALID_HANDLE.code, w.WSAGetLastError());
        });
    }

    @Test
    void wsaWaitForMultipleEventsTakesOneTo64AndReportsTheLowestSignalled() {
        Fixture.run(w -> {
            long[] es = new long[65];
            for (int i = 0; i < es.length; i++) {
                es[i] = w.WSACreateEvent();
            }
            assertEquals(Winsock.WSA_WAIT_FAILED, w.WSAWaitForMultipleEvents(65, es, false, 0, false));
            assertEquals(WsaError.WSA_INVALID_PARAMETER.code, w.WSAGetLastError());
            assertEquals(Winsock.WSA_WAIT_FAILED, w.WSAWaitForMultipleEvents(0, es, false, 0, false));
            assertEquals(WsaError.WSA_INVALID_PARAMETER.code, w.WSAGetLastError());
            w.WSASetEvent(es[40]);
            w.WSASetEvent(es[7]);
            assertEquals(Winsock.WSA_WAIT_EVENT_0 + 7, w.WSAWaitForMultipleEvents(64, es, false, 1000, false));
            long t = w.CreateThread(null, 0, p -> {
                w.Sleep(5);
                w.WSASetEvent(es[63]);
                return 0;
            }, null, 0, null);
            w.WSAResetEvent(es[7]);
            w.WSAResetEvent(es[40]);
            int t0 = w.GetTickCount();
            assertEquals(Winsock.WSA_WAIT_EVENT_0 + 63, w.WSAWaitForMultipleEvents(64, es, false, Winsock.WSA_INFINITE, false));
            assertEquals(5, w.GetTickCount() - t0);
            w.WaitForSingleObject(t, 1000);
            w.CloseHandle(t);
            w.WSAResetEvent(es[63]);
            assertEquals(Winsock.WSA_WAIT_TIMEOUT, w.WSAWaitForMultipleEvents(64, es, false, 10, false));
            w.QueueUserAPC(data -> { }, w.GetCurrentThread(), 1);
            assertEquals(Winsock.WSA_WAIT_IO_COMPLETION, w.WSAWaitForMultipleEvents(64, es, false, 10, true));
        });
    }

    @Test
    void fionbio0FailsWhileASelectionIsActive() {
        Fixture.run(w -> {
            long s = tcp(w);
            long e = w.WSACreateEvent();
            assertEquals(0, w.WSAEventSelect(s, e, FD_READ));
            assertFails(w, w.ioctlsocket(s, FIONBIO, new int[] {0}), WsaError.WSAEINVAL);
            assertEquals(0, w.ioctlsocket(s, FIONBIO, new int[] {1}));
            assertEquals(0, w.WSAEventSelect(s, e, 0));
            assertEquals(0, w.ioctlsocket(s, FIONBIO, new int[] {0}));
        });
    }

    @Test
    void badArguments() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertFails(w, w.WSAEnumNetworkEvents(s, 0, null), WsaError.WSAEFAULT);
            assertFails(w, w.WSAAsyncSelect(s, 0x1234, WinUser.WM_USER, FD_READ), WsaError.WSAEINVAL);
            assertFails(w, w.WSAEventSelect(s, 0x1234, FD_READ), WsaError.WSAEINVAL);
            assertFails(w, w.WSAEventSelect(0x1234, w.WSACreateEvent(), FD_READ), WsaError.WSAENOTSOCK);
            assertEquals(0, w.WSAEnumNetworkEvents(s, 0, new WSANETWORKEVENTS()));
        });
    }

    @Test
    void asyncSelectPostsSocketAndReplyAndDispatchCallsTheProcedure() {
        Fixture.run(w -> {
            List<String> calls = new ArrayList<>();
            long hwnd = window(w, calls);
            Fixture.Pair p = pair(w);
            assertEquals(0, w.WSAAsyncSelect(p.server(), hwnd, WinUser.WM_USER + 1, FD_READ));
            w.send(p.client(), new byte[3], 3, 0);
            MSG m = new MSG();
            assertEquals(1, w.GetMessage(m, 0, 0, 0), "GetMessage waits for the FD_READ");
            assertEquals(hwnd, m.hwnd);
            assertEquals(WinUser.WM_USER + 1, m.message);
            assertEquals(p.server(), m.wParam);
            assertEquals(Winsock.WSAMAKESELECTREPLY(FD_READ, 0), m.lParam);
            assertEquals(FD_READ, Winsock.WSAGETSELECTEVENT(m.lParam));
            assertEquals(0, w.TranslateMessage(m));
            assertEquals(42, w.DispatchMessage(m));
            assertEquals(List.of("0x401 " + p.server() + " " + FD_READ), calls);
        });
    }

    @Test
    void peekMessageNoRemoveLeavesItAndFiltersByRange() {
        Fixture.run(w -> {
            long hwnd = window(w, new ArrayList<>());
            assertEquals(1, w.PostMessage(hwnd, WinUser.WM_USER + 5, 1, 2));
            assertEquals(1, w.PostMessage(0, WinUser.WM_USER + 6, 3, 4));
            MSG m = new MSG();
            assertEquals(1, w.PeekMessage(m, 0, WinUser.WM_USER + 6, WinUser.WM_USER + 6, WinUser.PM_NOREMOVE));
            assertEquals(0, m.hwnd, "a thread message");
            assertEquals(1, w.PeekMessage(m, hwnd, 0, 0, WinUser.PM_NOREMOVE));
            assertEquals(WinUser.WM_USER + 5, m.message);
            assertEquals(1, w.PeekMessage(m, 0, 0, 0, WinUser.PM_REMOVE));
            assertEquals(WinUser.WM_USER + 5, m.message);
            assertEquals(1, w.PeekMessage(m, 0, 0, 0, WinUser.PM_REMOVE));
            assertEquals(WinUser.WM_USER + 6, m.message);
            assertEquals(0, w.PeekMessage(m, 0, 0, 0, WinUser.PM_REMOVE));
        });
    }

    @Test
    void postQuitMessageEndsTheLoopAfterTheMessagesBeforeIt() {
        Fixture.run(w -> {
            long hwnd = window(w, new ArrayList<>());
            long t = w.CreateThread(null, 0, p -> {
                w.Sleep(3);
                w.PostMessage(hwnd, WinUser.WM_USER, 0, 0);
                return 0;
            }, null, 0, null);
            w.PostQuitMessage(7);
            MSG m = new MSG();
            assertEquals(0, w.GetMessage(m, 0, 0, 0), "nothing else waits: WM_QUIT");
            assertEquals(WinUser.WM_QUIT, m.message);
            assertEquals(7, m.wParam);
            assertEquals(1, w.GetMessage(m, 0, 0, 0), "GetMessage blocks until the other thread posts");
            assertEquals(3, m.time);
            w.WaitForSingleObject(t, 1000);
            w.CloseHandle(t);
        });
    }

    @Test
    void aQueueHoldsAtMost10000PostedMessages() {
        Fixture.run(w -> {
            long hwnd = window(w, new ArrayList<>());
            for (int i = 0; i < WinUser.POSTED_MESSAGE_LIMIT; i++) {
                assertEquals(1, w.PostMessage(hwnd, WinUser.WM_USER, i, 0));
            }
            assertEquals(0, w.PostMessage(hwnd, WinUser.WM_USER, 0, 0));
            assertEquals(Win32Error.ERROR_NOT_ENOUGH_QUOTA.code, w.GetLastError());
        });
    }

    @Test
    void destroyWindowCallsTheProcedureWithWmDestroyAndEndsTheHandle() {
        Fixture.run(w -> {
            List<String> calls = new ArrayList<>();
            long hwnd = window(w, calls);
            assertEquals(0, w.RegisterClass(new WNDCLASS("test", (h, m, wp, lp) -> 0)));
            assertEquals(Win32Error.ERROR_CLASS_ALREADY_EXISTS.code, w.GetLastError());
            assertEquals(0, w.CreateWindowEx(0, "nope", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null));
            assertEquals(Win32Error.ERROR_CANNOT_FIND_WND_CLASS.code, w.GetLastError());
            assertEquals(1, w.DestroyWindow(hwnd));
            assertEquals(List.of("0x2 0 0"), calls);
            assertEquals(0, w.PostMessage(hwnd, WinUser.WM_USER, 0, 0));
            assertEquals(Win32Error.ERROR_INVALID_WINDOW_HANDLE.code, w.GetLastError());
            assertFails(w, w.WSAAsyncSelect(tcp(w), hwnd, WinUser.WM_USER, FD_READ), WsaError.WSAEINVAL);
        });
    }
}
