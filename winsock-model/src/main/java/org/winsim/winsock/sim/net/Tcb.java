package org.winsim.winsock.sim.net;

import org.winsim.winsock.api.WsaError;

/**
 * A TCP connection endpoint (transmission control block): handshake, send and receive buffers with
 * window flow control, the close handshake's states ({@link TcpState}), FIN and RST. It outlives its
 * socket: after a graceful {@code closesocket} it goes on sending what is queued, then its FIN.
 *
 * <p>Delivery is in order and lossless, so sequence space is simply counted in data bytes.
 */
public final class Tcb {
    final Network net;
    final Host host;
    Endpoint local;
    Endpoint remote;
    Tcb peer;
    /** The run's number for this connection (the Nth active open, from 1) on its active side; 0 on the passive side. */
    int connection;
    Pipe pipe;
    TcpState state;
    /**
     * The socket told of this connection's events: its owner, kept after closesocket (a closed socket
     * lingers on its connection's notifications); null for a connection not yet accepted.
     */
    private SocketSignals signals;
    /** The listen queue of a passive open, until it is accepted. */
    ListenQueue listener;
    boolean closedByApp;
    boolean oobInline;

    int sndLimit;
    int rcvLimit;
    boolean noDelay;
    final ByteQueue sendBuf = new ByteQueue();
    long sndUna;
    long sndNxt;
    long sndWndEdge;
    boolean finQueued;
    boolean finSent;
    boolean finAcked;

    final ByteQueue recvBuf = new ByteQueue();
    long rcvNxt;
    /** The ACK that data received over a network (not loopback) waits with, for data to ride on. */
    private final DelayedAck delayedAck;
    /** Segments this end has sent: whether one left while a segment was being processed. */
    private long segmentsSent;
    /** Sequence number of the last urgent byte queued for sending, or -1. */
    private long sndUrgent = -1;
    private final UrgentData oob = new UrgentData();
    /** The right edge of the window last advertised: the peer may send up to this stream position. */
    long advertisedEdge;
    boolean finReceived;
    boolean resetReceived;

    /** The handshake's connecting side, for a connection this end opened; null on the passive side. */
    private ActiveOpen activeOpen;

    private Tcb(Network net, Host host, Endpoint local, TcpState state, int sndLimit, int rcvLimit, boolean noDelay,
                boolean oobInline) {
        this.net = net;
        this.host = host;
        this.local = local;
        this.state = state;
        this.sndLimit = sndLimit;
        this.rcvLimit = rcvLimit;
        this.noDelay = noDelay;
        this.oobInline = oobInline;
        this.delayedAck = new DelayedAck(net.ackTimers, net.profile.ackDelay(), () -> transmit(Segment.ACK, Segment.NO_DATA));
    }

    /** Opens a connection to {@code dst} (sends the SYN); {@code owner} hears of the result as a signal. */
    public static Tcb connect(SocketSignals owner, Network net, Host host, Endpoint local, Endpoint dst, int sndBuf,
                              int rcvBuf, boolean noDelay, boolean oobInline) {
        Tcb t = new Tcb(net, host, local, TcpState.SYN_SENT, sndBuf, rcvBuf, noDelay, oobInline);
        t.adopt(owner);
        t.remote = dst;
        t.pipe = net.route(host, dst.addr());
        t.activeOpen = new ActiveOpen(t, dst, net.destination(host, dst.addr()));
        t.traceOpened();
        t.activeOpen.sendSyn();
        return t;
    }

    /** The SYN found no listener on {@code at}: see {@link ActiveOpen#refused}. */
    void refused(Host at) {
        activeOpen.refused(at);
    }

    /** The attempt failed (refused or timed out): the connection is gone and its socket hears why. */
    void connectFailed(WsaError error) {
        enter(TcpState.CLOSED);
        if (signals != null) {
            signals.connectFailed(error);
        }
    }

    /** closesocket during a connect: the attempt is abandoned silently. */
    public void cancelConnect() {
        signals = null;
        enter(TcpState.CLOSED);
    }

