package org.winsim.sim;

import java.util.Arrays;

/**
 * The pending-event set of the kernel: a 4-ary min-heap ordered by (time, sequence number). Cancelled
 * events wait in it until polled, unless they come to outnumber the live ones: then it drops them all
 * and rebuilds (the order of the live ones is the total (time, sequence) order, so nothing changes).
 *
 * <p>Each slot's key lives in two arrays beside the events ({@code times}, {@code seqs}), so sifting
 * compares keys that sit next to each other in memory (a node's four children share a cache line)
 * instead of following a reference to each event: with tens of thousands of events pending, those
 * references are cache misses and were a fifth of a large run's time.
 */
final class EventQueue {
    /** Below this many cancelled events the queue never compacts. */
    private static final int COMPACT_MIN = 1024;

    private ScheduledEvent[] heap = new ScheduledEvent[256];
    private long[] times = new long[256];
    private long[] seqs = new long[256];
    private int size;
    private int cancelled;

    /** Events in the queue, cancelled ones included. */
    int size() {
        return size;
    }

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        e.queue = this;
        long t = e.time;
        long s = e.seq;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < t || pt == t && seqs[parent] < s) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, e);
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

    /** The earliest event that is not cancelled, left in the queue (null when none is left); drops cancelled ones ahead of it. */
    ScheduledEvent peekLive() {
        while (size > 0) {
            ScheduledEvent top = heap[0];
            if (!top.cancelled) {
                return top;
            }
            removeTop();
            top.queue = null;
            cancelled--;
        }
        return null;
    }

    /** The time of the earliest event that is not cancelled ({@link Long#MAX_VALUE} when none is left); drops cancelled ones ahead of it. */
    long firstLiveTime() {
        ScheduledEvent top = peekLive();
        return top == null ? Long.MAX_VALUE : top.time;
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
                    move(i, live++);
                }
            }
            Arrays.fill(heap, live, size, null);
            size = live;
            cancelled = 0;
            for (int i = (size - 2) >> 2; i >= 0; i--) { // from the last slot's parent up
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
        long t = e.time;
        long s = e.seq;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + 4, size);
            int child = first;
            long ct = times[first];
            long cs = seqs[first];
            for (int c = first + 1; c < end; c++) {
                long tt = times[c];
                if (tt < ct || tt == ct && seqs[c] < cs) {
                    child = c;
                    ct = tt;
                    cs = seqs[c];
                }
            }
            if (t < ct || t == ct && s < cs) {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, e);
    }

    private void move(int from, int to) {
        heap[to] = heap[from];
        times[to] = times[from];
        seqs[to] = seqs[from];
    }

    private void put(int i, ScheduledEvent e) {
        heap[i] = e;
        times[i] = e.time;
        seqs[i] = e.seq;
    }
}
