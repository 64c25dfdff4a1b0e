package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FD_CLOSE;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.winsim.sim.Durations;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.OsProfile;
import org.winsim.winsock.sim.SimWorld;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;

/**
 * Over generated transfers (sizes, write sizes, pauses, links) a receiver driven only by notifications —
 * WSAEventSelect (wait, enumerate) or WSAAsyncSelect (GetMessage, DispatchMessage) — that makes exactly
 * one recv of a generated size per FD_READ gets every byte exactly once, in order, and the end of the
 * stream. It relies on FD_READ being re-reported after each recv while data is left; a notification
 * lost after one was consumed leaves the receiver waiting for good, which the simulation reports as a
 * deadlock finding.
 */
class NotificationReceiverProperties {
    private static final int WM_SOCKET = WinUser.WM_USER + 1;

    @TestFactory
    Stream<DynamicTest> eventSelectReceiverGetsEveryByteOnce() {
        return GeneratedCases.cases("event-select receiver", 150, seed -> () -> check(seed, false));
    }

    @TestFactory
    Stream<DynamicTest> asyncSelectReceiverGetsEveryByteOnce() {
        return GeneratedCases.cases("async-select receiver", 150, seed -> () -> check(seed, true));
    }

    private static byte expected(long seed, long pos) {
        long x = (pos + 1) * 0x9E3779B97F4A7C15L ^ seed;
        return (byte) (x ^ x >>> 31);
    }

    /** The receiver's progress: bytes checked so far, the end of the stream, and the first problem. */
    private static final class Receiver {
        final long seed;
        final SplittableRandom r;
        final int maxRead;
        final int pauseMicros;
        long received;
        boolean ended;
        String problem;

        Receiver(long seed, SplittableRandom r) {
            this.seed = seed;
            this.r = r;
            this.maxRead = r.nextInt(1, 20_000);
            this.pauseMicros = r.nextInt(0, 300);
        }

        /** One recv of a generated size, as one FD_READ (or an FD_CLOSE still finding data) allows. */
        void readOnce(Win32 w, long s) {
            if (pauseMicros > 0) {
                w.compute(Durations.micros(r.nextInt(0, pauseMicros + 1)));
            }
            byte[] buf = new byte[r.nextInt(1, maxRead + 1)];
            int n = w.recv(s, buf, buf.length, 0);
            if (n == SOCKET_ERROR) {
                if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code && problem == null) {
                    problem = "recv failed: " + WsaError.nameOf(w.WSAGetLastError());
                }
                return;
            }
            if (n == 0) {
                ended = true;
            }
            for (int i = 0; i < n && problem == null; i++) {
                if (buf[i] != expected(seed, received + i)) {
                    problem = "byte " + (received + i) + " differs";
                }
            }
            received += n;
        }

        /** FD_CLOSE: the rest of the stream is read to its end, as a program does on FD_CLOSE. */
        void drain(Win32 w, long s) {
            while (!ended && problem == null) {
                readOnce(w, s);
            }
        }
    }

    private static void check(long seed, boolean messages) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean remote = r.nextBoolean();
        LinkSpec link = new LinkSpec(r.nextLong(0, Durations.millis(1)), r.nextLong(1_000_000, 2_000_000_000L), 1460);
        int total = r.nextInt(0, 200_000);
        int maxWrite = r.nextInt(1, 30_000);
        int writerPause = r.nextInt(0, 500);
        int rcvBuf = r.nextInt(1, 70_000);
        Receiver rx = new Receiver(seed, r.split());
        SplittableRandom wr = r.split();
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT.withSeed(seed), OsProfile.WINDOWS);
        Host a = world.addHost("a", "10.0.0.1");
        Host b = remote ? world.addHost("b", "10.0.0.2") : a;
        if (remote) {
            world.link(a, b, link);
        }
        world.startProcess(a, "receiver", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            w.setsockopt(l, Winsock.SOL_SOCKET, Winsock.SO_RCVBUF, rcvBuf);
            w.bind(l, new sockaddr_in(AF_INET, INADDR_ANY, 7000), 16);
            w.listen(l, 5);
            long s = w.accept(l, null, null);
            if (messages) {
                receiveByMessages(w, s, rx);
            } else {
                receiveByEvents(w, s, rx);
            }
            w.closesocket(s);
            w.closesocket(l);
            return 0;
        });
        world.startProcess(b, "sender", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            sockaddr_in to = new sockaddr_in(AF_INET, sockaddr_in.inet_addr("10.0.0.1"), 7000);
            while (w.connect(s, to, 16) == SOCKET_ERROR) {
                w.closesocket(s);
                w.Sleep(1);
                s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            }
            long sent = 0;
            while (sent < total) {
                byte[] chunk = new byte[(int) Math.min(total - sent, wr.nextInt(1, maxWrite + 1))];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = expected(seed, sent + i);
                }
                int n = w.send(s, chunk, chunk.length, 0);
                if (n == SOCKET_ERROR) {
                    break;
                }
                sent += n;
                if (writerPause > 0 && wr.nextBoolean()) {
                    w.compute(Durations.micros(wr.nextInt(0, writerPause + 1)));
                }
            }
            w.closesocket(s);
            return 0;
        });
        RunResult result = world.run();
        String where = " [remote=" + remote + " total=" + total + " maxWrite=" + maxWrite + " maxRead=" + rx.maxRead
                + " rcvBuf=" + rcvBuf + "]";
        assertNull(result.finding(), () -> result.finding().describe() + where);
        assertNull(rx.problem, () -> rx.problem + where);
        assertEquals(total, rx.received, "bytes received" + where);
        assertEquals(true, rx.ended, "the end of the stream was seen" + where);
    }

    /** WSAEventSelect: wait on the event, enumerate, one recv per FD_READ; FD_CLOSE reads to the end. */
    private static void receiveByEvents(Win32 w, long s, Receiver rx) {
        long e = w.WSACreateEvent();
        w.WSAEventSelect(s, e, FD_READ | FD_CLOSE);
        WSANETWORKEVENTS ne = new WSANETWORKEVENTS();
        while (!rx.ended && rx.problem == null) {
            w.WSAWaitForMultipleEvents(1, new long[] {e}, false, Winsock.WSA_INFINITE, false);
            w.WSAEnumNetworkEvents(s, e, ne);
            if ((ne.lNetworkEvents & FD_READ) != 0) {
                rx.readOnce(w, s);
            }
            if ((ne.lNetworkEvents & FD_CLOSE) != 0) {
                rx.drain(w, s);
            }
        }
        w.WSACloseEvent(e);
    }

    /** WSAAsyncSelect: a message loop whose window procedure makes one recv per FD_READ; FD_CLOSE reads to the end. */
    private static void receiveByMessages(Win32 w, long s, Receiver rx) {
        w.RegisterClass(new WNDCLASS("rx", (hwnd, msg, wParam, lParam) -> {
            if (msg == WM_SOCKET) {
                switch (Winsock.WSAGETSELECTEVENT(lParam)) {
                    case FD_READ -> rx.readOnce(w, wParam);
                    case FD_CLOSE -> rx.drain(w, wParam);
                    default -> { }
                }
            }
            return 0;
        }));
        long hwnd = w.CreateWindowEx(0, "rx", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
        w.WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_READ | FD_CLOSE);
        MSG m = new MSG();
        while (!rx.ended && rx.problem == null && w.GetMessage(m, 0, 0, 0) > 0) {
            w.DispatchMessage(m);
        }
        w.DestroyWindow(hwnd);
    }
}
