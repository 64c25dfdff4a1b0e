package org.winsim.winsock.api;

/**
 * The ws2_32.dll functions winsim programs call, with their Win32 names, arguments and return
 * conventions: sockets are {@code long} handles; failures return {@code SOCKET_ERROR} or
 * {@code INVALID_SOCKET} and set the calling thread's last error to a WSA code.
 */
public interface Ws2_32Functions {


    // ---- ws2_32: start-up and errors ----

    /** {@code WSAStartup}: returns 0, or an error code (it does not set the last error). */
    int WSAStartup(int wVersionRequested, WSADATA lpWSAData);

    /** {@code WSACleanup}. */
    int WSACleanup();

    /** {@code WSAGetLastError}: the calling thread's last error. */
    int WSAGetLastError();

    /** {@code WSASetLastError}. */
    void WSASetLastError(int iError);

    // ---- ws2_32: sockets ----

    /** {@code socket}: a new socket, or INVALID_SOCKET. */
    long socket(int af, int type, int protocol);

    /** {@code bind}. */
    int bind(long s, sockaddr_in name, int namelen);

    /** {@code listen}. */
    int listen(long s, int backlog);

    /** {@code accept}: the connected socket, or INVALID_SOCKET; fills {@code addr} and {@code addrlen[0]} if given. */
    long accept(long s, sockaddr_in addr, int[] addrlen);

    /** {@code connect}. */
    int connect(long s, sockaddr_in name, int namelen);

    /** {@code send} of {@code len} bytes starting at {@code buf[off]}. */
    int send(long s, byte[] buf, int off, int len, int flags);

    /** {@code send} of {@code buf[0..len)}. */
    default int send(long s, byte[] buf, int len, int flags) {
        return send(s, buf, 0, len, flags);
    }

    /** {@code recv} into {@code buf[off..off+len)}. */
    int recv(long s, byte[] buf, int off, int len, int flags);

    /** {@code recv} into {@code buf[0..len)}. */
    default int recv(long s, byte[] buf, int len, int flags) {
        return recv(s, buf, 0, len, flags);
    }

    /** {@code shutdown}. */
    int shutdown(long s, int how);

    /**
     * {@code WSASendDisconnect}: {@code shutdown(SD_SEND)}, with outgoing disconnect data for protocols that
     * carry it (TCP and UDP do not: the data is ignored, as Windows' TCP/IP and Wine do).
     */
    int WSASendDisconnect(long s, WSABUF lpOutboundDisconnectData);

    /**
     * {@code WSARecvDisconnect}: {@code shutdown(SD_RECEIVE)}, with incoming disconnect data for protocols that
     * carry it (TCP and UDP do not: the buffer is left as it is).
     */
    int WSARecvDisconnect(long s, WSABUF lpInboundDisconnectData);

    /** {@code closesocket}. */
    int closesocket(long s);

    /** {@code ioctlsocket}: FIONBIO reads {@code argp[0]}; FIONREAD and SIOCATMARK write it. */
    int ioctlsocket(long s, int cmd, int[] argp);

    /** {@code setsockopt} with the option's bytes as the C structure lays them out (little-endian). */
    int setsockopt(long s, int level, int optname, byte[] optval, int optlen);

    /** {@code getsockopt}: writes the option's bytes and their count to {@code optval} and {@code optlen[0]}. */
    int getsockopt(long s, int level, int optname, byte[] optval, int[] optlen);

    /** {@code setsockopt} of a 4-byte integer option (BOOL, int, DWORD). */
    default int setsockopt(long s, int level, int optname, int value) {
        return setsockopt(s, level, optname, Structs.int32(value), 4);
    }

    /** {@code setsockopt(SO_LINGER)}. */
    default int setsockopt(long s, int level, int optname, linger value) {
        return setsockopt(s, level, optname, Structs.linger(value), 4);
    }

    /** {@code getsockname}. */
    int getsockname(long s, sockaddr_in name, int[] namelen);

    /** {@code getpeername}. */
    int getpeername(long s, sockaddr_in name, int[] namelen);

    /** {@code select}: {@code nfds} is ignored, as on Windows; a null timeout waits forever. */
    int select(int nfds, fd_set readfds, fd_set writefds, fd_set exceptfds, timeval timeout);

