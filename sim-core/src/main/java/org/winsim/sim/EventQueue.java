package org.winsim.sim;

import java.util.Arrays;

/**
 * The pending-event set of the kernel: a binary min-heap ordered by (time, sequence number). Each event
 * knows its slot, so a cancelled event leaves the heap at once (timeouts that never fire, a delayed ACK
 * that rode on data) and the heap holds live events only.
 */
final class EventQueue {
    private ScheduledEvent[] heap = new ScheduledEvent[256];
    private int size;

    /** Events in the queue. */
    int size() {
        return size;
    }

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.queue = this;
        siftUp(size++, e);
    }

    /** Whether an event that is not background is still pending (a scan: asked only when a background event is next). */
    boolean hasForeground() {
        for (int i = 0; i < size; i++) {
            if (!heap[i].background) {
                return true;
            }
        }
        return false;
    }

    /** The time of the earliest event ({@link Long#MAX_VALUE} when none is left). */
    long firstTime() {
        return size == 0 ? Long.MAX_VALUE : heap[0].time;
    }

    /** Removes and returns the earliest event, or null when none is left. */
    ScheduledEvent poll() {
        if (size == 0) {
            return null;
        }
        ScheduledEvent top = heap[0];
        removeAt(0);
        return top;
    }

    /** Takes a cancelled event out of the heap. */
    void remove(ScheduledEvent e) {
        removeAt(e.index);
    }

    private void removeAt(int i) {
        ScheduledEvent gone = heap[i];
        gone.queue = null;
        gone.index = -1;
        ScheduledEvent last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
    }

    /** Places {@code e} at or above slot {@code i}, restoring the heap order above it. */
    private void siftUp(int i, ScheduledEvent e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledEvent p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
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
            c.index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
