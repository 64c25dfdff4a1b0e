package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's polling model: non-blocking sockets (ioctlsocket FIONBIO) and a server thread that
 * tries accept, recv and send on every socket in a loop, treating WSAEWOULDBLOCK as "nothing yet".
 * It never waits, so it spends its processor on calls that fail: compare its CPU with select-echo's.
 */
public final class NonBlockingPoll implements Scenario {
    @Override
    public String name() {
        return "nonblocking-poll";
    }

    @Override
    public String description() {
        return "non-blocking echo server polling accept/recv/send in a loop (WSAEWOULDBLOCK), blocking clients";
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> serverMain(w, port, p, stats));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    static final class Conn {
        final long s;
        byte[] pending = new byte[0];

        Conn(long s) {
            this.s = s;
        }
    }

    static int serverMain(Win32 w, int port, ScenarioParams p, ScenarioStats stats) {
        if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
            stats.problem("server: WSAStartup failed");
            return 1;
        }
        long s = w.socket(AF_INET, SOCK_STREAM, 0);
        int[] ul = {1};
        int nRet = w.ioctlsocket(s, FIONBIO, ul);
        if (nRet == SOCKET_ERROR) {
            stats.problem("server: failed to put the socket into non-blocking mode");
            return 1;
        }
        if (w.bind(s, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR
                || w.listen(s, 200) == SOCKET_ERROR) {
            stats.problem("server: bind/listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        List<Conn> conns = new ArrayList<>();
        byte[] buf = new byte[p.size()];
        while (true) {
            long ns = w.accept(s, null, null);
            if (ns != INVALID_SOCKET) {
                w.ioctlsocket(ns, FIONBIO, new int[] {1}); // Linux does not inherit the mode; Windows does
                conns.add(new Conn(ns));
            } else if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            for (Conn c : new ArrayList<>(conns)) {
                boolean close = false;
                if (c.pending.length == 0) {
                    int rc = w.recv(c.s, buf, buf.length, 0);
                    if (rc > 0) {
                        c.pending = Arrays.copyOf(buf, rc);
                    } else if (rc == 0 || w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                        close = true; // WSAEWOULDBLOCK: no data yet, try again next pass
                    }
                }
                if (c.pending.length > 0) {
                    int rc = w.send(c.s, c.pending, c.pending.length, 0);
                    if (rc > 0) {
                        c.pending = Arrays.copyOfRange(c.pending, rc, c.pending.length);
                    } else if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                        close = true;
                    }
                }
                if (close) {
                    w.closesocket(c.s);
                    conns.remove(c);
                }
            }
        }
    }
}
