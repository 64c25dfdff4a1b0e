package org.winsim.winsock.sim;

import org.winsim.sim.SimThread;
import org.winsim.winsock.api.WinBase;

/** A Win32 thread object: signaled once the thread has ended; holds its exit code. */
final class ThreadObject extends KernelObject {
    final SimThread thread;
    int exitCode = WinBase.STILL_ACTIVE;
    boolean ended;

    ThreadObject(SimThread thread) {
        this.thread = thread;
    }

    @Override
    boolean isSignaled() {
        return ended;
    }

    @Override
    boolean isWaitable() {
        return true;
    }

    @Override
    String kind() {
        return "thread " + thread.name();
    }
}
