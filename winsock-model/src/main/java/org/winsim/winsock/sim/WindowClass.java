package org.winsim.winsock.sim;

import org.winsim.winsock.api.WNDPROC;

/** A registered window class (RegisterClass): its name, its atom and the window procedure its windows share. */
record WindowClass(String name, int atom, WNDPROC proc) {
}
