package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.SD_SEND;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_REUSEADDR;
import static org.winsim.winsock.api.WsaError.WSAEADDRINUSE;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.LinkSpec;

/**
 * The TCP close handshake's states as the trace shows them, and TIME_WAIT (the TCP facts of
 * docs/facts.md): the side that closes first goes FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT; the other
 * CLOSE_WAIT, LAST_ACK, CLOSED; TIME_WAIT lasts the profile's 2 MSL.
 */
class TcpStateFactsTest {
    /** The state changes after the handshake, with each connection named by the socket it belongs to. */
    private static List<String> closing(OsProfile profile, LinkSpec loopback, BiConsumer<Win32, Fixture.Pair> body) {
        String[] names = new String[2];
        List<String> all = Fixture.stateChanges(profile, loopback, w -> {
            Fixture.Pair p = pair(w);
            names[0] = nameOf(w, p.client()).toString();
            names[1] = nameOf(w, p.server()).toString();
            body.accept(w, p);
        });
        List<String> out = new ArrayList<>();
        for (String s : all) {
            if (s.contains("SYN_") || s.endsWith(">ESTABLISHED")) {
                continue;
            }
            out.add(s.replace(names[0] + ">" + names[1], "client").replace(names[1] + ">" + names[0], "server"));
        }
        return out;
    }

    @Test
    void tcp01_theSideThatClosesFirstWaitsInTimeWaitTheOtherGoesThroughCloseWaitAndLastAck() {
        List<String> changes = closing(OsProfile.WINDOWS, LinkSpec.LOOPBACK, (w, p) -> {
            assertEquals(0, w.closesocket(p.client()));
            w.Sleep(1);
            assertEquals(0, w.recv(p.server(), new byte[1], 1, 0));
            assertEquals(0, w.closesocket(p.server()));
            w.Sleep(130_000);
        });
        assertEquals(List.of("0s client ESTABLISHED>FIN_WAIT_1", "0s server ESTABLISHED>CLOSE_WAIT",
                "0s client FIN_WAIT_1>FIN_WAIT_2", "0s server CLOSE_WAIT>LAST_ACK", "0s client FIN_WAIT_2>TIME_WAIT",
                "0s server LAST_ACK>CLOSED", "120s client TIME_WAIT>CLOSED"), changes);
    }

    @Test
    void tcp02_bothClosingAtOnceGoThroughClosing() {
        LinkSpec slow = new LinkSpec(Durations.millis(1), 1_000_000_000L, 65_495); // both FINs leave before either arrives
        List<String> changes = closing(OsProfile.LINUX, slow, (w, p) -> {
            assertEquals(0, w.shutdown(p.client(), SD_SEND));
            assertEquals(0, w.shutdown(p.server(), SD_SEND));
            w.Sleep(70_000);
        });
        assertEquals(List.of("0s client ESTABLISHED>FIN_WAIT_1", "0s server ESTABLISHED>FIN_WAIT_1",
                "0s server FIN_WAIT_1>CLOSING", "0s client FIN_WAIT_1>CLOSING", "0s client CLOSING>TIME_WAIT",
                "0s server CLOSING>TIME_WAIT", "60s client TIME_WAIT>CLOSED", "60s server TIME_WAIT>CLOSED"), changes);
    }

    @Test
    void tcp03_timeWaitHoldsOnlyTheFourTupleOnWindowsButThePortOnLinux() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            sockaddr_in port = nameOf(w, p.listener());
            assertEquals(0, w.closesocket(p.listener()));
            assertEquals(0, w.closesocket(p.server())); // the server closes first: its end waits in TIME_WAIT
            w.Sleep(1);
            assertEquals(0, w.closesocket(p.client()));
            w.Sleep(1);
            long again = tcp(w);
            assertEquals(0, w.bind(again, port, 16), "Windows: bind to a port in TIME_WAIT succeeds");
        });
        Fixture.run(OsProfile.LINUX, w -> {
            Fixture.Pair p = pair(w);
            sockaddr_in port = nameOf(w, p.listener());
            assertEquals(0, w.closesocket(p.listener()));
            assertEquals(0, w.closesocket(p.server()));
            w.Sleep(1);
            assertEquals(0, w.closesocket(p.client()));
            w.Sleep(1);
            long again = tcp(w);
            assertFails(w, w.bind(again, port, 16), WSAEADDRINUSE);
            long reuse = tcp(w);
            assertEquals(0, w.setsockopt(reuse, SOL_SOCKET, SO_REUSEADDR, 1));
            assertEquals(0, w.bind(reuse, port, 16), "SO_REUSEADDR binds past TIME_WAIT");
            assertEquals(0, w.closesocket(reuse));
            w.Sleep(59_000);
            assertFails(w, w.bind(again, port, 16), WSAEADDRINUSE);
            w.Sleep(1_000);
            assertEquals(0, w.bind(again, port, 16), "60 s later the port is free");
        });
    }

    @Test
    void tcp04_dataQueuedAheadOfTheFinStillGoesOutAfterThePeersFinArrived() {
        byte[] got = new byte[200_000];
        int[] total = {0};
        List<String> changes = closing(OsProfile.LINUX, new LinkSpec(Durations.millis(1), 1_000_000_000L, 65_495), (w, p) -> {
            assertEquals(0, w.setsockopt(p.client(), SOL_SOCKET, org.winsim.winsock.api.Winsock.SO_SNDBUF, 100_000));
            assertEquals(0, w.ioctlsocket(p.client(), org.winsim.winsock.api.Winsock.FIONBIO, new int[] {1}));
            byte[] data = Fixture.pattern(200_000, 7);
            assertEquals(200_000, w.send(p.client(), data, data.length, 0)); // far more than the server's 64 KiB window
            assertEquals(0, w.shutdown(p.client(), SD_SEND)); // its FIN waits behind the data
            assertEquals(0, w.shutdown(p.server(), SD_SEND)); // the server's FIN overtakes it
            int n;
            while ((n = w.recv(p.server(), got, total[0], got.length - total[0], 0)) > 0) {
                total[0] += n;
            }
            assertEquals(0, n);
            assertEquals(java.util.Arrays.toString(data), java.util.Arrays.toString(java.util.Arrays.copyOf(got, total[0])));
            w.Sleep(100);
        });
        assertEquals(true, changes.contains("0s client FIN_WAIT_1>CLOSING"), changes.toString());
        assertEquals(true, changes.contains("0s client CLOSING>TIME_WAIT"), changes.toString());
    }
}
