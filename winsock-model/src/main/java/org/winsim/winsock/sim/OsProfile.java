package org.winsim.winsock.sim;

import org.winsim.sim.Durations;
import org.winsim.winsock.api.WsaError;

/**
 * The choices where TCP/IP stacks differ, so one model can stand for Windows (the default) or for
 * Linux (to be checked against a real Linux kernel).
 *
 * @param defaultSndBuf SO_SNDBUF of a new socket
 * @param defaultRcvBuf SO_RCVBUF of a new socket
 * @param bufferSizesDoubled whether setsockopt(SO_SNDBUF/SO_RCVBUF, n) reads back as 2n (Linux)
 * @param minSndBuf smallest effective SO_SNDBUF (before doubling)
 * @param minRcvBuf smallest effective SO_RCVBUF (before doubling)
 * @param listenAutoBinds whether listen on an unbound socket binds it to an ephemeral port (else WSAEINVAL)
 * @param maxBacklog the queue length SOMAXCONN or any larger backlog gives
 * @param backlogSlack connections a listen queue holds beyond its backlog (Linux holds backlog + 1)
 * @param refuseWhenBacklogFull whether a SYN to a full queue is answered with RST (else dropped and retried)
 * @param synRetriesOnReset how often a SYN answered by RST is sent again before connect fails
 * @param synRetryIntervalNanos the wait before a SYN is sent again
 * @param connectTimeoutNanos when a connect that never hears back fails with WSAETIMEDOUT
 * @param resetOnCloseWithUnreadData whether closesocket with unread received data sends RST instead of FIN
 * @param soErrorClearedOnRead whether getsockopt(SO_ERROR) clears the pending error
 * @param hasExclusiveAddrUse whether SO_EXCLUSIVEADDRUSE exists
 * @param reuseConflictError the error of a SO_REUSEADDR bind onto a port held without it
 * @param reuseBlockedByListener whether a listening socket keeps even SO_REUSEADDR binds off its port (Linux)
 * @param acceptInheritsNonBlocking whether accept gives a non-blocking socket from a non-blocking listener
 * @param shutdownStopsListening whether shutdown on a listening socket succeeds and ends its listening (Linux)
   (else it fails with WSAENOTCONN, as on Windows)
 * @param unboundNameIsAny whether getsockname on an unbound socket gives 0.0.0.0:0 (Linux) rather than WSAEINVAL
 * @param urgentStyleBsd Linux's urgent-data answers: recv(MSG_OOB) with no urgent byte waiting fails with WSAEINVAL
   (Windows: would block), and SIOCATMARK is TRUE only when reading has reached the urgent mark (Windows:
   TRUE whenever no urgent byte is waiting)
 * @param callCostNanos CPU charged for each API call
 * @param selectNanosPerSocket CPU select charges per socket in its sets, each time it looks at them
 * @param copyNanosPerKiB CPU charged per KiB copied between a program's buffer and a socket buffer
 * @param threadCreateNanos CPU charged for CreateThread
 * @param addressSpaceBytes user address space of a process, from which thread stacks are reserved
 * @param defaultStackBytes stack reserved for a thread created with dwStackSize 0
 */
public record OsProfile(String name, int defaultSndBuf, int defaultRcvBuf, boolean bufferSizesDoubled, int minSndBuf,
                        int minRcvBuf, boolean listenAutoBinds, int maxBacklog, int backlogSlack,
                        boolean refuseWhenBacklogFull, int synRetriesOnReset, long synRetryIntervalNanos,
                        long connectTimeoutNanos, boolean resetOnCloseWithUnreadData, boolean soErrorClearedOnRead,
                        boolean hasExclusiveAddrUse, WsaError reuseConflictError, boolean reuseBlockedByListener,
                        boolean acceptInheritsNonBlocking,
                        boolean shutdownStopsListening, boolean unboundNameIsAny, boolean urgentStyleBsd,
                        long callCostNanos, long selectNanosPerSocket, long copyNanosPerKiB, long threadCreateNanos, long addressSpaceBytes,
                        long defaultStackBytes) {

    /**
     * Windows 10/11: 64 KiB socket buffers, backlog up to 200 and refused when full, a refused connect
     * reported after two SYN retries (about 2 s), a 2 GiB (32-bit) process address space with 1 MiB stacks.
     */
    public static final OsProfile WINDOWS = new OsProfile("windows", 65536, 65536, false, 0, 0, false, 200, 0, true,
            2, Durations.seconds(1), Durations.seconds(21), true, false, true, WsaError.WSAEACCES, false, true, false, false, false,
            Durations.micros(2), 100, 100, Durations.micros(25), 2L << 30, 1L << 20);

    /** Linux 6.x: 16 KiB / 128 KiB buffers read back doubled, listen auto-binds, a full queue drops SYNs. */
    public static final OsProfile LINUX = new OsProfile("linux", 16384, 131072, true, 2304, 1152, true, 4096, 1, false,
            0, Durations.seconds(1), Durations.seconds(127), true, true, false, WsaError.WSAEADDRINUSE, true, false, true, true, true,
            Durations.micros(1), 50, 100, Durations.micros(15), 3L << 30, 8L << 20);

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
        return new OsProfile(name, defaultSndBuf, defaultRcvBuf, bufferSizesDoubled, minSndBuf, minRcvBuf, listenAutoBinds,
                maxBacklog, backlogSlack, refuseWhenBacklogFull, synRetriesOnReset, synRetryIntervalNanos, connectTimeoutNanos,
                resetOnCloseWithUnreadData, soErrorClearedOnRead, hasExclusiveAddrUse, reuseConflictError,
                reuseBlockedByListener, acceptInheritsNonBlocking, shutdownStopsListening, unboundNameIsAny, urgentStyleBsd, callCostNanos, selectNanosPerSocket, copyNanosPerKiB, threadCreateNanos, bytes,
                defaultStackBytes);
    }

    /** SO_SNDBUF/SO_RCVBUF as getsockopt reads back a value that setsockopt stored. */
    int readBackBuffer(int stored) {
        return bufferSizesDoubled ? stored * 2 : stored;
    }
}
