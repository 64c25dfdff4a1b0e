package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.TCP_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.TCP_KEEPCNT;
import static org.winsim.winsock.api.Winsock.TCP_KEEPINTVL;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;

import org.winsim.winsock.sim.net.TcpProfile;

/**
 * A socket's TCP keep-alive timing (setsockopt/getsockopt TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT; the
 * last two since Windows 10): how long a connection idles before the first probe, the seconds between
 * probes and how many go unanswered before the connection is dropped. Kept and read back with Windows' checks (Wine sock.c
 * {@code test_set_getsockopt}); the simulated TCP sends no probes (SO_KEEPALIVE is kept the same way). Made
 * when a call first names one, with the stack's defaults.
 */
final class TcpKeepAlive {
    private int idleSeconds;
    private int intervalSeconds;
    private int probes;

    private TcpKeepAlive(TcpProfile.KeepAlive defaults) {
        this.idleSeconds = defaults.idleSeconds();
        this.intervalSeconds = defaults.intervalSeconds();
        this.probes = defaults.probes();
    }

    /** The keep-alive timing of {@code s}, made with its stack's defaults the first time a call names it. */
    static TcpKeepAlive of(SimSocket s) {
        if (s.options.keepAliveTiming == null) {
            s.options.keepAliveTiming = new TcpKeepAlive(s.profile.tcp().keepAlive());
        }
        return s.options.keepAliveTiming;
    }

    /** Whether {@code opt} is one of the keep-alive options of IPPROTO_TCP. */
    static boolean covers(int opt) {
        return opt == TCP_KEEPALIVE || opt == TCP_KEEPINTVL || opt == TCP_KEEPCNT;
    }

    /** How the trace and scripts name a keep-alive option. */
    static String name(int opt) {
        return opt == TCP_KEEPALIVE ? "TCP_KEEPALIVE" : opt == TCP_KEEPINTVL ? "TCP_KEEPINTVL" : "TCP_KEEPCNT";
    }

    /** Sets an option: a probe count above 255 is WSAEINVAL ("illegal", and Wine's row refuses 0x100); the times take any value. */
    void set(int opt, int value) {
        switch (opt) {
            case TCP_KEEPALIVE -> idleSeconds = value;
            case TCP_KEEPINTVL -> intervalSeconds = value;
            default -> {
                if (Integer.compareUnsigned(value, 255) > 0) {
                    throw WsaFailure.of(WSAEINVAL);
                }
                probes = value;
            }
        }
    }

    /** An option's value as getsockopt reads it. */
    int get(int opt) {
        return opt == TCP_KEEPALIVE ? idleSeconds : opt == TCP_KEEPINTVL ? intervalSeconds : probes;
    }
}
