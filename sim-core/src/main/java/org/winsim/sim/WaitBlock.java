package org.winsim.sim;

/** One object of one thread's wait (an NT {@code KWAIT_BLOCK}): links the wait into the object's queue. */
final class WaitBlock {
    final Wait wait;
    final DispatcherObject object;
    /** The object's position in the wait's array: what a satisfied wait-any returns. */
    final int index;
    WaitBlock prev;
    WaitBlock next;

    WaitBlock(Wait wait, DispatcherObject object, int index) {
        this.wait = wait;
        this.object = object;
        this.index = index;
    }
}
