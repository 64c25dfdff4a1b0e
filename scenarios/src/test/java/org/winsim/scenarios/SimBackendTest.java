package org.winsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.OsProfile;

/** The simulator's backend starts a client process when the server listens on its port, as the real one waits for it. */
class SimBackendTest {
    @Test
    void aClientProcessStartsWhenTheServerListensOnItsPort() {
        // the server listens 10 ms after it starts; the client's first instant is then, and its connect is not refused
        assertEquals(List.of(10, 0, 0), clientStartAndConnect(10));
    }

    @Test
    void withoutAListenerTheClientStartsAfterFiveSeconds() {
        assertEquals(List.of(5000, Winsock.SOCKET_ERROR, WsaError.WSAECONNREFUSED.code), clientStartAndConnect(-1));
    }

    /**
     * The client's GetTickCount when it starts, its connect's result and WSAGetLastError after it; the server
     * listens after {@code listenAfterMs} (never if negative).
     */
    private static List<Integer> clientStartAndConnect(int listenAfterMs) {
        SimBackend backend = new SimBackend(SimulationConfig.DEFAULT, OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK);
        int port = backend.port(5150);
        List<Integer> seen = new ArrayList<>();
        backend.startProcess("server", Backend.Role.SERVER, w -> {
            startup(w);
            long l = w.socket(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
            w.bind(l, sockaddr_in.of("0.0.0.0", port), Winsock.SIZEOF_SOCKADDR_IN);
            if (listenAfterMs >= 0) {
                w.Sleep(listenAfterMs);
                w.listen(l, 5);
            }
            w.Sleep(Integer.MAX_VALUE);
            return 0;
        });
        backend.startProcess("client", Backend.Role.CLIENT, w -> {
            seen.add(w.GetTickCount());
            startup(w);
            long s = w.socket(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
            seen.add(w.connect(s, backend.serverAddress(port), Winsock.SIZEOF_SOCKADDR_IN));
            seen.add(w.WSAGetLastError());
            w.closesocket(s);
            return 0;
        });
        RunResult r = backend.world().run();
        assertEquals(null, r.finding());
        return seen;
    }

    private static void startup(Win32 w) {
        assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
    }
}
