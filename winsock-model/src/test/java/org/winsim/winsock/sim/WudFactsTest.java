package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.UdpFactsTest.bound;
import static org.winsim.winsock.sim.UdpFactsTest.bytes;
import static org.winsim.winsock.sim.UdpFactsTest.sendTo;
import static org.winsim.winsock.sim.UdpFactsTest.udp;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/** The facts of the session-5 UDP sweep (WUD) that need more than a script: what Wine cannot show. */
class WudFactsTest {
    @Test
    void wud07_circularQueueingDropsTheOldestDatagramsToTakeANewOne() {
        Fixture.run(w -> {
            long s = udp(w);
            long plain = bound(w);
            long circular = bound(w);
            int[] returned = {0xdead};
            assertEquals(0, w.WSAIoctl(circular, Winsock.SIO_ENABLE_CIRCULAR_QUEUEING, null, 0, null, 0, returned, null, null));
            assertEquals(0, returned[0]);
            for (long r : new long[] {plain, circular}) {
                assertEquals(0, w.setsockopt(r, SOL_SOCKET, Winsock.SO_RCVBUF, 10));
                assertEquals(0, w.ioctlsocket(r, Winsock.FIONBIO, new int[] {1}));
                for (String d : new String[] {"first..", "second.", "third.."}) {
                    assertEquals(7, sendTo(w, s, d, nameOf(w, r)));
                }
            }
            byte[] b = new byte[7];
            assertEquals(7, w.recv(plain, b, 7, 0));
            assertArrayEquals(bytes("first.."), b, "without it the queue keeps the oldest and drops the newest");
            assertEquals(7, w.recv(plain, b, 7, 0));
            assertArrayEquals(bytes("second."), b);
            assertFails(w, w.recv(plain, b, 7, 0), WsaError.WSAEWOULDBLOCK, "third.. was dropped");
            assertEquals(7, w.recv(circular, b, 7, 0));
            assertArrayEquals(bytes("second."), b, "circular: first.. made room for third..");
            assertEquals(7, w.recv(circular, b, 7, 0));
            assertArrayEquals(bytes("third.."), b);
            assertFails(w, w.recv(circular, b, 7, 0), WsaError.WSAEWOULDBLOCK);
            assertFails(w, w.WSAIoctl(tcp(w), Winsock.SIO_ENABLE_CIRCULAR_QUEUEING, null, 0, null, 0, returned, null, null),
                    WsaError.WSAEOPNOTSUPP, "a stream socket has no message queue (the model's choice)");
        });
    }
}
