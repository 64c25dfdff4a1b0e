package org.winsim.winsock.sim.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP side of a listening socket: handshakes under way and established connections waiting to be
 * accepted, bounded by the backlog. A full queue refuses a SYN with RST or drops it (the client retries),
 * as the profile says. Connections take their buffer sizes and options from the listener's current ones.
 */
public final class ListenQueue {
    private final Network net;
    private final Host host;
    private final SocketSignals listener;
    private final int limit;
    private final ArrayDeque<Tcb> established = new ArrayDeque<>();
    private Tcb deferred; // the connection a WSAAccept deferred (CF_DEFER), while it waits at the head
    private final List<Tcb> handshaking = new ArrayList<>();
    /** The listener's options, which its connections start with (data flows down: the socket sets them). */
    public int sndBuf;
    public int rcvBuf;
    public boolean noDelay;
    public boolean oobInline;

    public ListenQueue(Network net, Host host, SocketSignals listener, int backlog) {
        this.net = net;
        this.host = host;
        this.listener = listener;
        this.limit = backlog;
    }

    /** A SYN for this listener arrives: queue a handshake, or refuse or drop it when the queue is full. */
    void onSyn(Tcb client, Endpoint dst) {
        if (established.size() + handshaking.size() >= limit) {
            if (net.profile.refuseWhenBacklogFull()) {
                client.refused(host);
            }
            return; // dropped: the client's SYN timer fires again
        }
        handshaking.add(Tcb.accept(this, net, host, client, dst));
    }

    /** A passive connection finished its handshake: it waits to be accepted. */
    void onEstablished(Tcb child) {
        handshaking.remove(child);
        established.addLast(child);
        listener.connectionQueued();
    }

    /** Whether a connection waits to be accepted. */
    public boolean hasConnection() {
        return !established.isEmpty();
    }

    /** How many connections wait to be accepted. */
    public int queued() {
        return established.size();
    }

    /** Takes the oldest established connection, or null. Its socket must {@link Tcb#adopt} it. */
    public Tcb take() {
        Tcb t = established.pollFirst();
        if (t != null) {
            t.listener = null;
        }
        if (t == deferred) {
            deferred = null;
        }
        return t;
    }

    // ---- duplicated handles and deferred accept ----

    /** A taken connection goes back to the head of the queue (AcceptEx could not take it: its address slot was short). */
    public void putBack(Tcb t) {
        established.addFirst(t);
    }

    /** WSAAccept's condition function deferred the connection (CF_DEFER): back to the head of the queue, marked so. */
    public void defer(Tcb t) {
        putBack(t);
        deferred = t;
    }

    /** Whether the first connection waiting is one a WSAAccept deferred (an AcceptEx then pends before it takes it). */
    public boolean deferredFirst() {
        return deferred != null && established.peekFirst() == deferred;
    }

    /** The listener stops listening: queued and half-open connections are reset. */
    public void close() {
        for (Tcb t : handshaking) {
            t.abort();
        }
        for (Tcb t : established) {
            t.abort();
        }
        handshaking.clear();
        established.clear();
    }
}
