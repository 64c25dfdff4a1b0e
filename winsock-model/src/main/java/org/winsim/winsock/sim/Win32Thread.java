package org.winsim.winsock.sim;

/** What Win32 keeps per thread: its process, its last error and its thread object. */
final class Win32Thread {
    final SimProcess process;
    final ThreadObject object;
    int lastError;

    Win32Thread(SimProcess process, ThreadObject object) {
        this.process = process;
        this.object = object;
    }
}
