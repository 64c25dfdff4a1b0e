package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.IPPROTO_IP;
import static org.winsim.winsock.api.Winsock.IP_DONTFRAGMENT;
import static org.winsim.winsock.api.Winsock.IP_HDRINCL;
import static org.winsim.winsock.api.Winsock.IP_MULTICAST_LOOP;
import static org.winsim.winsock.api.Winsock.IP_MULTICAST_TTL;
import static org.winsim.winsock.api.Winsock.IP_PKTINFO;
import static org.winsim.winsock.api.Winsock.IP_RECVTOS;
import static org.winsim.winsock.api.Winsock.IP_RECVTTL;
import static org.winsim.winsock.api.Winsock.IP_TOS;
import static org.winsim.winsock.api.Winsock.IP_TTL;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.sim.Fixture.DEADBEEF;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.UdpFactsTest.udp;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;

/**
 * IPPROTO_IP options: the rows of Wine sock.c {@code test_set_getsockopt}'s {@code test_optsize} table for
 * level IPPROTO_IP (each an {@code ok()} that holds on Windows), its IP_MULTICAST_TTL widths, IP_DONTFRAGMENT
 * and IP_HDRINCL checks, under the windows profile; and the linux profile's default TTL.
 */
class IpOptionsTest {
    private static final int[] HEADER_BYTES = {IP_TTL, IP_TOS, IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_DONTFRAGMENT};
    private static final int[] SWITCHES = {IP_PKTINFO, IP_RECVTTL, IP_RECVTOS};

    private static int[] get(Win32 w, long s, int opt, int len) {
        return Fixture.readOption(w, s, IPPROTO_IP, opt, len);
    }

    @Test
    void wsk14_headerBytesTakeAnyLengthAndAShortGetWritesOneByte() {
        Fixture.run(w -> {
            long s = udp(w);
            for (int opt : HEADER_BYTES) {
                for (int len : new int[] {1, 2}) {
                    assertEquals(0, w.setsockopt(s, IPPROTO_IP, opt, Structs.int32(1), len), "set, length " + len);
                    int[] g = get(w, s, opt, len);
                    assertEquals(0, g[0]);
                    assertEquals(0xdeadbe01, g[1], IpOptions.name(opt) + ": one byte written for length " + len);
                    assertEquals(1, g[2], "length 1 reported for length " + len);
                }
                assertEquals(0, w.setsockopt(s, IPPROTO_IP, opt, Structs.int32(1), 4));
                assertEquals(1, get(w, s, opt, 4)[1]);
                assertEquals(4, get(w, s, opt, 4)[2]);
                byte[] wide = Fixture.wideOne();
                assertEquals(0, w.setsockopt(s, IPPROTO_IP, opt, wide, 8));
                assertEquals(1, get(w, s, opt, 8)[1], "8 bytes: the first 4 are read");
                assertEquals(4, get(w, s, opt, 8)[2], "8 bytes: 4 reported");
            }
        });
    }

    @Test
    void wsk14_switchesNeedFourBytesAndAShortGetReportsLengthZero() {
        Fixture.run(w -> {
            long s = udp(w);
            for (int opt : SWITCHES) {
                assertEquals(0, get(w, s, opt, 4)[1], IpOptions.name(opt) + " is off on a new socket");
                Fixture.assertNeedsFourBytes(w, s, IPPROTO_IP, opt, IpOptions.name(opt));
                assertEquals(0, w.setsockopt(s, IPPROTO_IP, opt, Structs.int32(1), 4));
                assertEquals(1, get(w, s, opt, 4)[1]);
            }
        });
    }

    @Test
    void wsk14_lengthsZeroAndNegativeAndLargeValues() {
        Fixture.run(w -> {
            long s = udp(w);
            for (int[] group : new int[][] {HEADER_BYTES, SWITCHES}) {
                for (int opt : group) {
                    assertFails(w, w.setsockopt(s, IPPROTO_IP, opt, Structs.int32(1), -1), WSAENOBUFS);
                    int[] g = get(w, s, opt, -1);
                    assertEquals(WSAEFAULT.code, w.WSAGetLastError());
                    assertEquals(-1, g[2], "a negative length stays");
                    assertFails(w, w.setsockopt(s, IPPROTO_IP, opt, Structs.int32(1), 0), WSAEFAULT);
                    assertEquals(-1, get(w, s, opt, 0)[0]);
                    assertEquals(WSAEFAULT.code, w.WSAGetLastError());
                }
            }
            // 0x100 is no header byte; the switches take it as on.
            for (int opt : new int[] {IP_TTL, IP_TOS, IP_MULTICAST_TTL}) {
                assertFails(w, w.setsockopt(s, IPPROTO_IP, opt, 0x100), WSAEINVAL);
                assertFails(w, w.setsockopt(s, IPPROTO_IP, opt, -1), WSAEINVAL);
            }
            for (int opt : new int[] {IP_MULTICAST_LOOP, IP_DONTFRAGMENT, IP_PKTINFO, IP_RECVTTL, IP_RECVTOS}) {
                assertEquals(0, w.setsockopt(s, IPPROTO_IP, opt, 0x100));
                assertEquals(1, get(w, s, opt, 4)[1]);
                assertEquals(4, get(w, s, opt, 4)[2]);
            }
        });
    }

