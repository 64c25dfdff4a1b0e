package org.winsim.winsock.sim.net;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;

/**
 * Network faults a fault plan injects, each decided by its own named random stream and shown in the
 * trace as a FAULT record: segment loss (the segment, and everything behind it on its pipe, arrives one
 * retransmission timeout later, as TCP's in-order delivery makes a loss look to the application), extra
 * delay and jitter (delivery order kept), a connection reset once a given number of payload bytes has
 * crossed a connection, and a partition of the link between two hosts for a time (held segments are
 * delivered, in order, one retransmission timeout after it heals). Duplicated and reordered segments are
 * not injected: TCP hides them from the application, so they change nothing a program can observe.
 */
public final class NetFaults {
    /** A connection reset after {@code bytes} payload bytes crossed connection number {@code conn} (1 = the first connect). */
    public record Reset(int conn, long bytes) {
    }

    /** The link between two hosts is down from {@code start} for {@code duration} (virtual nanoseconds). */
    public record Partition(long start, long duration) {
    }

    private final Simulation sim;
    private final double loss;
    private final long rto;
    private final long delay;
    private final long jitter;
    private final List<Reset> resets;
    private final List<Partition> partitions;
    private final RandomGenerator lossStream;
    private final RandomGenerator jitterStream;
    /** Active opens seen, with their connection numbers (the network numbers every active open). */
    private final Map<Tcb, Integer> connections = new IdentityHashMap<>();
    private final Map<Tcb, long[]> crossed = new IdentityHashMap<>();
    private final Map<Pipe, Long> lastArrival = new IdentityHashMap<>();
    private final List<Tcb> reset = new ArrayList<>();

    public NetFaults(Simulation sim, double loss, long rtoNanos, long delayNanos, long jitterNanos, List<Reset> resets,
                     List<Partition> partitions) {
        this.sim = sim;
        this.loss = loss;
        this.rto = rtoNanos;
        this.delay = delayNanos;
        this.jitter = jitterNanos;
        this.resets = List.copyOf(resets);
        this.partitions = List.copyOf(partitions);
        this.lossStream = sim.random().stream("net.loss");
        this.jitterStream = sim.random().stream("net.jitter");
    }

    /** An active open sends its first SYN: its connection number is the network's count of active opens. */
    void opened(Tcb client) {
        connections.putIfAbsent(client, client.connection);
    }

    /**
     * Decides a segment's fate: returns its (possibly later) arrival time, or -1 when a reset fault
     * replaces it (both ends then receive a RST).
     */
    long arrival(Pipe pipe, Segment seg, long arrival) {
        long at = arrival;
        boolean betweenHosts = !pipe.name.endsWith(":loopback");
        if (delay > 0 || jitter > 0) {
            at += delay + (jitter > 0 ? (long) (jitterStream.nextDouble() * jitter) : 0);
        }
        if (betweenHosts) {
            for (Partition p : partitions) {
                if (sim.now() >= p.start() && sim.now() < p.start() + p.duration()) {
                    at = Math.max(at, p.start() + p.duration() + rto);
                    fault("partition", seg, "until", Durations.human(p.start() + p.duration()));
                }
            }
        }
        if (loss > 0 && seg.data().length > 0 && lossStream.nextDouble() < loss) {
            at += rto;
            fault("loss", seg, "retransmitted after", Durations.human(rto));
        }
        if (!resets.isEmpty() && seg.data().length > 0 && resetDue(seg)) {
            return -1;
        }
        Long last = lastArrival.get(pipe);
        if (last != null && at < last) {
            at = last; // a later segment never overtakes an earlier one on its pipe
        }
        lastArrival.put(pipe, at);
        return at;
    }

    private boolean resetDue(Segment seg) {
        Tcb client = connections.containsKey(seg.from()) ? seg.from() : seg.to();
        Integer conn = connections.get(client);
        if (conn == null || reset.contains(client)) {
            return false;
        }
        long[] n = crossed.computeIfAbsent(client, k -> new long[1]);
        long before = n[0];
        n[0] += seg.data().length;
        for (Reset r : resets) {
            if (r.conn() == conn && before < r.bytes() && n[0] >= r.bytes()) {
                reset.add(client);
                fault("reset", seg, "after bytes", Long.toString(r.bytes()));
                Tcb a = seg.from();
                Tcb b = seg.to();
                sim.schedule(0, () -> b.receive(new Segment(a, b, Segment.RST, Segment.NO_DATA, 0, 0, false, -1)));
                sim.schedule(0, () -> a.receive(new Segment(b, a, Segment.RST, Segment.NO_DATA, 0, 0, false, -1)));
                return true;
            }
        }
        return false;
    }

    private void fault(String kind, Segment seg, String what, String value) {
        if (sim.trace().enabled()) {
            Tcb client = connections.containsKey(seg.from()) ? seg.from() : seg.to();
            Integer conn = connections.get(client);
            sim.trace("FAULT", "kind", kind, "conn", conn == null ? "?" : "conn" + conn,
                    "seg", seg.from().local + ">" + seg.from().remote, what, value);
        }
    }
}
