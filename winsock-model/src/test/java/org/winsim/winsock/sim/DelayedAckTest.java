package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.TCP_NODELAY;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.sim.Durations;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;

/**
 * Delayed ACKs between two hosts (Windows: an ACK on every second segment or after 200 ms, KB 214397's
 * interaction with Nagle's algorithm), and their absence over loopback, where every segment is
 * acknowledged at once (docs/divergences.md).
 */
class DelayedAckTest {
    /** One-way latency of the test link: a round trip is 10 ms. */
    private static final LinkSpec LINK = new LinkSpec(Durations.millis(5), 125_000_000L, 1460);

    @Test
    void aLoneSegmentIsAcknowledgedAfter200MsSoNagleHoldsTheNextSmallSendThatLong() {
        // first byte arrives; its ACK leaves 200 ms later and takes 5 ms back; the held byte takes 5 ms over
        Exchange e = exchange(OsProfile.WINDOWS, false, false, 1, 1);
        assertEquals(List.of(1, 1), e.sizes());
        assertEquals(210, e.gapMillis());
    }

    @Test
    void withTcpNoDelayTheSecondSendDoesNotWaitForTheAck() {
        Exchange e = exchange(OsProfile.WINDOWS, false, true, 1, 1);
        assertEquals(0, e.gapMillis());
        assertEquals(2, e.total());
    }

    @Test
    void everySecondSegmentIsAcknowledgedAtOnce() {
        // 1,461 bytes: a full segment and one byte that Nagle holds until the lone segment's delayed ACK
        assertEquals(210, exchange(OsProfile.WINDOWS, false, false, 1461).gapMillis());
        // 2,921 bytes: the second full segment draws the ACK at once; the last byte follows a round trip later
        assertEquals(10, exchange(OsProfile.WINDOWS, false, false, 2921).gapMillis());
    }

    @Test
    void aReadThatOpensTheWindowSendsAnUpdateAtOnceThoughTheAckWasDelayed() {
        // a 5-byte receive buffer: each read frees the whole window, and the update carries the ACK the
        // lone segment was waiting for, so 100 bytes take 20 round trips of 10 ms, not 20 timers of 200 ms
        Exchange e = exchange(OsProfile.WINDOWS, false, false, null, 5, 100);
        assertEquals(20, e.sizes().size());
        assertEquals(190, e.gapMillis());
    }

    @Test
    void theLinuxProfileDelaysFortyMilliseconds() {
        assertEquals(50, exchange(OsProfile.LINUX, false, false, 1, 1).gapMillis());
    }

    @Test
    void overLoopbackEverySegmentIsAcknowledgedAtOnce() {
        assertEquals(0, exchange(OsProfile.WINDOWS, true, false, 1, 1).gapMillis());
    }

    @Test
    void aReplyCarriesTheAckSoARequestAndItsAnswerAreTwoSegments() {
        List<String> segments = new ArrayList<>();
        exchange(OsProfile.WINDOWS, false, false, segments, 0, 100);
        // the handshake, the request, the reply carrying the request's ACK, the closes (the run ends with the
        // client, before the server's last ACK); no pure ACK of the request
        assertEquals(List.of("client SYN 0", "server SYN,ACK 0 ack=0", "client ACK 0 ack=0", "client ACK,DATA 100 ack=0",
                "server ACK,DATA 100 ack=100", "server FIN,ACK 0 ack=100", "client ACK 0 ack=100", "client FIN,ACK 0 ack=100"), segments);
    }

    @Test
    void dataThatAnAckLetsGoCarriesTheAckTheSameSegmentOwedAndNoPureAckFollows() {
        List<String> segments = new ArrayList<>();
        TwoHosts world = twoHosts(segments);
        world.world().startProcess(world.server(), "server", false, w -> {
            long s = acceptOne(w);
            assertEquals(1, w.send(s, new byte[1], 1, 0)); // X
            assertEquals(1, w.send(s, new byte[1], 1, 0)); // Y: Nagle holds it until X is acknowledged
            byte[] buf = new byte[4096];
            for (int got = 0; got < 2000; ) {
                got += w.recv(s, buf, buf.length, 0);
            }
            w.Sleep(500);
            return 0;
        });
        world.world().startProcess(world.client(), "client", false, w -> {
            long s = connectOne(w, true);
            assertEquals(1000, w.send(s, new byte[1000], 1000, 0)); // crosses X on the way
            byte[] buf = new byte[1];
            assertEquals(1, w.recv(s, buf, 1, 0));
            assertEquals(1000, w.send(s, new byte[1000], 1000, 0)); // acknowledges X: its arrival lets Y go, with the ACK it owes
            assertEquals(1, w.recv(s, buf, 1, 0));
            return 0;
        });
        assertEquals(null, world.world().run().finding());
        int y = segments.indexOf("server ACK,DATA 1 ack=2000");
        assertTrue(y > 0, String.valueOf(segments));
        assertEquals("client FIN,ACK 0 ack=2", segments.get(y + 1), String.valueOf(segments)); // no "server ACK 0 ack=2000" between
    }

