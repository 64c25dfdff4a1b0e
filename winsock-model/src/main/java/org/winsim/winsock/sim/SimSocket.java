package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEADDRNOTAVAIL;
import static org.winsim.winsock.api.WsaError.WSAEALREADY;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAEISCONN;
import static org.winsim.winsock.api.WsaError.WSAENOBUFS;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;

import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.Endpoint;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.ListenQueue;
import org.winsim.winsock.sim.net.Network;
import org.winsim.winsock.sim.net.PortUser;
import org.winsim.winsock.sim.net.SocketSignals;
import org.winsim.winsock.sim.net.Tcb;

/**
 * A TCP socket as Winsock (AFD) sees it (a UDP one is its {@link DatagramSocket}): its mode and options, its name, its listen queue or its
 * connection, and the requests and waiters its connection's signals concern. Calls are try-operations
 * ({@link SocketIo}); what cannot finish now becomes an {@link IoRequest} queued here. Each signal from
 * the network fans out in a fixed order: pending requests first (they may consume what arrived), then
 * the notification binding ({@link NetworkEvents}), then the select waits whose interest it matches.
 * Failures are thrown as {@link WsaFailure}.
 */
sealed class SimSocket extends KernelObject implements SocketSignals, PortUser permits DatagramSocket {
    /** Readiness kinds a signal may change, as select's three sets see them. */
    static final int READ = 1;
    static final int WRITE = 2;
    static final int EXCEPT = 4;

    final SimProcess process;
    final Network net;
    final Host host;
    final OsProfile profile;
    final Simulation sim;
    final SocketIo io;
    /** The network events WSAEventSelect / WSAAsyncSelect report, and the socket's one notification binding. */
    final NetworkEvents events = new NetworkEvents(this);

    boolean nonBlocking;
    Endpoint local;
    boolean boundInTable;

    ListenQueue listenQueue;
    private int backlogLimit;

    Tcb tcb;
    boolean connecting;
    boolean established;
    /** When the socket got its connection (connect completed, or accept or AcceptEx took it): SO_CONNECT_TIME counts from it. */
    long connectedAt;
    /** The last connect attempt failed; select reports it in the except set until a connect succeeds. */
    boolean connectFailed;
    /** A non-blocking connect failed and no connect call has reported it yet (see SocketRules.reconnectReportsFailure). */
    private boolean failureUnreported;
    boolean sdSend;
    boolean sdReceive;
    boolean closed;

    /** What setsockopt set and getsockopt reads (SO_SNDBUF, SO_LINGER, TCP_NODELAY, IPPROTO_IP…). */
    final SocketOptionValues options;

    /** Whether overlapped calls complete asynchronously (socket() and WSASocket with WSA_FLAG_OVERLAPPED). */
    boolean overlappedCapable = true;
    /** The pending AcceptEx that will accept a connection into this socket, or null. */
    IoRequest acceptingInto;
    /** Connected by ConnectEx: a later connect() is WSAEINVAL until SO_UPDATE_CONNECT_CONTEXT (ERR-13). */
    boolean connectedByConnectEx;
    boolean disconnectedForReuse; // DisconnectEx(TF_REUSE_SOCKET) left it bound: AcceptEx and ConnectEx may take it again
    /** The file object's signal: cleared when an overlapped operation starts, set when one completes (IO-02). */
    private boolean fileSignaled;

    /** The select and WSAPoll calls waiting on this socket; null until one names it. */
    private SelectWaiters selectWaiters;

    /** The completion port the socket is associated with for good (CreateIoCompletionPort), or null. */
    CompletionPort completionPort;
    /** The key its packets carry. */
    long completionKey;
    /** SetFileCompletionNotificationModes' flags: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, FILE_SKIP_SET_EVENT_ON_HANDLE. */
    int completionModes;

    /** A socket of {@code process}, holding its endpoint in the host's non-paged pool until it is closed (else WSAENOBUFS). */
    SimSocket(SimProcess process) {
        process.pool.chargeSocket();
        this.process = process;
        this.net = process.world.network;
        this.host = process.host;
        this.profile = process.world.profile;
        this.sim = process.world.sim;
        this.options = new SocketOptionValues(profile.tcp().defaultSndBuf(), profile.tcp().defaultRcvBuf());
        this.io = new SocketIo(this);
    }

