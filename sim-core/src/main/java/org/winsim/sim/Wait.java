package org.winsim.sim;

/** A thread's wait on one or more dispatcher objects: wait-any or wait-all, and the result it is woken with. */
final class Wait {
    final SimThread thread;
    final boolean all;
    final WaitBlock[] blocks;
    int result = Dispatcher.TIMEOUT;
    Object payload;

    Wait(SimThread thread, DispatcherObject[] objects, int count, boolean all) {
        this.thread = thread;
        this.all = all;
        this.blocks = new WaitBlock[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = new WaitBlock(this, objects[i], i);
        }
    }

    boolean allSignaled() {
        for (WaitBlock b : blocks) {
            if (!b.object.isSignaledFor(thread)) {
                return false;
            }
        }
        return true;
    }

    void acquireAll() {
        for (WaitBlock b : blocks) {
            b.object.acquire(thread);
        }
    }

    void link() {
        for (WaitBlock b : blocks) {
            b.object.link(b);
        }
    }

    void unlink() {
        for (WaitBlock b : blocks) {
            b.object.unlink(b);
        }
    }
}
