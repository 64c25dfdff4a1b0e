package org.winsim.winsock.sim.net;

import java.util.Arrays;

/**
 * A growable FIFO ring of bytes: a socket's send or receive buffer contents. The first write allocates
 * an array (1 KiB or more); draining the queue gives up an array that grew past 1 KiB, so an idle
 * connection costs at most 1 KiB however much it once held, while one that stays small (an echo of
 * short messages) keeps its array instead of allocating a new one for every message. An empty queue
 * handed a whole array ({@link #append}) holds that array itself until it drains or more bytes come: a
 * message that passes through a buffer on its own (an echo's) is never copied into the ring.
 */
final class ByteQueue {
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 1024;

    /** The array the bytes are in: the queue's own, or one it was handed. */
    private byte[] buf = EMPTY;
    /** The queue's own array (kept while it is small). */
    private byte[] own = EMPTY;
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends all of {@code data}, which the caller hands over and never changes again. */
    void append(byte[] data) {
        if (size == 0 && data.length > 0) {
            buf = data;
            head = 0;
            size = data.length;
            return;
        }
        write(data, 0, data.length);
    }

    /** Appends a copy of {@code src[off..off+len)}: to an empty queue, as an array of its own ({@link #append}). */
    void appendCopy(byte[] src, int off, int len) {
        if (size == 0 && len > 0) {
            append(Arrays.copyOfRange(src, off, off + len));
        } else {
            write(src, off, len);
        }
    }

    /**
     * The {@code len} bytes starting {@code from} bytes past the head, in an array of their own that nobody
     * changes: the array the queue was handed when they are all of it, else a copy.
     */
    byte[] slice(int from, int len) {
        if (buf != own && from == 0 && head == 0 && len == buf.length) {
            return buf;
        }
        byte[] out = new byte[len];
        copy(from, out, 0, len);
        return out;
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
        if (own.length > FIRST_CAPACITY) {
            own = EMPTY;
        }
        buf = own;
        head = 0;
        size = 0;
    }

    /** The bytes the queue's arrays take now (at most 1 KiB when empty). */
    int capacity() {
        return buf == own ? own.length : own.length + buf.length;
    }

    /** Makes room for {@code capacity} bytes in the queue's own array, moving the bytes there if they are elsewhere. */
    private void ensure(int capacity) {
        if (buf == own && capacity <= own.length) {
            return;
        }
        byte[] to = own;
        if (capacity > own.length) {
            int n = Math.max(own.length, FIRST_CAPACITY);
            while (n < capacity) {
                n *= 2;
            }
            to = new byte[n];
        }
        copy(0, to, 0, size); // from the old array or the one handed over: never the array copied to
        own = to;
        buf = to;
        head = 0;
    }
}
