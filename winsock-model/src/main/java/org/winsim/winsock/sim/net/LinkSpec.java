package org.winsim.winsock.sim.net;

import org.winsim.sim.Durations;

/**
 * The properties of a network link: one-way latency, bandwidth and the maximum segment size.
 *
 * @param latencyNanos one-way propagation delay
 * @param bytesPerSecond how fast bytes go onto the wire
 * @param mss largest TCP payload of one segment
 */
public record LinkSpec(long latencyNanos, long bytesPerSecond, int mss) {
    /**
     * Loopback: no propagation latency (a real stack processes a loopback segment inside the call that
     * sent it, so it has arrived before that thread's next step), 10 Gbit/s, MSS 65495 (Windows').
     */
    public static final LinkSpec LOOPBACK = new LinkSpec(0, 1_250_000_000L, 65_495);
    /** A LAN: 100 us, 1 Gbit/s, MSS 1460. */
    public static final LinkSpec LAN = new LinkSpec(Durations.micros(100), 125_000_000L, 1460);

    public LinkSpec {
        if (latencyNanos < 0 || bytesPerSecond <= 0 || mss <= 0) {
            throw new IllegalArgumentException("a link needs latency >= 0, bandwidth > 0 and MSS > 0");
        }
    }
}
