package org.winsim.winsock.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winsim.winsock.api.WNDPROC;

/**
 * The window manager's tables of one simulated desktop (win32k): registered classes by name and live
 * windows by handle. HWND values are deterministic (even numbers from 0x10010, never reused in a run).
 */
final class WindowTable {
    private final Map<String, WindowClass> classes = new LinkedHashMap<>();
    private final Map<Long, Window> windows = new LinkedHashMap<>();
    private long nextHwnd = 0x10010;
    private int nextAtom = 0xc000;

    /** RegisterClass: the new class, or null when the name is taken. */
    WindowClass register(String name, WNDPROC proc) {
        if (classes.containsKey(name)) {
            return null;
        }
        WindowClass c = new WindowClass(name, nextAtom++, proc);
        classes.put(name, c);
        return c;
    }

    WindowClass findClass(String name) {
        return classes.get(name);
    }

    Window create(WindowClass cls, boolean messageOnly, Win32Thread owner) {
        Window w = new Window(nextHwnd, cls, messageOnly, owner);
        nextHwnd += 0x10;
        windows.put(w.hwnd, w);
        return w;
    }

    /** The live window a handle names, or null. */
    Window get(long hwnd) {
        return windows.get(hwnd);
    }

    void destroy(Window w) {
        w.destroyed = true;
        windows.remove(w.hwnd);
    }
}
