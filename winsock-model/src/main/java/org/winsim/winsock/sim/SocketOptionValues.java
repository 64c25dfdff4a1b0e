package org.winsim.winsock.sim;

/**
 * The values of a socket's options: what setsockopt set and getsockopt reads back ({@link SocketOptions}
 * checks and applies them; the connection reads the ones it acts on through {@link SimSocket#pushOptionsDown}).
 */
final class SocketOptionValues {
    int sndBuf;
    int rcvBuf;
    boolean lingerOn;
    int lingerSeconds;
    boolean reuseAddr;
    boolean exclusiveAddrUse;
    boolean noDelay;
    boolean keepAlive;
    TcpKeepAlive keepAliveTiming; // TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT: made when a call first names one
    boolean debug; // SO_DEBUG: kept and read back as 0 or 1, nothing more (WSK-08)
    boolean dontRoute; // SO_DONTROUTE: kept and read back; every simulated destination is on a link of its own
    boolean oobInline;
    int soError;
    int rcvTimeoutMs;
    int sndTimeoutMs;
    IpOptions ip; // the IPPROTO_IP options, made when a call first names one (IpOptions.of)

    SocketOptionValues(int sndBuf, int rcvBuf) {
        this.sndBuf = sndBuf;
        this.rcvBuf = rcvBuf;
    }
}
