package org.winsim.winsock.sim;

import org.winsim.sim.DispatcherObject;
import org.winsim.sim.SimThread;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.Tcb;

/**
 * One socket operation that could not finish when it was called (an AFD IRP): what it asks (kind,
 * buffer, flags), who issued it, how far it got, and how it completed. It waits in its socket's queue
 * of its kind, in the order issued, and is completed by the socket's signals — never re-checked by
 * the thread that waits for it. It is a dispatcher object, signalled once complete: a blocking call is
 * a request its caller waits on.
 */
final class IoRequest extends DispatcherObject {
    /** What the request asks of its socket. */
    enum Kind { SEND, RECV, RECV_OOB, ACCEPT, CONNECT, LINGER }

    final Kind kind;
    final SimSocket socket;
    final SimThread issuer;
    final byte[] buf;
    final int off;
    final int len;
    final int flags;
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
    boolean complete;

    IoRequest(Kind kind, SimSocket socket, SimThread issuer, byte[] buf, int off, int len, int flags) {
        this.kind = kind;
        this.socket = socket;
        this.issuer = issuer;
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.flags = flags;
    }

    /** Completes the request with what it transferred; its waiter wakes. */
    void succeed() {
        complete = true;
        signal(socket.sim);
    }

    /** Completes the request with an error; its waiter wakes. */
    void fail(WsaError e) {
        error = e;
        complete = true;
        signal(socket.sim);
    }

    /** The result a completed request gives its caller: the byte count, or the failure thrown. */
    int result() {
        if (error != null) {
            throw WsaFailure.of(error);
        }
        return transferred;
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
