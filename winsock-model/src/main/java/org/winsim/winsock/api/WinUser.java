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
    public static final int PM_NOREMOVE = 0x0000;
    public static final int PM_REMOVE = 0x0001;
    /** The posted-message quota of one message queue (USERPostMessageLimit's default). */
    public static final int POSTED_MESSAGE_LIMIT = 10_000;
}
