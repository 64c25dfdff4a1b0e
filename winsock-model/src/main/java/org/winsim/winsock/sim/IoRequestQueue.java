package org.winsim.winsock.sim;

/**
 * One of a socket's queues of pending requests (AFD's IRP queues: receives, urgent receives, sends,
 * accepts), oldest first. The requests are linked through themselves, so looking at a queue touches
 * the queue and its first request only: at tens of thousands of connections, what a signal does not
 * touch it does not wait for.
 */
final class IoRequestQueue {
    private IoRequest first;
    private IoRequest last;

    boolean isEmpty() {
        return first == null;
    }

    IoRequest peekFirst() {
        return first;
    }

    IoRequest pollFirst() {
        IoRequest r = first;
        if (r != null) {
            first = r.nextInQueue;
            r.nextInQueue = null;
            if (first == null) {
                last = null;
            }
        }
        return r;
    }

    void addLast(IoRequest r) {
        if (r.nextInQueue != null || r == last) {
            throw new IllegalStateException(r.kind + " request is in a queue already");
        }
        if (last == null) {
            first = r;
        } else {
            last.nextInQueue = r;
        }
        last = r;
    }

    /** Takes {@code r} out wherever it stands, if it is in this queue. */
    void remove(IoRequest r) {
        IoRequest before = null;
        for (IoRequest q = first; q != null; before = q, q = q.nextInQueue) {
            if (q == r) {
                if (before == null) {
                    first = r.nextInQueue;
                } else {
                    before.nextInQueue = r.nextInQueue;
                }
                if (last == r) {
                    last = before;
                }
                r.nextInQueue = null;
                return;
            }
        }
    }
}
