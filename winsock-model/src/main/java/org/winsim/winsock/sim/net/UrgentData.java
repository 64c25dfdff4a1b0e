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
    /**
     * In-line bytes less stream bytes: minus one for each urgent byte taken out of line, plus one for each
     * that rejoined. The connection's stream count ({@code stream}: the data bytes received) plus this is
     * what the application's stream received, so an ordinary segment or read touches nothing here.
     */
    private long adjust;
    /** In-line bytes dropped unread (a reset emptied the receive buffer): they count as never read. */
    private long dropped;
    /** The urgent bytes waiting out of line, oldest first, each with its stream position. */
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    /** The latest urgent byte once recv(MSG_OOB) took it, or -1 (Linux keeps it in the stream, skipped). */
    private int takenByte = -1;
    /** Stream position of the latest urgent byte: where it stands inline, or where it was taken out; -1 if none. */
    private long urgentMark = -1;
    /**
     * Stream position of the latest urgent byte that turning SO_OOBINLINE on brought back into the stream, or
     * -1: on Windows SIOCATMARK is FALSE until it is read, while a byte that arrived with SO_OOBINLINE on
     * already is ordinary data to it (Wine sock.c {@code test_fionread_siocatmark}).
     */
    private long rejoinedMark = -1;

    /**
     * Puts a segment's data, which follows {@code stream} bytes of the connection's stream, into the receive
     * buffer (handing it the array when it takes all of it); the urgent byte at {@code at} (or none, when it
     * is outside the data) is taken out of line unless {@code inline}. Returns whether it was.
     */
    boolean deliver(ByteQueue recvBuf, byte[] d, long at, boolean inline, long stream) {
        if (at < 0 || at >= d.length) {
            recvBuf.append(d);
            return false;
        }
        int u = (int) at;
        urgentMark = stream + adjust + u;
        if (inline) {
            recvBuf.append(d);
            return false;
        }
        recvBuf.write(d, 0, u);
        waiting.addLast(new long[] {d[u] & 0xff, urgentMark});
        takenByte = -1;
        recvBuf.write(d, u + 1, d.length - u - 1);
        adjust--;
        return true;
    }

    /** A reset: the receive buffer's bytes are dropped unread. */
    void drop(ByteQueue recvBuf) {
        dropped += recvBuf.size();
        recvBuf.clear();
    }

    /** Bytes of the application's stream it has read, {@code stream} bytes having come in on the connection. */
    private long consumed(ByteQueue recvBuf, long stream) {
        return stream + adjust - recvBuf.size() - dropped;
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
    boolean rejoin(ByteQueue recvBuf, boolean bsd, long stream) {
        long appConsumed = consumed(recvBuf, stream);
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
            adjust++;
            urgentMark = at; // the latest urgent byte's final place in the stream
            rejoinedMark = at;
        }
        waiting.clear();
        takenByte = -1;
        return true;
    }

    /**
     * SIOCATMARK. Windows: TRUE unless an urgent byte waits out of line or one that rejoined the stream is
     * still to be read. BSD (Linux): TRUE only when reading has reached the urgent mark.
     */
    boolean atMark(boolean bsd, boolean inline, ByteQueue recvBuf, long stream) {
        long appConsumed = consumed(recvBuf, stream);
        if (bsd) {
            return urgentMark >= 0 && appConsumed == urgentMark;
        }
        if (!waiting.isEmpty()) {
            return false;
        }
        return !inline || rejoinedMark < 0 || appConsumed > rejoinedMark;
    }
}