    @Test
    void wsk14_multicastTtlReadsAsManyBytesAsItIsGivenUpToFour() {
        Fixture.run(w -> {
            long s = udp(w);
            int[] values = {0xffffff0a, 0xffff000b, 0xff00000c, 0x0000000d};
            for (int i = 0; i < 4; i++) {
                assertEquals(0, w.setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, Structs.int32(values[i]), i + 1));
                assertEquals(0x0a + i, get(w, s, IP_MULTICAST_TTL, 4)[1], (i + 1) + " bytes");
            }
        });
    }

    @Test
    void wsk14_defaultsAndRoundTrips() {
        Fixture.run(w -> {
            long u = udp(w);
            long t = tcp(w);
            // Microsoft's documented defaults (DefaultTTL 128; IP_MULTICAST_LOOP TRUE), RFC 1112's multicast TTL 1.
            for (long s : new long[] {u, t}) {
                assertEquals(128, get(w, s, IP_TTL, 4)[1]);
                assertEquals(0, get(w, s, IP_TOS, 4)[1]);
            }
            assertEquals(1, get(w, u, IP_MULTICAST_TTL, 4)[1]);
            assertEquals(1, get(w, u, IP_MULTICAST_LOOP, 4)[1]);
            // on TCP the multicast and ancillary-data options are WSAEINVAL both ways (WSK-22)
            for (int opt : new int[] {IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_PKTINFO, IP_RECVTTL, IP_RECVTOS}) {
                int[] g = get(w, t, opt, 4);
                assertEquals(WSAEINVAL.code, w.WSAGetLastError());
                assertEquals(DEADBEEF, g[1], "the buffer is left alone");
                assertFails(w, w.setsockopt(t, IPPROTO_IP, opt, 1), WSAEINVAL);
            }
            assertEquals(0, w.setsockopt(t, IPPROTO_IP, IP_TTL, 5));
            assertEquals(5, get(w, t, IP_TTL, 4)[1]);
            assertEquals(128, get(w, u, IP_TTL, 4)[1], "another socket keeps its own");
            assertEquals(0, w.setsockopt(u, IPPROTO_IP, IP_TOS, 0x10));
            assertEquals(0x10, get(w, u, IP_TOS, 4)[1], "IP_TOS is kept, not ignored");
            // IP_DONTFRAGMENT: on for TCP, off for UDP; any value but 0 turns it on.
            assertEquals(1, get(w, t, IP_DONTFRAGMENT, 4)[1]);
            assertEquals(0, w.setsockopt(t, IPPROTO_IP, IP_DONTFRAGMENT, 0));
            assertEquals(0, get(w, t, IP_DONTFRAGMENT, 4)[1]);
            assertEquals(0, get(w, u, IP_DONTFRAGMENT, 4)[1]);
            assertEquals(0, w.setsockopt(u, IPPROTO_IP, IP_DONTFRAGMENT, 0xdead));
            assertEquals(1, get(w, u, IP_DONTFRAGMENT, 4)[1]);
        });
    }

    @Test
    void wsk14_headerIncludedIsRawSocketsOnlyAndUnmodelledOptionsAreRefused() {
        Fixture.run(w -> {
            for (long s : new long[] {udp(w), tcp(w)}) {
                assertFails(w, w.setsockopt(s, IPPROTO_IP, IP_HDRINCL, 1), WSAEINVAL);
                assertFails(w, w.setsockopt(s, IPPROTO_IP, IP_HDRINCL, 0), WSAEINVAL);
                int[] g = get(w, s, IP_HDRINCL, 4);
                assertEquals(WSAEINVAL.code, w.WSAGetLastError());
                assertEquals(DEADBEEF, g[1], "the buffer is left alone");
                assertFails(w, w.setsockopt(s, IPPROTO_IP, 9 /* IP_MULTICAST_IF */, 0), WSAENOPROTOOPT);
            }
        });
    }

    @Test
    void theLinuxProfileStartsAtItsOwnTtl() {
        Fixture.run(OsProfile.LINUX, w -> assertEquals(64, get(w, tcp(w), IP_TTL, 4)[1]));
    }
}
