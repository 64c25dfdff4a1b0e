package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_ERROR;
import static org.winsim.winsock.api.fd_set.FD_ISSET;
import static org.winsim.winsock.api.fd_set.FD_SET;
import static org.winsim.winsock.api.fd_set.FD_ZERO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's select model: a one-thread echo server that selects over the listener and every
 * client socket (a socket with data to send back goes in the write set too), and a one-thread client
 * that drives all its connections through select with non-blocking sockets.
 */
public final class SelectEcho implements Scenario {
    @Override
    public String name() {
        return "select-echo";
    }

    @Override
    public String description() {
        return "one-thread select() echo server and one-thread select() client with non-blocking sockets";
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> serverMain(w, port, p, stats));
        backend.startProcess("client", Backend.Role.CLIENT, w -> clientMain(w, backend.serverAddress(port), p, stats));
    }

    /** How many connects the client has under way at once. */
    static final int CONNECTS_IN_FLIGHT = 64;

    /** FD_SETSIZE as the program would #define it: room for every connection and the listener. */
    static int setSize(ScenarioParams p) {
        return Math.max(Winsock.FD_SETSIZE, p.clients() + 1);
    }

    /**
     * SOCKET_OBJ: a connection and the bytes received but not yet echoed back, {@code buf[start..end)}.
     * Received bytes are appended and sent bytes consumed from the front without copying the rest each
     * time (a copy per call would make a large message cost quadratic time).
     */
    static final class SocketObj {
        final long s;
        byte[] buf = new byte[0];
        int start;
        int end;

        SocketObj(long s) {
            this.s = s;
        }

        int pending() {
            return end - start;
        }

        void append(byte[] data, int len) {
            if (buf.length - end < len) {
                int live = pending();
                byte[] to = live + len <= buf.length ? buf : new byte[Math.max(live + len, 2 * buf.length)];
                System.arraycopy(buf, start, to, 0, live);
                buf = to;
                start = 0;
                end = live;
            }
            System.arraycopy(data, 0, buf, end, len);
            end += len;
        }

        void consume(int n) {
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
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
        List<SocketObj> sockets = new ArrayList<>();
        fd_set fdread = new fd_set(setSize(p));
        fd_set fdwrite = new fd_set(setSize(p));
        byte[] buf = new byte[p.size()];
        while (true) {
            // Always clear the sets before calling select()
            FD_ZERO(fdread);
            FD_ZERO(fdwrite);
            FD_SET(s, fdread);
            for (SocketObj so : sockets) {
                FD_SET(so.s, fdread);
                if (so.pending() > 0) {
                    FD_SET(so.s, fdwrite);
                }
            }
            if (w.select(0, fdread, fdwrite, null, null) == SOCKET_ERROR) {
                stats.problem("server: select failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            if (FD_ISSET(s, fdread)) {
                long ns = w.accept(s, null, null);
                if (ns == INVALID_SOCKET) {
                    stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                w.ioctlsocket(ns, FIONBIO, new int[] {1});
                sockets.add(new SocketObj(ns));
            }
            for (SocketObj so : new ArrayList<>(sockets)) {
                boolean close = false;
                if (FD_ISSET(so.s, fdread)) {
                    int rc = w.recv(so.s, buf, buf.length, 0);
                    if (rc > 0) {
                        so.append(buf, rc);
                    } else if (rc == 0 || w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                        close = true;
                    }
                }
                if (!close && FD_ISSET(so.s, fdwrite) && so.pending() > 0) {
                    int rc = w.send(so.s, so.buf, so.start, so.pending(), 0);
                    if (rc > 0) {
                        so.consume(rc);
                    } else if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                        close = true;
                    }
                }
                if (close) {
                    w.closesocket(so.s);
                    sockets.remove(so);
                }
            }
        }
    }

    /** One client connection's progress through its messages. */
    static final class Conn {
        enum Phase { CONNECTING, SENDING, RECEIVING, DONE }

        final int id;
        final long s;
        Phase phase = Phase.CONNECTING;
        int message;
        int off;
        long pos;
        final byte[] out;
        final byte[] in;

        Conn(int id, long s, int size) {
            this.id = id;
            this.s = s;
            this.out = new byte[size];
            this.in = new byte[size];
        }
    }

    static int clientMain(Win32 w, sockaddr_in server, ScenarioParams p, ScenarioStats stats) {
        if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
            stats.problem("client: WSAStartup failed");
            return 1;
        }
        List<Conn> conns = new ArrayList<>();
        int started = 0;
        fd_set rd = new fd_set(setSize(p));
        fd_set wr = new fd_set(setSize(p));
        fd_set ex = new fd_set(setSize(p));
        while (started < p.clients() || conns.stream().anyMatch(c -> c.phase != Conn.Phase.DONE)) {
            // Open connections a few at a time: a burst of thousands would overflow the server's listen queue.
            long connecting = conns.stream().filter(c -> c.phase == Conn.Phase.CONNECTING).count();
            for (; started < p.clients() && connecting < CONNECTS_IN_FLIGHT; started++, connecting++) {
                long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
                w.ioctlsocket(s, FIONBIO, new int[] {1});
                if (w.connect(s, server, Winsock.SIZEOF_SOCKADDR_IN) != SOCKET_ERROR
                        || w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                    stats.problem("client-" + (started + 1) + ": non-blocking connect gave " + WsaError.nameOf(w.WSAGetLastError()));
                    w.closesocket(s);
                    continue;
                }
                conns.add(new Conn(started, s, p.size()));
            }
            FD_ZERO(rd);
            FD_ZERO(wr);
            FD_ZERO(ex);
            for (Conn c : conns) {
                switch (c.phase) {
                    case CONNECTING -> {
                        FD_SET(c.s, wr);
                        FD_SET(c.s, ex);
                    }
                    case SENDING -> FD_SET(c.s, wr);
                    case RECEIVING -> FD_SET(c.s, rd);
                    case DONE -> { }
                }
            }
            if (w.select(0, rd, wr, ex, null) == SOCKET_ERROR) {
                stats.problem("client: select failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            for (Conn c : conns) {
                step(w, c, rd, wr, ex, p, stats);
            }
        }
        w.WSACleanup();
        return 0;
    }

    private static void step(Win32 w, Conn c, fd_set rd, fd_set wr, fd_set ex, ScenarioParams p, ScenarioStats stats) {
        switch (c.phase) {
            case CONNECTING -> {
                if (FD_ISSET(c.s, ex)) {
                    byte[] err = new byte[4];
                    w.getsockopt(c.s, SOL_SOCKET, SO_ERROR, err, new int[] {4});
                    fail(w, c, "connect failed: " + WsaError.nameOf(Structs.int32(err)), stats);
                } else if (FD_ISSET(c.s, wr)) {
                    stats.connected();
                    c.phase = Conn.Phase.SENDING;
                    p.fillPattern(c.id, c.pos, c.out, c.out.length);
                }
            }
            case SENDING -> {
                if (FD_ISSET(c.s, wr)) {
                    int n = w.send(c.s, c.out, c.off, c.out.length - c.off, 0);
                    if (n == SOCKET_ERROR) {
                        if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                            fail(w, c, "send failed: " + WsaError.nameOf(w.WSAGetLastError()), stats);
                        }
                        return;
                    }
                    c.off += n;
                    if (c.off == c.out.length) {
                        c.off = 0;
                        c.phase = Conn.Phase.RECEIVING;
                    }
                }
            }
            case RECEIVING -> {
                if (FD_ISSET(c.s, rd)) {
                    int n = w.recv(c.s, c.in, c.off, c.in.length - c.off, 0);
                    if (n == 0 || (n == SOCKET_ERROR && w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code)) {
                        fail(w, c, "recv " + (n == 0 ? "saw the connection closed" : "failed: "
                                + WsaError.nameOf(w.WSAGetLastError())), stats);
                        return;
                    }
                    if (n == SOCKET_ERROR) {
                        return;
                    }
                    c.off += n;
                    if (c.off == c.in.length) {
                        if (!Arrays.equals(c.in, c.out)) {
                            fail(w, c, "echo differs from what was sent in message " + c.message, stats);
                            return;
                        }
                        stats.verified(c.in.length);
                        stats.messageVerified();
                        c.pos += c.out.length;
                        c.off = 0;
                        if (++c.message == p.messages()) {
                            w.closesocket(c.s);
                            c.phase = Conn.Phase.DONE;
                        } else {
                            p.fillPattern(c.id, c.pos, c.out, c.out.length);
                            c.phase = Conn.Phase.SENDING;
                        }
                    }
                }
            }
            case DONE -> { }
        }
    }

    private static void fail(Win32 w, Conn c, String what, ScenarioStats stats) {
        stats.problem("client-" + (c.id + 1) + ": " + what);
        w.closesocket(c.s);
        c.phase = Conn.Phase.DONE;
    }
}
