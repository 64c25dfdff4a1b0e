package org.winsim.scenarios.script;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.winsim.winsock.api.Winsock;

/**
 * The byte streams of a script's connections: what each socket has sent (with the positions of its
 * urgent bytes), and how far each receiver has read its peer's stream. Every received byte is checked
 * to continue the peer's stream, at the moment the receive completes. An urgent byte (the last byte
 * of a {@code send … MSG_OOB}) may be read out of line with {@code recv MSG_OOB}, before or after the
 * normal bytes around it; a normal read that does not see it inline leaves it for the urgent read.
 * When a receiver reaches the end of the stream, every byte the peer's sends reported must have arrived.
 */
final class StreamCheck {
    private final Map<Long, Sent> sent = new HashMap<>();
    private final Map<Long, Read> read = new HashMap<>();

    /** What one socket has sent: a pending send's bytes are in it while the call runs, trimmed after. */
    private static final class Sent {
        byte[] bytes = new byte[256];
        int size;
        final TreeSet<Long> urgent = new TreeSet<>();
    }

    /** How far a receiver has read its peer's stream, and which urgent bytes it took out of line or skipped. */
    private static final class Read {
        long at;
        final TreeSet<Long> takenOutOfLine = new TreeSet<>();
        final TreeSet<Long> heldOutOfLine = new TreeSet<>();
    }

    /** The deterministic bytes {@code send s N} sends next: a pattern that differs per socket and position. */
    synchronized byte[] pattern(long handle, int n) {
        long from = sent.containsKey(handle) ? sent.get(handle).size : 0;
        byte[] b = new byte[Math.max(n, 0)];
        for (int i = 0; i < b.length; i++) {
            long p = from + i;
            b[i] = (byte) (p * 7 + (p >>> 8) * 13 + handle);
        }
        return b;
    }

    /** Runs {@code send}: the bytes are in the stream while it runs (a blocked send's peer may read them), then only what it sent. */
    int send(long handle, byte[] data, int flags, IntSupplier send) {
        int before;
        synchronized (this) {
            Sent s = sent.computeIfAbsent(handle, k -> new Sent());
            before = s.size;
            if (s.size + data.length > s.bytes.length) {
                s.bytes = Arrays.copyOf(s.bytes, Math.max(s.bytes.length * 2, s.size + data.length));
            }
            System.arraycopy(data, 0, s.bytes, s.size, data.length);
            s.size += data.length;
            if ((flags & Winsock.MSG_OOB) != 0 && data.length > 0) {
                s.urgent.add((long) before + data.length - 1);
            }
        }
        int ret = send.getAsInt();
        synchronized (this) {
            Sent s = sent.get(handle);
            s.size = before + Math.max(ret, 0);
            s.urgent.tailSet((long) s.size, true).clear();
        }
        return ret;
    }

    /**
     * Checks bytes {@code handle} received from {@code peer} ({@code flags} as passed to recv): a
     * problem, or null when they continue the peer's stream (or the peer is not the script's).
     */
    synchronized String received(long handle, long peer, String peerName, byte[] got, int flags) {
        if (peer == -1) {
            return null;
        }
        Sent s = sent.get(peer);
        Read r = read.computeIfAbsent(handle, k -> new Read());
        boolean consume = (flags & Winsock.MSG_PEEK) == 0;
        if ((flags & Winsock.MSG_OOB) != 0) {
            for (byte b : got) {
                Long u = urgentByte(s, r, b);
                if (u == null) {
                    return "the urgent byte received is not an urgent byte " + peerName + " sent";
                }
                if (consume) {
                    r.takenOutOfLine.add(u);
                    r.heldOutOfLine.remove(u);
                }
            }
            return null;
        }
        long p = r.at;
        TreeSet<Long> held = new TreeSet<>();
        for (int i = 0; i < got.length; i++) {
            while (s != null && (r.takenOutOfLine.contains(p) || s.urgent.contains(p) && p < s.size && s.bytes[(int) p] != got[i])) {
                if (!r.takenOutOfLine.contains(p)) {
                    held.add(p);
                }
                p++;
            }
            if (s == null || p >= s.size || s.bytes[(int) p] != got[i]) {
                return "received bytes differ from what " + peerName + " sent, at byte " + p + " of its stream";
            }
            p++;
        }
        if (consume) {
            r.at = p;
            r.heldOutOfLine.addAll(held);
        }
        return null;
    }

    /**
     * Checks that {@code handle}, at the end of its peer's stream (recv returned 0), has read every byte
     * the peer's sends reported: a problem, or null. An urgent byte taken or left out of line counts as read.
     */
    synchronized String ended(long handle, long peer, String peerName) {
        Sent s = sent.get(peer);
        if (peer == -1 || s == null) {
            return null;
        }
        Read r = read.computeIfAbsent(handle, k -> new Read());
        long p = r.at;
        while (p < s.size && s.urgent.contains(p)) {
            p++;
        }
        return p >= s.size ? null : "the stream ended after byte " + p + " of " + s.size + " that " + peerName
                + "'s sends reported: " + (s.size - p) + " bytes never arrived";
    }

    /** The earliest urgent byte equal to {@code b} not yet read: held out of line, or not yet reached. */
    private static Long urgentByte(Sent s, Read r, byte b) {
        if (s == null) {
            return null;
        }
        for (long u : s.urgent) {
            if ((r.heldOutOfLine.contains(u) || u >= r.at) && !r.takenOutOfLine.contains(u) && s.bytes[(int) u] == b) {
                return u;
            }
        }
        return null;
    }
}
