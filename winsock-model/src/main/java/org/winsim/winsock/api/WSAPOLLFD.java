package org.winsim.winsock.api;

/**
 * {@code WSAPOLLFD} (winsock2.h, 16 bytes on 64-bit Windows: a SOCKET and two SHORTs): one entry of
 * WSAPoll's array, the socket, the events asked about and the events the call reports.
 */
public final class WSAPOLLFD {
    public long fd;
    public short events;
    public short revents;

    public WSAPOLLFD() {
    }

    public WSAPOLLFD(long fd, int events) {
        this.fd = fd;
        this.events = (short) events;
    }
}
