package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAEACCES;
import static org.winsim.winsock.api.WsaError.WSAEADDRNOTAVAIL;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAEMSGSIZE;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAEOPNOTSUPP;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.DatagramEndpoint;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * A UDP socket as Winsock (AFD) sees it: a {@link SimSocket} bound in the host's UDP port table (its endpoint is what puts it there), whose
 * data path is a {@link DatagramEndpoint} instead of a connection. A send is one datagram, taken at once
 * (implicitly binding an unbound socket); a receive takes one whole datagram, and one larger than the
 * buffer fills the buffer, loses the rest and fails with WSAEMSGSIZE (IO-17). connect only sets the
 * default peer and the filter on what is received. Receives that cannot finish wait in order as
 * {@link IoRequest}s and are completed by the endpoint's arrival signal, before the notification
 * binding and select see it.
 */
final class DatagramSocket extends SimSocket {
    /** The largest UDP payload over IPv4 (65,535 less the IP and UDP headers): a longer send is WSAEMSGSIZE. */
    static final int MAX_DATAGRAM = 65_507;
    /** INADDR_BROADCAST. */
    private static final int BROADCAST = 0xffffffff;

    final DatagramEndpoint endpoint;
    /** The default peer connect set (send goes there, only its datagrams are received), or null. */
    Endpoint peer;
    /**
     * SO_BROADCAST: whether sendto may name the broadcast address (else WSAEACCES). A connect to it needs no
     * permission, nor does a send to it as the connected peer (Wine sock.c {@code test_broadcast}).
     */
    boolean broadcast;
    private final ArrayDeque<IoRequest> receives = new ArrayDeque<>();
    /** An ICMP port unreachable came back and no receive has reported it yet (WSAECONNRESET, once). */
    private boolean unreachable;

    DatagramSocket(SimProcess process) {
        super(process);
        this.endpoint = new DatagramEndpoint(this, net, host, options.rcvBuf);
    }

    @Override
    public DatagramEndpoint datagramEndpoint() {
        return endpoint;
    }

    /** bind: a connectionless socket can send once bound, so FD_WRITE is recorded then (WSAAsyncSelect's reference page). */
    @Override
    void bind(Endpoint ep) {
        super.bind(ep);
        events.bound();
    }

    @Override
    void listen(int backlog) {
        throw WsaFailure.of(WSAEOPNOTSUPP);
    }

    /** getpeername: the default peer connect set; WSAENOTCONN without one (a sendto does not connect: ERR-09). */
    @Override
    Endpoint peerName() {
        if (peer == null) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        return peer;
    }

    /** getsockname: the bound name, with the source address toward the peer once connected to one. */
    Endpoint localName() {
        if (peer == null || local.addr() != 0) {
            return local;
        }
        return new Endpoint(source(peer), local.port());
    }

    @Override
    void pushOptionsDown() {
        endpoint.setRecvLimit(options.rcvBuf);
    }

    // ---- connect, send, receive ----

    /**
     * connect on a datagram socket: sets (or replaces) the default peer at once, binding an unbound
     * socket, and raises FD_CONNECT and FD_WRITE (EVT-15); the all-zero address dissolves it. Nothing goes
     * on the wire, so port 0 is a peer like any other (WEV-02; what is sent there is lost, IO-18).
     */
    void connect(Endpoint dst) {
        if (dst.addr() == 0) {
            peer = null;
            endpoint.connectTo(null);
            return;
        }
        bindImplicitly();
        peer = dst;
        endpoint.connectTo(dst);
        events.datagramConnected();
    }

    /**
     * send / sendto: one datagram of {@code len} bytes to {@code to}, or to the default peer when
     * {@code to} is null; it is taken whole at once, so it returns {@code len}. An unbound socket is
     * bound to 0.0.0.0 and an ephemeral port first (ERR-22). Port 0 is a valid destination (the
     * datagram is lost, IO-18); the broadcast address named in a sendto needs SO_BROADCAST (WSAEACCES).
     */
    int sendTo(byte[] buf, int off, int len, Endpoint to) {
        if (sdSend) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        Endpoint dst = to != null ? to : peer;
        if (dst == null) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (len > MAX_DATAGRAM) {
            throw WsaFailure.of(WSAEMSGSIZE);
        }
        if (to != null && dst.addr() == BROADCAST && !broadcast) {
            throw WsaFailure.of(WSAEACCES);
        }
        if (dst.addr() == 0) {
            throw WsaFailure.of(WSAEADDRNOTAVAIL);
        }
        bindImplicitly();
        byte[] data = java.util.Arrays.copyOfRange(buf, off, off + len);
        endpoint.send(new Endpoint(local.addr() != 0 ? local.addr() : source(dst), local.port()), dst, data);
        return len;
    }

