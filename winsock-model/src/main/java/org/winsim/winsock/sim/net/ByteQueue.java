package org.winsim.winsock.sim.net;

/**
 * A growable FIFO ring of bytes: a socket's send or receive buffer contents. The first write allocates
 * an array (1 KiB or more); draining the queue gives up an array that grew past 1 KiB, so an idle
 * connection costs at most 1 KiB however much it once held, while one that stays small (an echo of
 * short messages) keeps its array instead of allocating a new one for every message.
 */
final class ByteQueue {
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 1024;

    private byte[] buf = EMPTY;
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void write(byte[] src, int off, int len) {
        if (len == 0) {
            return;
        }
        ensure(size + len);
        int tail = (head + size) % buf.length;
        int first = Math.min(len, buf.length - tail);
        System.arraycopy(src, off, buf, tail, first);
        System.arraycopy(src, off + first, buf, 0, len - first);
        size += len;
    }

    /** Copies {@code len} bytes starting {@code from} bytes past the head, leaving them in place. */
    void copy(int from, byte[] dst, int off, int len) {
        if (from + len > size) {
            throw new IllegalStateException("copy of " + len + " bytes at " + from + " from a queue of " + size);
        }
        if (len == 0) {
            return;
        }
        int start = (head + from) % buf.length;
        int first = Math.min(len, buf.length - start);
        System.arraycopy(buf, start, dst, off, first);
        System.arraycopy(buf, 0, dst, off + first, len - first);
    }

    /** Removes up to {@code len} bytes from the head into {@code dst}; returns how many. */
    int read(byte[] dst, int off, int len) {
        int n = Math.min(len, size);
        copy(0, dst, off, n);
        discard(n);
        return n;
    }

    void discard(int n) {
        if (n > size) {
            throw new IllegalStateException("discarding " + n + " bytes of " + size);
        }
        if (n == size) {
            clear();
            return;
        }
        head = (head + n) % buf.length;
        size -= n;
    }

    /** Puts one byte in at {@code at} bytes past the head, ahead of the bytes that were there. */
    void insert(int at, byte b) {
        byte[] tail = new byte[size - at];
        copy(at, tail, 0, tail.length);
        size = at;
        write(new byte[] {b}, 0, 1);
        write(tail, 0, tail.length);
    }

    void clear() {
        if (buf.length > FIRST_CAPACITY) {
            buf = EMPTY;
        }
        head = 0;
        size = 0;
    }

    /** The bytes the queue's array takes now (at most 1 KiB when empty). */
    int capacity() {
        return buf.length;
    }

    private void ensure(int capacity) {
        if (capacity <= buf.length) {
            return;
        }
        int n = Math.max(buf.length, FIRST_CAPACITY);
        while (n < capacity) {
            n *= 2;
        }
        byte[] bigger = new byte[n];
        copy(0, bigger, 0, size);
        buf = bigger;
        head = 0;
    }
}
