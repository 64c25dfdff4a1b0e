package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEACCES;
import static org.winsim.winsock.api.WsaError.WSAEADDRINUSE;

import org.winsim.winsock.sim.net.Endpoint;
import org.winsim.winsock.sim.net.PortUser;

/**
 * Whether a bind may share its port with the sockets already bound to it: SO_REUSEADDR and
 * SO_EXCLUSIVEADDRUSE as Windows applies them ("Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"), with the
 * profile's differences (Linux keeps even SO_REUSEADDR binds off a listener's port).
 */
final class PortSharing {
    private PortSharing() {
    }

    /** Throws the bind's error when {@code s} may not take {@code ep}'s port beside its present users. */
    static void check(SimSocket s, Endpoint ep) {
        OsProfile.SocketRules rules = s.profile.sockets();
        for (PortUser other : s.host.ports(s).boundTo(ep.port())) {
            Endpoint o = other.boundName();
            if (o.addr() != ep.addr() && o.addr() != 0 && ep.addr() != 0) {
                continue;
            }
            if (o.addr() != ep.addr() && rules.specificBesideWildcard()) {
                besideWildcard(s, other, ep.addr() == 0);
                continue;
            }
            if (other.exclusiveAddrUse() || s.options.exclusiveAddrUse) {
                throw WsaFailure.of(rules.hasExclusiveAddrUse() && s.options.reuseAddr ? rules.reuseConflictError() : WSAEADDRINUSE);
            }
            if (s.options.reuseAddr && other.reuseAddr() && !(rules.reuseBlockedByListener() && other.listenQueue() != null)) {
                continue;
            }
            throw WsaFailure.of(s.options.reuseAddr ? rules.reuseConflictError() : WSAEADDRINUSE);
        }
    }

    /**
     * Linux checks the port again when a socket starts listening: another socket listening on it (at the same
     * address or the wildcard) makes listen fail with WSAEADDRINUSE, SO_REUSEADDR or not; Windows lets the
     * sockets that shared the port at bind listen both (ERR-07).
     */
    static void checkListen(SimSocket s) {
        if (!s.profile.sockets().reuseBlockedByListener()) {
            return;
        }
        for (PortUser other : s.host.ports(s).boundTo(s.local.port())) {
            Endpoint o = other.boundName();
            boolean overlaps = o.addr() == s.local.addr() || o.addr() == 0 || s.local.addr() == 0;
            if (other != s && overlaps && other.listenQueue() != null) {
                throw WsaFailure.of(WSAEADDRINUSE);
            }
        }
    }

    /**
     * Windows: a specific address and the wildcard share a port unless SO_EXCLUSIVEADDRUSE says otherwise
     * (Wine sock.c {@code test_reuseaddr}): a specific bind under an exclusive wildcard is WSAEACCES, an
     * exclusive wildcard bind over a specific one WSAEADDRINUSE; an exclusive specific address does not keep
     * a later wildcard bind off.
     */
    private static void besideWildcard(SimSocket s, PortUser other, boolean wildcard) {
        if (!wildcard && other.exclusiveAddrUse()) {
            throw WsaFailure.of(WSAEACCES);
        }
        if (wildcard && s.options.exclusiveAddrUse) {
            throw WsaFailure.of(WSAEADDRINUSE);
        }
    }
}
