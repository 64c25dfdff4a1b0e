package org.winsim.winsock.sim.net;

/**
 * A TCP segment in flight between two connection endpoints. Sequence space is counted in data bytes;
 * a FIN is acknowledged by its own flag.
 *
 * @param ack cumulative data bytes received by the sender of this segment (valid with ACK)
 * @param window receive window the sender of this segment advertises (valid with ACK)
 * @param urgent sequence number of the urgent byte this segment carries, or -1
 */
record Segment(Tcb from, Tcb to, int flags, byte[] data, long ack, int window, boolean ackFin, long urgent) {
    static final int SYN = 1;
    static final int ACK = 2;
    static final int FIN = 4;
    static final int RST = 8;

    static final byte[] NO_DATA = new byte[0];

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    String flagText() {
        StringBuilder b = new StringBuilder();
        if (has(SYN)) {
            b.append("SYN,");
        }
        if (has(FIN)) {
            b.append("FIN,");
        }
        if (has(RST)) {
            b.append("RST,");
        }
        if (has(ACK)) {
            b.append("ACK,");
        }
        if (data.length > 0) {
            b.append("DATA,");
        }
        if (urgent >= 0) {
            b.append("URG,");
        }
        return b.isEmpty() ? "-" : b.substring(0, b.length() - 1);
    }
}
