package org.winsim.winsock.api;

/** {@code WNDCLASSA}: what RegisterClass needs of a window class here — its name and its window procedure. */
public final class WNDCLASS {
    public WNDPROC lpfnWndProc;
    public String lpszClassName;
    public long hInstance;

    public WNDCLASS() {
    }

    public WNDCLASS(String lpszClassName, WNDPROC lpfnWndProc) {
        this.lpszClassName = lpszClassName;
        this.lpfnWndProc = lpfnWndProc;
    }
}
