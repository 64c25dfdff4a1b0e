package org.winsim.winsock.api;

/**
 * {@code WSAMSG}: what WSASendMsg sends: the destination ({@code name}, {@code namelen} bytes of it; null
 * for a connected socket's peer), the buffers {@code lpBuffers[0..dwBufferCount)} gathered in order, the
 * control data ({@code Control}, null for none) and flags.
 */
public final class WSAMSG {
    public sockaddr_in name;
    public int namelen;
    public WSABUF[] lpBuffers;
    public int dwBufferCount;
    public WSABUF Control;
    public int dwFlags;

    public WSAMSG() {
    }

    public WSAMSG(sockaddr_in name, int namelen, WSABUF... lpBuffers) {
        this.name = name;
        this.namelen = namelen;
        this.lpBuffers = lpBuffers;
        this.dwBufferCount = lpBuffers.length;
    }
}
