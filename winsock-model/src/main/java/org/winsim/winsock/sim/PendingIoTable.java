package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.winsim.sim.SimThread;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WsaError;

/**
 * A process's pending overlapped operations, keyed by their WSAOVERLAPPED (by identity: the address
 * the program passed), each numbered in the order it was issued. An entry lives from the call that went
 * pending until its completion is delivered, so it outlives {@code closesocket}; CancelIo, CancelIoEx and
 * a thread's exit find their requests here, oldest first. (WSAOVERLAPPED keeps Object's identity
 * equals and hash code, so this is an identity map; a chained one, because removing from an open-addressing
 * map re-reads the hash of every key in the run after the slot, a cache miss each when tens of thousands of
 * connections each have a receive pending. The map's own order is never used.)
 */
final class PendingIoTable {
    private final Map<WSAOVERLAPPED, IoRequest> pending = new HashMap<>();
    /** Requests added so far: the next one's number. */
    private long issued;

    /** The pending request that uses this OVERLAPPED, or null. */
    IoRequest get(WSAOVERLAPPED ov) {
        return pending.get(ov);
    }

    void add(IoRequest r) {
        r.pendingOrder = issued++;
        pending.put(r.overlapped.ov, r);
    }

    void remove(WSAOVERLAPPED ov) {
        pending.remove(ov);
    }

    /**
     * Cancels the pending requests that match, oldest first: each leaves its queue and completes with
     * STATUS_CANCELLED (delivered like any completion). Returns how many it cancelled.
     */
    int cancel(Predicate<IoRequest> which) {
        List<IoRequest> hit = new ArrayList<>();
        for (IoRequest r : pending.values()) {
            if (which.test(r)) {
                hit.add(r);
            }
        }
        hit.sort(Comparator.comparingLong(r -> r.pendingOrder));
        for (IoRequest r : hit) {
            r.leaveQueue();
            r.fail(WsaError.WSA_OPERATION_ABORTED);
        }
        return hit.size();
    }

    /**
     * The issuing thread ended: its requests are cancelled (OVL-10), except those on a socket with a
     * completion port and no event or routine, which stay pending (Vista and later, IOCP-16).
     */
    void threadExited(SimThread t) {
        cancel(r -> r.issuer == t && !r.overlapped.survivesIssuerExit(r.socket));
    }
}
