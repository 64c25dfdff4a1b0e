package org.winsim.winsock.sim.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One protocol's table of bound ports on a host (TCP's and UDP's are separate: a TCP socket and a UDP
 * socket may hold the same port number): who is bound to each port, and the next port of the dynamic
 * range an implicit bind takes.
 */
public final class PortTable {
    static final int FIRST_EPHEMERAL_PORT = 49152;

    private final Map<Integer, List<PortUser>> bindings = new LinkedHashMap<>();
    private int nextEphemeral = FIRST_EPHEMERAL_PORT;

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
}
