package org.winsim.winsock.sim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.winsim.sim.Simulation;
import org.winsim.winsock.sim.net.Tcb;

/**
 * Partial completions of overlapped sends under resource pressure, as a fault plan injects them: a
 * WSASend with an OVERLAPPED completes with fewer bytes than it asked for, and the rest is never sent
 * (the program must send it again). Windows documents that an overlapped send may complete with fewer
 * bytes when the system runs short of resources; here it happens with probability {@code p} per send
 * (at a point drawn from the named stream {@code win.partial-send}), or to the send of a chosen
 * connection whose bytes cross offset {@code B} of its end's stream, which then ends at that offset
 * (both ends of the connection count their own streams). Each cut is a FAULT record in the trace.
 */
final class PartialSends {
    /** The send on connection {@code conn} that crosses offset {@code bytes} of its end's stream ends there. */
    record At(int conn, long bytes) {
    }

    private final Simulation sim;
    private final double p;
    private final List<At> at;
    private final RandomGenerator stream;
    /** Bytes each end has asked its overlapped sends to send so far (for the {@link At} form). */
    private final Map<Tcb, long[]> asked = new IdentityHashMap<>();

    PartialSends(Simulation sim, double p, List<At> at) {
        this.sim = sim;
        this.p = p;
        this.at = List.copyOf(at);
        this.stream = sim.random().stream("win.partial-send");
    }

    /** How many of an overlapped send's {@code len} bytes on {@code tcb} it will send: {@code len}, or fewer under a fault. */
    int cut(Tcb tcb, int len) {
        int n = len;
        if (!at.isEmpty()) {
            long[] sent = asked.computeIfAbsent(tcb, k -> new long[1]);
            for (At a : at) {
                if (a.conn() == tcb.connection() && sent[0] < a.bytes() && a.bytes() < sent[0] + n) {
                    n = (int) (a.bytes() - sent[0]);
                }
            }
            sent[0] += n;
        }
        if (p > 0 && n > 1 && stream.nextDouble() < p) {
            n = 1 + stream.nextInt(n - 1);
        }
        if (n < len && sim.trace().enabled()) {
            sim.trace("FAULT", "kind", "partial-send", "conn", "conn" + tcb.connection(), "asked", Integer.toString(len),
                    "sent", Integer.toString(n));
        }
        return n;
    }
}
