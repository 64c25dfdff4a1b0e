package org.winsim.winsock.api;

/** {@code WNDPROC}: a window procedure, called by DispatchMessage with the message's window, number and parameters. */
@FunctionalInterface
public interface WNDPROC {
    long call(long hwnd, int uMsg, long wParam, long lParam);
}
