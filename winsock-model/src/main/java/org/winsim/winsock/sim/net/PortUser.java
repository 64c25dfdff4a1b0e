package org.winsim.winsock.sim.net;

/** A socket as a host's port table sees it: the name it is bound to and how it shares the port. */
public interface PortUser {
    /** The address and port it is bound to. */
    Endpoint boundName();

    /** Its listen queue while it listens, else null. */
    ListenQueue listenQueue();

    /** SO_REUSEADDR. */
    boolean reuseAddr();

    /** SO_EXCLUSIVEADDRUSE. */
    boolean exclusiveAddrUse();

    // ---- UDP ----

    /** The datagram endpoint that receives what is sent to this name (a UDP socket's), or null. */
    default DatagramEndpoint datagramEndpoint() {
        return null;
    }
}