    /** The passive side of a handshake: made by a listener when a SYN arrives; answers with SYN-ACK. */
    static Tcb accept(ListenQueue listener, Network net, Host host, Tcb client, Endpoint dst) {
        Tcb t = new Tcb(net, host, dst, TcpState.SYN_RCVD, listener.sndBuf, listener.rcvBuf, listener.noDelay, listener.oobInline);
        t.listener = listener;
        t.remote = client.local;
        t.peer = client;
        t.pipe = net.route(host, client.local.addr());
        t.traceOpened();
        t.transmit(Segment.SYN | Segment.ACK, Segment.NO_DATA);
        return t;
    }

    private void traceOpened() {
        if (net.sim.trace().enabled()) {
            net.sim.trace("STATE", "conn", local + ">" + remote, "to", state.name());
        }
    }

    /**
     * Moves to a new state, with a trace record of the change. TIME_WAIT lasts the profile's 2 MSL
     * (background housekeeping: it keeps no run going), holding the local port where the profile says so.
     */
    private void enter(TcpState next) {
        if (next == state) {
            return;
        }
        if (state == TcpState.SYN_SENT) {
            activeOpen.ended(); // connected, refused, timed out or abandoned: no more SYNs
        }
        if (next == TcpState.CLOSED || next == TcpState.TIME_WAIT) {
            delayedAck.sent(); // a connection that receives no more owes no delayed ACK
        }
        if (net.sim.trace().enabled()) {
            net.sim.trace("STATE", "conn", local + ">" + remote, "from", state.name(), "to", next.name());
        }
        state = next;
        if (next == TcpState.TIME_WAIT) {
            TimeWait.start(net, host, local, () -> enter(TcpState.CLOSED));
        }
    }

    /** The socket that reads and writes this connection from now on. */
    public void adopt(SocketSignals s) {
        signals = s;
    }

    // ---- what the socket above asks ----

    public Endpoint local() {
        return local;
    }

    public Endpoint remote() {
        return remote;
    }

    public TcpState state() {
        return state;
    }

    /** The connection's number in the run, as fault plans name it ({@code connN}): the Nth active open; 0 when unknown. */
    public int connection() {
        return connection != 0 ? connection : peer != null ? peer.connection : 0;
    }

    /** The socket at the other end, if it is in this simulation: whom the peer's connection signals. */
    public SocketSignals peerSocket() {
        return peer == null ? null : peer.signals;
    }

    /** SO_SNDBUF: 0 means the program's own buffer is the send buffer. */
    public int sendLimit() {
        return sndLimit;
    }

    public void setSendLimit(int bytes) {
        sndLimit = bytes;
    }

    public void setRecvLimit(int bytes) {
        rcvLimit = bytes;
    }

    public void setNoDelay(boolean on) {
        noDelay = on;
    }

    /** SO_OOBINLINE; turned on, an urgent byte waiting out of line rejoins the stream (see {@link UrgentData#rejoin}): returns whether one did. */
    public boolean setOobInline(boolean on, boolean bsd) {
        boolean rejoined = on && !oobInline && oob.rejoin(recvBuf, bsd, rcvNxt);
        oobInline = on;
        return rejoined;
    }

    public boolean resetReceived() {
        return resetReceived;
    }

    public boolean finReceived() {
        return finReceived;
    }

    /** Whether the connection is gone (reset, aborted or failed): it answers anything with RST. */
    public boolean isClosed() {
        return state == TcpState.CLOSED;
    }

    /** Received bytes not yet read (FIONREAD). */
    public int bytesReadable() {
        return recvBuf.size();
    }

    /** Free room in the send buffer. */
    public int sendSpace() {
        return Math.max(0, sndLimit - sendBuf.size());
    }

    /** Queues data for sending and transmits what the window allows; urgent marks its last byte (MSG_OOB). */
    public void write(byte[] buf, int off, int len, boolean urgent) {
        sendBuf.appendCopy(buf, off, len); // into an empty buffer as an array a segment can carry as it is
        if (urgent && len > 0) {
            sndUrgent = sndUna + sendBuf.size() - 1;
        }
        trySend();
    }

