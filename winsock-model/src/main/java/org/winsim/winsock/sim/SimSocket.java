package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEADDRINUSE;
import static org.winsim.winsock.api.WsaError.WSAEADDRNOTAVAIL;
import static org.winsim.winsock.api.WsaError.WSAEALREADY;
import static org.winsim.winsock.api.WsaError.WSAECONNABORTED;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAEINTR;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAEISCONN;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAETIMEDOUT;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.sim.WakeReason;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/**
 * A TCP socket as Winsock (AFD) sees it: its mode and options, its name, the listen queue of a
 * listening socket, and the connection of a connected one. Each operation has the Windows semantics
 * of the call that shares its name; failures are thrown as {@link WsaFailure}.
 */
final class SimSocket extends KernelObject {
    final SimProcess process;
    final Network net;
    final Host host;
    final OsProfile profile;
    final Simulation sim;

    boolean nonBlocking;
    Endpoint local;
    boolean boundInTable;

    private boolean listening;
    private int backlogLimit;
    private final ArrayDeque<Tcb> acceptQueue = new ArrayDeque<>();
    private final List<Tcb> handshaking = new ArrayList<>();

    Tcb tcb;
    private boolean connecting;
    private boolean established;
    private boolean connectFailed;
    private WsaError connectError;
    private boolean sdSend;
    private boolean sdReceive;
    boolean closed;

    int sndBuf;
    int rcvBuf;
    boolean lingerOn;
    int lingerSeconds;
    boolean reuseAddr;
    boolean exclusiveAddrUse;
    boolean noDelay;
    boolean keepAlive;
    boolean oobInline;
    int soError;
    int rcvTimeoutMs;
    int sndTimeoutMs;

    SimSocket(SimProcess process) {
        this.process = process;
        this.net = process.world.network;
        this.host = process.host;
        this.profile = process.world.profile;
        this.sim = process.world.sim;
        this.sndBuf = profile.defaultSndBuf();
        this.rcvBuf = profile.defaultRcvBuf();
    }

    @Override
    String kind() {
        return "socket";
    }

    boolean isListening() {
        return listening && !closed;
    }

    boolean isEstablished() {
        return established;
    }

    // ---- bind, listen, accept, connect ----

    void bind(Endpoint ep) {
        if (local != null) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (!host.isLocal(ep.addr())) {
            throw WsaFailure.of(WSAEADDRNOTAVAIL);
        }
        int port = ep.port();
        if (port == 0) {
            port = host.ephemeralPort();
            if (port == 0) {
                throw WsaFailure.of(WSAENOBUFS);
            }
        } else {
            checkPortConflict(ep);
        }
        local = new Endpoint(ep.addr(), port);
        host.bind(port, this);
        boundInTable = true;
    }

    private void checkPortConflict(Endpoint ep) {
        for (SimSocket other : host.boundTo(ep.port())) {
            Endpoint o = other.local;
            boolean overlap = o.addr() == ep.addr() || o.addr() == 0 || ep.addr() == 0;
            if (!overlap) {
                continue;
            }
            if (other.exclusiveAddrUse || exclusiveAddrUse) {
                throw WsaFailure.of(profile.hasExclusiveAddrUse() && reuseAddr ? profile.reuseConflictError() : WSAEADDRINUSE);
            }
            if (reuseAddr && other.reuseAddr && !(profile.reuseBlockedByListener() && other.isListening())) {
                continue;
            }
            throw WsaFailure.of(reuseAddr ? profile.reuseConflictError() : WSAEADDRINUSE);
        }
    }

    void listen(int backlog) {
        if (established || connecting) {
            throw WsaFailure.of(WSAEISCONN);
        }
        if (local == null) {
            if (!profile.listenAutoBinds()) {
                throw WsaFailure.of(WSAEINVAL);
            }
            bind(new Endpoint(0, 0));
        }
        int b = backlog == Winsock.SOMAXCONN || backlog > profile.maxBacklog() ? profile.maxBacklog() : Math.max(backlog, 1);
        backlogLimit = b + profile.backlogSlack();
        listening = true;
        notifyChange();
    }

    /** A SYN for this listener arrives: queue a handshake, or refuse or drop it when the queue is full. */
    void onSyn(Tcb client, Endpoint dst) {
        if (acceptQueue.size() + handshaking.size() >= backlogLimit) {
            if (profile.refuseWhenBacklogFull()) {
                client.refused(host);
            }
            return; // dropped: the client's SYN timer fires again
        }
        handshaking.add(Tcb.accept(this, client, dst));
    }

