package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.FD_ACCEPT;
import static org.winsim.winsock.api.Winsock.FD_CLOSE;
import static org.winsim.winsock.api.Winsock.FD_CONNECT;
import static org.winsim.winsock.api.Winsock.FD_OOB;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.FD_WRITE;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.MSG_OOB;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.tcp;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.linger;

/**
 * The EVT facts of winsock-facts.md under the windows profile, each in M-mode (WSAAsyncSelect) and
 * E-mode (WSAEventSelect) where the fact speaks of both. EVT-22 and EVT-24 use recv where Wine's test
 * uses overlapped WSARecv: the rule (a receive that takes the data leaves nothing to report) is the same.
 */
class EvtFactsTest {
    private static final int ALL = FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE;

    private static void run(String mode, BiConsumer<Win32, Notify> body) {
        Fixture.run(w -> body.accept(w, mode.equals("M") ? Notify.messages(w) : Notify.events(w)));
    }

    private static boolean m(Notify n) {
        return n.toString().equals("M");
    }

    private static long connectTo(Win32 w, long l) {
        long c = tcp(w);
        assertEquals(0, w.connect(c, nameOf(w, l), 16));
        return c;
    }

    private static void send(Win32 w, long s, int n) {
        assertEquals(n, w.send(s, new byte[n], n, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt01_enumLeavesErrorsOfUnsetBitsAlone(String mode) {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long e = w.WSACreateEvent();
            assertEquals(0, w.WSAEventSelect(p.server(), e, FD_READ | FD_CLOSE));
            send(w, p.client(), 5);
            w.Sleep(20);
            WSANETWORKEVENTS ne = new WSANETWORKEVENTS();
            java.util.Arrays.fill(ne.iErrorCode, 0xAB);
            assertEquals(0, w.WSAEnumNetworkEvents(p.server(), 0, ne), "hEventObject may be NULL");
            assertEquals(FD_READ, ne.lNetworkEvents);
            assertEquals(0, ne.iErrorCode[Winsock.FD_READ_BIT]);
            for (int i = 1; i < Winsock.FD_MAX_EVENTS; i++) {
                assertEquals(0xAB, ne.iErrorCode[i], "entry " + i + " keeps the caller's value");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt03_listenerReportsFdAcceptOnceAConnectionArrives(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            n.select(l, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT);
            n.expect(l);
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            n.expect(l);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt04_reselectingWhileTheConditionHoldsRepostsInMOnly(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            n.select(l, FD_ACCEPT);
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            n.select(l, FD_ACCEPT);
            n.expect(l, m(n) ? new String[] {"FD_ACCEPT"} : new String[0]);
            n.select(l, 0);
            n.select(l, FD_ACCEPT);
            n.expect(l, m(n) ? new String[] {"FD_ACCEPT"} : new String[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt06_acceptWithAnotherQueuedReportsFdAcceptAgain(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            n.select(l, FD_ACCEPT);
            connectTo(w, l);
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            long a1 = w.accept(l, null, null);
            n.expect(l, "FD_ACCEPT");
            long a2 = w.accept(l, null, null);
            n.expect(l);
            assertEquals(2, (a1 != -1 ? 1 : 0) + (a2 != -1 ? 1 : 0));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt07_aConnectionQueuedBeforeSelectingIsReportedAtOnce(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            connectTo(w, l);
            w.Sleep(20);
            n.select(l, FD_ACCEPT);
            n.expect(l, "FD_ACCEPT");
            w.accept(l, null, null);
            n.select(l, FD_READ);
            connectTo(w, l);
            n.expect(l);
            n.select(l, FD_ACCEPT);
            n.expect(l, "FD_ACCEPT");
            w.accept(l, null, null);
            n.expect(l);
            n.select(l, 0);
            connectTo(w, l);
            w.Sleep(20);
            w.accept(l, null, null);
            n.select(l, FD_ACCEPT);
            n.expect(l);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt09_anAcceptedSocketInheritsTheSelectionAndReportsFdWrite(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            n.select(l, FD_ACCEPT | FD_READ | FD_WRITE | FD_CLOSE);
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            long a = w.accept(l, null, null);
            n.expect(a, "FD_WRITE");
            assertEquals(-1, w.ioctlsocket(a, FIONBIO, new int[] {0}), "the accepted socket is selecting");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt10_aConnectionAPendingAcceptTakesRaisesNoFdAccept(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            long[] got = new long[1];
            long t = w.CreateThread(null, 0, param -> {
                got[0] = w.accept(l, null, null);
                return 0;
            }, null, 0, null);
            w.Sleep(1);
            n.select(l, FD_ACCEPT);
            connectTo(w, l);
            n.expect(l);
            assertEquals(0, w.WaitForSingleObject(t, 1000));
            assertEquals(true, got[0] != Winsock.INVALID_SOCKET, "the pending accept completed");
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt12_reselectAfterTheConnectEventsWereConsumed(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            long c = tcp(w);
            n.select(c, ALL);
            assertEquals(-1, w.connect(c, nameOf(w, l), 16));
            assertEquals(WsaError.WSAEWOULDBLOCK.code, w.WSAGetLastError());
            n.expect(c, m(n) ? new String[] {"FD_CONNECT", "FD_WRITE"} : new String[] {"FD_CONNECT", "FD_WRITE"});
            n.select(c, ALL);
            n.expect(c, m(n) ? new String[] {"FD_WRITE"} : new String[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt13_selectingAfterTheConnectionIsUp(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            send(w, p.client(), 5);
            n.select(p.client(), ALL);
            n.expect(p.client(), m(n) ? new String[] {"FD_WRITE"} : new String[] {"FD_CONNECT", "FD_WRITE"});
            long l2 = listener(w, 5);
            connectTo(w, l2);
            long a = w.accept(l2, null, null);
            n.select(a, ALL);
            n.expect(a, "FD_WRITE");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt16_aRefusedConnectReportsFdConnectWithItsError(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            org.winsim.winsock.api.sockaddr_in gone = nameOf(w, l);
            w.closesocket(l);
            long c = tcp(w);
            n.select(c, FD_CONNECT);
            assertEquals(-1, w.connect(c, gone, 16));
            w.Sleep(2000);
            n.expect(c, "FD_CONNECT(WSAECONNREFUSED)");
            n.select(c, FD_CONNECT);
            n.expect(c, m(n) ? new String[0] : new String[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt18_oneFdWriteOnceSpaceFreesAfterWouldBlock(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.client(), FD_WRITE);
            n.expect(p.client(), "FD_WRITE");
            byte[] chunk = new byte[4096];
            int sent = 0;
            while (true) {
                int r = w.send(p.client(), chunk, chunk.length, 0);
                if (r == -1) {
                    assertEquals(WsaError.WSAEWOULDBLOCK.code, w.WSAGetLastError());
                    break;
                }
                sent += r;
            }
            n.expect(p.client());
            byte[] sink = new byte[65536];
            int got = 0;
            while (got < sent) {
                got += w.recv(p.server(), sink, sink.length, 0);
            }
            n.expect(p.client(), "FD_WRITE");
            n.expect(p.client());
        });
    }

    @Test
    void evt18_aSuccessfulSendReportsNoFdWriteAndDoesNotClearIt() {
        run("E", (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.client(), FD_WRITE);
            send(w, p.client(), 5);
            n.expect(p.client(), "FD_WRITE");
            send(w, p.client(), 5);
            n.expect(p.client());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt19_newDataWithoutARecvAndAPartialRecv(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ);
            send(w, p.client(), 5);
            n.expect(p.server(), "FD_READ");
            send(w, p.client(), 5);
            n.expect(p.server(), m(n) ? new String[0] : new String[] {"FD_READ"});
            assertEquals(2, w.recv(p.server(), new byte[2], 2, 0));
            n.expect(p.server(), "FD_READ");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt21_aFailedRecvRepostsInMOnly(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ);
            send(w, p.client(), 5);
            n.expect(p.server(), "FD_READ");
            assertEquals(-1, w.recv(p.server(), new byte[5], -1, 0));
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            n.expect(p.server(), m(n) ? new String[] {"FD_READ"} : new String[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt22_oneByteReceivesOfAnEightByteMessage(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ);
            send(w, p.client(), 8);
            n.expect(p.server(), "FD_READ");
            for (int i = 0; i < 8; i++) {
                assertEquals(1, w.recv(p.server(), new byte[1], 1, 0));
                n.expect(p.server(), i < 7 ? new String[] {"FD_READ"} : new String[0]);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt24_dataAPendingReceiveTakesRaisesNoFdRead(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            int[] got = new int[1];
            long t = w.CreateThread(null, 0, param -> {
                got[0] = w.recv(p.server(), new byte[100], 100, 0);
                return 0;
            }, null, 0, null);
            w.Sleep(1);
            n.select(p.server(), FD_READ);
            send(w, p.client(), 5);
            n.expect(p.server());
            assertEquals(0, w.WaitForSingleObject(t, 1000));
            assertEquals(5, got[0]);
            send(w, p.client(), 5);
            n.expect(p.server(), "FD_READ");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt25_eventsWhileNotSelectedAreReportedWhenSelected(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), 0);
            send(w, p.client(), 5);
            n.expect(p.server());
            n.select(p.server(), FD_READ | FD_WRITE);
            n.expect(p.server(), "FD_READ", "FD_WRITE");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt27_urgentData(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_OOB);
            assertEquals(1, w.send(p.client(), new byte[] {7}, 1, MSG_OOB));
            n.expect(p.server(), "FD_OOB");
            n.select(p.server(), FD_OOB);
            n.expect(p.server(), m(n) ? new String[] {"FD_OOB"} : new String[0]);
            assertEquals(1, w.recv(p.server(), new byte[1], 1, MSG_OOB));
            n.expect(p.server());
            n.select(p.server(), 0);
            assertEquals(1, w.send(p.client(), new byte[] {8}, 1, MSG_OOB));
            w.Sleep(20);
            n.select(p.server(), FD_OOB);
            n.expect(p.server(), "FD_OOB");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt28_peerCloseReportsFdCloseWithNoError(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ | FD_CLOSE);
            w.closesocket(p.client());
            n.expect(p.server(), "FD_CLOSE");
            n.select(p.server(), FD_READ | FD_CLOSE);
            n.expect(p.server(), m(n) ? new String[] {"FD_CLOSE"} : new String[0]);
            assertEquals(0, w.recv(p.server(), new byte[10], 10, 0));
            n.expect(p.server());

            Fixture.Pair q = pair(w);
            w.closesocket(q.client());
            w.Sleep(20);
            n.select(q.server(), FD_CLOSE);
            n.expect(q.server(), "FD_CLOSE");

            Fixture.Pair r = pair(w);
            n.select(r.server(), FD_READ);
            w.closesocket(r.client());
            n.expect(r.server());
            n.select(r.server(), FD_READ | FD_CLOSE);
            n.expect(r.server(), "FD_CLOSE");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt30_fdCloseComesWhileDataIsUnread(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ | FD_CLOSE);
            send(w, p.client(), 5);
            n.expect(p.server(), "FD_READ");
            w.closesocket(p.client());
            n.expect(p.server(), "FD_CLOSE");
            assertEquals(3, w.recv(p.server(), new byte[3], 3, 0));
            n.expect(p.server(), "FD_READ");
            assertEquals(2, w.recv(p.server(), new byte[10], 10, 0));
            n.expect(p.server());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt31_aResetReportsFdCloseWithWsaeconnaborted(String mode) {
        run(mode, (w, n) -> {
            Fixture.Pair p = pair(w);
            n.select(p.server(), FD_READ | FD_CLOSE);
            w.setsockopt(p.client(), Winsock.SOL_SOCKET, Winsock.SO_LINGER, new linger(1, 0));
            w.closesocket(p.client());
            n.expect(p.server(), "FD_CLOSE(WSAECONNABORTED)");
            n.select(p.server(), FD_READ | FD_CLOSE);
            n.expect(p.server(), m(n) ? new String[] {"FD_CLOSE(WSAECONNABORTED)"} : new String[0]);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "E"})
    void evt33_failedAcceptStillReEnablesFdAccept(String mode) {
        run(mode, (w, n) -> {
            long l = listener(w, 5);
            n.select(l, FD_ACCEPT);
            assertEquals(Winsock.INVALID_SOCKET, w.accept(l, null, new int[] {3}), "a short address length fails");
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            connectTo(w, l);
            n.expect(l, "FD_ACCEPT");
            assertEquals(Winsock.INVALID_SOCKET, w.accept(l, null, new int[] {3}));
            n.expect(l, m(n) ? new String[] {"FD_ACCEPT"} : new String[0]);
            w.accept(l, null, null);
            n.expect(l);
        });
    }

    @Test
    void evt34_switchingModelsCancelsTheEarlierSelection() {
        Fixture.run(w -> {
            Notify m = Notify.messages(w);
            Notify e = Notify.events(w);
            Fixture.Pair p = pair(w);
            m.select(p.server(), FD_READ);
            send(w, p.client(), 5);
            w.Sleep(20);
            e.select(p.server(), FD_READ);
            assertEquals(java.util.List.of("FD_READ"), m.reported(p.server()), "a message already posted stays");
            e.expect(p.server()); // FD_READ was reported (to the window) and not re-enabled since
            assertEquals(5, w.recv(p.server(), new byte[5], 5, 0));
            send(w, p.client(), 5);
            m.expect(p.server());
            e.expect(p.server(), "FD_READ");
            long lone = tcp(w);
            e.select(lone, 0);
            assertEquals(-1, w.recv(lone, new byte[1], 1, 0), "mask 0 still makes the socket non-blocking");
            assertEquals(WsaError.WSAENOTCONN.code, w.WSAGetLastError());
            assertEquals(0, w.ioctlsocket(lone, FIONBIO, new int[] {0}), "mask 0 cancelled the selection: blocking is allowed");
            long ev = w.WSACreateEvent();
            assertEquals(0, w.WSAEventSelect(p.server(), ev, FD_READ));
            assertEquals(0, w.closesocket(p.server()));
            w.send(p.client(), new byte[5], 5, 0); // fails or not: the server's unread data made its close a reset
            w.Sleep(20);
            assertEquals(Winsock.WSA_WAIT_TIMEOUT, w.WSAWaitForMultipleEvents(1, new long[] {ev}, false, 0, false),
                    "closesocket ended the association");
            assertEquals(1, w.WSASetEvent(ev), "the event itself stays open");
        });
    }
}
