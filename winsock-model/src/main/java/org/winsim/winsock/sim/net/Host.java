package org.winsim.winsock.sim.net;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.winsim.sim.OrderedEvents;
import org.winsim.winsock.api.sockaddr_in;

/** A simulated computer on the network: its address, its loopback interface and its tables of bound ports (TCP's and UDP's). */
public final class Host {
    final String name;
    final int addr;
    final Pipe loopback;
    private final PortTable tcpPorts = new PortTable();
    // ---- UDP ----
    private final PortTable udpPorts = new PortTable();
    /** TCP ports a socket of this host has listened on, and the actions waiting for a listener (see {@link #whenListening}). */
    private final BitSet listenedPorts = new BitSet();
    private final Map<Integer, List<Runnable>> listenWaiters = new TreeMap<>();

    Host(String name, int addr, LinkSpec loopbackSpec, OrderedEvents loopbackArrivals) {
        this.name = name;
        this.addr = addr;
        this.loopback = new Pipe(name + ":loopback", loopbackSpec, loopbackArrivals);
    }

    public String name() {
        return name;
    }

    public int address() {
        return addr;
    }

    /** Whether a socket on this host may bind to the address: INADDR_ANY, loopback or the host's own. */
    public boolean isLocal(int a) {
        return a == 0 || (a >>> 24) == 127 || a == addr;
    }

    /** The port table {@code user} binds in: UDP's for a socket with a datagram endpoint, else TCP's. */
    public PortTable ports(PortUser user) {
        return user.datagramEndpoint() != null ? udpPorts : tcpPorts;
    }

    /**
     * The listen queue for connections to {@code dst}: a listener bound to that very address before one bound
     * to the wildcard (Wine sock.c {@code test_reuseaddr}), and of several sharing the port the first bound.
     */
    ListenQueue listenerFor(Endpoint dst) {
        ListenQueue wildcard = null;
        for (PortUser s : tcpPorts.boundTo(dst.port())) {
            ListenQueue q = s.listenQueue();
            if (q != null && s.boundName().addr() == dst.addr()) {
                return q;
            }
            if (q != null && wildcard == null && s.boundName().addr() == 0) {
                wildcard = q;
            }
        }
        return wildcard;
    }

    /**
     * Runs {@code action} once a socket of this host listens on TCP {@code port} (at once if one ever has,
     * even if it has closed since):
     * a harness starts its clients when the server is ready, as a test on real machines waits for the port.
     * The action runs inside that listen call, so it should only schedule work.
     */
    public void whenListening(int port, Runnable action) {
        if (listenedPorts.get(port)) {
            action.run();
        } else {
            listenWaiters.computeIfAbsent(port, p -> new ArrayList<>()).add(action);
        }
    }

    /** A socket of this host started listening on TCP {@code port}: what waited for it runs, in the order it asked. */
    public void listening(int port) {
        listenedPorts.set(port);
        List<Runnable> waiting = listenWaiters.remove(port);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    // ---- UDP ----

    /**
     * The datagram endpoints a datagram to {@code dst} is delivered to: for a unicast, the first socket
     * bound to the port whose name matches (several may share it with SO_REUSEADDR); for the broadcast
     * address, every one bound to the port.
     */
    java.util.List<DatagramEndpoint> datagramReceivers(Endpoint dst, boolean broadcast) {
        java.util.List<DatagramEndpoint> to = new java.util.ArrayList<>();
        for (PortUser s : udpPorts.boundTo(dst.port())) {
            DatagramEndpoint d = s.datagramEndpoint();
            if (d != null && (broadcast || s.boundName().addr() == 0 || s.boundName().addr() == dst.addr())) {
                to.add(d);
                if (!broadcast) {
                    break;
                }
            }
        }
        return to;
    }

    @Override
    public String toString() {
        return name + "(" + sockaddr_in.inet_ntoa(addr) + ")";
    }
}
