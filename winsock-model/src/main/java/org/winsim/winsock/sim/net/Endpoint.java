package org.winsim.winsock.sim.net;

import org.winsim.winsock.api.sockaddr_in;

/** An IPv4 address and port: one end of a TCP connection or a socket's bound name. */
public record Endpoint(int addr, int port) {
    public static Endpoint of(sockaddr_in sa) {
        return new Endpoint(sa.sin_addr, sa.sin_port);
    }

    public boolean isLoopback() {
        return (addr >>> 24) == 127;
    }

    @Override
    public String toString() {
        return sockaddr_in.inet_ntoa(addr) + ":" + port;
    }
}
