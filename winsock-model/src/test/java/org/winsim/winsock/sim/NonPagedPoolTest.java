package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;

import org.junit.jupiter.api.Test;

/** The host's non-paged pool: each open socket holds its endpoint there, and a spent pool fails with WSAENOBUFS. */
class NonPagedPoolTest {
    /** The windows profile with a pool that holds {@code sockets} sockets. */
    private static OsProfile poolOf(int sockets) {
        return OsProfile.WINDOWS.withNonPagedPool(sockets * OsProfile.WINDOWS.memory().socketPoolBytes());
    }

    @Test
    void socketFailsWithNoBuffersWhenThePoolIsSpentAndClosingGivesItBack() {
        Fixture.run(poolOf(3), w -> {
            tcp(w);
            tcp(w);
            long third = tcp(w);
            assertFails(w, w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), WSAENOBUFS);
            assertEquals(0, w.closesocket(third));
            tcp(w);
            assertFails(w, w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), WSAENOBUFS);
        });
    }

    @Test
    void acceptFailsWithNoBuffersAndTheConnectionItWouldHaveTakenIsReset() {
        Fixture.run(poolOf(2), w -> {
            long l = listener(w, 5);
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16)); // the backlog completes the handshake
            assertFails(w, w.accept(l, null, null), WSAENOBUFS);
            assertFails(w, w.recv(c, new byte[1], 1, 0), WSAECONNRESET);
            assertEquals(0, w.closesocket(c));
            long c2 = tcp(w);
            assertEquals(0, w.connect(c2, nameOf(w, l), 16));
            assertFails(w, w.accept(l, null, null), WSAENOBUFS, "the listener and c2 hold the whole pool");
        });
    }

    @Test
    void thePoolIsThePeakOfWhatSocketsHeld() {
        SimWorld world = new SimWorld(org.winsim.sim.SimulationConfig.DEFAULT, OsProfile.WINDOWS);
        org.winsim.winsock.sim.net.Host h = world.addHost("host", "10.0.0.1");
        world.startProcess(h, "test", false, w -> {
            assertEquals(0, w.WSAStartup(org.winsim.winsock.api.Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA()));
            long a = tcp(w);
            long b = tcp(w);
            w.closesocket(a);
            w.closesocket(b);
            tcp(w);
            return 0;
        });
        world.run();
        assertEquals(256L << 20, world.nonPagedPool(h).limit());
        assertEquals(2 * 2048, world.nonPagedPool(h).peak());
    }
}