    @Test
    void aConnectionResetWhileItsAckWaitsSendsNothingMore() {
        List<String> segments = new ArrayList<>();
        TwoHosts world = twoHosts(segments);
        world.world().startProcess(world.server(), "server", false, w -> {
            long s = acceptOne(w);
            byte[] buf = new byte[16];
            assertEquals(1, w.recv(s, buf, buf.length, 0)); // its ACK waits
            assertEquals(Winsock.SOCKET_ERROR, w.recv(s, buf, buf.length, 0)); // the client's RST
            w.Sleep(500); // past the 200 ms the ACK waited for
            return 0;
        });
        world.world().startProcess(world.client(), "client", false, w -> {
            long s = connectOne(w, false);
            assertEquals(1, w.send(s, new byte[1], 1, 0));
            w.Sleep(20);
            Fixture.rstClose(w, s);
            return 0;
        });
        assertEquals(null, world.world().run().finding());
        assertEquals(List.of("client SYN 0", "server SYN,ACK 0 ack=0", "client ACK 0 ack=0", "client ACK,DATA 1 ack=0", "client RST 0 ack=0"),
                segments); // no ACK from the server after the reset
    }

    private record TwoHosts(SimWorld world, Host server, Host client) {
    }

    /** A server host 10.0.0.1 and a client host 10.0.0.2 over the test link; each segment into {@code segments} as "END FLAGS LEN [ack=N]". */
    private static TwoHosts twoHosts(List<String> segments) {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT, OsProfile.WINDOWS);
        world.simulation().trace().addSink(rec -> {
            if (rec.kind().equals("SEG")) {
                segments.add(segment(rec));
            }
        });
        Host server = world.addHost("server", "10.0.0.1");
        Host client = world.addHost("client", "10.0.0.2");
        world.link(server, client, LINK);
        return new TwoHosts(world, server, client);
    }

    private static String segment(org.winsim.sim.trace.TraceRecord rec) {
        return (rec.field("src").startsWith("10.0.0.1:") ? "server " : "client ") + rec.field("flags") + " " + rec.field("len")
                + (rec.field("ack") == null ? "" : " ack=" + rec.field("ack"));
    }

    /** WSAStartup, a listener on port 7000, and the one connection it accepts. */
    private static long acceptOne(Win32 w) {
        startup(w);
        long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assertEquals(0, w.bind(l, sockaddr_in.of("0.0.0.0", 7000), 16));
        assertEquals(0, w.listen(l, 1));
        return w.accept(l, null, null);
    }

    /** WSAStartup and a connection to the server's port 7000, 1 ms in (after it listens). */
    private static long connectOne(Win32 w, boolean noDelay) {
        startup(w);
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (noDelay) {
            assertEquals(0, w.setsockopt(s, IPPROTO_TCP, TCP_NODELAY, 1));
        }
        w.Sleep(1);
        assertEquals(0, w.connect(s, sockaddr_in.of("10.0.0.1", 7000), 16));
        return s;
    }

    /** What the server received: the sizes of its recv calls and the virtual times (ms) they returned. */
    private record Exchange(List<Integer> sizes, List<Integer> atMillis) {
        /** Milliseconds between the first bytes' arrival and the last bytes'. */
        int gapMillis() {
            return atMillis.get(atMillis.size() - 1) - atMillis.get(0);
        }

        int total() {
            return sizes.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static Exchange exchange(OsProfile profile, boolean loopback, boolean noDelay, int... sends) {
        return exchange(profile, loopback, noDelay, null, 0, sends);
    }

    /**
     * A client sends {@code sends} (one send call each) to a server that reads until it has them all; with
     * {@code segments} non-null the server answers each read with as many bytes, and each segment's flags
     * and length are collected; a non-zero {@code rcvBuf} is the listening socket's SO_RCVBUF.
     */
    private static Exchange exchange(OsProfile profile, boolean loopback, boolean noDelay, List<String> segments, int rcvBuf,
                                     int... sends) {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT, profile);
        if (segments != null) {
            world.simulation().trace().addSink(rec -> {
                if (rec.kind().equals("SEG")) {
                    segments.add(segment(rec));
                }
            });
        }
        Host server = world.addHost("server", "10.0.0.1");
        Host client = loopback ? server : world.addHost("client", "10.0.0.2");
        if (!loopback) {
            world.link(server, client, LINK);
        }
        int total = 0;
        for (int n : sends) {
            total += n;
        }
        int expected = total;
        List<Integer> sizes = new ArrayList<>();
        List<Integer> times = new ArrayList<>();
        world.startProcess(server, "server", false, w -> {
            startup(w);
            long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            if (rcvBuf != 0) { // before listen: the accepted socket takes it, and the handshake advertises it
                assertEquals(0, w.setsockopt(l, SOL_SOCKET, SO_RCVBUF, rcvBuf));
            }
            assertEquals(0, w.bind(l, sockaddr_in.of("0.0.0.0", 7000), 16));
            assertEquals(0, w.listen(l, 1));
            long s = w.accept(l, null, null);
            byte[] buf = new byte[8192];
            int got = 0;
            while (got < expected) {
                int n = w.recv(s, buf, buf.length, 0);
                assertEquals(true, n > 0, "recv returned " + n);
                sizes.add(n);
                times.add(w.GetTickCount());
                got += n;
                if (segments != null) {
                    assertEquals(n, w.send(s, buf, n, 0));
                }
            }
            w.closesocket(s);
            w.closesocket(l);
            return 0;
        });
        world.startProcess(client, "client", false, w -> {
            long s = connectOne(w, noDelay);
            byte[] data = new byte[expected];
            for (int n : sends) {
                assertEquals(n, w.send(s, data, n, 0));
            }
            byte[] sink = new byte[8192];
            while (w.recv(s, sink, sink.length, 0) > 0) {
                // reads the echo (if any) until the server closes
            }
            w.closesocket(s);
            return 0;
        });
        RunResult r = world.run();
        assertEquals(null, r.finding());
        return new Exchange(sizes, times);
    }

    private static void startup(Win32 w) {
        assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
    }
}
