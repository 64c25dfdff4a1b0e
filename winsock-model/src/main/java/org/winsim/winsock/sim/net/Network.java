package org.winsim.winsock.sim.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.sim.OrderedEvents;
import org.winsim.sim.Simulation;

/** The simulated network: hosts, the links between them, and the delivery of segments over them. */
public final class Network {
    final Simulation sim;
    final TcpProfile profile;
    /** The connections' delayed-ACK timers, in one line (see {@link DelayedAck}). */
    final OrderedEvents ackTimers;
    private final List<Host> hosts = new ArrayList<>();
    private final Map<String, Pipe> pipes = new LinkedHashMap<>();
    private NetFaults faults;
    /** Active opens so far: the next one is connection {@code opens + 1}. */
    private int opens;

    /** Injects a fault plan's network faults into every segment from now on. */
    public void setFaults(NetFaults f) {
        faults = f;
    }

    public Network(Simulation sim, TcpProfile profile) {
        this.sim = sim;
        this.profile = profile;
        this.ackTimers = sim.orderedEvents();
    }

    public Host addHost(String name, int addr, LinkSpec loopback) {
        for (Host h : hosts) {
            if (h.name.equals(name) || h.addr == addr) {
                throw new IllegalArgumentException("a host named " + name + " or with address " + addr + " exists already");
            }
        }
        Host h = new Host(name, addr, loopback, sim.orderedEvents());
        hosts.add(h);
        return h;
    }

    public void link(Host a, Host b, LinkSpec spec) {
        pipes.put(a.name + ">" + b.name, new Pipe(a.name + ">" + b.name, spec, sim.orderedEvents()));
        pipes.put(b.name + ">" + a.name, new Pipe(b.name + ">" + a.name, spec, sim.orderedEvents()));
    }

    Host hostWithAddress(int addr) {
        for (Host h : hosts) {
            if (h.addr == addr) {
                return h;
            }
        }
        return null;
    }

    /** The pipe a segment from {@code from} to {@code dstAddr} travels, or null when there is no route. */
    Pipe route(Host from, int dstAddr) {
        if ((dstAddr >>> 24) == 127 || dstAddr == from.addr) {
            return from.loopback;
        }
        Host to = hostWithAddress(dstAddr);
        return to == null ? null : pipes.get(from.name + ">" + to.name);
    }

    /** The host a segment to {@code dstAddr} sent from {@code from} arrives at. */
    Host destination(Host from, int dstAddr) {
        return (dstAddr >>> 24) == 127 ? from : hostWithAddress(dstAddr);
    }

    /** Puts a segment on its pipe; it is handed to the receiving endpoint when it arrives (the returned time). */
    long send(Pipe pipe, Segment seg) {
        long arrival = pipe.transmit(sim.now(), seg.data().length);
        if (faults != null) {
            arrival = faults.arrival(pipe, seg, arrival);
            if (arrival < 0) {
                return sim.now(); // a reset fault took its place
            }
        }
        if (sim.trace().enabled()) {
            sim.trace("SEG", "src", String.valueOf(seg.from().local), "dst", String.valueOf(seg.from().remote),
                    "flags", seg.flagText(), "len", Integer.toString(seg.data().length), "ack", Long.toString(seg.ack()),
                    "win", Integer.toString(seg.window()), "arrives", Long.toString(arrival));
        }
        pipe.arrivals.scheduleAt(arrival, () -> seg.to().receive(seg));
        return arrival;
    }

    /**
     * Puts a header-only segment that belongs to no connection yet (a SYN, or the RST refusing one) on
     * its pipe; {@code onArrival} runs when it arrives.
     */
    void sendControl(Pipe pipe, Endpoint src, Endpoint dst, String flags, Runnable onArrival) {
        long arrival = pipe.transmit(sim.now(), 0);
        if (sim.trace().enabled()) {
            sim.trace("SEG", "src", src.toString(), "dst", dst.toString(), "flags", flags, "len", "0",
                    "arrives", Long.toString(arrival));
        }
        pipe.arrivals.scheduleAt(arrival, onArrival);
    }

    /** Sends a connection request to {@code dst}; the destination host answers it when it arrives. */
    void sendSyn(Tcb client, Pipe pipe, Host dstHost, Endpoint dst) {
        if (client.connection == 0) {
            client.connection = ++opens; // a retried SYN keeps its number
        }
        sendControl(pipe, client.local, dst, "SYN", () -> acceptSyn(client, dstHost, dst));
    }

    private void acceptSyn(Tcb client, Host dstHost, Endpoint dst) {
        ListenQueue listener = dstHost.listenerFor(dst);
        if (listener == null) {
            client.refused(dstHost);
        } else {
            listener.onSyn(client, dst);
        }
    }

    // ---- UDP ----

    /**
     * Puts a datagram from {@code src} (sent by {@code sender}) on its pipe to {@code dst}; when it
     * arrives the destination host hands it to the endpoint bound to {@code dst}'s port. A datagram to the
     * broadcast address goes to every host, the sender's own over its loopback. No route, and it is lost;
     * a unicast that finds no socket is lost and answered by an ICMP port unreachable, which travels back
     * to the sender. DGRAM and ICMP trace records show them.
     */
    void sendDatagram(DatagramEndpoint sender, Endpoint src, Endpoint dst, byte[] data) {
        Host from = sender.host();
        boolean broadcast = dst.addr() == BROADCAST;
        for (Host to : broadcast ? hosts : java.util.Arrays.asList(destination(from, dst.addr()))) {
            Pipe pipe = between(from, to);
            if (pipe == null) {
                continue;
            }
            long arrival = pipe.transmit(sim.now(), data.length);
            if (sim.trace().enabled()) {
                sim.trace("DGRAM", "src", src.toString(), "dst", dst.toString(), "len", Integer.toString(data.length),
                        "arrives", Long.toString(arrival));
            }
            pipe.arrivals.scheduleAt(arrival, () -> {
                java.util.List<DatagramEndpoint> receivers = to.datagramReceivers(dst, broadcast);
                for (DatagramEndpoint d : receivers) {
                    d.arrived(src, data);
                }
                if (receivers.isEmpty() && !broadcast) {
                    portUnreachable(to, from, dst, src, sender);
                }
            });
        }
    }

    /** The ICMP port unreachable host {@code at} sends back to the sender of a datagram to {@code dst}. */
    private void portUnreachable(Host at, Host back, Endpoint dst, Endpoint src, DatagramEndpoint sender) {
        Pipe pipe = between(at, back);
        if (pipe == null) {
            return;
        }
        long arrival = pipe.transmit(sim.now(), 0);
        if (sim.trace().enabled()) {
            sim.trace("ICMP", "src", dst.toString(), "dst", src.toString(), "what", "port-unreachable", "arrives", Long.toString(arrival));
        }
        pipe.arrivals.scheduleAt(arrival, sender::unreachable);
    }

    /** The pipe from one host to another (its loopback to itself), or null when they are not linked. */
    private Pipe between(Host from, Host to) {
        return to == null ? null : to == from ? from.loopback : pipes.get(from.name + ">" + to.name);
    }

    /** INADDR_BROADCAST (255.255.255.255). */
    static final int BROADCAST = 0xffffffff;
}