    // ---- ws2_32: WSAEventSelect and WSAAsyncSelect (issue 11) ----

    /** {@code WSACreateEvent}: a manual-reset, non-signalled event, or WSA_INVALID_EVENT. */
    long WSACreateEvent();

    /** {@code WSASetEvent}: TRUE, or FALSE with WSA_INVALID_HANDLE. */
    int WSASetEvent(long hEvent);

    /** {@code WSAResetEvent}. */
    int WSAResetEvent(long hEvent);

    /** {@code WSACloseEvent}. */
    int WSACloseEvent(long hEvent);

    /**
     * {@code WSAEventSelect}: from now on the network events in {@code lNetworkEvents} are recorded in the
     * socket's record and signal {@code hEventObject}; cancels any earlier selection and makes the socket
     * non-blocking. A mask of 0 cancels.
     */
    int WSAEventSelect(long s, long hEventObject, int lNetworkEvents);

    /** {@code WSAEnumNetworkEvents}: copies and clears the socket's record; resets {@code hEventObject} when given (not 0). */
    int WSAEnumNetworkEvents(long s, long hEventObject, WSANETWORKEVENTS lpNetworkEvents);

    /**
     * {@code WSAWaitForMultipleEvents}: WSA_WAIT_EVENT_0 + the lowest signalled index (0 for a satisfied
     * wait-all), WSA_WAIT_TIMEOUT, WSA_WAIT_IO_COMPLETION, or WSA_WAIT_FAILED (more than 64 events or
     * none: WSA_INVALID_PARAMETER).
     */
    int WSAWaitForMultipleEvents(int cEvents, long[] lphEvents, boolean fWaitAll, int dwTimeout, boolean fAlertable);

    /**
     * {@code WSAAsyncSelect}: from now on each network event in {@code lEvent} posts {@code wMsg} to
     * {@code hWnd} with wParam = the socket and lParam = WSAMAKESELECTREPLY(event, error); cancels any
     * earlier selection and makes the socket non-blocking. A mask of 0 cancels (messages already posted stay).
     */
    int WSAAsyncSelect(long s, long hWnd, int wMsg, int lEvent);

    // ---- ws2_32: overlapped I/O and the Microsoft extensions (issue 12) ----

    /**
     * {@code WSASocket}: a socket, overlapped-capable with WSA_FLAG_OVERLAPPED (socket() always is);
     * {@code g} must be 0, and {@code lpProtocolInfo} null or a {@link WSAPROTOCOL_INFO} that
     * WSADuplicateSocket filled (a second descriptor of that socket; af, type and protocol are then ignored).
     */
    long WSASocket(int af, int type, int protocol, Object lpProtocolInfo, int g, int dwFlags);