    /**
     * recv / recvfrom: the next datagram, at once when one waits, else WSAEWOULDBLOCK (non-blocking) or a
     * wait (blocking, bounded by SO_RCVTIMEO); the datagram's source goes to {@code source} (may be null).
     * Returns the completed request: its count, and WSAEMSGSIZE as its error when the datagram was longer
     * than the buffer.
     */
    IoRequest receive(byte[] buf, int off, int len, int flags, Consumer<Endpoint> source) {
        checkReceive(flags);
        IoRequest r = new IoRequest(IoRequest.Kind.RECV, this, sim.currentThread(), buf, off, len, flags & Winsock.MSG_PEEK);
        r.sourceOut = source;
        if (receives.isEmpty() && tryReceive(r)) {
            return r;
        }
        if (nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        r.queuedOn = this;
        receives.addLast(r);
        r.await(options.rcvTimeoutMs);
        return r;
    }

    /** An overlapped receive: at once when a datagram waits, else queued behind those pending. */
    IoRequest receiveOverlapped(byte[] buf, int off, int len, int flags, Consumer<Endpoint> source, OverlappedCompletion target) {
        checkReceive(flags);
        IoRequest r = new IoRequest(IoRequest.Kind.RECV, this, sim.currentThread(), buf, off, len, flags & Winsock.MSG_PEEK, target);
        r.sourceOut = source;
        if (receives.isEmpty() && tryReceive(r)) {
            return r.completeAtOnce();
        }
        r.queuedOn = this;
        receives.addLast(r);
        return r;
    }

    /** Takes a pending receive off the queue (a cancel). */
    void remove(IoRequest r) {
        receives.remove(r);
        r.queuedOn = null;
    }

    private void checkReceive(int flags) {
        if ((flags & Winsock.MSG_OOB) != 0) {
            throw WsaFailure.of(WSAEOPNOTSUPP); // no urgent data on a socket that is not stream-style
        }
        if (local == null && profile.datagrams().receiveNeedsBind()) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (sdReceive) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        if (unreachable) {
            unreachable = false;
            throw WsaFailure.of(WSAECONNRESET);
        }
    }

    /** Copies the head datagram into the request (MSG_PEEK leaves it queued); one longer than the buffer is cut to it. */
    private boolean tryReceive(IoRequest r) {
        DatagramEndpoint.Datagram d = endpoint.peek();
        if (d == null) {
            return false;
        }
        int n = Math.min(r.len, d.data().length);
        System.arraycopy(d.data(), 0, r.buf, r.off, n);
        r.transferred = n;
        if (r.sourceOut != null) {
            r.sourceOut.accept(d.from());
        }
        if (n < d.data().length && profile.datagrams().truncationFails()) {
            r.error = WSAEMSGSIZE; // the rest of the datagram is lost (unless peeked), on Linux too
        }
        if ((r.flags & Winsock.MSG_PEEK) == 0) {
            endpoint.take();
        }
        return true;
    }

    /** The bytes FIONREAD reports: all waiting datagrams' (Windows) or the first one's (Linux). */
    int bytesReadable() {
        DatagramEndpoint.Datagram d = endpoint.peek();
        if (d == null) {
            return 0;
        }
        return profile.datagrams().fionreadFirstDatagram() ? d.data().length : (int) Math.min(endpoint.bytesQueued(), Integer.MAX_VALUE);
    }

    /** An unbound socket is bound to 0.0.0.0 and an ephemeral port, as a send (or connect) does first. */
    void bindImplicitly() {
        if (local == null) {
            bind(new Endpoint(0, 0));
        }
    }

    /** The source address a datagram to {@code dst} leaves with from a socket bound to INADDR_ANY. */
    private int source(Endpoint dst) {
        return dst.isLoopback() ? Winsock.INADDR_LOOPBACK : host.address();
    }

    // ---- the endpoint's signal: requests first, then the binding and select (SimSocket's fan-out) ----

    @Override
    public void dataArrived() {
        while (!receives.isEmpty() && tryReceive(receives.peekFirst())) {
            IoRequest r = receives.pollFirst();
            r.queuedOn = null;
            if (r.error != null) {
                r.fail(r.error);
            } else {
                r.succeed();
            }
        }
        super.dataArrived();
    }

    /**
     * An ICMP port unreachable answered a datagram this socket sent: where the profile says so (Windows),
     * the pending receive, or else the next one, fails once with WSAECONNRESET; the socket reads as
     * readable meanwhile and FD_READ is recorded. Sends go on succeeding (IO-18).
     */
    @Override
    public void resetReceived() {
        if (!profile.datagrams().unreachableFailsReceive() || sdReceive) {
            return;
        }
        IoRequest r = receives.pollFirst();
        if (r != null) {
            r.queuedOn = null;
            r.fail(WSAECONNRESET);
        } else {
            unreachable = true;
        }
        super.dataArrived();
    }

    // ---- shutdown, close, readiness ----

    /**
     * shutdown on a datagram socket: SD_RECEIVE stops receiving (later receives fail with WSAESHUTDOWN),
     * SD_SEND stops sending (WSAESHUTDOWN), each any number of times (SHUT-07).
     */
    @Override
    void shutdown(int how) {
        if (how < Winsock.SD_RECEIVE || how > Winsock.SD_BOTH) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (peer == null && profile.datagrams().shutdownNeedsPeer()) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (how != Winsock.SD_SEND) {
            sdReceive = true;
            endpoint.stopReceiving();
        }
        if (how != Winsock.SD_RECEIVE) {
            sdSend = true;
        }
    }

    @Override
    void close(boolean mayLinger) {
        endpoint.discard();
        while (!receives.isEmpty()) {
            IoRequest r = receives.pollFirst();
            r.queuedOn = null;
            // a blocked caller sees WSAEINTR; an overlapped receive is cancelled (OVL-07: STATUS_CANCELLED on UDP)
            r.fail(r.overlapped != null ? WsaError.WSA_OPERATION_ABORTED : WsaError.WSAEINTR);
        }
        super.close(false);
    }

    @Override
    boolean readable() {
        return closed || unreachable || endpoint.peek() != null;
    }

    /** A datagram socket is always writable: a send never waits for buffer space. */
    @Override
    boolean writable() {
        return !closed;
    }
}
