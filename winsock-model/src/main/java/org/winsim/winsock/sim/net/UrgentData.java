package org.winsim.winsock.sim.net;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The receive side's urgent (out-of-band) data: where the latest urgent byte stands in the stream,
 * and the bytes themselves while they wait out of line (SO_OOBINLINE off) for recv(MSG_OOB). Windows
 * keeps every urgent byte out of line until recv(MSG_OOB) takes it, one per call, oldest first (WEV-03);
 * BSD (Linux) keeps only the latest.
 */
final class UrgentData {
    /** Bytes the application's stream has received and consumed (urgent bytes taken out of line excluded). */
    private long appReceived;
    private long appConsumed;
    /** The urgent bytes waiting out of line, oldest first, each with its stream position. */
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    /** The latest urgent byte once recv(MSG_OOB) took it, or -1 (Linux keeps it in the stream, skipped). */
    private int takenByte = -1;
    /** Stream position of the latest urgent byte: where it stands inline, or where it was taken out; -1 if none. */
    private long urgentMark = -1;

    /**
     * Puts a segment's data into the receive buffer (handing it the array when it takes all of it); the
     * urgent byte at {@code at} (or none, when it is outside the data) is taken out of line unless
     * {@code inline}. Returns whether it was.
     */
    boolean deliver(ByteQueue recvBuf, byte[] d, long at, boolean inline) {
        if (at < 0 || at >= d.length) {
            recvBuf.append(d);
            appReceived += d.length;
            return false;
        }
        int u = (int) at;
        if (inline) {
            urgentMark = appReceived + u;
            recvBuf.append(d);
            appReceived += d.length;
            return false;
        }
        recvBuf.write(d, 0, u);
        appReceived += u;
        urgentMark = appReceived;
        waiting.addLast(new long[] {d[u] & 0xff, urgentMark});
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
        return !waiting.isEmpty();
    }

    /** recv(MSG_OOB): Windows takes the oldest urgent byte waiting; BSD the latest, and the older ones are gone. */
    byte take(boolean bsd) {
        int b = (int) (bsd ? waiting.peekLast() : waiting.peekFirst())[0];
        if (bsd) {
            waiting.clear();
        } else {
            waiting.removeFirst();
        }
        takenByte = b;
        return (byte) b;
    }

    /**
     * SO_OOBINLINE was turned on: the urgent bytes waiting out of line go back into the stream at their
     * marks (or at the head, if reading has passed a mark), where FIONREAD counts them and recv returns
     * them. BSD (Linux) never took its one urgent byte out of the stream, only skipped it: one that
     * recv(MSG_OOB) already read comes back too while reading stands at the mark. The urgent mark moves
     * to where the latest of them now stands. Returns whether a byte rejoined the stream.
     */
    boolean rejoin(ByteQueue recvBuf, boolean bsd) {
        if (waiting.isEmpty()) {
            if (!bsd || takenByte < 0 || appConsumed != urgentMark) {
                return false;
            }
            waiting.add(new long[] {takenByte, urgentMark});
        }
        int inserted = 0;
        for (long[] u : bsd ? List.of(waiting.peekLast()) : waiting) {
            long at = Math.max(u[1], appConsumed) + inserted++; // each byte rejoined lands after the ones before it
            recvBuf.insert((int) (at - appConsumed), (byte) u[0]);
            appReceived++;
            urgentMark = at; // the latest urgent byte's final place in the stream
        }
        waiting.clear();
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
        if (!waiting.isEmpty()) {
            return false;
        }
        return !inline || urgentMark < 0 || appConsumed > urgentMark;
    }
}
