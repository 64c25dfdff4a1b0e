package org.winsim.winsock.sim.net;

import org.winsim.sim.OrderedEvents;

/**
 * One direction of a link: segments leave one after another at the link's bandwidth (each waits for
 * the one before it) and arrive after the propagation latency, in the order they were sent.
 */
final class Pipe {
    /** Bytes of TCP/IP header counted with each segment's payload. */
    static final int HEADER_BYTES = 40;

    final String name;
    final long latencyNanos;
    final long bytesPerSecond;
    final int mss;
    /** Everything sent over the pipe arrives in the order it was sent: its arrivals form one line of events. */
    final OrderedEvents arrivals;
    private long busyUntil;
    long segments;
    long payloadBytes;

    Pipe(String name, LinkSpec spec, OrderedEvents arrivals) {
        if (spec.latencyNanos() < 0 || spec.bytesPerSecond() <= 0 || spec.mss() <= 0) {
            throw new IllegalArgumentException("link " + name + ": latency must be >= 0, bandwidth and MSS > 0");
        }
        this.name = name;
        this.latencyNanos = spec.latencyNanos();
        this.bytesPerSecond = spec.bytesPerSecond();
        this.mss = spec.mss();
        this.arrivals = arrivals;
    }

    /** Takes a segment of {@code payload} bytes onto the wire at {@code now}; returns its arrival time. */
    long transmit(long now, int payload) {
        long wire = (long) (payload + HEADER_BYTES) * 1_000_000_000L / bytesPerSecond;
        long start = Math.max(now, busyUntil);
        busyUntil = start + wire;
        segments++;
        payloadBytes += payload;
        return busyUntil + latencyNanos;
    }
}