    @Override
    String kind() {
        return "socket";
    }

    @Override
    boolean isWaitable() {
        return true;
    }

    @Override
    protected boolean isSignaledFor(org.winsim.sim.SimThread waiter) {
        return fileSignaled;
    }

    /** An overlapped operation started on the handle: waiting on it now waits for a completion. */
    void fileObjectReset() {
        fileSignaled = false;
    }

    /** An overlapped operation on the handle completed: threads waiting on the socket handle wake. */
    void fileObjectSignalled() {
        fileSignaled = true;
        signal(sim);
    }

    boolean isListening() {
        return listenQueue != null && !closed;
    }

    // ---- PortUser: how the host's port table sees it ----

    @Override
    public Endpoint boundName() {
        return local;
    }

    @Override
    public ListenQueue listenQueue() {
        return closed ? null : listenQueue;
    }

    @Override
    public boolean reuseAddr() {
        return options.reuseAddr;
    }

    @Override
    public boolean exclusiveAddrUse() {
        return options.exclusiveAddrUse;
    }

    // ---- bind, listen, connect ----

    void bind(Endpoint ep) {
        if (local != null) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (!host.isLocal(ep.addr())) {
            throw WsaFailure.of(WSAEADDRNOTAVAIL);
        }
        int port = ep.port();
        if (port == 0) {
            port = host.ports(this).ephemeralPort();
            if (port == 0) {
                throw WsaFailure.of(WSAENOBUFS);
            }
        } else {
            PortSharing.check(this, ep);
        }
        local = new Endpoint(ep.addr(), port);
        host.ports(this).bind(port, this);
        boundInTable = true;
    }

    void listen(int backlog) {
        if (established || connecting) {
            throw WsaFailure.of(WSAEISCONN);
        }
        if (local == null) {
            if (!profile.sockets().listenAutoBinds()) {
                throw WsaFailure.of(WSAEINVAL);
            }
            bind(new Endpoint(0, 0));
        }
        int max = profile.tcp().maxBacklog();
        int b = backlog == Winsock.SOMAXCONN || backlog > max ? max : Math.max(backlog, 1);
        if (listenQueue == null) {
            PortSharing.checkListen(this);
            backlogLimit = b + profile.tcp().backlogSlack();
            listenQueue = new ListenQueue(net, host, this, backlogLimit);
            pushOptionsDown();
            host.listening(local.port());
        }
    }

