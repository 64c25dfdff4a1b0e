package org.winsim.winsock.sim;

/**
 * A window (CreateWindowEx): its handle, its class (whose procedure DispatchMessage calls), whether it is
 * message-only (HWND_MESSAGE), and the thread that created it, whose message queue its posted messages
 * join. After DestroyWindow its handle names nothing.
 */
final class Window {
    final long hwnd;
    final WindowClass cls;
    final boolean messageOnly;
    final Win32Thread owner;
    boolean destroyed;

    Window(long hwnd, WindowClass cls, boolean messageOnly, Win32Thread owner) {
        this.hwnd = hwnd;
        this.cls = cls;
        this.messageOnly = messageOnly;
        this.owner = owner;
    }

    @Override
    public String toString() {
        return "window(0x" + Long.toHexString(hwnd) + ")";
    }
}