    /** A passive connection finished its handshake: it waits in the accept queue. */
    void onEstablished(Tcb child) {
        handshaking.remove(child);
        if (closed || !listening) {
            child.abort();
            return;
        }
        acceptQueue.addLast(child);
        notifyChange();
    }

    void onChildChanged(Tcb child) {
        notifyChange();
    }

    SimSocket accept() {
        if (!isListening()) {
            throw WsaFailure.of(WSAEINVAL);
        }
        while (acceptQueue.isEmpty()) {
            if (nonBlocking) {
                throw WsaFailure.of(WSAEWOULDBLOCK);
            }
            await("accept", Simulation.INFINITE);
        }
        Tcb t = acceptQueue.pollFirst();
        SimSocket child = new SimSocket(process);
        child.nonBlocking = profile.acceptInheritsNonBlocking() && nonBlocking;
        child.sndBuf = sndBuf;
        child.rcvBuf = rcvBuf;
        child.lingerOn = lingerOn;
        child.lingerSeconds = lingerSeconds;
        child.noDelay = noDelay;
        child.keepAlive = keepAlive;
        child.oobInline = oobInline;
        child.local = t.local;
        child.tcb = t;
        child.established = true;
        t.adopt(child);
        t.listener = null;
        return child;
    }

    void connect(Endpoint dst) {
        if (listening) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (established) {
            throw WsaFailure.of(WSAEISCONN);
        }
        if (connecting) {
            throw WsaFailure.of(WSAEALREADY);
        }
        if (dst.addr() == 0 || dst.port() == 0) {
            throw WsaFailure.of(WSAEADDRNOTAVAIL);
        }
        if (local == null) {
            bind(new Endpoint(0, 0));
        }
        int srcAddr = local.addr() != 0 ? local.addr() : dst.isLoopback() ? Winsock.INADDR_LOOPBACK : host.addr;
        connectFailed = false;
        connectError = null;
        connecting = true;
        tcb = Tcb.connect(this, new Endpoint(srcAddr, local.port()), dst);
        if (nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        while (connecting) {
            await("connect", Simulation.INFINITE);
        }
        if (connectFailed) {
            throw WsaFailure.of(connectError);
        }
    }

    /** The connection attempt ended: {@code error} is null on success. */
    void connectDone(WsaError error) {
        connecting = false;
        if (error == null) {
            established = true;
        } else {
            connectFailed = true;
            connectError = error;
            if (nonBlocking) {
                soError = error.code;
            }
        }
        notifyChange();
    }

    // ---- data ----

    int send(byte[] buf, int off, int len, boolean urgent) {
        if (!established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (sdSend) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        checkConnectionAlive();
        if (tcb.sndLimit == 0) { // no send buffer: the program's buffer is the buffer until the peer acknowledges it
            tcb.write(buf, off, len, urgent);
            while (!nonBlocking && !tcb.allAcknowledged()) {
                awaitOrFail("send", sndTimeoutMs);
                checkConnectionAlive();
            }
            return len;
        }
        int sent = 0;
        while (true) {
            int space = tcb.sendSpace();
            if (space > 0) {
                int n = Math.min(space, len - sent);
                tcb.write(buf, off + sent, n, urgent);
                sent += n;
                if (sent == len || nonBlocking) {
                    return sent;
                }
            } else if (nonBlocking) {
                if (sent > 0) {
                    return sent;
                }
                throw WsaFailure.of(WSAEWOULDBLOCK);
            }
            awaitOrFail("send", sndTimeoutMs);
            checkConnectionAlive();
        }
    }

    int recv(byte[] buf, int off, int len, boolean peek) {
        if (!established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (sdReceive) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        while (true) {
            if (tcb.resetReceived) {
                throw WsaFailure.of(WSAECONNRESET);
            }
            if (tcb.recvBuf.size() > 0) {
                return tcb.read(buf, off, len, peek);
            }
            if (tcb.finReceived || len == 0) {
                return 0;
            }
            if (tcb.state == Tcb.State.CLOSED) {
                throw WsaFailure.of(WSAECONNABORTED);
            }
            if (nonBlocking) {
                throw WsaFailure.of(WSAEWOULDBLOCK);
            }
            awaitOrFail("recv", rcvTimeoutMs);
        }
    }

    /** recv(MSG_OOB): the urgent byte waiting out of line. */
    int recvOob(byte[] buf, int off, int len) {
        if (oobInline) {
            throw WsaFailure.of(WsaError.WSAEINVAL);
        }
        if (!established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        while (true) {
            if (tcb.oobPending()) {
                if (len == 0) {
                    return 0;
                }
                buf[off] = tcb.takeOob();
                notifyChange();
                return 1;
            }
            if (tcb.resetReceived) {
                throw WsaFailure.of(WSAECONNRESET);
            }
            if (profile.urgentStyleBsd()) {
                throw WsaFailure.of(WsaError.WSAEINVAL); // Linux: no urgent byte to read
            }
            if (nonBlocking || tcb.finReceived) {
                throw WsaFailure.of(WSAEWOULDBLOCK);
            }
            awaitOrFail("recv(MSG_OOB)", rcvTimeoutMs);
        }
    }

    /** SIOCATMARK: whether no urgent data stands between the reader and the stream (see {@link Tcb#atMark}). */
    boolean atMark() {
        return established ? tcb.atMark(profile.urgentStyleBsd()) : !profile.urgentStyleBsd();
    }

    private void checkConnectionAlive() {
        if (tcb.resetReceived) {
            throw WsaFailure.of(WSAECONNRESET);
        }
        if (tcb.state == Tcb.State.CLOSED) {
            throw WsaFailure.of(WSAECONNABORTED);
        }
    }

    int bytesReadable() {
        return established && tcb != null ? tcb.recvBuf.size() : 0;
    }

    void shutdown(int how) {
        if (isListening() && profile.shutdownStopsListening() && how >= Winsock.SD_RECEIVE && how <= Winsock.SD_BOTH) {
            stopListening();
            return;
        }
        if (!established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (how < Winsock.SD_RECEIVE || how > Winsock.SD_BOTH) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (how != Winsock.SD_SEND) {
            sdReceive = true;
        }
        if (how != Winsock.SD_RECEIVE) {
            sdSend = true;
            if (tcb.state == Tcb.State.ESTABLISHED) {
                tcb.shutdownSend();
            }
        }
        notifyChange();
    }

    /** Ends listening: queued and half-open connections are reset, and new SYNs find no listener. */
    private void stopListening() {
        listening = false;
        for (Tcb t : handshaking) {
            t.abort();
        }
        for (Tcb t : acceptQueue) {
            t.abort();
        }
        handshaking.clear();
        acceptQueue.clear();
        notifyChange();
    }

    @Override
    void closeHandle() {
        close(false);
    }

    /**
     * closesocket: graceful (FIN after queued data), abortive (linger 0: RST), or, when {@code mayLinger}
     * and SO_LINGER has a timeout on a blocking socket, waiting until the data is acknowledged.
     */
    void close(boolean mayLinger) {
        closed = true;
        if (boundInTable) {
            host.unbind(local.port(), this);
            boundInTable = false;
        }
        if (listening) {
            stopListening();
        }
        if (tcb != null) {
            if (connecting) {
                tcb.enter(Tcb.State.CLOSED);
                connecting = false;
            } else if (tcb.state != Tcb.State.CLOSED) {
                if (lingerOn && lingerSeconds == 0) {
                    tcb.abort();
                } else if (lingerOn && !nonBlocking && mayLinger) {
                    Tcb t = tcb;
                    t.closeGracefully();
                    long deadline = sim.now() + Durations.seconds(lingerSeconds);
                    while (!t.allAcknowledged() && t.state != Tcb.State.CLOSED && sim.now() < deadline) {
                        waiters.await(sim, "closesocket linger", deadline - sim.now(), false);
                    }
                    if (!t.allAcknowledged()) {
                        t.abort();
                    }
                } else {
                    tcb.closeGracefully();
                }
            }
        }
        notifyChange();
    }

    // ---- readiness, as select reports it ----

    boolean readable() {
        if (closed) {
            return true;
        }
        if (listening) {
            return !acceptQueue.isEmpty();
        }
        return established && (tcb.recvBuf.size() > 0 || tcb.finReceived || tcb.resetReceived
                || tcb.state == Tcb.State.CLOSED);
    }

    boolean writable() {
        return established && !closed && (tcb.resetReceived || tcb.state == Tcb.State.CLOSED
                || tcb.sendSpace() > 0 || tcb.sndLimit == 0);
    }

    boolean exceptional() {
        return !closed && (connectFailed || (established && tcb.oobPending()));
    }

    // ---- waiting ----

    void notifyChange() {
        waiters.wakeAll(sim);
    }

    private void await(String call, long timeoutNanos) {
        WakeReason r = waiters.await(sim, call + "(" + this + ")", timeoutNanos, false);
        if (closed) {
            throw WsaFailure.of(WSAEINTR);
        }
        if (r == WakeReason.TIMEOUT) {
            throw WsaFailure.of(WSAETIMEDOUT);
        }
    }

    private void awaitOrFail(String call, int timeoutMs) {
        await(call, timeoutMs > 0 ? Durations.millis(timeoutMs) : Simulation.INFINITE);
    }
}
