package org.winsim.scenarios;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

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
 */
public final class EchoClient {
    private EchoClient() {
    }

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
     * ephemeral ports, so more connections than that need more hosts).
     */
    public static void start(Backend backend, int port, ScenarioParams p, ScenarioStats stats) {
        int hosts = Math.min(backend.clientHosts(), p.clients());
        for (int k = 0; k < hosts; k++) {
            int first = (int) ((long) p.clients() * k / hosts);
            int end = (int) ((long) p.clients() * (k + 1) / hosts);
            backend.startProcess(hosts == 1 ? "client" : "client-" + (k + 1), Backend.Role.CLIENT,
                    w -> main(w, backend.serverAddress(port), p, stats, Timing.LOCKSTEP, first, end));
        }
    }

    /** The client process's main: starts one thread per client and waits for all of them. */
    public static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats) {
        return main(w, server, p, stats, Timing.LOCKSTEP);
    }

    /** The client process's main with the given timing. */
    public static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats, Timing timing) {
        return main(w, server, p, stats, timing, 0, p.clients());
    }

    /** A client process running clients {@code first} (inclusive) to {@code end} (exclusive) of the run's. */
    static int main(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats, Timing timing, int first, int end) {
        if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
            stats.problem("client: WSAStartup failed");
            return 1;
        }
        long[] threads = new long[end - first];
        for (int i = 0; i < threads.length; i++) {
            int id = first + i;
            threads[i] = w.CreateThread(null, 0, param -> clientThread(w, server, id, p, stats, timing), null, 0, null);
            if (threads[i] == WinBase.NULL) {
                stats.problem("client: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
        }
        for (long h : threads) { // one at a time: WaitForMultipleObjects takes at most 64 handles
            w.WaitForSingleObject(h, WinBase.INFINITE);
            w.CloseHandle(h);
        }
        w.WSACleanup();
        return 0;
    }

    static int clientThread(Win32 w, sockaddr_in server, int id, ScenarioParams p, ScenarioStats stats, Timing timing) {
        w.SetThreadDescription(w.GetCurrentThread(), "client-" + (id + 1));
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (s == INVALID_SOCKET) {
            stats.problem("client " + id + ": socket failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        if (w.connect(s, server, Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR) {
            stats.problem("client " + id + ": connect failed: " + WsaError.nameOf(w.WSAGetLastError()));
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
            p.fillPattern(id, pos, out, out.length);
            int got = 0;
            if (!sentAhead && !send(w, s, out, id, stats, timing)) {
                w.closesocket(s);
                return 1;
            }
            sentAhead = false;
            if (timing == Timing.NEXT_ON_FIRST_ECHO && m + 1 < p.messages()) {
                got = w.recv(s, in, 0, in.length, 0); // the first bytes of the echo: then the next message goes
                p.fillPattern(id, pos + out.length, next, next.length);
                if (got <= 0 || !sendAll(w, s, next, next.length, id, stats)) {
                    stats.problem("client " + id + ": recv of the echo's first bytes failed or saw the end");
                    w.closesocket(s);
                    return 1;
                }
                sentAhead = true;
            }
            if (!recvAll(w, s, in, got, in.length, id, stats)) {
                w.closesocket(s);
                return 1;
            }
            for (int i = 0; i < in.length; i++) {
                if (in[i] != out[i]) {
                    stats.problem("client " + id + ": echo differs at stream byte " + (pos + i));
                    w.closesocket(s);
                    return 1;
                }
            }
            stats.verified(in.length);
            stats.messageVerified();
            pos += out.length;
        }
        w.shutdown(s, Winsock.SD_SEND);
        byte[] rest = new byte[1];
        if (w.recv(s, rest, 1, 0) != 0) {
            stats.problem("client " + id + ": the server did not close after the last echo");
        }
        w.closesocket(s);
        return 0;
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
        byte[] rest = java.util.Arrays.copyOfRange(out, half, out.length);
        return sendAll(w, s, rest, rest.length, id, stats);
    }

    static boolean sendAll(Win32 w, long s, byte[] buf, int len, int id, ScenarioStats stats) {
        int off = 0;
        while (off < len) {
            int n = w.send(s, buf, off, len - off, 0);
            if (n == SOCKET_ERROR) {
                stats.problem("client " + id + ": send failed: " + WsaError.nameOf(w.WSAGetLastError()));
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
                stats.problem("client " + id + ": recv " + (n == 0 ? "saw the connection closed"
                        : "failed: " + WsaError.nameOf(w.WSAGetLastError())) + " after " + off + " of " + len + " bytes");
                return false;
            }
            off += n;
        }
        return true;
    }
}
