package org.winsim.winsock.sim;

import org.winsim.sim.Dispatcher;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.User32Functions;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WinUser;

/**
 * user32 in the simulated process's facade: window classes, windows and the thread's message queue,
 * each function one pass through the {@link ApiBoundary} into {@link WindowTable}, {@link Window} or
 * {@link MessageQueue}. GetMessage waits on the queue through the dispatcher.
 */
abstract class SimUser32 extends SimFacade implements User32Functions {
    SimUser32(SimProcess process) {
        super(process);
    }

    private Window window(long hWnd) {
        Window w = process.world.windows.get(hWnd);
        if (w == null) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_WINDOW_HANDLE);
        }
        return w;
    }

    private static void fill(MSG out, MessageQueue.Message m) {
        out.hwnd = m.hwnd();
        out.message = m.message();
        out.wParam = m.wParam();
        out.lParam = m.lParam();
        out.time = m.time();
    }

    /** While tracing: the message the call returns is linked to its post, and is what DispatchMessage links to. */
    private void retrieved(MessageQueue q, MessageQueue.Message m) {
        if (sim.trace().enabled()) {
            q.retrieved = m;
            if (m.link() != 0) {
                b.linkRet(m.linkId());
            }
        }
    }

    /** DispatchMessage's link (docs/architecture.md): the posted message the thread retrieved last, if it is this one. */
    private Object dispatchLink(MSG m) {
        if (!sim.trace().enabled() || m == null) {
            return ApiBoundary.ABSENT;
        }
        MessageQueue q = b.thread().messagesIfAny();
        MessageQueue.Message r = q == null ? null : q.retrieved;
        return r != null && r.link() != 0 && r.is(m) ? r.linkId() : ApiBoundary.ABSENT;
    }

    /** An OBJECT record (docs/architecture.md, "Trace records"): the window's lane in the HTML report. */
    private void traceWindow(long hwnd, String state) {
        if (sim.trace().enabled()) {
            sim.trace("OBJECT", "obj", "window(0x" + Long.toHexString(hwnd) + ")", "state", state);
        }
    }

    private static String[] messageText(MSG m) {
        return new String[] {"hwnd", ApiBoundary.handleText(m.hwnd), "msg", WinUser.messageName(m.message),
                "wParam", ApiBoundary.handleText(m.wParam), "lParam", "0x" + Long.toHexString(m.lParam)};
    }

    @Override
    public int RegisterClass(WNDCLASS lpWndClass) {
        return (int) b.call("RegisterClass", 0, () -> {
            if (lpWndClass == null || lpWndClass.lpszClassName == null || lpWndClass.lpfnWndProc == null) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
            }
            WindowClass c = process.world.windows.register(lpWndClass.lpszClassName, lpWndClass.lpfnWndProc);
            if (c == null) {
                throw Win32Failure.of(Win32Error.ERROR_CLASS_ALREADY_EXISTS);
            }
            return c.atom();
        }, "class", lpWndClass == null ? null : lpWndClass.lpszClassName);
    }

    @Override
    public long CreateWindowEx(int dwExStyle, String lpClassName, String lpWindowName, int dwStyle, int x, int y, int nWidth,
                               int nHeight, long hWndParent, long hMenu, long hInstance, Object lpParam) {
        return b.call("CreateWindowEx", ApiBoundary.Ret.HANDLE, 0, () -> {
            WindowClass c = process.world.windows.findClass(lpClassName);
            if (c == null) {
                throw Win32Failure.of(Win32Error.ERROR_CANNOT_FIND_WND_CLASS);
            }
            if (hWndParent != 0 && hWndParent != WinUser.HWND_MESSAGE) {
                window(hWndParent);
            }
            b.thread().messages(sim);
            long hwnd = process.world.windows.create(c, hWndParent == WinUser.HWND_MESSAGE, b.thread()).hwnd;
            traceWindow(hwnd, "open");
            return hwnd;
        }, null, "class", lpClassName, "parent", hWndParent);
    }

    @Override
    public int DestroyWindow(long hWnd) {
        return (int) b.call("DestroyWindow", WinBase.FALSE, () -> {
            Window w = window(hWnd);
            w.cls.proc().call(hWnd, WinUser.WM_DESTROY, 0, 0);
            process.world.windows.destroy(w);
            traceWindow(hWnd, "closed");
            return WinBase.TRUE;
        }, "hwnd", hWnd);
    }

    @Override
    public int GetMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax) {
        return (int) b.call("GetMessage", ApiBoundary.Ret.NUMBER, -1, () -> {
            if (hWnd != 0) {
                window(hWnd);
            }
            MessageQueue q = b.thread().messages(sim);
            MessageQueue.Message m = q.take(hWnd, wMsgFilterMin, wMsgFilterMax, true);
            if (m == null) {
                q.filter(hWnd, wMsgFilterMin, wMsgFilterMax);
                Dispatcher.waitOne(sim, q, Simulation.INFINITE, false, q);
                m = (MessageQueue.Message) sim.currentThread().waitPayload();
            }
            retrieved(q, m);
            fill(lpMsg, m);
            return m.message() == WinUser.WM_QUIT ? 0 : 1;
        }, () -> messageText(lpMsg), "hwnd", hWnd, "min", wMsgFilterMin, "max", wMsgFilterMax);
    }

    @Override
    public int PeekMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax, int wRemoveMsg) {
        return (int) b.call("PeekMessage", ApiBoundary.Ret.NUMBER, WinBase.FALSE, () -> {
            if (hWnd != 0) {
                window(hWnd);
            }
            MessageQueue q = b.thread().messages(sim);
            MessageQueue.Message m = q.take(hWnd, wMsgFilterMin, wMsgFilterMax, (wRemoveMsg & WinUser.PM_REMOVE) != 0);
            if (m == null) {
                return WinBase.FALSE;
            }
            retrieved(q, m);
            fill(lpMsg, m);
            return WinBase.TRUE;
        }, () -> messageText(lpMsg), "hwnd", hWnd, "min", wMsgFilterMin, "max", wMsgFilterMax, "remove", wRemoveMsg);
    }

    /** No keyboard is modelled, so no message is ever a key message to translate. */
    @Override
    public int TranslateMessage(MSG lpMsg) {
        return (int) b.call("TranslateMessage", WinBase.FALSE, () -> WinBase.FALSE, "msg", lpMsg == null ? null : "0x" + Integer.toHexString(lpMsg.message));
    }

    @Override
    public long DispatchMessage(MSG lpMsg) {
        return b.call("DispatchMessage", 0, () -> {
            if (lpMsg.hwnd == 0) {
                return 0; // a thread message has no window procedure
            }
            return window(lpMsg.hwnd).cls.proc().call(lpMsg.hwnd, lpMsg.message, lpMsg.wParam, lpMsg.lParam);
        }, "hwnd", lpMsg.hwnd, "msg", WinUser.messageName(lpMsg.message), "wParam", lpMsg.wParam,
                "lParam", "0x" + Long.toHexString(lpMsg.lParam), "link", dispatchLink(lpMsg));
    }

    @Override
    public int PostMessage(long hWnd, int msg, long wParam, long lParam) {
        return (int) b.call("PostMessage", WinBase.FALSE, () -> {
            MessageQueue q = hWnd == 0 ? b.thread().messages(sim) : window(hWnd).owner.messages(sim);
            if (!q.post(new MessageQueue.Message(hWnd, msg, wParam, lParam, (int) (sim.now() / 1_000_000)))) {
                throw Win32Failure.of(Win32Error.ERROR_NOT_ENOUGH_QUOTA);
            }
            return WinBase.TRUE;
        }, "hwnd", hWnd, "msg", WinUser.messageName(msg), "wParam", wParam, "lParam", "0x" + Long.toHexString(lParam));
    }

    @Override
    public long DefWindowProc(long hWnd, int msg, long wParam, long lParam) {
        return b.call("DefWindowProc", 0, () -> {
            if (msg == WinUser.WM_CLOSE) {
                DestroyWindow(hWnd);
            }
            return 0;
        }, "hwnd", hWnd, "msg", WinUser.messageName(msg));
    }

    @Override
    public void PostQuitMessage(int nExitCode) {
        b.call("PostQuitMessage", 0, () -> {
            b.thread().messages(sim).postQuit(nExitCode);
            return 0;
        }, "code", nExitCode);
    }
}
