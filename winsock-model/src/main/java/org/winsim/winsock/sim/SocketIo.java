package org.winsim.winsock.sim;

import static org.winsim.winsock.api.WsaError.WSAECONNABORTED;
import static org.winsim.winsock.api.WsaError.WSAECONNRESET;
import static org.winsim.winsock.api.WsaError.WSAEINVAL;
import static org.winsim.winsock.api.WsaError.WSAENOTCONN;
import static org.winsim.winsock.api.WsaError.WSAESHUTDOWN;
import static org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK;

import org.winsim.sim.Dispatcher;
import org.winsim.sim.Durations;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.Tcb;

/**
 * A socket's data path (AFD's send and receive queues): the try-operation behind each call, and the
 * requests that wait, in the order issued, for what the try could not do yet. A call tries at once;
 * a non-blocking socket then fails with WSAEWOULDBLOCK, a blocking one queues its request and waits
 * for it. The socket's signals complete queued requests with the same try-operations.
 */
final class SocketIo {
    private final SimSocket s;
    private final IoRequestQueue receives = new IoRequestQueue();
    private final IoRequestQueue urgentReceives = new IoRequestQueue();
    private final IoRequestQueue sends = new IoRequestQueue();
    private final IoRequestQueue accepts = new IoRequestQueue();
    private IoRequest connect;
    private IoRequest linger;
    private IoRequest disconnect;

    SocketIo(SimSocket s) {
        this.s = s;
    }

    // ---- the calls ----

