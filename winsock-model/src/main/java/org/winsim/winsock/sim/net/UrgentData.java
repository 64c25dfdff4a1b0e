package org.winsim.winsock.sim.net;

/**
 * The receive side's urgent (out-of-band) data: where the latest urgent byte stands in the stream,
 * and the byte itself while it waits out of line (SO_OOBINLINE off) for recv(MSG_OOB).
 */
final class UrgentData {
    /** Bytes the application's stream has received and consumed (urgent bytes taken out of line excluded). */
    private long appReceived;
    private long appConsumed;
    /** The urgent byte waiting out of line, or -1. */
    private int oobByte = -1;
    /** The latest urgent byte once recv(MSG_OOB) took it, or -1 (Linux keeps it in the stream, skipped). */
    private int takenByte = -1;
    /** Stream position of the latest urgent byte: where it stands inline, or where it was taken out; -1 if none. */
    private long urgentMark = -1;

    /**
     * Puts a segment's data into the receive buffer; the urgent byte at {@code at} (or none, when it
     * is outside the data) is taken out of line unless {@code inline}. Returns whether it was.
     */
    boolean deliver(ByteQueue recvBuf, byte[] d, long at, boolean inline) {
        if (at < 0 || at >= d.length) {
            recvBuf.write(d, 0, d.length);
            appReceived += d.length;
            return false;
        }
        int u = (int) at;
        if (inline) {
            urgentMark = appReceived + u;
            recvBuf.write(d, 0, d.length);
            appReceived += d.length;
            return false;
        }
        recvBuf.write(d, 0, u);
        appReceived += u;
        urgentMark = appReceived;
        oobByte = d[u] & 0xff;
        takenByte = -1;
        recvBuf.write(d, u + 1, d.length - u - 1);
        appReceived += d.length - u - 1;
        return true;
    }

    /** The application read {@code n} bytes of the stream. */
    void consumed(int n) {
        appConsumed += n;
    }

    boolean pending() {
        return oobByte >= 0;
    }

    byte take() {
        byte b = (byte) oobByte;
        takenByte = oobByte;
        oobByte = -1;
        return b;
    }

    /**
     * SO_OOBINLINE was turned on: the urgent byte waiting out of line goes back into the stream at its
     * mark (or at the head, if reading has passed the mark), where FIONREAD counts it and recv returns
     * it. BSD (Linux) never took it out of the stream, only skipped it: one that recv(MSG_OOB) already
     * read comes back too while reading stands at the mark. Returns whether a byte rejoined the stream.
     */
    boolean rejoin(ByteQueue recvBuf, boolean bsd) {
        int b = oobByte >= 0 ? oobByte : bsd && takenByte >= 0 && appConsumed == urgentMark ? takenByte : -1;
        if (b < 0) {
            return false;
        }
        recvBuf.insert((int) Math.max(0, urgentMark - appConsumed), (byte) b);
        appReceived++;
        oobByte = -1;
        takenByte = -1;
        return true;
    }

    /**
     * SIOCATMARK. Windows: TRUE unless an urgent byte is still to be read. BSD (Linux): TRUE only when
     * reading has reached the urgent mark.
     */
    boolean atMark(boolean bsd, boolean inline) {
        if (bsd) {
            return urgentMark >= 0 && appConsumed == urgentMark;
        }
        if (oobByte >= 0) {
            return false;
        }
        return !inline || urgentMark < 0 || appConsumed > urgentMark;
    }
}
