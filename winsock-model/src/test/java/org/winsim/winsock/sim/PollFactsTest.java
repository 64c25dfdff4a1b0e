package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.MSG_OOB;
import static org.winsim.winsock.api.Winsock.POLLERR;
import static org.winsim.winsock.api.Winsock.POLLHUP;
import static org.winsim.winsock.api.Winsock.POLLIN;
import static org.winsim.winsock.api.Winsock.POLLNVAL;
import static org.winsim.winsock.api.Winsock.POLLPRI;
import static org.winsim.winsock.api.Winsock.POLLRDBAND;
import static org.winsim.winsock.api.Winsock.POLLRDNORM;
import static org.winsim.winsock.api.Winsock.POLLWRBAND;
import static org.winsim.winsock.api.Winsock.POLLWRNORM;
import static org.winsim.winsock.api.Winsock.SD_SEND;
import static org.winsim.winsock.api.WsaError.WSAECONNREFUSED;
import static org.winsim.winsock.api.WsaError.WSAEFAULT;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTSOCK;
import static org.winsim.winsock.sim.Fixture.assertFails;
import static org.winsim.winsock.sim.Fixture.listener;
import static org.winsim.winsock.sim.Fixture.nameOf;
import static org.winsim.winsock.sim.Fixture.pair;
import static org.winsim.winsock.sim.Fixture.rstClose;
import static org.winsim.winsock.sim.Fixture.tcp;
import static org.winsim.winsock.sim.IoFactsTest.set;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.winsock.api.WSAPOLLFD;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.api.timeval;

/** WSAPoll (ERR-25, SEL-16, IO-08's poll, APC-05's poll) and select's alertable wait (SEL-14), under the windows profile. */
class PollFactsTest {
    private static final int NORMAL = POLLRDNORM | POLLRDBAND | POLLWRNORM;

    /** Polls one socket for {@code events} with a 0xdead revents beforehand; asserts the count matches revents and returns revents. */
    static int poll(Win32 w, long s, int events, int timeoutMs) {
        WSAPOLLFD[] fds = {new WSAPOLLFD(s, events)};
        fds[0].revents = (short) 0xdead;
        int r = w.WSAPoll(fds, 1, timeoutMs);
        assertEquals(fds[0].revents != 0 ? 1 : 0, r, "WSAPoll returns the number of entries that report something");
        return fds[0].revents;
    }

    static WSAPOLLFD entry(long fd, int events) {
        WSAPOLLFD f = new WSAPOLLFD(fd, events);
        f.revents = (short) 0xdead;
        return f;
    }

    @Test
    void err25_badArraysInvalidEntriesAndNoSocketAtAll() {
        Fixture.run(w -> {
            assertFails(w, w.WSAPoll(null, 0, 0), WSAEINVAL);
            assertFails(w, w.WSAPoll(null, 1, 0), WSAEFAULT);
            assertFails(w, w.WSAPoll(null, 0, 1), WSAEINVAL);
            assertFails(w, w.WSAPoll(null, 1, 1), WSAEFAULT);
            long l = listener(w, 5);
            assertEquals(0, w.WSACleanup()); // before WSAStartup (after the last WSACleanup) nothing else is looked at
            assertFails(w, w.WSAPoll(null, 0, 0), org.winsim.winsock.api.WsaError.WSANOTINITIALISED);
            assertFails(w, w.WSAPoll(null, 1, 0), org.winsim.winsock.api.WsaError.WSANOTINITIALISED);
            assertEquals(0, w.WSAStartup(org.winsim.winsock.api.Winsock.WINSOCK_VERSION, new org.winsim.winsock.api.WSADATA()));
            l = listener(w, 5);
            // an entry with fd -1 or a bogus handle gets POLLNVAL and does not count as ready
            WSAPOLLFD[] fds = {entry(INVALID_SOCKET, POLLERR), entry(l, POLLIN)};
            w.WSASetLastError(0xdead);
            assertEquals(0, w.WSAPoll(fds, 2, 0));
            assertEquals(0, w.WSAGetLastError());
            assertEquals(POLLNVAL, fds[0].revents);
            assertEquals(0, fds[1].revents);
            fds = new WSAPOLLFD[] {entry(l, POLLIN), entry(0xabacab, POLLIN)};
            assertEquals(0, w.WSAPoll(fds, 2, 0));
            assertEquals(0, fds[0].revents);
            assertEquals(POLLNVAL, fds[1].revents);
            // events outside RDNORM|RDBAND|WRNORM on an entry that is not INVALID_SOCKET: WSAEINVAL, every revents 0
            fds = new WSAPOLLFD[] {entry(l, POLLIN), entry(0xabacab, POLLERR)};
            assertFails(w, w.WSAPoll(fds, 2, 0), WSAEINVAL);
            assertEquals(0, fds[0].revents);
            assertEquals(0, fds[1].revents);
            for (int bad : new int[] {POLLERR, POLLHUP, POLLNVAL, 0x8, POLLWRBAND, 0x40, 0x80, POLLPRI, 0x800, 0x8000}) {
                assertFails(w, w.WSAPoll(new WSAPOLLFD[] {entry(l, bad)}, 1, 0), WSAEINVAL, "events " + Integer.toHexString(bad));
            }
            // no entry is a socket: WSAENOTSOCK, every entry POLLNVAL
            fds = new WSAPOLLFD[] {entry(INVALID_SOCKET, POLLERR), entry(0xabacab, POLLERR)};
            assertFails(w, w.WSAPoll(fds, 2, 0), WSAENOTSOCK);
            assertEquals(POLLNVAL, fds[0].revents);
            assertEquals(POLLNVAL, fds[1].revents);
        });
    }

