package org.winsim.winsock.sim.net;

import java.util.ArrayDeque;

/**
 * A UDP endpoint in the network (the transport below a datagram socket): the datagrams that arrived
 * for it, whole and in arrival order, in a receive queue bounded by its receive buffer, and the peer it
 * is connected to, if any, whose datagrams are the only ones it takes. A datagram is taken while what
 * the queue holds is below the limit (as a send is taken below SO_SNDBUF) and dropped otherwise, and
 * dropped after its socket stopped receiving. It tells its socket of each arrival through
 * {@link SocketSignals#dataArrived()}, and of an ICMP port unreachable answering one of its datagrams
 * through {@link SocketSignals#resetReceived()}.
 */
public final class DatagramEndpoint {
    /** One datagram as it waits in the queue: where it came from and its bytes. */
    public record Datagram(Endpoint from, byte[] data) {
    }

    private final Network net;
    private final Host host;
    private final SocketSignals owner;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int recvLimit;
    private Endpoint peer;
    private boolean receiving = true;
    private boolean circular;

    public DatagramEndpoint(SocketSignals owner, Network net, Host host, int recvLimit) {
        this.owner = owner;
        this.net = net;
        this.host = host;
        this.recvLimit = recvLimit;
    }

    /** SO_RCVBUF: the queue takes datagrams while it holds fewer bytes than this. */
    public void setRecvLimit(int bytes) {
        recvLimit = bytes;
    }

    /** connect: from now on only datagrams from {@code remote} are taken; null takes any again. */
    public void connectTo(Endpoint remote) {
        peer = remote;
    }

    /**
     * SIO_ENABLE_CIRCULAR_QUEUEING: from now on a datagram that finds the queue full is taken, and the oldest
     * ones waiting are dropped to make room ("the oldest message in the queue should be eliminated").
     */
    public void enableCircularQueueing() {
        circular = true;
    }

    /** shutdown(SD_RECEIVE): datagrams that arrive from now on are dropped. */
    public void stopReceiving() {
        receiving = false;
    }

    /**
     * Sends one datagram from {@code src} to {@code dst} over the route's pipe (its latency and
     * bandwidth); a datagram to the broadcast address goes to every host. A unicast datagram no socket
     * takes is lost, and an ICMP port unreachable comes back ({@link SocketSignals#resetReceived()}).
     */
    public void send(Endpoint src, Endpoint dst, byte[] data) {
        net.sendDatagram(this, src, dst, data);
    }

    Host host() {
        return host;
    }

    /** An ICMP port unreachable came back for a datagram this endpoint sent: its socket hears of it as a reset. */
    void unreachable() {
        owner.resetReceived();
    }

    /** A datagram arrived for this endpoint. */
    void arrived(Endpoint from, byte[] data) {
        if (!receiving || peer != null && !peer.equals(from)) {
            return;
        }
        if (queuedBytes >= recvLimit && (!circular || queue.isEmpty())) {
            return; // the queue is full: the datagram is dropped
        }
        while (queuedBytes >= recvLimit) { // circular queueing: the oldest make room
            take();
        }
        queue.addLast(new Datagram(from, data));
        queuedBytes += data.length;
        owner.dataArrived();
    }

    /** The datagram at the head of the queue, or null. */
    public Datagram peek() {
        return queue.peekFirst();
    }

    /** Takes the datagram at the head of the queue. */
    public Datagram take() {
        Datagram d = queue.pollFirst();
        if (d != null) {
            queuedBytes -= d.data().length;
        }
        return d;
    }

    /** Bytes of all the datagrams waiting. */
    public long bytesQueued() {
        return queuedBytes;
    }

    /** Drops everything waiting (closesocket). */
    public void discard() {
        queue.clear();
        queuedBytes = 0;
        receiving = false;
    }
}
