package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.IP_DONTFRAGMENT;
import static org.winsim.winsock.api.Winsock.IP_HDRINCL;
import static org.winsim.winsock.api.Winsock.IP_MULTICAST_LOOP;
import static org.winsim.winsock.api.Winsock.IP_MULTICAST_TTL;
import static org.winsim.winsock.api.Winsock.IP_PKTINFO;
import static org.winsim.winsock.api.Winsock.IP_RECVTOS;
import static org.winsim.winsock.api.Winsock.IP_RECVTTL;
import static org.winsim.winsock.api.Winsock.IP_TOS;
import static org.winsim.winsock.api.Winsock.IP_TTL;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;

/**
 * A socket's IPPROTO_IP options (setsockopt/getsockopt at level IPPROTO_IP): the IP header fields its
 * datagrams carry (TTL, TOS, don't-fragment), its multicast TTL and loopback, and which ancillary data its
 * receives would return. They are kept and read back with Windows' checks (Wine sock.c
 * {@code test_set_getsockopt}); the simulated network neither routes nor fragments by them. The multicast
 * and ancillary-data options belong to datagram sockets: on TCP they are WSAEINVAL (Wine sock.c
 * {@code test_sockopt_validity}). Made when a call first names one, with the stack's defaults.
 */
final class IpOptions {
    private int ttl;
    private int tos;
    private int multicastTtl = 1; // RFC 1112: multicast stays on the local network unless asked
    private boolean multicastLoop = true; // Microsoft's IPPROTO_IP table (Windows Embedded Compact 2013): TRUE by default
    /** A TCP socket sets DF (path MTU discovery), a UDP one does not (Wine: 1 on TCP, 0 on UDP). */
    private boolean dontFragment;
    private boolean pktInfo;
    private boolean recvTtl;
    private boolean recvTos;
    /** Whether the socket is a datagram one, which alone has the multicast and ancillary-data options. */
    private final boolean datagram;

    private IpOptions(int ttl, boolean datagram) {
        this.ttl = ttl;
        this.datagram = datagram;
        this.dontFragment = !datagram;
    }

    /** The options of {@code s}, made with its stack's defaults the first time a call names one. */
    static IpOptions of(SimSocket s) {
        if (s.options.ip == null) {
            s.options.ip = new IpOptions(s.profile.tcp().defaultTtl(), s instanceof DatagramSocket);
        }
        return s.options.ip;
    }

    /** How the trace and scripts name an IPPROTO_IP option. */
    static String name(int opt) {
        return switch (opt) {
            case IP_HDRINCL -> "IP_HDRINCL";
            case IP_TOS -> "IP_TOS";
            case IP_TTL -> "IP_TTL";
            case IP_MULTICAST_TTL -> "IP_MULTICAST_TTL";
            case IP_MULTICAST_LOOP -> "IP_MULTICAST_LOOP";
            case IP_DONTFRAGMENT -> "IP_DONTFRAGMENT";
            case IP_PKTINFO -> "IP_PKTINFO";
            case IP_RECVTTL -> "IP_RECVTTL";
            case IP_RECVTOS -> "IP_RECVTOS";
            default -> "IPPROTO_IP/" + opt;
        };
    }

    /**
     * Sets an option to {@code value} (the bytes setsockopt read, little-endian): a header byte above 255 is
     * WSAEINVAL; a switch is on for any value but 0.
     */
    void set(int opt, int value) {
        requireDatagramFor(opt);
        switch (opt) {
            case IP_TTL -> ttl = headerByte(value);
            case IP_TOS -> tos = headerByte(value);
            case IP_MULTICAST_TTL -> multicastTtl = headerByte(value);
            case IP_MULTICAST_LOOP -> multicastLoop = value != 0;
            case IP_DONTFRAGMENT -> dontFragment = value != 0;
            case IP_PKTINFO -> pktInfo = value != 0;
            case IP_RECVTTL -> recvTtl = value != 0;
            case IP_RECVTOS -> recvTos = value != 0;
            default -> throw unsupported(opt);
        }
    }

    /** An option's value as getsockopt reads it. */
    int get(int opt) {
        requireDatagramFor(opt);
        return switch (opt) {
            case IP_TTL -> ttl;
            case IP_TOS -> tos;
            case IP_MULTICAST_TTL -> multicastTtl;
            case IP_MULTICAST_LOOP -> multicastLoop ? 1 : 0;
            case IP_DONTFRAGMENT -> dontFragment ? 1 : 0;
            case IP_PKTINFO -> pktInfo ? 1 : 0;
            case IP_RECVTTL -> recvTtl ? 1 : 0;
            case IP_RECVTOS -> recvTos ? 1 : 0;
            default -> throw unsupported(opt);
        };
    }

    /** The multicast and ancillary-data options on a stream socket: WSAEINVAL (test_sockopt_validity's TCP rows). */
    private void requireDatagramFor(int opt) {
        boolean datagramOnly = opt == IP_MULTICAST_TTL || opt == IP_MULTICAST_LOOP || opt == IP_PKTINFO || opt == IP_RECVTTL
                || opt == IP_RECVTOS;
        if (datagramOnly && !datagram) {
            throw WsaFailure.of(WSAEINVAL);
        }
    }

    private static int headerByte(int value) {
        if (Integer.compareUnsigned(value, 255) > 0) {
            throw WsaFailure.of(WSAEINVAL);
        }
        return value;
    }

    /**
     * IP_HDRINCL belongs to raw sockets: on TCP and UDP both set and get are WSAEINVAL (Vista and later; Wine's
     * prottest loop). The options not modelled (IP_OPTIONS, IP_MULTICAST_IF, memberships, IP_UNICAST_IF…) are
     * WSAENOPROTOOPT (docs/divergences.md).
     */
    private static WsaFailure unsupported(int opt) {
        return WsaFailure.of(opt == IP_HDRINCL ? WSAEINVAL : WSAENOPROTOOPT);
    }
}
