package org.winsim.winsock.sim;

import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WinBase;

/** A Win32 thread object: signalled once the thread has ended; holds its exit code. */
final class ThreadObject extends KernelObject {
    final SimThread thread;
    int exitCode = WinBase.STILL_ACTIVE;
    boolean ended;

    ThreadObject(SimThread thread) {
        this.thread = thread;
    }

    /** The thread ended with an exit code: the object is signalled for good. */
    void end(Simulation sim, int code) {
        exitCode = code;
        ended = true;
        signal(sim);
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
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
