package org.winsim.winsock.sim;

import org.winsim.sim.Dispatcher;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Durations;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.Tcb;

/**
 * One socket operation that could not finish when it was called (an AFD IRP): what it asks (kind,
 * buffer, flags), who issued it, how far it got, and how it completed. It waits in its socket's queue
 * of its kind, in the order issued, and is completed by the socket's signals — never re-checked by
 * the thread that waits for it. It is a dispatcher object, signalled once complete: a blocking call is
 * a request its caller waits on. An overlapped call is the same request with an {@link OverlappedCompletion}
 * as its further completion target (the OVERLAPPED's status block, then its event, routine or port).
 */
final class IoRequest extends DispatcherObject {
    /** What the request asks of its socket. */
    enum Kind { SEND, RECV, RECV_OOB, ACCEPT, CONNECT, LINGER, DISCONNECT, IOCTL }

    final Kind kind;
    final SimSocket socket;
    final SimThread issuer;
    final byte[] buf;
    final int off;
    final int len;
    final int flags;
    /** Where an overlapped request's completion goes besides its waiter; null for a blocking call's request. */
    final OverlappedCompletion overlapped;
    /** Bytes moved so far (a MSG_WAITALL receive or a large send completes in steps). */
    int transferred;
    /**
     * A send whose bytes went to TCP past AFD's buffer: the stream position the peer must acknowledge
     * before it completes; -1 for any other request.
     */
    long untilAcknowledged = -1;
    /** The connection an accept took from the listen queue. */
    Tcb accepted;
    /** How it failed, or null. */
    WsaError error;
    /** The status it failed with when no Winsock error says it (AcceptEx's STATUS_BUFFER_TOO_SMALL), or null. */
    private NTSTATUS failedWith;
    boolean complete;
    /** Whether it completed inside the call that issued it (a completion port may skip such a packet). */
    boolean completedAtOnce;
    /** For an AcceptEx: the socket it accepts into and the layout of its output buffer; else null. */
    AcceptEx acceptEx;
    // ---- UDP ----
    /** Where a datagram receive writes the source of the datagram it takes (recvfrom's from), or null. */
    java.util.function.Consumer<org.winsim.winsock.sim.net.Endpoint> sourceOut;
    /** The socket whose queue holds the request while it is pending (an AcceptEx moves to its accept socket). */
    SimSocket queuedOn;
    /** Where an overlapped request stands in its process's pending table, in issue order. */
    long pendingOrder;
    /** The request behind this one in its socket's queue ({@link IoRequestQueue}). */
    IoRequest nextInQueue;

    IoRequest(Kind kind, SimSocket socket, SimThread issuer, byte[] buf, int off, int len, int flags) {
        this(kind, socket, issuer, buf, off, len, flags, null);
    }

    IoRequest(Kind kind, SimSocket socket, SimThread issuer, byte[] buf, int off, int len, int flags,
              OverlappedCompletion overlapped) {
        this.kind = kind;
        this.socket = socket;
        this.issuer = issuer;
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.flags = flags;
        this.overlapped = overlapped;
    }

    /**
     * The caller of a blocking call waits for its request, alertably as Windows' blocking calls do (a
     * queued APC runs and the call goes on waiting). A timeout ({@code timeoutMs}: SO_RCVTIMEO or
     * SO_SNDTIMEO, 0 for none) takes the request off its queue and fails the call with WSAETIMEDOUT.
     */
    void await(int timeoutMs) {
        long timeout = timeoutMs > 0 ? Durations.millis(timeoutMs) : Simulation.INFINITE;
        if (Win32Thread.current(socket.sim).waitKeepGoing(this, timeout, this) == Dispatcher.TIMEOUT) {
            leaveQueue();
            throw WsaFailure.of(WsaError.WSAETIMEDOUT);
        }
    }

    /** Takes the request off the queue of the socket that holds it, if one does (a cancel, a close, an injected fault). */
    void leaveQueue() {
        if (queuedOn instanceof DatagramSocket d) {
            d.remove(this); // a datagram socket keeps its receives in a queue of its own
        } else if (queuedOn != null) {
            queuedOn.io.remove(this);
        }
    }

    /** Completes the request with what it transferred; its waiter wakes, its OVERLAPPED is told. */
    void succeed() {
        complete = true;
        if (acceptEx != null && acceptEx.socket.acceptingInto == this) {
            acceptEx.socket.acceptingInto = null;
        }
        signal(socket.sim);
        if (overlapped != null) {
            overlapped.completed(this);
        }
    }

    /**
     * A request that completed inside its call: a failure fails the call itself, a success still notifies,
     * and so does a warning (a datagram cut to the buffer, STATUS_BUFFER_OVERFLOW: the status block and the
     * count are written, and the call fails with WSAEMSGSIZE; WOV-12).
     */
    IoRequest completeAtOnce() {
        if (error != null && !NTSTATUS.isWarning(NTSTATUS.forFailure(error).value)) {
            throw WsaFailure.of(error);
        }
        completedAtOnce = true;
        succeed();
        return this;
    }

    /** Completes the request with an error; its waiter wakes, its OVERLAPPED is told. */
    void fail(WsaError e) {
        error = e;
        succeed();
    }

    /** Completes the request with a status that has no Winsock error of its own (a blocked caller sees WSAEINVAL). */
    void fail(NTSTATUS status) {
        failedWith = status;
        fail(WsaError.WSAEINVAL);
    }

    /** The result a completed request gives its caller: the byte count, or the failure thrown. */
    int result() {
        if (error != null) {
            throw WsaFailure.of(error);
        }
        return transferred;
    }

    /**
     * The NTSTATUS it completed with, as {@code OVERLAPPED.Internal} shows it. A socket closed under a
     * pending request (WSAEINTR to a blocked caller) aborts a receive or send (OVL-07) and cancels an
     * accept or connect (OVL-08, IOCP-09).
     */
    NTSTATUS status() {
        if (failedWith != null) {
            return failedWith;
        }
        if (error == null) {
            return NTSTATUS.STATUS_SUCCESS;
        }
        if (error == WsaError.WSAEINTR) {
            return kind == Kind.ACCEPT || kind == Kind.CONNECT ? NTSTATUS.STATUS_CANCELLED : NTSTATUS.STATUS_CONNECTION_ABORTED;
        }
        return NTSTATUS.forFailure(error);
    }

    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return complete;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + socket + ")";
    }
}
