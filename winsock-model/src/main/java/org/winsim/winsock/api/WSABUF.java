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
}
