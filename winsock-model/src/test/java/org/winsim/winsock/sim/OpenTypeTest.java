package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_OPENTYPE;
import static org.winsim.winsock.api.Winsock.SO_SYNCHRONOUS_NONALERT;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.sim.Fixture.DEADBEEF;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.OvlFactsTest.ov;
import static org.winsim.winsock.sim.OvlFactsTest.recv;

import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WsaError;

/**
 * SO_OPENTYPE: a value of the calling thread, not of a socket (programs set it through INVALID_SOCKET), with
 * Wine sock.c {@code test_optsize}'s row for it; and its effect (Microsoft's SOL_SOCKET table): while it is
 * SO_SYNCHRONOUS_ALERT or SO_SYNCHRONOUS_NONALERT, socket() makes sockets without overlapped I/O.
 */
class OpenTypeTest {
    private static int[] get(Win32 w, long s, int len) {
        return Fixture.readOption(w, s, SOL_SOCKET, SO_OPENTYPE, len);
    }

    @Test
    void wsk17_aFourByteValueOfTheThreadThatReadsBackWhateverWasSet() {
        Fixture.run(w -> {
            long s = tcp(w);
            assertEquals(0, get(w, s, 4)[1], "0 until set");
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_OPENTYPE, Fixture.wideOne(), 8));
            assertEquals(1, get(w, s, 8)[1]);
            assertEquals(4, get(w, s, 8)[2]);
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_OPENTYPE, Structs.int32(1), -1), "a negative length is huge");
            int[] huge = get(w, s, -1);
            assertEquals(0, huge[0], "getsockopt compares its length unsigned: -1 succeeds");
            assertEquals(4, huge[2]);
            assertFails(w, w.setsockopt(s, SOL_SOCKET, SO_OPENTYPE, Structs.int32(1), 0), WSAEFAULT);
            assertEquals(-1, get(w, s, 0)[0]);
            assertEquals(0, w.setsockopt(s, SOL_SOCKET, SO_OPENTYPE, 0x100));
            assertEquals(0x100, get(w, s, 4)[1], "any value is kept");
            for (int len : new int[] {1, 2}) {
                assertFails(w, w.setsockopt(s, SOL_SOCKET, SO_OPENTYPE, Structs.int32(1), len), WSAEFAULT);
                int[] g = get(w, s, len);
                assertEquals(-1, g[0]);
                assertEquals(DEADBEEF, g[1], "the buffer is left alone");
                assertEquals(len, g[2], "the length is left as it was");
            }
            // The thread's, not the socket's: INVALID_SOCKET will do, and another thread has its own.
            assertEquals(0, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_NONALERT));
            assertEquals(SO_SYNCHRONOUS_NONALERT, get(w, INVALID_SOCKET, 4)[1]);
            int[] other = {-1};
            long t = w.CreateThread(null, 0, x -> {
                other[0] = get(w, INVALID_SOCKET, 4)[1];
                return 0;
            }, null, 0, null);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            assertEquals(0, other[0]);
            assertEquals(0, w.WSACleanup());
            assertFails(w, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, 0), WsaError.WSANOTINITIALISED);
        });
    }

    @Test
    void wsk17_socketMakesSynchronousSocketsWhileItIsSet() {
        Fixture.run(w -> {
            long l = Fixture.listener(w, 5);
            assertEquals(0, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_NONALERT));
            long c = tcp(w); // socket(): no overlapped I/O now
            assertEquals(0, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, 0));
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            long a = w.accept(l, null, null);
            OvlFactsTest.sendLater(w, a, "late", 30);
            long t0 = w.GetTickCount();
            int[] got = {0};
            assertEquals(0, recv(w, c, new byte[4], got, ov(w)), "the overlapped call waits for its data");
            assertEquals(4, got[0]);
            assertTrue(w.GetTickCount() - t0 >= 30);
            // A socket made after SO_OPENTYPE went back to 0 is overlapped again: its receive is pending.
            long c2 = tcp(w);
            assertEquals(0, w.connect(c2, Fixture.nameOf(w, l), 16));
            assertEquals(-1, recv(w, c2, new byte[4], got, ov(w)));
            assertEquals(WsaError.WSA_IO_PENDING.code, w.WSAGetLastError());
        });
    }

    @Test
    void anAcceptedSocketTakesTheListenersOverlappedAttribute() {
        Fixture.run(w -> {
            assertEquals(0, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_NONALERT));
            long l = Fixture.listener(w, 5); // made by socket(): not overlapped
            assertEquals(0, w.setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, 0));
            long c = tcp(w);
            assertEquals(0, w.connect(c, Fixture.nameOf(w, l), 16));
            long a = w.accept(l, null, null);
            OvlFactsTest.sendLater(w, c, "late", 30);
            int[] got = {0};
            assertEquals(0, recv(w, a, new byte[4], got, ov(w)), "the accepted socket is not overlapped either");
            assertEquals(4, got[0]);
        });
    }
}
