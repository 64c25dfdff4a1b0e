package org.winsim.winsock.api;

/** Constants of winuser.h that message loops and WSAAsyncSelect use, with their real values. */
public final class WinUser {
    private WinUser() {
    }

    /** The parent of a message-only window: {@code (HWND)-3}. */
    public static final long HWND_MESSAGE = -3L;
    public static final int WM_NULL = 0x0000;
    public static final int WM_DESTROY = 0x0002;
    public static final int WM_CLOSE = 0x0010;
    public static final int WM_QUIT = 0x0012;
    /** The first message number a program may use for its own messages (WM_SOCKET = WM_USER + 1 in the lecture). */
    public static final int WM_USER = 0x0400;

    /** A message number as a trace shows it: WM_QUIT, WM_USER+1 (a program's own), or hexadecimal. */
    public static String messageName(int msg) {
        return switch (msg) {
            case WM_NULL -> "WM_NULL";
            case WM_DESTROY -> "WM_DESTROY";
            case WM_CLOSE -> "WM_CLOSE";
            case WM_QUIT -> "WM_QUIT";
            case WM_USER -> "WM_USER";
            default -> msg > WM_USER && msg < 0x8000 ? "WM_USER+" + (msg - WM_USER) : "0x" + Integer.toHexString(msg);
        };
    }
    public static final int PM_NOREMOVE = 0x0000;
    public static final int PM_REMOVE = 0x0001;
    /** The posted-message quota of one message queue (USERPostMessageLimit's default). */
    public static final int POSTED_MESSAGE_LIMIT = 10_000;
}
