package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAENOBUFS;

import org.winsim.sim.MemoryBudget;
import org.winsim.winsock.sim.net.Host;

/**
 * A machine's non-paged pool: the kernel memory that is never paged out, from which AFD and TCP allocate
 * each socket's endpoint and connection block (and, on Windows, the buffers that pending overlapped
 * operations lock). It is shared by every process on the host; when it is spent, the call that needs a
 * new socket fails with WSAENOBUFS ("no buffer space available").
 */
public final class NonPagedPool {
    private final MemoryBudget budget;
    private final long socketBytes;

    NonPagedPool(Host host, long bytes, long socketBytes) {
        this.budget = new MemoryBudget("non-paged pool of " + host.name(), bytes);
        this.socketBytes = socketBytes;
    }

    /** Takes what a new socket holds while it is open; WSAENOBUFS, taking nothing, when the pool cannot give it. */
    void chargeSocket() {
        if (!budget.tryReserve(socketBytes)) {
            throw WsaFailure.of(WSAENOBUFS);
        }
    }

    /** Gives back what a closed socket held. */
    void releaseSocket() {
        budget.release(socketBytes);
    }

    /** The pool's size in bytes. */
    public long limit() {
        return budget.limit();
    }

    /** The most of the pool in use at once, in bytes. */
    public long peak() {
        return budget.peak();
    }
}
