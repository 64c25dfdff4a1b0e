package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.FIONREAD;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_SNDBUF;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pattern;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/**
 * How much a send takes (the SND facts of docs/facts.md): Windows' AFD takes a send whole while what it
 * holds is below SO_SNDBUF; Linux takes what fits in the free space.
 */
class SendBufferingFactsTest {
    /** A connected pair whose client has SO_SNDBUF {@code sndBuf} and whose server has SO_RCVBUF {@code rcvBuf} from the start. */
    private static Fixture.Pair pair(Win32 w, int sndBuf, int rcvBuf) {
        long l = tcp(w);
        assertEquals(0, w.bind(l, sockaddr_in.of("127.0.0.1", 0), 16));
        assertEquals(0, w.setsockopt(l, SOL_SOCKET, SO_RCVBUF, rcvBuf));
        assertEquals(0, w.listen(l, 5));
        long c = tcp(w);
        assertEquals(0, w.setsockopt(c, SOL_SOCKET, SO_SNDBUF, sndBuf));
        assertEquals(0, w.connect(c, nameOf(w, l), 16));
        long a = w.accept(l, null, null);
        assertTrue(a != Winsock.INVALID_SOCKET);
        return new Fixture.Pair(l, c, a);
    }

    private static int readable(Win32 w, long s) {
        int[] n = {0};
        assertEquals(0, w.ioctlsocket(s, FIONREAD, n));
        return n[0];
    }

    private static boolean writable(Win32 w, long s) {
        fd_set set = IoFactsTest.set(s);
        return w.select(0, null, set, null, new timeval(0, 0)) == 1;
    }

    @Test
    void snd01_nonBlockingSendIsTakenWholeWhileBelowTheLimitThenWouldBlockUntilBelowAgain() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w, 8192, 8192);
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            byte[] big = pattern(100_000, 1);
            assertEquals(100_000, w.send(p.client(), big, big.length, 0), "nothing held: taken whole, far past SO_SNDBUF");
            assertFails(w, w.send(p.client(), new byte[1], 1, 0), WSAEWOULDBLOCK);
            assertEquals(false, writable(w, p.client()));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[3000];
            while (true) {
                w.Sleep(1);
                int held = 100_000 - got.size() - readable(w, p.server()); // sent but not yet acknowledged
                if (held < 8192) {
                    assertEquals(true, writable(w, p.client()), "held " + held);
                    break;
                }
                assertEquals(false, writable(w, p.client()), "held " + held);
                assertFails(w, w.send(p.client(), new byte[1], 1, 0), WSAEWOULDBLOCK);
                int n = w.recv(p.server(), buf, buf.length, 0);
                got.write(buf, 0, n);
            }
            byte[] next = pattern(50_000, 2);
            assertEquals(50_000, w.send(p.client(), next, next.length, 0), "below the limit again: taken whole");
            assertEquals(0, w.closesocket(p.client()));
            byte[] rest = new byte[200_000];
            int n;
            while ((n = w.recv(p.server(), rest, rest.length, 0)) > 0) {
                got.write(rest, 0, n);
            }
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            want.write(big, 0, big.length);
            want.write(next, 0, next.length);
            assertArrayEquals(want.toByteArray(), got.toByteArray(), "every byte each send reported, in order");
        });
    }

    @Test
    void snd02_blockingSendPastTheLimitReturnsAtOnceTheNextWaitsForItsAcknowledgement() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w, 8192, 8192);
            long reader = w.CreateThread(null, 0, param -> {
                w.Sleep(50);
                byte[] buf = new byte[10_000];
                int total = 0;
                while (total < 102_000) {
                    total += w.recv(p.server(), buf, buf.length, 0);
                }
                return total;
            }, null, 0, null);
            byte[] data = pattern(100_000, 3);
            int t0 = w.GetTickCount();
            assertEquals(100_000, w.send(p.client(), data, data.length, 0));
            assertEquals(t0, w.GetTickCount(), "taken whole at once: nothing was held");
            assertEquals(1000, w.send(p.client(), data, 1000, 0));
            assertTrue(w.GetTickCount() - t0 >= 50, "over the limit: it waited until the reader drained and acknowledged it");
            int t1 = w.GetTickCount();
            assertEquals(1000, w.send(p.client(), data, 1000, 0));
            assertEquals(t1, w.GetTickCount(), "nothing held any more: the next one returns at once again");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(reader, WinBase.INFINITE));
        });
    }

    @Test
    void snd03_withSoSndBufZeroNonBlockingSendsAreTakenWhole() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w, 0, 1024);
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(p.client(), SOL_SOCKET, SO_SNDBUF, v, new int[] {4}));
            assertEquals(0, Structs.int32(v));
            for (int i = 0; i < 3; i++) {
                assertEquals(4096, w.send(p.client(), pattern(4096, i), 4096, 0));
            }
        });
    }

    @Test
    void snd04_linuxDoublesTheBuffersAndTakesOnlyWhatFits() {
        Fixture.run(OsProfile.LINUX, w -> {
            Fixture.Pair p = pair(w, 4096, 4096);
            byte[] v = new byte[4];
            assertEquals(0, w.getsockopt(p.client(), SOL_SOCKET, SO_SNDBUF, v, new int[] {4}));
            assertEquals(8192, Structs.int32(v), "the kernel keeps and reports 2n");
            assertEquals(0, w.getsockopt(p.server(), SOL_SOCKET, SO_RCVBUF, v, new int[] {4}));
            assertEquals(8192, Structs.int32(v));
            assertEquals(0, w.ioctlsocket(p.client(), FIONBIO, new int[] {1}));
            byte[] big = pattern(1_000_000, 4);
            assertEquals(8192, w.send(p.client(), big, big.length, 0), "a partial send: the doubled buffer's worth");
            w.Sleep(1);
            assertEquals(4096, readable(w, p.server()), "the receiver's window is half its doubled buffer");
            assertEquals(4096, w.send(p.client(), big, big.length, 0), "what the window moved on freed that much");
            w.Sleep(1);
            assertFails(w, w.send(p.client(), big, big.length, 0), WSAEWOULDBLOCK);
            assertEquals(4096, readable(w, p.server()), "12,288 bytes in all, as the kernel takes (scripts/compare/29)");
        });
    }
}