    /**
     * {@code WSASend} of {@code lpBuffers[0..dwBufferCount)}, gathered in order. With an OVERLAPPED: 0
     * when it completed at once (the count in {@code lpNumberOfBytesSent[0]}, and the completion still
     * notified), or SOCKET_ERROR with WSA_IO_PENDING; the routine, if any, is queued to the calling thread.
     */
    int WSASend(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags,
                WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

    /** {@code WSARecv} into {@code lpBuffers[0..dwBufferCount)}, filled in order; as WSASend for the OVERLAPPED. */
    int WSARecv(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

    /**
     * {@code WSAGetOverlappedResult}: TRUE with the byte count and flags when the operation succeeded;
     * FALSE with WSA_IO_INCOMPLETE while it is pending ({@code fWait} FALSE), or with the WSA error its
     * status maps to.
     */
    int WSAGetOverlappedResult(long s, WSAOVERLAPPED lpOverlapped, int[] lpcbTransfer, boolean fWait, int[] lpdwFlags);

    /**
     * {@code WSAIoctl}: FIONBIO (input: a 4-byte {@code byte[]}), FIONREAD and SIOCATMARK (output: a
     * {@code byte[]} of at least 4), SIO_GET_EXTENSION_FUNCTION_POINTER (input: a {@link GUID}; output:
     * an {@code Object[1]} that receives the function object, {@code cbOutBuffer} a pointer's size).
     */
    int WSAIoctl(long s, int dwIoControlCode, Object lpvInBuffer, int cbInBuffer, Object lpvOutBuffer, int cbOutBuffer,
                 int[] lpcbBytesReturned, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

    // ---- duplicated handles and deferred accept ----

    /**
     * {@code WSAAccept}: takes the first queued connection (waiting for one on a blocking socket) and asks
     * {@code lpfnCondition} (none: accept): CF_ACCEPT returns its new socket as accept does; CF_REJECT resets
     * it and fails with WSAECONNREFUSED; CF_DEFER leaves it first in the queue and fails with WSATRY_AGAIN,
     * without re-enabling FD_ACCEPT; any other answer fails with WSAEINVAL.
     */
    long WSAAccept(long s, sockaddr_in addr, int[] addrlen, LPCONDITIONPROC lpfnCondition, long dwCallbackData);

    /**
     * {@code WSADuplicateSocket} (A or W): fills {@code lpProtocolInfo} so that process {@code dwProcessId}
     * (here: the calling process) can open a second descriptor of socket {@code s} with
     * {@code WSASocket(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, lpProtocolInfo, 0, flags)};
     * the descriptors share the socket, which stays open (with its pending I/O) until the last is closed.
     * 0, or SOCKET_ERROR: WSAENOTSOCK, WSAEFAULT (no structure), WSAEINVAL (another process).
     */
    int WSADuplicateSocket(long s, int dwProcessId, WSAPROTOCOL_INFO lpProtocolInfo);

    // ---- WSAPoll ----

    /**
     * {@code WSAPoll}: writes each entry's {@code revents} and returns how many entries have a non-zero
     * one, 0 when {@code timeout} ms passed first (negative: no limit; 0: no wait); SOCKET_ERROR with
     * WSAEINVAL for no entries, WSAEFAULT for a NULL array, WSAENOTSOCK when no entry is a socket.
     */
    int WSAPoll(WSAPOLLFD[] fdArray, int fds, int timeout);

    // ---- ws2_32: datagram sockets (UDP) ----

    /**
     * {@code sendto} of {@code len} bytes starting at {@code buf[off]} to {@code to} ({@code tolen} bytes
     * of it); on a datagram socket a null {@code to} sends to the connected peer. Connection-oriented
     * sockets ignore {@code to}.
     */
    int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen);

    /** {@code sendto} of {@code buf[0..len)}. */
    default int sendto(long s, byte[] buf, int len, int flags, sockaddr_in to, int tolen) {
        return sendto(s, buf, 0, len, flags, to, tolen);
    }

    /**
     * {@code recvfrom} into {@code buf[off..off+len)}: on a datagram socket one datagram, its source in
     * {@code from} and {@code fromlen[0]} when given; one longer than the buffer fills it and fails with
     * WSAEMSGSIZE (the rest is lost).
     */
    int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen);

    /** {@code recvfrom} into {@code buf[0..len)}. */
    default int recvfrom(long s, byte[] buf, int len, int flags, sockaddr_in from, int[] fromlen) {
        return recvfrom(s, buf, 0, len, flags, from, fromlen);
    }

    /**
     * {@code WSASendTo}: one datagram gathered from {@code lpBuffers[0..dwBufferCount)} to {@code lpTo}
     * (null: the connected peer); as WSASend for the count and the OVERLAPPED. A stream socket ignores
     * {@code lpTo}.
     */
    int WSASendTo(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags, sockaddr_in lpTo,
                  int iTolen, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

    /**
     * {@code WSARecvFrom}: one datagram scattered into {@code lpBuffers[0..dwBufferCount)}, its source in
     * {@code lpFrom} and {@code lpFromlen[0]} when given; as WSARecv for the count, flags and OVERLAPPED. A
     * datagram longer than the buffers fills them and fails with WSAEMSGSIZE (pending: the status
     * STATUS_BUFFER_OVERFLOW with the bytes copied).
     */
    int WSARecvFrom(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags, sockaddr_in lpFrom,
                    int[] lpFromlen, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

    /**
     * {@code WSASendMsg}: one datagram of {@code lpMsg}'s buffers to its name (null: the connected peer);
     * a NULL message is WSAEFAULT and a stream socket WSAEINVAL; as WSASendTo for the count and OVERLAPPED.
     */
    int WSASendMsg(long s, WSAMSG lpMsg, int dwFlags, int[] lpNumberOfBytesSent, WSAOVERLAPPED lpOverlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
}
