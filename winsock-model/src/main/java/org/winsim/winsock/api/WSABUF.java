package org.winsim.winsock.api;

/** {@code WSABUF}: one buffer of a scatter/gather array: {@code len} bytes of {@code buf} from {@code off}. */
public final class WSABUF {
    public int len;
    public byte[] buf;
    /** Where in {@code buf} the C pointer would point (Java arrays have no interior pointers). */
    public int off;

    public WSABUF() {
    }

    public WSABUF(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public WSABUF(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** The bytes of {@code bufs[0..n)} in order, as one array (what a gather send sends). */
    public static byte[] gather(WSABUF[] bufs, int n) {
        byte[] all = new byte[total(bufs, n)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(bufs[i].buf, bufs[i].off, all, at, bufs[i].len);
            at += bufs[i].len;
        }
        return all;
    }

    /** The bytes {@code bufs[0..n)} hold together. */
    public static int total(WSABUF[] bufs, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += bufs[i].len;
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** Copies the first {@code count} bytes of {@code from} into {@code bufs} in order (what a scatter receive fills). */
    public static void scatter(byte[] from, int count, WSABUF[] bufs) {
        int at = 0;
        for (int i = 0; at < count; i++) {
            int k = Math.min(bufs[i].len, count - at);
            System.arraycopy(from, at, bufs[i].buf, bufs[i].off, k);
            at += k;
        }
    }
}