    /** Takes up to {@code len} received bytes (or copies them, for a peek). */
    public int read(byte[] buf, int off, int len, boolean peek) {
        if (peek) {
            int n = Math.min(len, recvBuf.size());
            recvBuf.copy(0, buf, off, n);
            return n;
        }
        int n = recvBuf.read(buf, off, len);
        if (n > 0) {
            int window = Math.max(0, effectiveRcvLimit() - recvBuf.size());
            int mss = pipe == null ? 1460 : pipe.mss;
            // a window update once the edge the peer knows can move by two segments or half the buffer
            if (rcvNxt + window - advertisedEdge >= Math.max(1, Math.min(2 * mss, effectiveRcvLimit() / 2)) && state.receivesData()) {
                transmit(Segment.ACK, Segment.NO_DATA);
            }
        }
        return n;
    }

    /** Whether an urgent byte waits out of line, for recv(MSG_OOB) and select's except set. */
    public boolean oobPending() {
        return oob.pending();
    }

    /** Takes an urgent byte waiting out of line, by Windows' rule or BSD's (see {@link UrgentData#take}). */
    public byte takeOob(boolean bsd) {
        return oob.take(bsd);
    }

    /** SIOCATMARK, by Windows' rule or BSD's (see {@link UrgentData#atMark}). */
    public boolean atMark(boolean bsd) {
        return oob.atMark(bsd, oobInline, recvBuf, rcvNxt);
    }

    /** shutdown(SD_SEND): a FIN follows the queued data. */
    public void shutdownSend() {
        if (!finQueued && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) {
            finQueued = true;
            enter(state.onCloseCalled());
            trySend();
        }
    }

    /** closesocket without an abortive linger: RST if received data was never read, else FIN after the queued data. */
    public void closeGracefully() {
        closedByApp = true;
        if (!recvBuf.isEmpty() && net.profile.resetOnCloseWithUnreadData()) {
            abort();
            return;
        }
        shutdownSend();
    }

    /** Abortive close: RST to the peer; everything queued is dropped. */
    public void abort() {
        closedByApp = true;
        if (state.abortSendsReset()) {
            transmit(Segment.RST, Segment.NO_DATA);
        }
        enter(TcpState.CLOSED);
        sendBuf.clear();
        oob.drop(recvBuf);
    }

    /** The stream position just past the last byte written so far. */
    public long writtenEnd() {
        return sndUna + sendBuf.size();
    }

    /** Whether the peer has acknowledged every byte before stream position {@code end}. */
    public boolean acknowledgedThrough(long end) {
        return sndUna >= end;
    }

    /** Whether everything written has been acknowledged by the peer (what a linger waits for). */
    public boolean allAcknowledged() {
        return sendBuf.isEmpty() && (!finSent || finAcked);
    }

    /** The receive window the buffer offers: the profile's share of SO_RCVBUF, or one MSS with SO_RCVBUF 0. */
    private int effectiveRcvLimit() {
        return rcvLimit == 0 ? (pipe == null ? 1460 : pipe.mss) : (int) ((long) rcvLimit * net.profile.rcvWindowPercent() / 100);
    }

    // ---- the protocol ----

    private void trySend() {
        if (!state.sendsData()) {
            return;
        }
        while (true) {
            long unsent = sndUna + sendBuf.size() - sndNxt;
            if (unsent > 0) {
                long window = sndWndEdge - sndNxt;
                if (window <= 0) {
                    return;
                }
                int n = (int) Math.min(Math.min(unsent, window), pipe.mss);
                boolean urgentUnsent = sndUrgent >= sndNxt;
                if (!noDelay && !urgentUnsent && n < pipe.mss && n == unsent && sndNxt > sndUna) {
                    return; // Nagle: a small segment waits while data is unacknowledged (urgent data does not)
                }
                byte[] data = sendBuf.slice((int) (sndNxt - sndUna), n);
                long urgent = urgentUnsent && sndUrgent < sndNxt + n ? sndUrgent : -1;
                sndNxt += n;
                transmit(Segment.ACK, data, urgent);
            } else {
                if (finQueued && !finSent) {
                    finSent = true;
                    transmit(Segment.FIN | Segment.ACK, Segment.NO_DATA);
                }
                return;
            }
        }
    }

