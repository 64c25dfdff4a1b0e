package org.winsim.winsock.sim;

/**
 * Where the datagram (UDP) layers of the profiles differ, as a group of its own in {@link OsProfile}.
 *
 * @param receiveNeedsBind whether recv/recvfrom on an unbound datagram socket fails with WSAEINVAL
 *     (Windows: "the socket has not been bound"); else it waits for nothing, as Linux does
 * @param fionreadFirstDatagram whether FIONREAD gives the size of the first waiting datagram (Linux);
 *     else the bytes of all waiting datagrams (Windows: "the amount of pending data in the network buffer")
 * @param shutdownNeedsPeer whether shutdown on a datagram socket with no default peer fails with
 *     WSAENOTCONN (Linux); Windows shuts it down (SHUT-07)
 * @param unreachableFailsReceive whether an ICMP port unreachable answering a datagram the socket sent makes
 *     its next receive (or the one pending) fail once with WSAECONNRESET (Windows, SIO_UDP_CONNRESET on by
 *     default); Linux reports it only on a connected socket, which the linux profile does not model
 * @param truncationFails whether a receive that cuts a datagram to its buffer fails with WSAEMSGSIZE
 *     (Windows, IO-17); Linux returns the count copied (the rest is lost on both)
 * @param optionsByKind whether SO_BROADCAST on a stream socket and SO_LINGER/SO_DONTLINGER on a datagram
 *     socket fail with WSAENOPROTOOPT (Windows); Linux takes them
 * @param maxMessageSizeOption whether {@code getsockopt(SO_MAX_MSG_SIZE)} on a datagram socket reads the largest
 *     datagram it sends (Windows: 65507; Wine sock.c {@code test_extendedSocketOptions}); Linux has no such option
 *     (WSAENOPROTOOPT)
 */
public record DatagramRules(boolean receiveNeedsBind, boolean fionreadFirstDatagram, boolean shutdownNeedsPeer,
                            boolean unreachableFailsReceive, boolean truncationFails, boolean optionsByKind,
                            boolean maxMessageSizeOption) {
    /** Windows' AFD. */
    public static final DatagramRules WINDOWS = new DatagramRules(true, false, false, true, true, true, true);
    /** Linux 6.x. */
    public static final DatagramRules LINUX = new DatagramRules(false, true, true, false, false, false, false);
}
