package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.TCP_KEEPALIVE;
import static org.winsim.winsock.api.Winsock.TCP_KEEPCNT;
import static org.winsim.winsock.api.Winsock.TCP_KEEPINTVL;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.tcp;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;

/**
 * TCP_KEEPALIVE, TCP_KEEPINTVL and TCP_KEEPCNT: Wine sock.c {@code test_set_getsockopt}'s round trips and its
 * {@code test_optsize} rows for them (4-byte options: a short buffer is WSAEFAULT both ways and a short get
 * reports length 0), under the windows profile; and each profile's defaults.
 */
class TcpKeepAliveTest {
    private static final int[] OPTIONS = {TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT};

    private static int[] get(Win32 w, long s, int opt, int len) {
        return Fixture.readOption(w, s, IPPROTO_TCP, opt, len);
    }

    @Test
    void wsk15_valuesReadBackAsSet() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, 3600));
            assertEquals(3600, get(w, s, TCP_KEEPALIVE, 4)[1]);
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, 5));
            assertEquals(5, get(w, s, TCP_KEEPCNT, 4)[1]);
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, 5));
            assertEquals(5, get(w, s, TCP_KEEPINTVL, 4)[1]);
        });
    }

    @Test
    void wsk15_theyAreFourByteOptions() {
        Fixture.run(w -> {
            long s = tcp(w);
            for (int opt : OPTIONS) {
                Fixture.assertNeedsFourBytes(w, s, IPPROTO_TCP, opt, TcpKeepAlive.name(opt));
                byte[] wide = Fixture.wideOne();
                assertEquals(0, w.setsockopt(s, IPPROTO_TCP, opt, wide, 8));
                assertEquals(1, get(w, s, opt, 8)[1]);
                assertEquals(4, get(w, s, opt, 8)[2]);
                assertFails(w, w.setsockopt(s, IPPROTO_TCP, opt, Structs.int32(1), -1), WSAENOBUFS);
                assertEquals(-1, get(w, s, opt, -1)[2], "a negative length stays");
                assertEquals(WSAEFAULT.code, w.WSAGetLastError());
                assertFails(w, w.setsockopt(s, IPPROTO_TCP, opt, Structs.int32(1), 0), WSAEFAULT);
                assertEquals(-1, get(w, s, opt, 0)[0]);
                assertEquals(WSAEFAULT.code, w.WSAGetLastError());
                assertEquals(0, get(w, s, opt, 4)[0]);
                assertEquals(0, w.WSAGetLastError(), "a call that succeeds clears the last error");
            }
            // 0x100: the times take it, the probe count (at most 255) does not.
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, 0x100));
            assertEquals(0x100, get(w, s, TCP_KEEPALIVE, 4)[1]);
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, 0x100));
            assertEquals(0x100, get(w, s, TCP_KEEPINTVL, 4)[1]);
            assertFails(w, w.setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, 0x100), WSAEINVAL);
            assertEquals(1, get(w, s, TCP_KEEPCNT, 4)[1], "a refused count leaves the old one");
        });
    }

    @Test
    void defaultsAreTheStacks() {
        // Windows: KeepAliveTime 2 hours, KeepAliveInterval 1 s, 10 probes (fixed since Vista); Linux: 7200, 75, 9.
        Fixture.run(w -> {
            long s = tcp(w);
            assertEquals(7200, get(w, s, TCP_KEEPALIVE, 4)[1]);
            assertEquals(1, get(w, s, TCP_KEEPINTVL, 4)[1]);
            assertEquals(10, get(w, s, TCP_KEEPCNT, 4)[1]);
        });
        Fixture.run(OsProfile.LINUX, w -> {
            long s = tcp(w);
            assertEquals(7200, get(w, s, TCP_KEEPALIVE, 4)[1]);
            assertEquals(75, get(w, s, TCP_KEEPINTVL, 4)[1]);
            assertEquals(9, get(w, s, TCP_KEEPCNT, 4)[1]);
        });
    }
}