    /** Starts a connection attempt; the caller waits for, or polls, its outcome. */
    void startConnect(Endpoint dst) {
        if (listenQueue != null || acceptingInto != null || connectedByConnectEx) {
            throw WsaFailure.of(listenQueue != null ? profile.sockets().connectOnListenerError() : WSAEINVAL);
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
        int srcAddr = local.addr() != 0 ? local.addr() : dst.isLoopback() ? Winsock.INADDR_LOOPBACK : host.address();
        if (failureUnreported && profile.sockets().reconnectReportsFailure()) {
            failureUnreported = false;
            int code = options.soError;
            WsaError e = code != 0 && WsaError.of(code) != null ? WsaError.of(code) : WsaError.WSAECONNABORTED;
            options.soError = 0;
            throw WsaFailure.of(e);
        }
        connecting = true;
        tcb = Tcb.connect(this, net, host, new Endpoint(srcAddr, local.port()), dst, options.sndBuf, options.rcvBuf,
                options.noDelay, options.oobInline);
    }

    /** The options a connection reads live where the connection is: data flows down, set by setsockopt. */
    void pushOptionsDown() {
        if (tcb != null) {
            tcb.setSendLimit(options.sndBuf);
            tcb.setRecvLimit(options.rcvBuf);
            tcb.setNoDelay(options.noDelay);
            if (tcb.setOobInline(options.oobInline, profile.sockets().urgentStyleBsd())) {
                dataArrived(); // the urgent byte is in the stream now: a waiting recv or select sees it
            }
        }
        if (listenQueue != null) {
            listenQueue.sndBuf = options.sndBuf;
            listenQueue.rcvBuf = options.rcvBuf;
            listenQueue.noDelay = options.noDelay;
            listenQueue.oobInline = options.oobInline;
        }
    }

    /**
     * A new socket for a connection taken from this listener's queue, with the listener's options; when the
     * non-paged pool cannot hold it, the connection is reset and accept fails with WSAENOBUFS.
     */
    SimSocket adoptAccepted(Tcb t) {
        SimSocket child;
        try {
            child = new SimSocket(process);
        } catch (WsaFailure noBuffers) {
            t.abort();
            throw noBuffers;
        }
        SocketOptions.inherit(this, child);
        child.overlappedCapable = overlappedCapable; // msafd's WSPAccept makes it with the listener's creation flags
        connectAccepted(child, t);
        return child;
    }

    /** Gives a connection taken from this listener's queue to {@code child} (a new socket, or AcceptEx's accept socket). */
    void connectAccepted(SimSocket child, Tcb t) {
        child.local = t.local();
        child.tcb = t;
        child.established = true;
        child.connectedAt = sim.now();
        t.adopt(child);
    }

    /** DisconnectEx with TF_REUSE_SOCKET completed: the socket lets go of its connection and may connect or accept again. */
    void detachForReuse() {
        if (tcb != null) {
            tcb.adopt(null);
        }
        tcb = null;
        established = false;
        sdSend = false;
        sdReceive = false;
        connectedByConnectEx = false;
        disconnectedForReuse = true;
    }

    /**
     * getpeername: the connected peer; while a connect() is in progress, its target where the profile says so
     * (Windows), but not while a ConnectEx is (Wine sock.c {@code test_connecting_socket}).
     */
    Endpoint peerName() {
        if (established || connecting && !connectedByConnectEx && profile.sockets().peerNameWhileConnecting()) {
            return tcb.remote();
        }
        throw WsaFailure.of(WSAENOTCONN);
    }

    // ---- SocketSignals: the network's events, fanned out to requests, then to the binding, then to waiters ----

    /** A connection succeeded: it clears SO_ERROR and the failure of an earlier attempt. */
    @Override
    public void connected() {
        connecting = false;
        connectFailed = false;
        options.soError = 0;
        established = true;
        connectedAt = sim.now();
        io.completeConnect(null);
        events.connected();
        pollsMayHaveChanged(WRITE);
    }

    @Override
    public void connectFailed(WsaError error) {
        connecting = false;
        connectFailed = true;
        if (nonBlocking) {
            options.soError = error.code;
            failureUnreported = true;
        }
        io.completeConnect(error);
        events.connectFailed(error);
        pollsMayHaveChanged(WRITE | EXCEPT);
    }

    @Override
    public void connectionQueued() {
        io.completeAccepts();
        events.connectionQueued();
        pollsMayHaveChanged(READ);
    }

    @Override
    public void dataArrived() {
        io.completeReceives();
        events.dataArrived();
        pollsMayHaveChanged(READ);
    }

    @Override
    public void urgentArrived() {
        io.completeUrgentReceives();
        events.urgentArrived();
        pollsMayHaveChanged(EXCEPT);
    }

    @Override
    public void sendSpace() {
        io.completeSends();
        events.sendSpace();
        pollsMayHaveChanged(WRITE);
    }

    @Override
    public void finReceived() {
        io.completeReceives();
        io.completeUrgentReceives();
        events.finReceived();
        pollsMayHaveChanged(READ);
    }

    @Override
    public void resetReceived() {
        io.failAll(WsaError.WSAECONNRESET);
        events.resetReceived();
        pollsMayHaveChanged(READ | WRITE | EXCEPT);
    }

    /** The select and WSAPoll calls waiting on this socket (made when one first names it). */
    SelectWaiters selectWaiters() {
        return selectWaiters != null ? selectWaiters : (selectWaiters = new SelectWaiters());
    }

    /** Step (c) of a signal's fan-out: the poll waits asking about these readiness kinds are told. */
    private void pollsMayHaveChanged(int kinds) {
        if (selectWaiters != null) {
            selectWaiters.changed(kinds);
        }
    }

    // ---- shutdown and close ----

    /** shutdown: {@code how} is checked before the connection (msafd's WSPShutdown; Wine's server), then WSAENOTCONN. */
    void shutdown(int how) {
        if (how < Winsock.SD_RECEIVE || how > Winsock.SD_BOTH) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (isListening() && profile.sockets().shutdownStopsListening()) {
            stopListening();
            return;
        }
        if (!established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (how != Winsock.SD_SEND) {
            sdReceive = true;
        }
        if (how != Winsock.SD_RECEIVE) {
            sdSend = true;
            tcb.shutdownSend();
        }
    }

    /** Ends listening: queued and half-open connections are reset, and new SYNs find no listener. */
    private void stopListening() {
        listenQueue.close();
        listenQueue = null;
    }

    @Override
    void closeHandle() {
        close(false);
    }

    /**
     * closesocket: graceful (FIN after queued data), abortive (linger 0: RST), or, when {@code mayLinger}
     * and SO_LINGER has a timeout on a blocking socket, waiting until the data is acknowledged. Calls
     * still blocked on the socket in other threads fail with WSAEINTR.
     */
    void close(boolean mayLinger) {
        if (!closed) {
            process.pool.releaseSocket();
        }
        closed = true;
        events.cancel();
        if (boundInTable) {
            host.ports(this).unbind(local.port(), this);
            boundInTable = false;
        }
        if (listenQueue != null) {
            stopListening();
        }
        io.failAll(WsaError.WSAEINTR);
        if (acceptingInto != null) { // the AcceptEx that would accept into this socket is aborted (OVL-08)
            IoRequest r = acceptingInto;
            acceptingInto = null;
            r.leaveQueue();
            r.fail(WsaError.WSAEINTR);
        }
        if (tcb != null) {
            if (connecting) {
                tcb.cancelConnect();
                connecting = false;
            } else if (!tcb.isClosed()) {
                if (options.lingerOn && options.lingerSeconds == 0) {
                    tcb.abort();
                } else if (options.lingerOn && !nonBlocking && mayLinger) {
                    io.lingerClose(options.lingerSeconds);
                } else {
                    tcb.closeGracefully();
                }
            }
        }
        pollsMayHaveChanged(READ | WRITE | EXCEPT);
    }

    // ---- readiness, as select reports it ----

    boolean readable() {
        if (closed) {
            return true;
        }
        if (listenQueue != null) {
            return listenQueue.hasConnection();
        }
        return established && (tcb.bytesReadable() > 0 || tcb.finReceived() || tcb.resetReceived() || tcb.isClosed());
    }

    boolean writable() {
        return established && !closed && (tcb.resetReceived() || tcb.isClosed() || tcb.sendSpace() > 0 || tcb.sendLimit() == 0);
    }

    boolean exceptional() {
        return !closed && (connectFailed || (established && tcb.oobPending()));
    }

    // ---- completion ports (issue 13) ----

    /**
     * Where an overlapped operation on this socket reports its completion, if Windows queues a packet for
     * it: the socket is associated with a port, the OVERLAPPED's hEvent does not have its low bit set, and
     * the operation did not succeed at once under FILE_SKIP_COMPLETION_PORT_ON_SUCCESS. Queues the packet
     * (its OVERLAPPED's status block is then written when a thread removes it, IOCP-21) and returns true;
     * returns false, queuing nothing, otherwise.
     *
     * @param status the NTSTATUS the operation ended with
     * @param error the Win32 error GetQueuedCompletionStatus reports for it (ERROR_SUCCESS when it succeeded)
     * @param succeededAtOnce whether the call itself returned success (no WSA_IO_PENDING)
     */
    boolean queueCompletion(WSAOVERLAPPED ov, int bytes, long status, Win32Error error, boolean succeededAtOnce) {
        if (completionPort == null || (ov.hEvent & 1) != 0
                || succeededAtOnce && (completionModes & WinBase.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) != 0) {
            return false;
        }
        completionPort.post(CompletionPacket.completed(completionKey, ov, bytes, status, error));
        return true;
    }
}
