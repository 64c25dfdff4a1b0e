package org.winsim.winsock.sim;

import org.winsim.sim.Durations;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.sim.net.TcpProfile;

/**
 * The choices where operating systems differ, so one model can stand for Windows (the default) or for
 * Linux (to be checked against a real Linux kernel), grouped by the layer that reads them.
 *
 * @param tcp the TCP stack's buffers, backlog and timers
 * @param sockets the socket layer's rules (what Winsock or the BSD layer answers)
 * @param costs CPU the calls charge
 * @param memory the process's address space and thread stacks, and the machine's non-paged pool
 */
public record OsProfile(String name, TcpProfile tcp, SocketRules sockets, Costs costs, Memory memory) {

    /**
     * The socket layer's rules.
     *
     * @param bufferSizesDoubled whether setsockopt(SO_SNDBUF/SO_RCVBUF, n) makes the buffer 2n (Linux: the
     *     kernel doubles the request for its own overhead, uses 2n and reads back 2n)
     * @param sendBuffering how much of a send the socket layer takes at once
     * @param listenAutoBinds whether listen on an unbound socket binds it to an ephemeral port (else WSAEINVAL)
     * @param soErrorClearedOnRead whether getsockopt(SO_ERROR) clears the pending error
     * @param hasExclusiveAddrUse whether SO_EXCLUSIVEADDRUSE exists
     * @param reuseConflictError the error of a SO_REUSEADDR bind onto a port held without it
     * @param reuseBlockedByListener whether a listening socket keeps even SO_REUSEADDR binds off its port (Linux)
     * @param acceptInheritsNonBlocking whether accept gives a non-blocking socket from a non-blocking listener
     * @param shutdownStopsListening whether shutdown on a listening socket succeeds and ends its listening
     *     (Linux); else it fails with WSAENOTCONN, as on Windows
     * @param unboundNameIsAny whether getsockname on an unbound socket gives 0.0.0.0:0 (Linux) rather than WSAEINVAL
     * @param urgentStyleBsd Linux's urgent-data answers: recv(MSG_OOB) with no urgent byte waiting fails with
     *     WSAEINVAL (Windows: would block), and SIOCATMARK is TRUE only when reading has reached the urgent
     *     mark (Windows: TRUE whenever no urgent byte is waiting)
     * @param peerNameWhileConnecting whether getpeername succeeds while a non-blocking connect is still in
     *     progress (Windows); else it fails with WSAENOTCONN (Linux)
     * @param reconnectReportsFailure Linux: after a failed non-blocking connect the next connect reports the
     *     failure (the pending SO_ERROR, or WSAECONNABORTED once that was read) and only the one after it
     *     starts again; Windows starts again at once, and SO_ERROR keeps the failure until a connect succeeds
     * @param resetAfterFinRecvError what recv fails with when a RST followed the peer's FIN (Windows:
     *     WSAECONNABORTED); null when recv goes on reporting the end of the stream (Linux)
     * @param specificBesideWildcard whether a specific address and the wildcard (0.0.0.0) may be bound to one
     *     port by sockets without options (Windows: only SO_EXCLUSIVEADDRUSE keeps them apart); Linux treats
     *     the two as the same address
     * @param emptyReceiveWaitsForData whether a receive into no bytes waits, like any other, until data (or the
     *     end, or an error) is there and then completes with 0, leaving the data (Windows: the zero-byte receive
     *     servers post to learn of data); else it returns 0 at once (Linux)
     * @param lingerWouldBlock whether closesocket of a non-blocking connected socket with SO_LINGER on and a
     *     timeout fails with WSAEWOULDBLOCK while sent data is unacknowledged, leaving the socket open, connected
     *     and its data still going (Windows: msafd's WSPCloseSocket will not wait for the sends in progress
     *     on a non-blocking socket); else such a close is graceful at once
     * @param connectOnListenerError what connect on a listening socket fails with (Windows: WSAEINVAL, ERR-12;
     *     Linux: EISCONN, the listening socket counting as past the unconnected state)
     * @param waitAllRestricted whether a receive refuses MSG_WAITALL (WSAEOPNOTSUPP) beside MSG_PEEK, MSG_OOB
     *     or MSG_PARTIAL, on a socket that is not stream-style, and on a non-blocking socket without an
     *     OVERLAPPED (Windows: Microsoft's recv and WSARecv pages); else it is taken and waits where it can (Linux)
     */
    public record SocketRules(boolean bufferSizesDoubled, SendBuffering sendBuffering, boolean listenAutoBinds,
                              boolean soErrorClearedOnRead, boolean hasExclusiveAddrUse, WsaError reuseConflictError,
                              boolean reuseBlockedByListener, boolean acceptInheritsNonBlocking, boolean shutdownStopsListening,
                              boolean unboundNameIsAny, boolean urgentStyleBsd, boolean peerNameWhileConnecting,
                              boolean reconnectReportsFailure, WsaError resetAfterFinRecvError, boolean specificBesideWildcard,
                              boolean emptyReceiveWaitsForData, boolean lingerWouldBlock, boolean waitAllRestricted,
                              WsaError connectOnListenerError) {
        /** The buffer size setsockopt(SO_SNDBUF/SO_RCVBUF, n) gives: what flow control uses and getsockopt reads back. */
        int bufferFor(int requested) {
            return bufferSizesDoubled ? (int) Math.min(2L * requested, Integer.MAX_VALUE) : requested;
        }
    }

