package org.winsim.sim;

import java.util.Arrays;

/**
 * The pending-event set of the kernel: a binary min-heap ordered by (time, sequence number). Each event
 * knows its slot, so a cancelled event leaves the heap at once (timeouts that never fire, a delayed ACK
 * that rode on data) and the heap holds live events only. The times sit in an array of their own beside
 * the events, so a sift compares them without touching the event objects (cold lines, most of them).
 */
final class EventQueue {
    private ScheduledEvent[] heap = new ScheduledEvent[256];
    /** {@code times[i]} is {@code heap[i].time}: sifting compares times without touching the events. */
    private long[] times = new long[256];
    private int size;

    /** Events in the queue. */
    int size() {
        return size;
    }

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
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
        return size == 0 ? Long.MAX_VALUE : times[0];
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

    /** Whether the event at slot {@code j} comes before {@code e}, which fires at {@code time}. */
    private boolean before(int j, long time, ScheduledEvent e) {
        long t = times[j];
        return t < time || t == time && heap[j].seq < e.seq;
    }

    /** Places {@code e} at or above slot {@code i}, restoring the heap order above it. */
    private void siftUp(int i, ScheduledEvent e) {
        long time = e.time;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (before(parent, time, e)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, e);
    }

    /** Places {@code e} at or below slot {@code i}, restoring the heap order beneath it. */
    private void siftDown(int i, ScheduledEvent e) {
        long time = e.time;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(right, times[child], heap[child])) {
                child = right;
            }
            if (!before(child, time, e)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(i, e);
    }

    /** Moves the event at slot {@code from} to slot {@code to}. */
    private void move(int from, int to) {
        ScheduledEvent m = heap[from];
        heap[to] = m;
        times[to] = times[from];
        m.index = to;
    }

    /** Puts {@code e} in slot {@code i}. */
    private void place(int i, ScheduledEvent e) {
        heap[i] = e;
        times[i] = e.time;
        e.index = i;
    }
}
