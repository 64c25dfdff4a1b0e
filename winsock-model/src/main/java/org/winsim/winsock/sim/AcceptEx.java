package org.winsim.winsock.sim;

import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Endpoint;

/**
 * AcceptEx (and GetAcceptExSockaddrs, which reads what it wrote): one pending accept on a listener into
 * a socket the program created beforehand. Its output buffer holds the first {@code receiveLength}
 * bytes of data, then the local address, then the remote one, each in a slot of at least 16 bytes
 * more than a sockaddr_in. With a receive length the accept completes only when data (or the peer's
 * FIN) arrives (OVL-08); the accepted socket takes the listener's options only at SO_UPDATE_ACCEPT_CONTEXT.
 */
final class AcceptEx {
    /** The smallest address slot: a sockaddr_in and 16 bytes. */
    static final int MIN_ADDRESS_SLOT = Winsock.SIZEOF_SOCKADDR_IN + 16;

    /** The socket the connection is accepted into. */
    final SimSocket socket;
    final int receiveLength;
    private final int localLength;
    private final int remoteLength;
    private final byte[] buffer;

    AcceptEx(SimSocket socket, byte[] buffer, int receiveLength, int localLength, int remoteLength) {
        this.socket = socket;
        this.buffer = buffer;
        this.receiveLength = receiveLength;
        this.localLength = localLength;
        this.remoteLength = remoteLength;
    }

    /**
     * The checks AcceptEx makes at the call: the accept socket must be a fresh TCP socket (not bound, not
     * connected, not a datagram socket, not already accepted into: WSAEINVAL, WOV-03) or one a DisconnectEx
     * with TF_REUSE_SOCKET gave back (still bound: DisconnectEx's page allows it), and the buffer must
     * hold what it asks for, with room for a remote address (a remote length of 0 is WSAEFAULT; a local
     * length of 0 asks for no local address).
     */
    static void check(SimSocket listener, SimSocket accept, byte[] buffer, int receiveLength, int localLength, int remoteLength) {
        if (accept.acceptingInto != null || accept.isListening() || accept.established || accept.connecting
                || accept.local != null && !accept.disconnectedForReuse || accept instanceof DatagramSocket) {
            throw WsaFailure.of(WsaError.WSAEINVAL); // a second AcceptEx on one accept socket (OVL-08)
        }
        if (buffer == null || receiveLength < 0 || localLength < 0 || remoteLength <= 0
                || (long) receiveLength + localLength + remoteLength > buffer.length) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
    }

    /** Makes {@code r} this AcceptEx's request: the accept socket is spoken for until it completes. */
    IoRequest attach(IoRequest r) {
        r.acceptEx = this;
        socket.acceptingInto = r;
        return r;
    }

    /**
     * The listener took a connection for this request: the accept socket gets it, the addresses are written.
     * An address slot too small for its address fails the request with STATUS_BUFFER_TOO_SMALL and leaves the
     * connection queued on the listener for the next accept (WOV-04).
     */
    void connectionTaken(IoRequest r) {
        if (localLength != 0 && localLength < MIN_ADDRESS_SLOT || remoteLength < MIN_ADDRESS_SLOT) {
            r.socket.listenQueue.putBack(r.accepted);
            r.accepted = null;
            r.fail(NTSTATUS.STATUS_BUFFER_TOO_SMALL); // ERROR_INSUFFICIENT_BUFFER (OVL-08)
            return;
        }
        r.socket.connectAccepted(socket, r.accepted);
        if (localLength != 0) {
            write(buffer, receiveLength, r.accepted.local());
        }
        write(buffer, receiveLength + localLength, r.accepted.remote());
        if (receiveLength == 0) {
            r.succeed();
        } else {
            socket.io.awaitFirstData(r);
        }
    }

    private static void write(byte[] b, int at, Endpoint ep) {
        new sockaddr_in(Winsock.AF_INET, ep.addr(), ep.port()).write(b, at);
    }

    private static void read(byte[] b, int at, sockaddr_in into, int[] len) {
        if (into != null) {
            sockaddr_in a = sockaddr_in.read(b, at);
            into.sin_family = a.sin_family;
            into.sin_addr = a.sin_addr;
            into.sin_port = a.sin_port;
        }
        if (len != null) {
            len[0] = Winsock.SIZEOF_SOCKADDR_IN;
        }
    }

    /** GetAcceptExSockaddrs: the two addresses AcceptEx wrote after the received data (no local one from a slot of 0: left as it was). */
    static void sockaddrs(byte[] buffer, int receiveLength, int localLength, sockaddr_in local, int[] localLen,
                          sockaddr_in remote, int[] remoteLen) {
        if (localLength != 0) {
            read(buffer, receiveLength, local, localLen);
        }
        read(buffer, receiveLength + localLength, remote, remoteLen);
    }
}
