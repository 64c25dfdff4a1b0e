package org.winsim.scenarios.explore;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import org.winsim.scenarios.Backend;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/**
 * A test program with a classic bug: its client takes one recv for one whole echoed message. It works
 * while a message arrives in one piece, and breaks once the network delivers one in parts.
 */
final class NaiveEcho implements Scenario {
    @Override
    public String name() {
        return "naive-echo";
    }

    @Override
    public String description() {
        return "a client that assumes one recv returns a whole message";
    }

    @Override
    public void start(Backend b, ScenarioParams p, ScenarioStats stats) {
        int port = b.port(Scenario.LECTURE_PORT);
        b.startProcess("server", Backend.Role.SERVER, w -> server(w, port, p));
        sockaddr_in addr = b.serverAddress(port);
        b.startProcess("client", Backend.Role.CLIENT, w -> client(w, addr, p, stats));
    }

    private static int server(Win32 w, int port, ScenarioParams p) {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        w.bind(l, new sockaddr_in(AF_INET, 0, port), 16);
        w.listen(l, 5);
        for (int c = 0; c < p.clients(); c++) {
            long a = w.accept(l, null, null);
            byte[] buf = new byte[4096];
            int n;
            while ((n = w.recv(a, buf, buf.length, 0)) > 0) {
                w.send(a, buf, n, 0);
            }
            w.closesocket(a);
        }
        return 0;
    }

    private static int client(Win32 w, sockaddr_in addr, ScenarioParams p, ScenarioStats stats) {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        for (int c = 0; c < p.clients(); c++) {
            long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            if (s == INVALID_SOCKET || w.connect(s, addr, 16) == SOCKET_ERROR) {
                stats.problem("client: connect failed");
                return 1;
            }
            byte[] out = new byte[p.size()];
            byte[] in = new byte[p.size()];
            for (int m = 0; m < p.messages(); m++) {
                p.fillPattern(c, (long) m * p.size(), out, p.size());
                w.send(s, out, p.size(), 0);
                int n = w.recv(s, in, p.size(), 0); // the bug: one recv is not one message
                if (n != p.size()) {
                    stats.problem("client-" + (c + 1) + ": echo differs: got " + n + " of " + p.size() + " bytes");
                    w.closesocket(s);
                    return 1;
                }
                stats.verified(n);
            }
            w.closesocket(s);
        }
        return 0;
    }
}
