package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_DONTROUTE;
import static org.winsim.winsock.api.Winsock.SO_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.SO_LINGER;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_RCVTIMEO;
import static org.winsim.winsock.api.Winsock.SO_REUSEADDR;
import static org.winsim.winsock.api.Winsock.TCP_NODELAY;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.sim.Fixture.DEADBEEF;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.timeval;

/** The session-5 sweep of socket state errors, options and bind (docs/facts.md, WSK), under the windows profile. */
class WskFactsTest {
    /** A getsockopt that succeeds, into 0xdeadbeef ({@link Fixture#readOption}): {value, reported length}. */
    private static int[] get(Win32 w, long s, int level, int opt, int len) {
        int[] r = Fixture.readOption(w, s, level, opt, len);
        assertEquals(0, r[0]);
        return new int[] {r[1], r[2]};
    }

    @Test
    void wsk02_optionLengthsFollowEachOptionsWidth() {
        Fixture.run(w -> {
            long s = tcp(w);
            // One-byte BOOLEANs: any length of 1 or more (42 too), only the first byte read; get writes one byte and says 1.
            for (int[] lo : new int[][] {{IPPROTO_TCP, TCP_NODELAY}, {SOL_SOCKET, SO_KEEPALIVE}, {SOL_SOCKET, SO_DONTROUTE}}) {
                assertEquals(0xdeadbe00, get(w, s, lo[0], lo[1], 4)[0], "off on a new socket");
                assertEquals(0, w.setsockopt(s, lo[0], lo[1], new byte[] {1}, 1));
                for (int len : new int[] {1, 2, 4, 8}) {
                    assertEquals(0xdeadbe01, get(w, s, lo[0], lo[1], len)[0], "one byte written for length " + len);
                    assertEquals(1, get(w, s, lo[0], lo[1], len)[1], "length 1 reported for length " + len);
                }
                assertEquals(0, w.setsockopt(s, lo[0], lo[1], Structs.int32(0x100), 4));
                assertEquals(0xdeadbe00, get(w, s, lo[0], lo[1], 4)[0], "0x100: its first byte is 0");
                assertEquals(0, w.setsockopt(s, lo[0], lo[1], new byte[] {1, 0, 0, 0}, 42));
                assertFails(w, w.setsockopt(s, lo[0], lo[1], Structs.int32(1), 0), WSAEFAULT);
                assertFails(w, w.setsockopt(s, lo[0], lo[1], Structs.int32(1), -1), WSAENOBUFS);
            }
            // A BOOL that takes short buffers: length 0 is taken; a short get fills the buffer and says 1.
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, Structs.int32(1), 0));
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, new byte[] {1}, 1));
            assertEquals(0xdeadbe01, get(w, s, SOL_SOCKET, SO_REUSEADDR, 1)[0]);
            assertEquals(1, get(w, s, SOL_SOCKET, SO_REUSEADDR, 1)[1]);
            assertEquals(0xdead0001, get(w, s, SOL_SOCKET, SO_REUSEADDR, 2)[0]);
            assertEquals(1, get(w, s, SOL_SOCKET, SO_REUSEADDR, 2)[1]);
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, Structs.int32(0x100), 4));
            assertEquals(1, get(w, s, SOL_SOCKET, SO_REUSEADDR, 4)[0], "a BOOL reads back as 1");
            assertEquals(4, get(w, s, SOL_SOCKET, SO_REUSEADDR, 8)[1]);
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_REUSEADDR, Structs.int32(1), -1), "SOL_SOCKET takes a huge length");
            // 4-byte values: fewer bytes is WSAEFAULT both ways; 8 bytes read back as 4; a negative length is huge.
            for (int opt : new int[] {SO_RCVBUF, SO_RCVTIMEO, SO_LINGER}) {
                for (int len : new int[] {1, 2}) {
                    assertFails(w, w.setsockopt(s, SOL_SOCKET, opt, Structs.int32(1), len), WSAEFAULT);
                    int[] lenp = {len};
                    byte[] v = Structs.int32(DEADBEEF);
                    assertFails(w, w.getsockopt(s, SOL_SOCKET, opt, v, lenp), WSAEFAULT);
                    assertEquals(len, lenp[0], "the length is left as it was");
                    int zeroed = len == 1 ? 0xdeadbe00 : 0xdead0000;
                    assertEquals(opt == SO_RCVTIMEO ? DEADBEEF : zeroed, Structs.int32(v), "a short buffer zeroed, but a timeout's");
                }
                assertEquals(0, w.setsockopt(s, SOL_SOCKET, opt, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8));
                assertEquals(4, get(w, s, SOL_SOCKET, opt, 8)[1]);
                assertEquals(0, w.setsockopt(s, SOL_SOCKET, opt, Structs.int32(1), -1));
            }
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_RCVBUF, 0x100));
            assertEquals(0x100, get(w, s, SOL_SOCKET, SO_RCVBUF, 4)[0]);
            // Every option: length 0 or -1 on get is WSAEFAULT and the length stays.
            for (int[] lo : new int[][] {{IPPROTO_TCP, TCP_NODELAY}, {SOL_SOCKET, SO_REUSEADDR}, {SOL_SOCKET, SO_RCVBUF}}) {
                for (int len : new int[] {0, -1}) {
                    int[] lenp = {len};
                    assertFails(w, w.getsockopt(s, lo[0], lo[1], new byte[4], lenp), WSAEFAULT);
                    assertEquals(len, lenp[0]);
                }
            }
            // An unknown level is WSAEINVAL.
            assertFails(w, w.setsockopt(s, 0xffffffff, SO_RCVTIMEO, 63000), WSAEINVAL);
            assertFails(w, w.setsockopt(s, 0x8000, SO_RCVTIMEO, 63000), WSAEINVAL);
        });
    }

    private static fd_set set(long... handles) {
        fd_set s = new fd_set();
        for (long h : handles) {
            s.fd_array[s.fd_count++] = h;
        }
        return s;
    }

    @Test
    void wsk04_oneFdSetPassedAsTwoSetsHoldsTheirUnionEachSocketOnce() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long rd = p.server();
            long wr = p.client();
            fd_set twice = set(wr, wr); // the same socket named twice in one set: one mark
            assertEquals(1, w.select(0, null, twice, null, new timeval(0, 0)));
            assertEquals(1, twice.fd_count);
            assertEquals(wr, twice.fd_array[0]);
            fd_set both = set(wr);
            assertEquals(1, w.select(0, both, both, null, new timeval(0, 0)), "writable only: one mark");
            assertEquals(wr, both.fd_array[0]);
            both = set(wr, rd);
            assertEquals(2, w.select(0, both, both, null, new timeval(0, 0)));
            assertEquals(0, w.send(wr, "test".getBytes(), 4, 0) - 4);
            w.Sleep(100);
            both = set(wr, rd);
            assertEquals(2, w.select(0, both, both, null, new timeval(0, 0)), "rd readable and writable: still one mark");
            assertEquals(2, both.fd_count);
            assertEquals(java.util.Set.of(wr, rd), java.util.Set.of(both.fd_array[0], both.fd_array[1]));
        });
    }
}
