package org.winsim.scenarios;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.util.Arrays;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The blocking echo client: one thread per connection sends each message and reads the echo back
 * before the next, checking every byte against what it sent. Its {@link Timing} may vary that, as the
 * lecture's AsyncSelectServer timing cases need.
 *
 * <p>A client process with more than {@link #CONNECTS_IN_FLIGHT} connections ramps up as a load
 * generator does, then loads them all at once: it starts the thread of connection i only once
 * connection i - 64 has been served (its first echo came back, or it failed), and each connection sends
 * its second message only when every connection of the process has been served (several client
 * processes share the 64 between them). Started all at once, thousands of threads would send their SYNs
 * faster than the server accepts, and Windows refuses SYNs beyond the 200 its listen queue holds (a
 * client refused three times fails with WSAECONNREFUSED): the run would measure the listen queue under
 * a SYN flood instead of the server's I/O model. Holding the served connections until all are up keeps
 * every connection open at once, as a C10K test means (and as the lecture's 64-socket limits need). With
 * 64 or fewer connections no thread waits for another, and none of this happens (no event is made).
 */
public final class EchoClient {
    private EchoClient() {
    }

    /** Connections a client process has started but not yet seen served, at most. */
    static final int CONNECTS_IN_FLIGHT = 64;

    /**
     * When the client's bytes leave (issue 11: the timing cases of async-select-echo). All but LOCKSTEP
     * first wait 1 ms after connecting, so the server has selected on the connection before data comes.
     */
    public enum Timing {
        /** Each message in one send; the next only after its whole echo came back. */
        LOCKSTEP,
        /** LOCKSTEP, 1 ms after connecting. */
        PAUSED_LOCKSTEP,
        /** Each message in two sends, the second half 1 ms after the first; then its echo. */
        HALVES_WITH_PAUSE,
        /** The next message as soon as the first bytes of the echo came back, before the rest of it. */
        NEXT_ON_FIRST_ECHO
    }

    /**
     * Starts the clients against a server listening on {@code port}: one client process on each of the
     * backend's client hosts, the clients split evenly between them in order (a host has 16,384
     * ephemeral ports, so more connections than that need more hosts). The processes share the ramp-up's
     * 64 unserved connections between them (at least one each), so that together they keep no more
     * unanswered than one process would.
     */
    public static void start(Backend backend, int port, ScenarioParams p, ScenarioStats stats) {
        int hosts = Math.min(backend.clientHosts(), p.clients());
        int window = Math.max(1, CONNECTS_IN_FLIGHT / hosts);
        for (int k = 0; k < hosts; k++) {
            int first = (int) ((long) p.clients() * k / hosts);
            int end = (int) ((long) p.clients() * (k + 1) / hosts);
            backend.startProcess(hosts == 1 ? "client" : "client-" + (k + 1), Backend.Role.CLIENT,
                    w -> main(w, backend.serverAddress(port), p, stats, Timing.LOCKSTEP, first, end, window));
        }
    }

    /** The client process's main: starts one thread per client and waits for all of them. */
    public static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats) {
        return main(w, server, p, stats, Timing.LOCKSTEP);
    }

    /** The client process's main with the given timing. */
    public static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats, Timing timing) {
        return main(w, server, p, stats, timing, 0, p.clients(), CONNECTS_IN_FLIGHT);
    }

    /**
     * A client process running clients {@code first} (inclusive) to {@code end} (exclusive) of the run's,
     * with at most {@code window} of them started and not yet served.
     */
    static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats, Timing timing, int first, int end,
                    int window) {
        if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
            stats.problem("client: WSAStartup failed");
            return 1;
        }
        long[] threads = new long[end - first];
        boolean ramp = threads.length > window;
        long[] served = new long[ramp ? threads.length : 0]; // manual-reset events, set once each connection is served
        long load = ramp ? w.CreateEvent(null, true, false, null) : WinBase.NULL; // set when all of them are
        for (int i = 0; i < threads.length; i++) {
            int id = first + i;
            if (ramp) {
                if (i >= window) { // connection i starts once connection i - window is served
                    w.WaitForSingleObject(served[i - window], WinBase.INFINITE);
                    w.CloseHandle(served[i - window]);
                }
                served[i] = w.CreateEvent(null, true, false, null);
            }
            Ramp r = new Ramp(ramp ? served[i] : WinBase.NULL, load);
            threads[i] = w.CreateThread(null, 0, param -> {
                int code = clientThread(w, server, id, p, stats, timing, r);
                r.served(w, false); // a connection that failed before its first echo is served too
                return code;
            }, null, 0, null);
            if (threads[i] == WinBase.NULL) {
                stats.problem("client: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
        }
        if (ramp) {
            for (int i = Math.max(0, threads.length - window); i < threads.length; i++) {
                w.WaitForSingleObject(served[i], WinBase.INFINITE);
                w.CloseHandle(served[i]);
            }
            w.SetEvent(load); // every connection has been served: the load begins
        }
        for (long h : threads) { // one at a time: WaitForMultipleObjects takes at most 64 handles
            w.WaitForSingleObject(h, WinBase.INFINITE);
            w.CloseHandle(h);
        }
        if (ramp) {
            w.CloseHandle(load);
        }
        w.WSACleanup();
        return 0;
    }

    /** One connection's part in the ramp-up: its event, set once it is served, and the process's start of the load. */
    private static final class Ramp {
        private long served;
        private final long load;

        Ramp(long served, long load) {
            this.served = served;
            this.load = load;
        }

        /** Sets the connection's event, once (nothing without a ramp-up); then, if {@code andWait}, waits for the load to begin. */
        void served(Win32 w, boolean andWait) {
            if (served == WinBase.NULL) {
                return;
            }
            w.SetEvent(served);
            served = WinBase.NULL;
            if (andWait) {
                w.WaitForSingleObject(load, WinBase.INFINITE);
            }
        }
    }

    /** One connection's thread; {@code ramp} is told when its first echo came back. */
    static int clientThread(Win32 w, sockaddr_in server, int id, ScenarioParams p, ScenarioStats stats, Timing timing,
                            Ramp ramp) {
        w.SetThreadDescription(w.GetCurrentThread(), "client-" + (id + 1));
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (s == INVALID_SOCKET) {
            stats.problem("client-" + (id + 1) + ": socket failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        if (w.connect(s, server, Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR) {
            stats.problem("client-" + (id + 1) + ": connect failed: " + WsaError.nameOf(w.WSAGetLastError()));
            w.closesocket(s);
            return 1;
        }
        stats.connected();
        if (timing != Timing.LOCKSTEP) {
            w.Sleep(1);
        }
        byte[] out = new byte[p.size()];
        byte[] in = new byte[p.size()];
        byte[] next = new byte[p.size()];
        long pos = 0;
        boolean sentAhead = false;
        for (int m = 0; m < p.messages(); m++) {
            Outcome r = message(w, s, id, m, pos, sentAhead, out, in, next, p, stats, timing, ramp);
            if (r == Outcome.FAILED) {
                w.closesocket(s);
                return 1;
            }
            sentAhead = r == Outcome.SENT_AHEAD;
            pos += out.length;
        }
        w.shutdown(s, Winsock.SD_SEND);
        byte[] rest = new byte[1];
        if (w.recv(s, rest, 1, 0) != 0) {
            stats.problem("client-" + (id + 1) + ": the server did not close after the last echo");
        }
        w.closesocket(s);
        return 0;
    }

    /** How one message of a client went. */
    private enum Outcome {
        /** It failed; the problem was told to the stats. */
        FAILED,
        /** Its echo came back whole and right. */
        ECHOED,
        /** Its echo came back whole and right, and the next message went already (NEXT_ON_FIRST_ECHO). */
        SENT_AHEAD
    }

    /**
     * Message {@code m} of a client, at stream position {@code pos}: sends it (unless it went ahead with
     * the last one's echo), receives its echo and verifies it.
     * (A method of its own, not the body of the client's loop: the JIT compiles it whole, where a loop that
     * each thread enters once would run as an on-stack replacement built from the first messages' profile.)
     */
    private static Outcome message(Win32 w, long s, int id, int m, long pos, boolean sentAhead, byte[] out, byte[] in,
                               byte[] next, ScenarioParams p, ScenarioStats stats, Timing timing, Ramp ramp) {
        p.fillPattern(id, pos, out, out.length);
        int got = 0;
        if (!sentAhead && !send(w, s, out, id, stats, timing)) {
            return Outcome.FAILED;
        }
        boolean ahead = false;
        if (timing == Timing.NEXT_ON_FIRST_ECHO && m + 1 < p.messages()) {
            got = w.recv(s, in, 0, in.length, 0); // the first bytes of the echo: then the next message goes
            p.fillPattern(id, pos + out.length, next, next.length);
            if (got <= 0 || !sendAll(w, s, next, next.length, id, stats)) {
                stats.problem("client-" + (id + 1) + ": recv of the echo's first bytes failed or saw the end");
                return Outcome.FAILED;
            }
            ahead = true;
        }
        if (!recvAll(w, s, in, got, in.length, id, stats)) {
            return Outcome.FAILED;
        }
        int differs = Arrays.mismatch(in, out);
        if (differs >= 0) {
            stats.problem("client-" + (id + 1) + ": echo differs at stream byte " + (pos + differs));
            return Outcome.FAILED;
        }
        stats.verified(in.length);
        stats.messageVerified();
        ramp.served(w, m + 1 < p.messages());
        return ahead ? Outcome.SENT_AHEAD : Outcome.ECHOED;
    }

    /** Sends one message as the timing says: whole, or in two halves 1 ms apart. */
    private static boolean send(Win32 w, long s, byte[] out, int id, ScenarioStats stats, Timing timing) {
        if (timing != Timing.HALVES_WITH_PAUSE || out.length < 2) {
            return sendAll(w, s, out, out.length, id, stats);
        }
        int half = out.length / 2;
        if (!sendAll(w, s, out, half, id, stats)) {
            return false;
        }
        w.Sleep(1);
        byte[] rest = Arrays.copyOfRange(out, half, out.length);
        return sendAll(w, s, rest, rest.length, id, stats);
    }

    static boolean sendAll(Win32 w, long s, byte[] buf, int len, int id, ScenarioStats stats) {
        int off = 0;
        while (off < len) {
            int n = w.send(s, buf, off, len - off, 0);
            if (n == SOCKET_ERROR) {
                stats.problem("client-" + (id + 1) + ": send failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return false;
            }
            off += n;
        }
        return true;
    }

    static boolean recvAll(Win32 w, long s, byte[] buf, int len, int id, ScenarioStats stats) {
        return recvAll(w, s, buf, 0, len, id, stats);
    }

    /** Receives until {@code buf[0..len)} is full, {@code from} bytes being there already. */
    static boolean recvAll(Win32 w, long s, byte[] buf, int from, int len, int id, ScenarioStats stats) {
        int off = from;
        while (off < len) {
            int n = w.recv(s, buf, off, len - off, 0);
            if (n == SOCKET_ERROR || n == 0) {
                stats.problem("client-" + (id + 1) + ": recv " + (n == 0 ? "saw the connection closed"
                        : "failed: " + WsaError.nameOf(w.WSAGetLastError())) + " after " + off + " of " + len + " bytes");
                return false;
            }
            off += n;
        }
        return true;
    }
}
