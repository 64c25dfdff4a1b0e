package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_CONNECT_TIME;
import static org.winsim.winsock.api.WsaError.WSAENOPROTOOPT;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.OvlFactsTest.SLOT;
import static org.winsim.winsock.sim.OvlFactsTest.acceptEx;
import static org.winsim.winsock.sim.OvlFactsTest.ov;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WSAOVERLAPPED;

/**
 * SO_CONNECT_TIME: the whole seconds a socket has had its connection, 0xFFFFFFFF before (Microsoft's
 * SOL_SOCKET table and AcceptEx page); the AcceptEx idiom of finding a client that connected into a pending
 * AcceptEx with a receive buffer and sends nothing.
 */
class ConnectTimeTest {
    private static int connectTime(Win32 w, long s) {
        int[] r = Fixture.readOption(w, s, SOL_SOCKET, SO_CONNECT_TIME, 4);
        assertEquals(0, r[0], "getsockopt(SO_CONNECT_TIME)");
        assertEquals(4, r[2]);
        return r[1];
    }

    @Test
    void wsk16_secondsSinceTheConnectionOnBothEnds() {
        Fixture.run(w -> {
            assertEquals(0xFFFFFFFF, connectTime(w, tcp(w)), "not connected");
            w.Sleep(1500); // the count starts at the connection, not at the run's start
            Fixture.Pair p = Fixture.pair(w);
            assertEquals(0, connectTime(w, p.client()));
            assertEquals(0, connectTime(w, p.server()));
            w.Sleep(2500);
            assertEquals(2, connectTime(w, p.client()), "whole seconds");
            assertEquals(2, connectTime(w, p.server()));
            assertEquals(0xFFFFFFFF, connectTime(w, p.listener()), "a listener has no connection");
            assertFails(w, w.setsockopt(p.client(), SOL_SOCKET, SO_CONNECT_TIME, 5), WSAENOPROTOOPT, "read-only");
            assertEquals(0xFFFFFFFF, connectTime(w, UdpFactsTest.udp(w)), "a datagram socket has no connection (WSK-20)");
        });
    }

    @Test
    void wsk16_aPendingAcceptExShowsAClientThatConnectedAndSendsNothing() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            long a = tcp(w);
            WSAOVERLAPPED o = ov(w);
            byte[] buf = new byte[16 + 2 * SLOT];
            assertEquals(WinBase.FALSE, acceptEx(w, l).AcceptEx(l, a, buf, 16, SLOT, SLOT, new int[1], o));
            w.Sleep(1500);
            assertEquals(0xFFFFFFFF, connectTime(w, a), "no client yet");
            long c = tcp(w);
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            w.Sleep(3200);
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(o.hEvent, 0), "AcceptEx still waits for data");
            assertEquals(3, connectTime(w, a), "connected 3 s ago, nothing sent");
            assertEquals(4, w.send(c, Structs.int32(7), 4, 0));
            int[] bytes = {0};
            assertEquals(WinBase.TRUE, w.GetOverlappedResult(l, o, bytes, true));
            assertEquals(4, bytes[0]);
        });
    }
}
