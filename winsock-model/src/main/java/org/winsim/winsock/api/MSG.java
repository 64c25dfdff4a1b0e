package org.winsim.winsock.api;

/** {@code MSG}: a message as GetMessage and PeekMessage retrieve it (the window, the message, its two parameters, the post time). */
public final class MSG {
    public long hwnd;
    public int message;
    public long wParam;
    public long lParam;
    /** When it was posted: milliseconds since the start (GetTickCount's clock). */
    public int time;
}
