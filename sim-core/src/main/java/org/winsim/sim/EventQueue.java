package org.winsim.sim;

import java.util.Arrays;

/**
 * The pending-event set of the kernel: a binary min-heap ordered by (time, sequence number). Cancelled
 * events wait in it until polled, unless they come to outnumber the live ones: then it drops them all
 * and rebuilds (the order of the live ones is the total (time, sequence) order, so nothing changes).
 */
final class EventQueue {
    /** Below this many cancelled events the queue never compacts. */
    private static final int COMPACT_MIN = 1024;

    private ScheduledEvent[] heap = new ScheduledEvent[256];
    private int size;
    private int cancelled;

    /** Events in the queue, cancelled ones included. */
    int size() {
        return size;
    }

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.queue = this;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledEvent p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    /** Whether an event that is neither cancelled nor background is still pending (a scan: asked only when a background event is next). */
    boolean hasLiveForeground() {
        for (int i = 0; i < size; i++) {
            if (!heap[i].cancelled && !heap[i].background) {
                return true;
            }
        }
        return false;
    }

    /** The time of the earliest event that is not cancelled ({@link Long#MAX_VALUE} when none is left); drops cancelled ones ahead of it. */
    long firstLiveTime() {
        while (size > 0) {
            ScheduledEvent top = heap[0];
            if (!top.cancelled) {
                return top.time;
            }
            removeTop();
            top.queue = null;
            cancelled--;
        }
        return Long.MAX_VALUE;
    }

    /** Removes and returns the earliest event that is not cancelled, or null when none is left. */
    ScheduledEvent pollLive() {
        while (size > 0) {
            ScheduledEvent top = removeTop();
            top.queue = null;
            if (!top.cancelled) {
                return top;
            }
            cancelled--;
        }
        return null;
    }

    /** An event in the queue was cancelled: compacts when cancelled events are the majority. */
    void cancelled() {
        cancelled++;
        if (cancelled >= COMPACT_MIN && cancelled * 2 > size) {
            int live = 0;
            for (int i = 0; i < size; i++) {
                if (heap[i].cancelled) {
                    heap[i].queue = null;
                } else {
                    heap[live++] = heap[i];
                }
            }
            Arrays.fill(heap, live, size, null);
            size = live;
            cancelled = 0;
            for (int i = (size >>> 1) - 1; i >= 0; i--) {
                siftDown(i, heap[i]);
            }
        }
    }

    private ScheduledEvent removeTop() {
        ScheduledEvent top = heap[0];
        ScheduledEvent last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return top;
    }

    /** Places {@code e} at or below slot {@code i}, restoring the heap order beneath it. */
    private void siftDown(int i, ScheduledEvent e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            ScheduledEvent c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(e)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = e;
    }
}
