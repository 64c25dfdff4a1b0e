package org.winsim.sim;

import java.util.Arrays;

/** The pending-event set of the kernel: a binary min-heap ordered by (time, sequence number). */
final class EventQueue {
    private ScheduledEvent[] heap = new ScheduledEvent[256];
    private int size;

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
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

    /** Removes and returns the earliest event that is not cancelled, or null when none is left. */
    ScheduledEvent pollLive() {
        while (size > 0) {
            ScheduledEvent top = removeTop();
            if (!top.cancelled) {
                return top;
            }
        }
        return null;
    }

    private ScheduledEvent removeTop() {
        ScheduledEvent top = heap[0];
        ScheduledEvent last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
        return top;
    }

    private void siftDown(ScheduledEvent e) {
        int i = 0;
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