    /** How much of a send the socket layer takes at once, with SO_SNDBUF its limit. */
    public enum SendBuffering {
        /**
         * Windows (AFD): while what it holds is below SO_SNDBUF, a send is taken whole, however long, and
         * returns at once; at or above the limit a non-blocking send fails with WSAEWOULDBLOCK and takes
         * nothing, and a blocking one hands its bytes to TCP and returns when the peer has acknowledged
         * them all. With SO_SNDBUF 0 nothing is buffered: every blocking send waits for its acknowledgement.
         */
        WHOLE_BELOW_LIMIT,
        /** BSD (Linux): a send takes what fits in the free space; non-blocking returns that partial count. */
        PARTIAL_UP_TO_LIMIT
    }

    /**
     * CPU the calls charge.
     *
     * @param callCostNanos CPU charged for each API call
     * @param selectNanosPerSocket CPU select charges per socket in its sets, each time it looks at them
     * @param copyNanosPerKiB CPU charged per KiB copied between a program's buffer and a socket buffer (paid with
     *        the thread's next charge)
     * @param threadCreateNanos CPU charged for CreateThread
     */
    public record Costs(long callCostNanos, long selectNanosPerSocket, long copyNanosPerKiB, long threadCreateNanos) {
    }

    /**
     * A process's memory, and the kernel memory of its machine that sockets use.
     *
     * @param addressSpaceBytes user address space of a process, from which thread stacks are reserved
     * @param defaultStackBytes stack reserved for a thread created with dwStackSize 0
     * @param nonPagedPoolBytes the machine's non-paged pool: kernel memory that is never paged out, from
     *     which AFD and TCP allocate what a socket needs (see {@link NonPagedPool})
     * @param socketPoolBytes non-paged pool one socket holds while it is open: its AFD endpoint and its TCB
     */
    public record Memory(long addressSpaceBytes, long defaultStackBytes, long nonPagedPoolBytes, long socketPoolBytes) {
    }

    /**
     * Windows 10/11: 64 KiB socket buffers that AFD fills with whole sends, backlog up to 200 and refused
     * when full, a refused connect reported after two SYN retries (about 2 s), TIME_WAIT 120 s
     * (TcpTimedWaitDelay) holding the four-tuple only, a 2 GiB (32-bit) process address space with 1 MiB stacks,
     * a 256 MiB non-paged pool (the maximum of 32-bit Windows up to Server 2003; a quarter of a 1 GiB machine) of which
     * each socket holds 2 KiB (its AFD endpoint and TCB; see docs/divergences.md for the sources); data
     * from another host is acknowledged on every second segment or after 200 ms (TcpAckFrequency).
     */
    public static final OsProfile WINDOWS = new OsProfile("windows",
            new TcpProfile(65536, 65536, 0, 0, 200, 0, true, 2, Durations.seconds(1), Durations.seconds(21), true,
                    100, Durations.seconds(120), false, 128, new TcpProfile.KeepAlive(7200, 1, 10),
                    new TcpProfile.AckDelay(2, Durations.millis(200))),
            new SocketRules(false, SendBuffering.WHOLE_BELOW_LIMIT, false, false, true, WsaError.WSAEACCES, false, true,
                    false, false, false, true, false, WsaError.WSAECONNABORTED, true, true, true, true, WsaError.WSAEINVAL),
            new Costs(Durations.micros(2), 100, 100, Durations.micros(25)),
            new Memory(2L << 30, 1L << 20, 256L << 20, 2048));

    /**
     * Linux 6.x: 16 KiB / 128 KiB buffers, a set size doubled (at least 4,608 / 2,304 bytes), a receive
     * window of half the receive buffer, partial sends, listen auto-binds, a full queue drops SYNs,
     * TIME_WAIT 60 s holding the port, delayed ACKs of 40 ms (TCP_DELACK_MIN; quick-ack mode is not
     * modelled); its kernel memory is modelled with Windows' sizes.
     */
    public static final OsProfile LINUX = new OsProfile("linux",
            new TcpProfile(16384, 131072, 4608, 2304, 4096, 1, false, 0, Durations.seconds(1), Durations.seconds(127), true,
                    50, Durations.seconds(60), true, 64, new TcpProfile.KeepAlive(7200, 75, 9),
                    new TcpProfile.AckDelay(2, Durations.millis(40))),
            new SocketRules(true, SendBuffering.PARTIAL_UP_TO_LIMIT, true, true, false, WsaError.WSAEADDRINUSE, true, false,
                    true, true, true, false, true, null, false, false, false, false, WsaError.WSAEISCONN),
            new Costs(Durations.micros(1), 50, 100, Durations.micros(15)),
            new Memory(3L << 30, 8L << 20, 256L << 20, 2048));

    /** The profile of a name, or null. */
    public static OsProfile named(String name) {
        return switch (name) {
            case "windows" -> WINDOWS;
            case "linux" -> LINUX;
            default -> null;
        };
    }

    /** This profile with another process address space (how many thread stacks fit). */
    public OsProfile withAddressSpace(long bytes) {
        return new OsProfile(name, tcp, sockets, costs,
                new Memory(bytes, memory.defaultStackBytes(), memory.nonPagedPoolBytes(), memory.socketPoolBytes()));
    }

    /** This profile with another non-paged pool per machine (how many sockets fit). */
    public OsProfile withNonPagedPool(long bytes) {
        return new OsProfile(name, tcp, sockets, costs,
                new Memory(memory.addressSpaceBytes(), memory.defaultStackBytes(), bytes, memory.socketPoolBytes()));
    }

    // ---- UDP ----

    /** The datagram layer's rules: Linux's for the linux profile, Windows' otherwise. */
    public DatagramRules datagrams() {
        return name.equals("linux") ? DatagramRules.LINUX : DatagramRules.WINDOWS;
    }
}
