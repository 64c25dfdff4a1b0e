package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.winsim.sim.Simulation;
import org.winsim.winsock.sim.net.Tcb;

/**
 * AFD under resource pressure, as a fault plan injects it: a send that takes only part of its bytes.
 * Windows takes a non-blocking send whole while it holds less than SO_SNDBUF, so a short count there
 * means the system ran short (of non-paged pool, of locked pages); a program must send the rest later,
 * after its FD_WRITE. The shortage lasts {@link #PRESSURE}: the socket's FD_WRITE comes when it is over
 * (as after a send that failed with WSAEWOULDBLOCK, once space frees). An overlapped WSASend under the
 * same pressure completes (at once or later, by event, routine or port packet as usual) with fewer bytes
 * than it asked for, and the rest is never sent: the program must send it again.
 * {@code partial-send=P} cuts each such send with probability P at a point drawn from its own random
 * stream; {@code partial-send@connN:B} cuts the next send on connection N longer than B bytes after B
 * bytes. Each cut is a FAULT record.
 */
final class PartialSends {
    /** How long the shortage behind a cut lasts. */
    static final long PRESSURE = org.winsim.sim.Durations.millis(1);

    private final Simulation sim;
    private final double p;
    private final List<FaultPlan.PartialSendAt> due;
    private final RandomGenerator stream;

    /**
     * How much of a Windows non-blocking send on {@code s} AFD takes under the plan's resource pressure
     * ({@code len} when no fault cuts it, or there is no plan). Blocking sends wait instead, and BSD
     * sends are partial by their own rule.
     */
    static int lengthTaken(SimSocket s, int len) {
        PartialSends faults = s.process.world.partialSends;
        if (faults == null || !s.nonBlocking
                || s.profile.sockets().sendBuffering() != OsProfile.SendBuffering.WHOLE_BELOW_LIMIT) {
            return len;
        }
        return faults.allowed(s.tcb, len);
    }

    /**
     * How much of an overlapped WSASend's {@code len} bytes on {@code s} it sends under the plan's resource
     * pressure ({@code len} when no fault cuts it, or there is no plan); a cut is used up and traced here,
     * as the request that carries the shorter count is built.
     */
    static int overlappedTaken(SimSocket s, int len) {
        PartialSends faults = s.process.world.partialSends;
        if (faults == null) {
            return len;
        }
        int n = faults.allowed(s.tcb, len);
        if (n < len) {
            faults.used(s, n, len, false);
        }
        return n;
    }

    PartialSends(Simulation sim, double p, List<FaultPlan.PartialSendAt> due) {
        this.sim = sim;
        this.p = p;
        this.due = new ArrayList<>(due);
        this.stream = sim.random().stream("win.partial-send");
    }

    /**
     * How many of a send's {@code len} bytes it may take on connection {@code tcb}:
     * {@code len} when no fault cuts it. A send of one byte cannot be cut.
     */
    int allowed(Tcb tcb, int len) {
        if (len < 2) {
            return len;
        }
        int conn = tcb.connection();
        for (FaultPlan.PartialSendAt f : due) {
            if (f.conn() == conn && f.bytes() < len) {
                return f.bytes();
            }
        }
        if (p > 0 && stream.nextDouble() < p) {
            return 1 + (int) (stream.nextDouble() * (len - 1));
        }
        return len;
    }

    /**
     * The send on {@code socket} took {@code took} of {@code len} bytes: a deterministic fault is used up,
     * the cut is traced, and the socket's send path is short of resources until {@link #PRESSURE} has passed.
     */
    void cut(SimSocket socket, int took, int len) {
        used(socket, took, len, true);
        socket.events.pressureUntil(sim.now() + PRESSURE);
        sim.schedule(PRESSURE, socket::sendSpace); // the shortage is over: space for sends again
    }

    /**
     * A cut of {@code len} to {@code took} bytes on {@code socket}: a deterministic fault is used up and the
     * cut traced (with the shortage's length when it holds back the socket's FD_WRITE).
     */
    private void used(SimSocket socket, int took, int len, boolean pressure) {
        int conn = socket.tcb.connection();
        for (int i = 0; i < due.size(); i++) {
            if (due.get(i).conn() == conn && due.get(i).bytes() == took) {
                due.remove(i);
                break;
            }
        }
        if (sim.trace().enabled()) {
            String c = conn == 0 ? "?" : "conn" + conn;
            if (pressure) {
                sim.trace("FAULT", "kind", "partial-send", "conn", c, "sent", Integer.toString(took), "requested", Integer.toString(len),
                        "pressure", org.winsim.sim.Durations.human(PRESSURE));
            } else {
                sim.trace("FAULT", "kind", "partial-send", "conn", c, "sent", Integer.toString(took), "requested", Integer.toString(len));
            }
        }
    }
}