    @Test
    void err25_aSocketClosedWhilePolledIsPollnvalAndCounts() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long t = w.CreateThread(null, 0, x -> {
                w.Sleep(10);
                return w.closesocket(p.client());
            }, null, 0, null);
            WSAPOLLFD[] fds = {entry(p.client(), POLLRDNORM | POLLRDBAND)};
            assertEquals(1, w.WSAPoll(fds, 1, 2000));
            assertEquals(POLLNVAL, fds[0].revents);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
        });
    }

    @Test
    void wsaPollReportsEachSocketStateAndFiltersByEvents() {
        Fixture.run(w -> {
            long l = listener(w, 5);
            assertEquals(0, poll(w, l, NORMAL, 0));
            long fresh = tcp(w);
            assertEquals(0, poll(w, fresh, NORMAL, 0), "a socket never connected reports nothing");
            long c = tcp(w);
            assertEquals(0, w.connect(c, nameOf(w, l), 16));
            assertEquals(POLLRDNORM, poll(w, l, POLLIN, 100));
            assertEquals(0, poll(w, l, POLLRDBAND | POLLWRNORM, 0), "revents only holds what was asked (and ERR, HUP, NVAL)");
            long a = w.accept(l, null, null);
            WSAPOLLFD[] three = {entry(l, NORMAL), entry(a, NORMAL), entry(c, NORMAL)};
            assertEquals(2, w.WSAPoll(three, 3, 0));
            assertEquals(0, three[0].revents);
            assertEquals(POLLWRNORM, three[1].revents);
            assertEquals(POLLWRNORM, three[2].revents);
            assertEquals(4, w.send(a, "1234".getBytes(), 4, 0));
            w.Sleep(1);
            assertEquals(POLLRDNORM, poll(w, c, POLLRDNORM | POLLRDBAND, 0));
            assertEquals(POLLRDNORM | POLLWRNORM, poll(w, c, NORMAL, 0));
            assertEquals(4, w.recv(c, new byte[6], 6, 0));
            assertEquals(POLLWRNORM, poll(w, c, NORMAL, 0));
            // urgent data out of line is POLLRDBAND
            assertEquals(1, w.send(c, "A".getBytes(), 1, MSG_OOB));
            w.Sleep(1);
            assertEquals(POLLRDBAND, poll(w, a, POLLRDNORM | POLLRDBAND, 0));
            assertEquals(1, w.recv(a, new byte[1], 1, MSG_OOB));
            assertEquals(POLLWRNORM, poll(w, a, NORMAL, 0));
            // the peer's FIN is POLLHUP, reported even when not asked for; its data stays POLLRDNORM
            assertEquals(5, w.send(c, "data\0".getBytes(), 5, 0));
            assertEquals(0, w.shutdown(c, SD_SEND));
            w.Sleep(1);
            assertEquals(POLLHUP, poll(w, a, 0, 0));
            assertEquals(POLLWRNORM | POLLRDNORM | POLLHUP, poll(w, a, NORMAL, 0));
            assertEquals(POLLWRNORM, poll(w, c, NORMAL, 0), "its own shutdown leaves the sender writable");
            assertEquals(5, w.recv(a, new byte[8], 8, 0));
            assertEquals(POLLWRNORM | POLLHUP, poll(w, a, NORMAL, 0), "the end of the stream is not POLLRDNORM");
            // a refused connect: POLLWRNORM|POLLHUP|POLLERR
            long r = tcp(w);
            assertFails(w, w.connect(r, sockaddr_in.of("127.0.0.1", 9), 16), WSAECONNREFUSED);
            assertEquals(POLLWRNORM | POLLHUP | POLLERR, poll(w, r, NORMAL, 0));
        });
    }

    @Test
    void wsaPollWaitsForASignalOrItsTimeout() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            int t0 = w.GetTickCount();
            assertEquals(0, poll(w, p.server(), POLLRDNORM, 50));
            assertEquals(50, w.GetTickCount() - t0, "a timeout of 50 ms waits 50 ms");
            long t = w.CreateThread(null, 0, x -> {
                w.Sleep(20);
                return w.send(p.client(), "x".getBytes(), 1, 0);
            }, null, 0, null);
            assertEquals(POLLRDNORM, poll(w, p.server(), POLLRDNORM, -1), "a negative timeout waits for ever");
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
        });
    }

    @Test
    void io08_wsaPollAfterPeerReset() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            rstClose(w, p.client());
            w.Sleep(10);
            assertEquals(POLLERR | POLLHUP | POLLWRNORM, poll(w, p.server(), NORMAL, 0));
        });
    }

    @Test
    void sel16_wsaPollDoesNotReSignalAnEventSelectEvent() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            long ev = w.WSACreateEvent();
            assertEquals(0, w.WSAEventSelect(p.server(), ev, FD_READ));
            assertEquals(4, w.send(p.client(), "data".getBytes(), 4, 0));
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(ev, 1000));
            assertEquals(WinBase.TRUE, w.WSAResetEvent(ev));
            assertEquals(POLLRDNORM, poll(w, p.server(), POLLRDNORM, 0));
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(ev, 0));
            assertEquals(POLLRDNORM, poll(w, p.server(), POLLRDNORM, 1000));
            assertEquals(WinBase.WAIT_TIMEOUT, w.WaitForSingleObject(ev, 0));
        });
    }

    @Test
    void apc05_aWsaPollThatWaitsRunsAQueuedApcAndStillCompletes() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<String> ran = new ArrayList<>();
            long t = w.CreateThread(null, 0, x -> {
                w.Sleep(10);
                return w.closesocket(p.client());
            }, null, 0, null);
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> ran.add("apc"), WinBase.CURRENT_THREAD, 1));
            WSAPOLLFD[] fds = {entry(p.client(), POLLRDNORM | POLLRDBAND)};
            assertEquals(1, w.WSAPoll(fds, 1, 2000));
            assertEquals(List.of("apc"), ran);
            assertEquals(POLLNVAL, fds[0].revents);
            assertEquals(WinBase.WAIT_OBJECT_0, w.WaitForSingleObject(t, 1000));
            // one satisfied at once runs none
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> ran.add("later"), WinBase.CURRENT_THREAD, 2));
            assertEquals(POLLWRNORM | POLLHUP, poll(w, p.server(), NORMAL, 1000), "the client's close reached the server");
            assertEquals(1, ran.size());
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
            assertEquals(List.of("apc", "later"), ran);
        });
    }

    @Test
    void sel14_aSelectThatWaitsRunsAnApcOneSatisfiedAtOnceDoesNot() {
        Fixture.run(w -> {
            Fixture.Pair p = pair(w);
            List<String> ran = new ArrayList<>();
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> ran.add("waiting"), WinBase.CURRENT_THREAD, 1));
            assertEquals(0, w.select(0, set(p.server()), null, null, new timeval(0, 500)));
            assertEquals(List.of("waiting"), ran, "the select that had to wait ran the APC");
            assertEquals(WinBase.TRUE, w.QueueUserAPC(d -> ran.add("at once"), WinBase.CURRENT_THREAD, 2));
            assertEquals(1, w.select(0, null, set(p.client()), null, new timeval(0, 500)));
            assertEquals(List.of("waiting"), ran, "a select satisfied at once runs none");
            assertEquals(0, w.select(0, set(p.server()), null, null, new timeval(0, 0)));
            assertEquals(List.of("waiting"), ran, "a zero timeout does not wait, so it runs none either");
            assertEquals(WinBase.WAIT_IO_COMPLETION, w.SleepEx(0, true));
            assertEquals(List.of("waiting", "at once"), ran);
        });
    }
}