    /** Sends a segment to the peer, acknowledging what was received and advertising the window; returns its arrival time. */
    private long transmit(int flags, byte[] data) {
        return transmit(flags, data, -1);
    }

    private long transmit(int flags, byte[] data, long urgent) {
        segmentsSent++;
        delayedAck.sent();
        int window = Math.max(0, effectiveRcvLimit() - recvBuf.size());
        advertisedEdge = rcvNxt + window;
        return net.send(pipe, new Segment(this, peer, flags, data, rcvNxt, window, finReceived, urgent));
    }

    /** A segment from the peer arrives. */
    void receive(Segment seg) {
        if (state == TcpState.TIME_WAIT) {
            return;
        }
        if (state == TcpState.CLOSED) {
            if (!seg.has(Segment.RST) && !resetReceived) {
                net.send(pipe, new Segment(this, seg.from(), Segment.RST, Segment.NO_DATA, 0, 0, false, -1));
            }
            return;
        }
        if (seg.has(Segment.RST)) {
            resetReceived = true;
            enter(TcpState.CLOSED);
            sendBuf.clear();
            oob.drop(recvBuf);
            if (signals != null) {
                signals.resetReceived();
            }
            return;
        }
        if (seg.has(Segment.SYN)) { // SYN-ACK to our SYN
            if (state == TcpState.SYN_SENT) {
                peer = seg.from();
                enter(TcpState.ESTABLISHED);
                sndWndEdge = seg.window();
                long ackArrives = transmit(Segment.ACK, Segment.NO_DATA);
                SocketSignals s = signals;
                if (s != null && pipe == host.loopback) {
                    // Loopback segments are processed synchronously on a real machine: by the time
                    // connect returns, the listener has the connection queued.
                    net.sim.scheduleAt(ackArrives, s::connected);
                } else if (s != null) {
                    s.connected();
                }
                trySend();
            }
            return;
        }
        if (state == TcpState.SYN_RCVD) { // the handshake's final ACK
            enter(TcpState.ESTABLISHED);
            sndWndEdge = seg.ack() + seg.window();
            if (listener != null) {
                listener.onEstablished(this);
            }
        }
        boolean ackNow = false;
        long sentBefore = segmentsSent;
        int delivered = 0;
        boolean urgentOutOfLine = false;
        if (seg.data().length > 0) {
            if (closedByApp) { // data for a socket the application closed: reset
                abort();
                return;
            }
            int before = recvBuf.size();
            urgentOutOfLine = oob.deliver(recvBuf, seg.data(), seg.urgent() - rcvNxt, oobInline, rcvNxt);
            delivered = recvBuf.size() - before;
            rcvNxt += seg.data().length;
            ackNow = pipe == host.loopback || delayedAck.dataArrived();
        }
        boolean finNow = false;
        if (seg.has(Segment.FIN) && !finReceived) {
            finReceived = true;
            finNow = true;
            ackNow = true;
        }
        boolean spaceFreed = false;
        boolean finAckedNow = false;
        if (seg.has(Segment.ACK)) {
            long acked = seg.ack() - sndUna;
            if (acked > 0) {
                sendBuf.discard((int) acked);
                sndUna = seg.ack();
                spaceFreed = true;
            }
            sndWndEdge = Math.max(sndWndEdge, seg.ack() + seg.window());
            if (seg.ackFin() && finSent && !finAcked) {
                finAcked = true;
                finAckedNow = true;
                spaceFreed = true;
            }
            trySend();
        }
        if (ackNow && segmentsSent == sentBefore) { // data sent meanwhile (Nagle let it go) carried the ACK
            transmit(Segment.ACK, Segment.NO_DATA);
        }
        if (finAckedNow) {
            enter(state.onFinAcknowledged());
        }
        if (finNow) {
            enter(state.onFinReceived());
        }
        if (signals != null) { // one typed signal per change; a segment that changes nothing signals nothing
            if (delivered > 0) {
                signals.dataArrived();
            }
            if (urgentOutOfLine) {
                signals.urgentArrived();
            }
            if (spaceFreed) {
                signals.sendSpace();
            }
            if (finNow) {
                signals.finReceived();
            }
        }
    }
}
