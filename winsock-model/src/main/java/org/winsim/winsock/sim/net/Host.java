package org.winsim.winsock.sim.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.winsock.api.sockaddr_in;

/** A simulated computer on the network: its address, its loopback interface and its table of bound ports. */
public final class Host {
    static final int FIRST_EPHEMERAL_PORT = 49152;

    final String name;
    final int addr;
    final Pipe loopback;
    private final Map<Integer, List<PortUser>> bindings = new LinkedHashMap<>();
    private int nextEphemeral = FIRST_EPHEMERAL_PORT;

    Host(String name, int addr, LinkSpec loopbackSpec) {
        this.name = name;
        this.addr = addr;
        this.loopback = new Pipe(name + ":loopback", loopbackSpec.latencyNanos(), loopbackSpec.bytesPerSecond(), loopbackSpec.mss());
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

    /** Sockets bound to a port, in the order they bound. */
    public List<PortUser> boundTo(int port) {
        return bindings.getOrDefault(port, List.of());
    }

    public void bind(int port, PortUser s) {
        bindings.computeIfAbsent(port, p -> new ArrayList<>()).add(s);
    }

    public void unbind(int port, PortUser s) {
        List<PortUser> l = bindings.get(port);
        if (l != null) {
            l.remove(s);
            if (l.isEmpty()) {
                bindings.remove(port);
            }
        }
    }

    /** The next free port of the dynamic range (49152-65535), or 0 when all are taken. */
    public int ephemeralPort() {
        for (int i = 0; i < 65536 - FIRST_EPHEMERAL_PORT; i++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? FIRST_EPHEMERAL_PORT : p + 1;
            if (!bindings.containsKey(p)) {
                return p;
            }
        }
        return 0;
    }

    /** The listen queue for connections to {@code dst}: the first socket's that listened, if several share the port. */
    ListenQueue listenerFor(Endpoint dst) {
        for (PortUser s : boundTo(dst.port())) {
            ListenQueue q = s.listenQueue();
            if (q != null && (s.boundName().addr() == 0 || s.boundName().addr() == dst.addr())) {
                return q;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + "(" + sockaddr_in.inet_ntoa(addr) + ")";
    }
}