    void connect(org.winsim.winsock.sim.net.Endpoint dst) {
        s.startConnect(dst);
        if (s.nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        IoRequest r = request(IoRequest.Kind.CONNECT, null, 0, 0, 0);
        connect = r;
        r.await(0);
        r.result();
    }

    Tcb accept() {
        if (!s.isListening()) {
            throw WsaFailure.of(WSAEINVAL);
        }
        ResourceFaults.noBuffers(s, "accept");
        IoRequest r = request(IoRequest.Kind.ACCEPT, null, 0, 0, 0);
        if (accepts.isEmpty() && tryAccept(r)) {
            return r.accepted;
        }
        if (s.nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        enqueue(accepts, r);
        r.await(0);
        r.result();
        return r.accepted;
    }

    int send(byte[] buf, int off, int len, boolean urgent) {
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (s.sdSend) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        checkConnectionAlive();
        ResourceFaults.noBuffers(s, "send");
        int take = sends.isEmpty() ? PartialSends.lengthTaken(s, len) : len;
        IoRequest r = request(IoRequest.Kind.SEND, buf, off, take, urgent ? Winsock.MSG_OOB : 0);
        if (sends.isEmpty()) {
            if (trySend(r, !s.nonBlocking)) {
                if (take < len) {
                    s.process.world.partialSends.cut(s, take, len);
                }
                return r.transferred;
            }
            if (s.nonBlocking && r.transferred > 0) {
                return r.transferred; // Linux: the part that fitted
            }
        }
        if (s.nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        enqueue(sends, r);
        r.await(s.options.sndTimeoutMs);
        return r.result();
    }

    int recv(byte[] buf, int off, int len, int flags) {
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (s.sdReceive) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        boolean waitAll = (flags & Winsock.MSG_WAITALL) != 0 && !s.nonBlocking;
        IoRequest r = request(IoRequest.Kind.RECV, buf, off, len, waitAll ? flags : flags & ~Winsock.MSG_WAITALL);
        if (receives.isEmpty() && tryRecv(r)) {
            return r.result();
        }
        if (s.nonBlocking) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        enqueue(receives, r);
        r.await(s.options.rcvTimeoutMs);
        return r.result();
    }

    /** recv(MSG_OOB): the urgent byte waiting out of line. */
    int recvOob(byte[] buf, int off, int len) {
        if (s.options.oobInline) {
            throw WsaFailure.of(WSAEINVAL);
        }
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        IoRequest r = request(IoRequest.Kind.RECV_OOB, buf, off, len, Winsock.MSG_OOB);
        if (urgentReceives.isEmpty() && tryRecvOob(r)) {
            return r.result();
        }
        if (s.profile.sockets().urgentStyleBsd()) {
            throw WsaFailure.of(WSAEINVAL); // Linux: no urgent byte to read
        }
        if (s.nonBlocking || s.tcb.finReceived()) {
            throw WsaFailure.of(WSAEWOULDBLOCK);
        }
        enqueue(urgentReceives, r);
        r.await(s.options.rcvTimeoutMs);
        return r.result();
    }

    /** closesocket with SO_LINGER on a blocking socket: FIN, then wait until everything is acknowledged or the time is up. */
    void lingerClose(int seconds) {
        Tcb t = s.tcb;
        t.closeGracefully();
        if (t.allAcknowledged() || t.isClosed()) {
            return;
        }
        IoRequest r = request(IoRequest.Kind.LINGER, null, 0, 0, 0);
        linger = r;
        if (Win32Thread.current(s.sim).waitKeepGoing(r, Durations.seconds(seconds), "closesocket linger") == Dispatcher.TIMEOUT) {
            linger = null;
            t.abort();
        }
    }

    // ---- the try-operations ----

    private boolean tryAccept(IoRequest r) {
        if (!s.listenQueue.hasConnection()) {
            return false;
        }
        r.accepted = s.listenQueue.take();
        return true;
    }

    /**
     * Moves a send into the connection by the profile's send-buffering rule; returns whether the send is
     * done. {@code mayWait}: the caller can wait (a blocking send), so a Windows send at or over the limit
     * hands its bytes to TCP and is done once they are acknowledged, instead of taking nothing.
     */
    private boolean trySend(IoRequest r, boolean mayWait) {
        Tcb t = s.tcb;
        if (s.profile.sockets().sendBuffering() == OsProfile.SendBuffering.PARTIAL_UP_TO_LIMIT) {
            int n = Math.min(t.sendSpace(), r.len - r.transferred);
            if (n > 0) {
                t.write(r.buf, r.off + r.transferred, n, r.flags != 0);
                r.transferred += n;
            }
            return r.transferred == r.len;
        }
        if (r.untilAcknowledged >= 0) {
            return t.acknowledgedThrough(r.untilAcknowledged);
        }
        boolean belowLimit = t.sendSpace() > 0; // AFD compares what it holds with SO_SNDBUF, not the send's length
        if (!belowLimit && !mayWait && t.sendLimit() > 0) {
            return false;
        }
        t.write(r.buf, r.off, r.len, r.flags != 0);
        r.transferred = r.len;
        if (belowLimit || !mayWait) {
            return true; // buffered whole (or, with SO_SNDBUF 0, given to TCP without waiting)
        }
        r.untilAcknowledged = t.writtenEnd();
        return t.acknowledgedThrough(r.untilAcknowledged);
    }

    /** Completes a receive from the connection's state if it can: data, the end of the stream, or its error. */
    private boolean tryRecv(IoRequest r) {
        Tcb t = s.tcb;
        if (t.resetReceived() && !(t.finReceived() && s.profile.sockets().resetAfterFinRecvError() == null)) {
            r.error = t.finReceived() ? s.profile.sockets().resetAfterFinRecvError() : WSAECONNRESET;
            return true;
        }
        boolean peek = (r.flags & Winsock.MSG_PEEK) != 0;
        if (t.bytesReadable() > 0) {
            r.transferred += t.read(r.buf, r.off + r.transferred, r.len - r.transferred, peek);
            boolean waitAll = (r.flags & Winsock.MSG_WAITALL) != 0 && !peek;
            return !waitAll || r.transferred == r.len || t.finReceived();
        }
        if (t.finReceived() || r.len == 0 && !s.profile.sockets().emptyReceiveWaitsForData() || r.transferred > 0 && t.isClosed()) {
            return true;
        }
        if (t.isClosed()) {
            r.error = WSAECONNABORTED;
            return true;
        }
        return false;
    }

    private boolean tryRecvOob(IoRequest r) {
        Tcb t = s.tcb;
        if (t.oobPending()) {
            if (r.len > 0) {
                r.buf[r.off] = t.takeOob(s.profile.sockets().urgentStyleBsd());
                r.transferred = 1;
            }
            return true;
        }
        if (t.resetReceived()) {
            r.error = WSAECONNRESET;
            return true;
        }
        return false;
    }

    // ---- completions, from the socket's signals ----

    void completeConnect(WsaError error) {
        IoRequest r = connect;
        connect = null;
        if (r != null) {
            if (error != null) {
                r.fail(error);
            } else if (r.len > 0) { // ConnectEx with data: complete once the send-buffering rule has taken it
                if (trySend(r, true)) {
                    r.succeed();
                } else {
                    enqueue(sends, r);
                }
            } else {
                r.succeed();
            }
        }
    }

    void completeAccepts() {
        while (!accepts.isEmpty() && tryAccept(accepts.peekFirst())) {
            IoRequest r = accepts.pollFirst();
            if (r.acceptEx != null) {
                r.acceptEx.connectionTaken(r);
            } else {
                r.succeed();
            }
        }
    }

    void completeReceives() {
        while (!receives.isEmpty() && tryRecv(receives.peekFirst())) {
            complete(receives.pollFirst());
        }
    }

    void completeUrgentReceives() {
        while (!urgentReceives.isEmpty()) {
            IoRequest r = urgentReceives.peekFirst();
            if (!tryRecvOob(r)) {
                if (!s.tcb.finReceived()) {
                    return;
                }
                r.error = WSAEWOULDBLOCK; // no urgent byte will come after the FIN
            }
            complete(urgentReceives.pollFirst());
        }
    }

    void completeSends() {
        while (!sends.isEmpty() && trySend(sends.peekFirst(), true)) {
            sends.pollFirst().succeed();
        }
        if (linger != null && (s.tcb.allAcknowledged() || s.tcb.isClosed())) {
            IoRequest r = linger;
            linger = null;
            r.succeed();
        }
        if (disconnect != null && (s.tcb.allAcknowledged() || s.tcb.isClosed())) {
            IoRequest r = disconnect;
            disconnect = null;
            disconnected(r);
            r.succeed();
        }
    }

    /** Fails every queued request: the connection was reset (WSAECONNRESET) or the socket closed under them (WSAEINTR). */
    void failAll(WsaError error) {
        if (connect != null && error == WsaError.WSAEINTR) {
            completeConnect(error);
        }
        for (IoRequestQueue q : new IoRequestQueue[] {receives, urgentReceives, sends, accepts}) {
            while (!q.isEmpty()) {
                IoRequest r = q.pollFirst();
                if (error == WSAECONNRESET && r.kind == IoRequest.Kind.RECV && r.transferred > 0) {
                    r.succeed(); // a MSG_WAITALL receive keeps what it got
                } else {
                    r.fail(error);
                }
            }
        }
        if (linger != null && error == WSAECONNRESET) {
            IoRequest r = linger;
            linger = null;
            r.succeed();
        }
        if (disconnect != null) {
            IoRequest r = disconnect;
            disconnect = null;
            r.succeed();
        }
    }

    private static void complete(IoRequest r) {
        if (r.error != null) {
            r.fail(r.error);
        } else {
            r.succeed();
        }
    }

    // ---- overlapped calls (issue 12): the same requests, completed through their OVERLAPPED ----

    /** An overlapped receive: at once when it can, else queued behind those pending; non-blocking mode and SO_RCVTIMEO do not apply. */
    IoRequest recvOverlapped(byte[] buf, int off, int len, int flags, OverlappedCompletion target) {
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (s.sdReceive) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        checkConnectionAlive();
        boolean oob = (flags & Winsock.MSG_OOB) != 0;
        IoRequest r = new IoRequest(oob ? IoRequest.Kind.RECV_OOB : IoRequest.Kind.RECV, s, s.sim.currentThread(), buf, off, len,
                flags, target);
        if (oob) { // an overlapped MSG_OOB receive takes the urgent byte if there is one, and never waits (IO-11)
            if (s.options.oobInline) {
                throw WsaFailure.of(WSAEINVAL);
            }
            if (!tryRecvOob(r)) {
                throw WsaFailure.of(WSAEWOULDBLOCK);
            }
            return r.completeAtOnce();
        }
        if (receives.isEmpty() && tryRecv(r)) {
            return r.completeAtOnce();
        }
        enqueue(receives, r);
        return r;
    }

    /** An overlapped send: completes at once when the send-buffering rule takes it whole, else pends (IO-05). */
    IoRequest sendOverlapped(byte[] buf, int off, int len, int flags, OverlappedCompletion target) {
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        if (s.sdSend) {
            throw WsaFailure.of(WSAESHUTDOWN);
        }
        checkConnectionAlive();
        ResourceFaults.noBuffers(s, "WSASend");
        int n = PartialSends.overlappedTaken(s, len); // a fault plan's partial completion: the rest is never sent
        IoRequest r = new IoRequest(IoRequest.Kind.SEND, s, s.sim.currentThread(), buf, off, n, flags & Winsock.MSG_OOB, target);
        if (sends.isEmpty() && trySend(r, true)) { // an overlapped send may pend, as a blocking one may wait
            return r.completeAtOnce();
        }
        enqueue(sends, r);
        return r;
    }

    /** AcceptEx's request on this listener: completes from the listen queue like an accept. */
    IoRequest acceptOverlapped(AcceptEx into, byte[] buf, OverlappedCompletion target) {
        if (!s.isListening()) {
            throw WsaFailure.of(WSAEINVAL);
        }
        ResourceFaults.noBuffers(s, "AcceptEx");
        IoRequest r = into.attach(new IoRequest(IoRequest.Kind.ACCEPT, s, s.sim.currentThread(), buf, 0, into.receiveLength, 0, target));
        enqueue(accepts, r);
        if (s.listenQueue.deferredFirst()) { // a connection a WSAAccept deferred completes it just after the call (WOV-10)
            s.sim.schedule(0, this::completeAccepts);
        } else {
            completeAccepts();
        }
        return r;
    }

    /**
     * ConnectEx's request: the connection starts; it completes when connected (and its data is in the send
     * buffer). On a socket whose connect() is still in progress it is WSAEINVAL, where a second connect() is
     * WSAEALREADY (Wine sock.c {@code test_connecting_socket}).
     */
    IoRequest connectOverlapped(org.winsim.winsock.sim.net.Endpoint dst, byte[] buf, int len, OverlappedCompletion target) {
        if (s.connecting) {
            throw WsaFailure.of(WSAEINVAL);
        }
        s.startConnect(dst);
        IoRequest r = new IoRequest(IoRequest.Kind.CONNECT, s, s.sim.currentThread(), buf, 0, len, 0, target);
        r.queuedOn = s;
        connect = r;
        s.connectedByConnectEx = true;
        return r;
    }

    /** DisconnectEx: a FIN after the queued data, complete once all is acknowledged (without an OVERLAPPED, at once). */
    IoRequest disconnect(int flags, OverlappedCompletion target) {
        if (!s.established) {
            throw WsaFailure.of(WSAENOTCONN);
        }
        s.sdSend = true;
        s.tcb.shutdownSend();
        IoRequest r = new IoRequest(IoRequest.Kind.DISCONNECT, s, s.sim.currentThread(), null, 0, 0, flags, target);
        if (target == null || s.tcb.allAcknowledged() || s.tcb.isClosed()) {
            disconnected(r);
            return target == null ? r : r.completeAtOnce();
        }
        r.queuedOn = s;
        disconnect = r;
        return r;
    }

    /** TF_REUSE_SOCKET: the socket lets go of its connection when the disconnect is done. */
    private void disconnected(IoRequest r) {
        if ((r.flags & Winsock.TF_REUSE_SOCKET) != 0) {
            s.detachForReuse();
        }
    }

    /** An AcceptEx that took a connection and waits for its first data: it waits as a receive of the accept socket. */
    void awaitFirstData(IoRequest r) {
        if (!tryRecv(r)) {
            enqueue(receives, r);
            return;
        }
        complete(r);
    }

    /** Takes a pending request off whichever queue holds it (a cancel). */
    void remove(IoRequest r) {
        receives.remove(r);
        urgentReceives.remove(r);
        sends.remove(r);
        accepts.remove(r);
        connect = connect == r ? null : connect;
        disconnect = disconnect == r ? null : disconnect;
        if (r.acceptEx != null && r.acceptEx.socket.acceptingInto == r) {
            r.acceptEx.socket.acceptingInto = null;
        }
        r.queuedOn = null;
    }

    private void enqueue(IoRequestQueue q, IoRequest r) {
        r.queuedOn = s;
        q.addLast(r);
    }

    // ---- helpers ----

    private IoRequest request(IoRequest.Kind kind, byte[] buf, int off, int len, int flags) {
        return new IoRequest(kind, s, s.sim.currentThread(), buf, off, len, flags);
    }

    private void checkConnectionAlive() {
        if (s.tcb.resetReceived()) {
            throw WsaFailure.of(WSAECONNRESET);
        }
        if (s.tcb.isClosed()) {
            throw WsaFailure.of(WSAECONNABORTED);
        }
    }
}
