package org.winsim.winsock.api;

/**
 * The user32.dll functions a WSAAsyncSelect program calls: window classes, windows (message-only ones
 * too), and the thread's message queue. Failures return {@code 0}/{@code FALSE}/{@code NULL} (GetMessage:
 * -1) and set the last error to a Win32 {@code ERROR_*} code.
 */
public interface User32Functions {
    /** {@code RegisterClassA}: the class atom, or 0. */
    int RegisterClass(WNDCLASS lpWndClass);

    /** {@code CreateWindowExA}: a window of a registered class owned by the calling thread ({@code HWND_MESSAGE} as parent: message-only), or NULL. */
    long CreateWindowEx(int dwExStyle, String lpClassName, String lpWindowName, int dwStyle, int x, int y, int nWidth,
                        int nHeight, long hWndParent, long hMenu, long hInstance, Object lpParam);

    /** {@code DestroyWindow}: sends WM_DESTROY to the window procedure and destroys the window. */
    int DestroyWindow(long hWnd);

    /** {@code GetMessageA}: waits for a message in the range (0, 0: any) for the window (NULL: any of the thread's); 0 for WM_QUIT, -1 on error. */
    int GetMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax);

    /** {@code PeekMessageA}: TRUE and the message when one is there (removed with PM_REMOVE), else FALSE; never waits. */
    int PeekMessage(MSG lpMsg, long hWnd, int wMsgFilterMin, int wMsgFilterMax, int wRemoveMsg);

    /** {@code TranslateMessage}: TRUE when it posted a character message (only for key messages). */
    int TranslateMessage(MSG lpMsg);

    /** {@code DispatchMessageA}: calls the message's window procedure and returns what it returns. */
    long DispatchMessage(MSG lpMsg);

    /** {@code PostMessageA}: queues the message for the window's thread (NULL: the calling thread) and returns at once. */
    int PostMessage(long hWnd, int msg, long wParam, long lParam);

    /** {@code DefWindowProcA}: the default processing of a message (WM_CLOSE destroys the window; the rest return 0). */
    long DefWindowProc(long hWnd, int msg, long wParam, long lParam);

    /** {@code PostQuitMessage}: the thread's next GetMessage, once no other message is waiting, returns 0 with WM_QUIT. */
    void PostQuitMessage(int nExitCode);
}
