package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's blocking model: a thread-per-connection echo server. ServerListenThread accepts; each
 * connection gets a receiver thread and a sender thread that share a queue of received buffers
 * (guarded by a critical section, announced by an auto-reset event).
 */
public final class BlockingEcho implements Scenario {
    @Override
    public String name() {
        return "blocking-echo";
    }

    @Override
    public String description() {
        return "thread-per-connection echo server (a receiver and a sender thread per client), blocking clients";
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> serverMain(w, port, p, stats));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    /** CONNECTION_OBJ: one client's socket and the buffers its receiver hands to its sender. */
    static final class ConnectionObj {
        final long s;
        final long hRecvSema;
        final CRITICAL_SECTION sendRecvQueueCritSec = new CRITICAL_SECTION();
        final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        boolean closing;

        ConnectionObj(Win32 w, long s) {
            this.s = s;
            this.hRecvSema = w.CreateEvent(null, false, false, null);
            w.InitializeCriticalSection(sendRecvQueueCritSec);
        }
    }

    static int serverMain(Win32 w, int port, ScenarioParams p, ScenarioStats stats) {
        if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
            stats.problem("server: WSAStartup failed");
            return 1;
        }
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (w.bind(s, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR
                || w.listen(s, 200) == SOCKET_ERROR) {
            stats.problem("server: bind/listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        long listener = w.CreateThread(null, 0, param -> serverListenThread(w, (Long) param, p, stats), s, 0, null);
        w.WaitForSingleObject(listener, WinBase.INFINITE);
        return 0;
    }

    /** ServerListenThread: accept, then a receiver and a sender thread for the new connection. */
    static int serverListenThread(Win32 w, long s, ScenarioParams p, ScenarioStats stats) {
        w.SetThreadDescription(w.GetCurrentThread(), "listener");
        for (int n = 1; ; n++) {
            int conn = n;
            // Wait for an incoming client connection
            sockaddr_in saAccept = new sockaddr_in();
            int[] acceptlen = {Winsock.SIZEOF_SOCKADDR_IN};
            long ns = w.accept(s, saAccept, acceptlen);
            if (ns == INVALID_SOCKET) {
                stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return -1;
            }
            // Allocate a connection object for this client
            ConnectionObj connObj = new ConnectionObj(w, ns);
            // Create a receiver thread for this connection
            long hThread = w.CreateThread(null, 0, param -> receiveThread(w, (ConnectionObj) param, p, conn), connObj, 0, null);
            if (hThread == WinBase.NULL) {
                stats.problem("server: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                return -1;
            }
            w.CloseHandle(hThread);
            // Create a sender thread for this connection
            hThread = w.CreateThread(null, 0, param -> sendThread(w, (ConnectionObj) param, conn), connObj, 0, null);
            if (hThread == WinBase.NULL) {
                stats.problem("server: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                return -1;
            }
            w.CloseHandle(hThread);
        }
    }

    /** ReceiveThread: blocking recv; each buffer is queued for the sender. */
    static int receiveThread(Win32 w, ConnectionObj c, ScenarioParams p, int conn) {
        w.SetThreadDescription(w.GetCurrentThread(), "receiver-" + conn);
        byte[] buf = new byte[p.size()];
        while (true) {
            int rc = w.recv(c.s, buf, buf.length, 0);
            w.EnterCriticalSection(c.sendRecvQueueCritSec);
            if (rc == 0 || rc == SOCKET_ERROR) {
                c.closing = true;
            } else {
                c.pending.addLast(Arrays.copyOf(buf, rc));
            }
            w.LeaveCriticalSection(c.sendRecvQueueCritSec);
            w.SetEvent(c.hRecvSema);
            if (rc == 0 || rc == SOCKET_ERROR) {
                return 0;
            }
        }
    }

    /** SendThread: waits for queued buffers and sends each back with blocking sends; closes the socket at the end. */
    static int sendThread(Win32 w, ConnectionObj c, int conn) {
        w.SetThreadDescription(w.GetCurrentThread(), "sender-" + conn);
        boolean done = false;
        boolean failed = false;
        while (!done) {
            w.WaitForSingleObject(c.hRecvSema, WinBase.INFINITE);
            w.EnterCriticalSection(c.sendRecvQueueCritSec);
            ArrayDeque<byte[]> batch = new ArrayDeque<>(c.pending);
            c.pending.clear();
            done = c.closing;
            w.LeaveCriticalSection(c.sendRecvQueueCritSec);
            for (byte[] b : batch) {
                int off = 0;
                while (off < b.length && !failed) {
                    int rc = w.send(c.s, b, off, b.length - off, 0);
                    if (rc == SOCKET_ERROR) {
                        // A failed send ends the echo: what follows would leave a gap in the stream. The sender
                        // must not end here, though: the receiver still uses the critical section and the event,
                        // and frees nothing itself. Shutting down the sending side tells the client (its recv
                        // sees the end); the receiver's "closing" (its recv fails or sees the end) ends this loop.
                        failed = true;
                        w.shutdown(c.s, Winsock.SD_SEND);
                        break;
                    }
                    off += rc;
                }
            }
        }
        w.closesocket(c.s);
        w.CloseHandle(c.hRecvSema);
        w.DeleteCriticalSection(c.sendRecvQueueCritSec);
        return 0;
    }
}
