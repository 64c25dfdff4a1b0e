package org.winsim.scenarios.script;

import java.util.List;

/**
 * Where Wine (8.0, through the agent) is known not to answer as Windows does, as the rules
 * {@code winsim compare --against wine} applies: a line a rule matches is a "Wine divergence", not a
 * difference. Each rule's id is the row of {@code docs/wine-divergences.md} that holds its evidence
 * (the facts from real Windows, and what Wine was seen to answer); a test keeps the two lists the same.
 *
 * <p>Adding one: a {@link DivergenceRule#of} entry (id, title, the call's pattern, Wine's result, the
 * model's result, the evidence in short), {@code .after(ids)} when it is a consequence of another, and
 * its row in the document. Results are matched as the comparison prints them (ports as {@code *}).
 */
public final class WineDivergences {
    private WineDivergences() {
    }

    /** A Winsock error result that means the connection was reset or aborted. */
    private static final String RESET = ".*(WSAECONNRESET|WSAECONNABORTED|10054|10053).*";

    public static final List<DivergenceRule> RULES = List.of(
            DivergenceRule.of("W1", "Wine loses an incoming RST: a graceful close is reported (recv, a WSARecv issued after it, FD_CLOSE)",
                    "(recv|WSARecv|WSAEnumNetworkEvents|pump|GetMessage|PeekMessage) .*", "(0( bytes=0)?|(?!" + RESET + ").*FD_CLOSE.*)", RESET,
                    "facts IO-08, IO-09, EVT-31, OVL-11; observed: recv after the peer's abortive close (or close with "
                            + "unread data) -> 0; FD_CLOSE error 0; an overlapped WSARecv issued after the reset -> 0, 0 bytes"),
            DivergenceRule.of("W2", "close while an overlapped operation is pending completes with other status codes on Wine",
                    "(GetQueuedCompletionStatus|GetQueuedCompletionStatusEx|GetOverlappedResult|WSAGetOverlappedResult|join) .*",
                    ".*(ERROR_HANDLES_CLOSED|676|STATUS_HANDLES_CLOSED|0x8000000[aA]|FALSE WSAEINVAL).*",
                    ".*(ERROR_CONNECTION_ABORTED|1236|STATUS_CONNECTION_ABORTED|WSAECONNABORTED|WSA_OPERATION_ABORTED|ERROR_OPERATION_ABORTED|995).*",
                    "facts OVL-07, IOCP-12 (todo_wine); observed: FALSE, 676, Internal 0x8000000A (a status with no WSA "
                            + "spelling, so WSAGetOverlappedResult gives WSAEINVAL)"),
            DivergenceRule.of("W3", "Wine holds FD_CLOSE back until the data before it is read; Windows signals it at once",
                    "(WSAEnumNetworkEvents|WSAWaitForMultipleEvents|pump|GetMessage|PeekMessage|join) .*", "(?!.*FD_CLOSE).*",
                    ".*FD_CLOSE.*", "fact EVT-30 (todo_wine); observed: events=FD_READ only, 200 ms after the peer's close"),
            DivergenceRule.of("W4", "SO_ERROR is not writable on Wine: setsockopt succeeds, getsockopt still says 0",
                    "getsockopt \\S+ (SOL_SOCKET )?SO_ERROR.*", "0 0", "0 [1-9]\\d*",
                    "fact ERR-21 (todo_wine); observed: setsockopt SO_ERROR 1234, getsockopt SO_ERROR -> 0"),
            DivergenceRule.of("W5", "after a refused connect Wine leaves WSAECONNREFUSED in SO_ERROR; Windows clears it",
                    "getsockopt \\S+ (SOL_SOCKET )?SO_ERROR.*", "0 10061", "0 0",
                    "fact SEL-10 (todo_wine); observed: getsockopt SO_ERROR after a refused blocking connect -> 10061"),
            DivergenceRule.of("W6", "timing: Wine refuses a loopback connect at once; Windows retries the SYN for about 2 s",
                    "(connect|ConnectEx) .*", "SOCKET_ERROR WSAECONNREFUSED|FALSE.*", "PENDING",
                    "fact ERR-15 and the facts' timing notes; observed: a blocking connect to a closed loopback port fails in ~1 ms"),
            DivergenceRule.of("W7", "buffer sizes, and so partial-send counts and would-block, are the Linux socket's under Wine",
                    "(getsockopt \\S+ (SOL_SOCKET )?SO_(RCV|SND)BUF.*|send .*|WSASend .*|ioctlsocket \\S+ FIONREAD.*)",
                    "(0 )?\\d+.*", "(0 )?\\d+.*|SOCKET_ERROR WSAEWOULDBLOCK",
                    "observed: SO_RCVBUF 131072 and SO_SNDBUF 16384 on a fresh socket; send 20000 takes 16384 then 4096 "
                            + "with SO_SNDBUF and the peer's SO_RCVBUF 8192, where Windows takes 8192 twice"),
            DivergenceRule.of("W8", "a receive's count follows the Linux-sized sends before it (W7)",
                    "(recv|WSARecv) .*", "\\d+.*", "\\d+.*",
                    "a consequence of W7: the receiver has what Linux's buffers let the sender queue").after("W7"),
            DivergenceRule.of("W9", "completion ports: Wine wakes waiters FIFO and ignores the concurrency value",
                    "(GetQueuedCompletionStatus|GetQueuedCompletionStatusEx) .*", "TRUE.*|PENDING|BLOCKED", "TRUE.*|PENDING|BLOCKED",
                    "fact IOCP-19 (documented: LIFO waiters, NumberOfConcurrentThreads); Wine's FIXMEs in server/completion.c; "
                            + "observed: three waiters released in varying order"),
            DivergenceRule.of("W10", "a socket whose connect was refused cannot connect again on Wine",
                    "connect .*", "SOCKET_ERROR WSAECONNABORTED", "SOCKET_ERROR WSAEWOULDBLOCK|0",
                    "fact ERR-15 (Windows: the same socket, set non-blocking, connects again); observed: WSAECONNABORTED"),
            DivergenceRule.of("W11", "select never sees the connect W10 refused complete",
                    "select .*", "0.*", "1.*", "a consequence of W10").after("W10"),
            DivergenceRule.of("W12", "accept with too short an address length takes the connection off the queue and closes it",
                    "accept .*", "BLOCKED|INVALID_SOCKET WSAEWOULDBLOCK", "(?!INVALID_SOCKET).*",
                    "fact ERR-10 (Windows: WSAEFAULT, the connection stays queued); observed: WSAEFAULT, then select finds "
                            + "the listener empty and the client's recv returns 0"),
            DivergenceRule.of("W13", "connect with a NULL address and length 0 succeeds on Wine (and binds the socket)",
                    "connect \\S+ NULL.*", "0", "SOCKET_ERROR WSAEFAULT",
                    "fact ERR-16 (Windows: WSAEFAULT); observed: connect(s, NULL, 0) -> 0, then getsockname -> 0.0.0.0:0"),
            DivergenceRule.of("W14", "SO_REUSEADDR follows Linux: a second listener on the shared port is refused",
                    "listen .*", "SOCKET_ERROR WSAEADDRINUSE", "0",
                    "fact ERR-07 (Windows: both listen, the first gets the connection); observed: listen -> WSAEADDRINUSE"),
            DivergenceRule.of("W15", "recv with MSG_WAITALL returns what has arrived on Wine instead of filling the buffer",
                    "(recv|WSARecv) .*MSG_WAITALL.*", "\\d+", "\\d+",
                    "facts IO-05, IO-06 (Windows: the whole buffer); observed: recv 1048576 MSG_WAITALL -> 80357"),
            DivergenceRule.of("W16", "a sender blocked behind W15's short receive stays blocked",
                    "(send|WSASend) .*", "PENDING|BLOCKED", "\\d+.*", "a consequence of W15").after("W15"),
            DivergenceRule.of("W17", "SIOCATMARK stays FALSE on Wine after the urgent byte was read out of line",
                    "ioctlsocket \\S+ SIOCATMARK.*", "0 0", "0 1",
                    "fact IO-11 (partly todo_wine: Windows is TRUE again once no urgent byte is queued); observed: "
                            + "recv MSG_OOB took the byte, SIOCATMARK -> 0"),
            // issue 11: the notification models' todo_wine facts, seen through the script verbs
            DivergenceRule.of("W18", "the FD_CLOSE W3 held back comes once the data before it was read",
                    "(WSAEnumNetworkEvents|pump|GetMessage|PeekMessage) .*", ".*FD_CLOSE.*", "(?!.*FD_CLOSE).*",
                    "a consequence of W3 (EVT-30): Windows reported it before; observed: pump after the last recv -> 1 FD_CLOSE(a)")
                    .after("W3"),
            DivergenceRule.of("W19", "message mode: Wine does not re-post FD_READ, FD_CLOSE or FD_ACCEPT after a failed call or a re-select",
                    "pump .*", "0", "[1-9]\\d* .*(FD_READ|FD_CLOSE|FD_ACCEPT).*",
                    "facts EVT-21 (FD_READ after a failed recv, todo_wine), EVT-31 (FD_CLOSE|WSAECONNABORTED on re-select, "
                            + "todo_wine), EVT-33 (FD_ACCEPT after a failed accept; on Wine W12 took the connection); "
                            + "observed: pump -> 0"),
            DivergenceRule.of("W20", "event mode: new data without a recv records no second FD_READ on Wine",
                    "(WSAWaitForMultipleEvents|WSAEnumNetworkEvents) .*", "WSA_WAIT_TIMEOUT|0", "WSA_WAIT_EVENT_0|0 events=FD_READ.*",
                    "fact EVT-19 (todo_wine); observed: after the first FD_READ was enumerated, 5 more bytes -> "
                            + "WSAWaitForMultipleEvents times out, WSAEnumNetworkEvents -> 0"),
            DivergenceRule.of("W21", "the FD_WRITE after draining follows W8's Linux-sized queue: none yet on Wine",
                    "pump .*", "0", "1 FD_WRITE.*",
                    "a consequence of W7/W8 (EVT-18): Wine's receiver drained what Linux queued, its sender never blocked "
                            + "the same way; observed: pump -> 0").after("W8"),
            DivergenceRule.of("W22", "a GetQueuedCompletionStatusEx that times out says one entry was removed on Wine",
                    "GetQueuedCompletionStatusEx .*", "FALSE WAIT_TIMEOUT removed=1.*", "FALSE WAIT_TIMEOUT removed=0.*",
                    "fact IOCP-19's script; observed through the agent: FALSE, 258, *ulNumEntriesRemoved = 1 with no "
                            + "entry written (the agent passes 0 in); Windows' value on failure is undocumented, the model "
                            + "leaves 0 (nothing was removed)"),
            // issue 12: the extension functions
            DivergenceRule.of("W23", "connect on a socket ConnectEx connected is WSAEISCONN on Wine, WSAEINVAL on Windows",
                    "connect .*", "SOCKET_ERROR WSAEISCONN", "SOCKET_ERROR WSAEINVAL",
                    "fact ERR-13 (todo_wine: WSAEINVAL until SO_UPDATE_CONNECT_CONTEXT); observed: ConnectEx completes, "
                            + "connect -> WSAEISCONN"),
            // ---- WSAPoll ---- (W27 stands before W24, whose pattern would take its lines)
            DivergenceRule.of("W27", "an APC queued to a thread waiting in WSAPoll never runs on Wine: its WSAPoll does not wait alertably",
                    "calls pollapc\\d*", "0 data=\\{\\} thread=\\{\\} order=\\{\\}", "[1-9]\\d* data=.*",
                    "fact APC-05 (test_WSAPoll: the APC runs, apc_count 1); observed: spawn p: WSAPoll {a2=POLLRDNORM} 2000, "
                            + "QueueUserAPC pollapc1 p 4, the peer sends, join p -> 1 POLLRDNORM, calls pollapc1 -> 0"),
            DivergenceRule.of("W24", "an APC queued to a thread blocked in accept never runs on Wine: its accept does not wait alertably",
                    "calls .*", "0 data=\\{\\} thread=\\{\\} order=\\{\\}", "[1-9]\\d* data=.*",
                    "fact APC-05 (Windows: the APC runs during the accept, which still returns the connection); observed: "
                            + "spawn t: accept l, QueueUserAPC apc1 t 1 -> TRUE, a connect; accept returns, calls apc1 -> 0"),
            DivergenceRule.of("W25", "the calls recorded after W24's lost APC are numbered one lower",
                    "calls .*", "[1-9]\\d* .*order=.*", "[1-9]\\d* .*order=.*", "a consequence of W24").after("W24"),
            // ---- duplicated handles and deferred accept ----
            DivergenceRule.of("WD1", "a WSAAccept that deferred (CF_DEFER) re-enabled FD_ACCEPT on Wine: the next connection is posted",
                    "pump .*", "[1-9]\\d* .*FD_ACCEPT.*", "0",
                    "fact ERR-24 and the documented re-enabling rule (WSAAsyncSelect, WSPAsyncSelect: FD_ACCEPT is re-enabled by "
                            + "accept or WSAAccept unless it fails with WSATRY_AGAIN); Wine's WSAAccept accepts before it asks the "
                            + "condition function; observed: a deferral, a second connect, pump -> 1 FD_ACCEPT(l)"),
            // ---- WSAPoll ----
            DivergenceRule.of("W26", "a select or WSAPoll re-signals the WSAEventSelect event of a socket whose FD_READ still holds on Wine",
                    "WSAWaitForMultipleEvents .*", "WSA_WAIT_EVENT_0", "WSA_WAIT_TIMEOUT",
                    "fact SEL-16 (test_select_after_WSAEventSelect: the event stays unsignalled); observed: FD_READ fired, "
                            + "WSAResetEvent, then select read={a} timeout=0 or WSAPoll -> the event is signalled again"),
            DivergenceRule.of("W28", "WSAPoll takes any events on Wine; Windows accepts only POLLRDNORM, POLLRDBAND and POLLWRNORM",
                    "WSAPoll .*", "\\d+ revents=.*", "SOCKET_ERROR WSAEINVAL revents=.*",
                    "fact ERR-25 (test_WSAPoll: WSAEINVAL with every revents 0, todo_wine); observed: WSAPoll {l=POLLPRI} 0 "
                            + "-> 0 revents={0}, {l=POLLIN,0xabacab=POLLERR} -> 1 revents={POLLRDNORM,POLLNVAL}"),
            DivergenceRule.of("W29", "after a refused connect WSAPoll reports POLLERR alone on Wine; Windows adds POLLHUP and POLLWRNORM",
                    "WSAPoll .*", "1 revents=\\{POLLERR\\}", "1 revents=\\{POLLWRNORM\\|POLLERR\\|POLLHUP\\}",
                    "Wine's sock.c test_WSAPoll (check_poll_todo after a refused connect: POLLWRNORM|POLLHUP|POLLERR on "
                            + "Windows); observed: the lesson wsapoll-states, connect refused, WSAPoll -> 1 revents={POLLERR}"),
            // ---- closesocket with SO_LINGER ----
            DivergenceRule.of("WL1", "closesocket of a non-blocking socket with a linger timeout and unacknowledged data closes at once on Wine",
                    "closesocket \\S+", "0", "SOCKET_ERROR WSAEWOULDBLOCK",
                    "fact LINGER-01 (msafd's WSPCloseSocket and closesocket's page: WSAEWOULDBLOCK, the socket left open); "
                            + "observed: SO_LINGER {1, 5}, FIONBIO 1, 100000 bytes sent to a peer that does not read, closesocket -> 0"),
            DivergenceRule.of("WL2", "the socket WL1 closed is gone on Wine: calls on it fail with WSAENOTSOCK",
                    ".*", "SOCKET_ERROR WSAENOTSOCK", ".*", "a consequence of WL1").after("WL1"),
            DivergenceRule.of("WL3", "the peer of the socket WL1 closed gracefully reads its data instead of the later abortive close's reset",
                    "(recv|WSARecv) .*", "\\d+.*", "SOCKET_ERROR WSAECONNRESET", "a consequence of WL1").after("WL1"),
            // ---- UDP ----
            DivergenceRule.of("W41", "getpeername on an unconnected UDP socket checks its pointers first on Wine: WSAEFAULT, not WSAENOTCONN",
                    "getpeername \\S+ NULL", "SOCKET_ERROR WSAEFAULT", "SOCKET_ERROR WSAENOTCONN",
                    "fact ERR-09 (Windows: WSAENOTCONN even with NULL pointers); observed: getpeername(u, NULL, NULL) -> WSAEFAULT"),
            DivergenceRule.of("W42", "a connected UDP socket's send fails with WSAECONNREFUSED after an ICMP port unreachable on Wine",
                    "(send|sendto|WSASend|WSASendTo) .*", "SOCKET_ERROR WSAECONNREFUSED", "\\d+.*",
                    "fact IO-18 (Windows: 10 sends to a port nobody holds all succeed); observed: every second send -> WSAECONNREFUSED"),
            DivergenceRule.of("W43", "sendto port 0 fails with WSAEINVAL on Wine (Linux's answer); Windows sends the datagram",
                    "(sendto|WSASendTo) \\S+ \\S+ [0-9.]+:0( .*)?", "SOCKET_ERROR WSAEINVAL", "\\d+.*",
                    "fact IO-18 (Windows: sendto port 0 succeeds); observed: sendto 127.0.0.1:0 -> WSAEINVAL"),
            DivergenceRule.of("W44", "WSASendMsg on a TCP socket is not refused with WSAEINVAL on Wine: the stream's own error comes instead",
                    "WSASendMsg .*", "SOCKET_ERROR (?!WSAEINVAL)WSAE\\w+", "SOCKET_ERROR WSAEINVAL",
                    "fact ERR-22 (todo_wine; Windows: WSAEINVAL); observed: WSASendMsg on an unconnected TCP socket -> WSAECONNRESET"),
            DivergenceRule.of("W45", "after an ICMP port unreachable a UDP receive fails with WSAECONNREFUSED on Wine, WSAECONNRESET on Windows",
                    "(recv|recvfrom|WSARecv|WSARecvFrom) .*", "SOCKET_ERROR WSAECONNREFUSED", "SOCKET_ERROR WSAECONNRESET",
                    "recvfrom's documentation (WSAECONNRESET: a previous send drew an ICMP port unreachable); observed: "
                            + "recv on a UDP socket connected to a closed port -> WSAECONNREFUSED (Linux's error)"),
            // ---- session-5 sweep: WSAEventSelect / WSAAsyncSelect (scripts name these UDP sockets and events udp...) ----
            DivergenceRule.of("W46", "an unbound UDP socket records FD_WRITE at once in event mode on Wine; Windows records nothing until it is bound or connected",
                    "(WaitForSingleObject|WSAWaitForMultipleEvents|WSAEnumNetworkEvents) .*\\budp\\w*.*",
                    "WAIT_OBJECT_0|WSA_WAIT_EVENT_0|0 events=FD_WRITE errors=\\{0\\}", "WAIT_TIMEOUT|WSA_WAIT_TIMEOUT|0",
                    "fact EVT-15 (test_connect_events, check_events_todo_event); observed: WSAEventSelect on a fresh UDP "
                            + "socket, WaitForSingleObject -> WAIT_OBJECT_0, WSAEnumNetworkEvents -> events=FD_WRITE"),
            DivergenceRule.of("W47", "connect on that UDP socket then records nothing on Wine; Windows records FD_CONNECT and FD_WRITE",
                    "(WaitForSingleObject|WSAWaitForMultipleEvents|WSAEnumNetworkEvents) .*\\budp\\w*.*",
                    "WAIT_TIMEOUT|WSA_WAIT_TIMEOUT|0", "WAIT_OBJECT_0|WSA_WAIT_EVENT_0|0 events=FD_WRITE\\|FD_CONNECT.*",
                    "fact EVT-15 (check_events_todo: FD_CONNECT, FD_WRITE); observed: connect, WaitForSingleObject 200 -> "
                            + "WAIT_TIMEOUT, WSAEnumNetworkEvents -> 0").after("W46"),
            DivergenceRule.of("W48", "message mode: connect on a UDP socket posts no second FD_WRITE on Wine",
                    "pump .*", "0", "1 FD_WRITE\\(udp\\w*\\)",
                    "fact EVT-15 (check_events_todo: FD_WRITE after connect); observed: WSAAsyncSelect on a fresh UDP socket, "
                            + "pump -> 1 FD_WRITE, connect, pump -> 0"),
            DivergenceRule.of("W49", "event mode: a second urgent byte, or a recv(MSG_OOB) that leaves one waiting, records no FD_OOB on Wine",
                    "(WaitForSingleObject|WSAWaitForMultipleEvents|WSAEnumNetworkEvents) .*\\boob\\w*.*",
                    "WAIT_TIMEOUT|WSA_WAIT_TIMEOUT|0", "WAIT_OBJECT_0|WSA_WAIT_EVENT_0|0 events=FD_OOB.*",
                    "fact EVT-27 and WEV-03 (test_oob_events: check_events_todo_event, check_events_todo); observed: FD_OOB "
                            + "enumerated, a second send MSG_OOB, WaitForSingleObject 200 -> WAIT_TIMEOUT"),
            DivergenceRule.of("W50", "Wine keeps one urgent byte: a second recv(MSG_OOB) after two urgent sends finds none",
                    "recv oob\\w* .*MSG_OOB.*", "SOCKET_ERROR WSAEWOULDBLOCK", "1.*",
                    "fact WEV-03 (test_oob_events: todo_wine ok(ret == 1)); observed: two send MSG_OOB, recv MSG_OOB -> 1, "
                            + "recv MSG_OOB -> WSAEWOULDBLOCK (Linux keeps the latest urgent byte only)"),
            DivergenceRule.of("W51", "message mode: a recv(MSG_OOB) that leaves an urgent byte waiting posts no FD_OOB on Wine",
                    "pump .*", "0", "1 FD_OOB\\(oob\\w*\\)",
                    "fact EVT-27 and WEV-03 (test_oob_events: check_events_todo); observed: two send MSG_OOB, recv MSG_OOB, pump -> 0"),
            DivergenceRule.of("W53", "event mode: a second connection queued before any accept records no second FD_ACCEPT on Wine",
                    "(WaitForSingleObject|WSAWaitForMultipleEvents|WSAEnumNetworkEvents) .*\\bacc\\w*.*",
                    "WAIT_TIMEOUT|WSA_WAIT_TIMEOUT|0", "WAIT_OBJECT_0|WSA_WAIT_EVENT_0|0 events=FD_ACCEPT.*",
                    "fact WEV-07 (test_accept_events: check_events_todo after the second connect, event mode); observed: "
                            + "FD_ACCEPT enumerated, a second connect, WaitForSingleObject 200 -> WAIT_TIMEOUT"),
            // ---- session-5 sweep: socket state errors, options, bind (WSK) ----
            // Each rule matches only the sockets its scripts name for it (portmate_, rotype_, selnb_, debug2_, shutname_,
            // inlurg_, pollhup_, neverconn_, lsnsend_, nolisten_); WK4's socket() names none: it matches one argument list.
            DivergenceRule.of("WK1", "a specific address and the wildcard cannot share a port on Wine (Linux's rule)",
                    "bind portmate_\\w+ [0-9.]+:\\d+", "SOCKET_ERROR WSAEADDRINUSE", "0",
                    "fact WSK-01 (todo_wine; Windows: both bind without options); observed: bind 127.0.0.1:P beside "
                            + "0.0.0.0:P -> WSAEADDRINUSE"),
            DivergenceRule.of("WK2", "the socket WK1 refused cannot listen, nor take the connection",
                    "listen portmate_\\w+ .*|select read=\\{[^}]*\\bportmate_\\w+[^}]*\\} .*", "SOCKET_ERROR WSAEINVAL|1 .*", "0|1 .*",
                    "a consequence of WK1").after("WK1"),
            DivergenceRule.of("WK3", "setting the read-only SO_TYPE of a UDP socket is WSAENOPROTOOPT on Wine, WSAEINVAL on Windows",
                    "setsockopt rotype_\\w+ SO_TYPE .*", "SOCKET_ERROR WSAENOPROTOOPT", "SOCKET_ERROR WSAEINVAL",
                    "fact WSK-03 (todo_wine in test_WSASocket); observed: setsockopt(udp, SO_TYPE) -> WSAENOPROTOOPT"),
            DivergenceRule.of("WK4", "socket() with an unknown family and an unknown protocol blames the protocol on Wine 8.0",
                    "socket 0xdead SOCK_STREAM 0xdead", "INVALID_SOCKET WSAEPROTONOSUPPORT", "INVALID_SOCKET WSAEAFNOSUPPORT",
                    "fact WSK-03 (test_WSASocket row 7, no todo_wine in Wine's newer tree); observed: socket(0xdead, "
                            + "SOCK_STREAM, 0xdead) -> WSAEPROTONOSUPPORT"),
            DivergenceRule.of("WK5", "WSAIoctl(FIONBIO) on a socket with a WSAEventSelect selection fails even for 1 on Wine 8.0, and leaves the count",
                    "WSAIoctl selnb_\\w+ FIONBIO .*", "SOCKET_ERROR WSAEINVAL bytes=[1-9]\\d*", "0 bytes=0|SOCKET_ERROR WSAEINVAL bytes=0",
                    "fact WEV-05 (test_fionbio: FIONBIO 1 succeeds, 0 is WSAEINVAL with the count 0, todo_wine); observed: "
                            + "both WSAEINVAL, the count untouched"),
            DivergenceRule.of("WK6", "SO_DEBUG set to 2 still reads 0 on Wine",
                    "getsockopt debug2_\\w+ SO_DEBUG.*", "0 0", "0 1",
                    "fact WSK-08 (todo_wine in test_so_debug); observed: setsockopt(SO_DEBUG, 2) -> 0, getsockopt -> 0"),
            DivergenceRule.of("WK7", "getpeername after both directions are shut down is WSAENOTCONN on Wine 8.0",
                    "getpeername shutname_\\w+", "SOCKET_ERROR WSAENOTCONN", "0 .*",
                    "fact WSK-09 (test_shutdown, not todo_wine in Wine's newer tree); observed: after SD_SEND on both ends, "
                            + "or SD_BOTH, getpeername -> WSAENOTCONN"),
            DivergenceRule.of("WK8", "WSAPoll still reports POLLRDNORM after an inline urgent byte was read, on Wine",
                    "WSAPoll \\{inlurg_\\w+=[^,}]*\\} .*", "1 revents=\\{POLLRDNORM\\|POLLWRNORM\\}", "1 revents=\\{POLLWRNORM\\}",
                    "fact WSK-10 (check_poll_todo in test_WSAPoll); observed: an urgent byte read with MSG_OOB, SO_OOBINLINE, "
                            + "a second urgent byte read inline -> POLLRDNORM|POLLWRNORM (without the first, Wine agrees)"),
            DivergenceRule.of("WK9", "WSAPoll reports no POLLHUP after the peer's shutdown(SD_SEND) once data has arrived, on Wine",
                    "WSAPoll \\{pollhup_\\w+=[^,}]*\\} .*", "\\d revents=\\{(?!.*POLLHUP).*\\}", "1 revents=\\{.*POLLHUP\\}",
                    "fact WSK-10 (check_poll_mask_todo in test_WSAPoll); observed: data, then the peer's SD_SEND: events 0 -> 0 revents={0}, "
                            + "all -> no POLLHUP (on a connection that carried no data Wine reports POLLHUP)"),
            DivergenceRule.of("WK10", "send on a TCP socket that never connected is WSAECONNRESET on Wine 8.0",
                    "send neverconn_\\w+ .*", "SOCKET_ERROR WSAECONNRESET", "SOCKET_ERROR WSAENOTCONN",
                    "fact WSK-11 (send's documentation: WSAENOTCONN; test_connecting_socket); observed: send on a fresh socket -> WSAECONNRESET"),
            DivergenceRule.of("WK11", "send on a listening socket blocks on Wine 8.0 (and so does recv)",
                    "send lsnsend_\\w+ .*", "BLOCKED|PENDING", "SOCKET_ERROR WSAENOTCONN",
                    "fact WSK-11 (send's documentation: WSAENOTCONN); observed: send on a listener never returns"),
            DivergenceRule.of("WK12", "listen on a connected or a UDP socket is WSAEINVAL on Wine 8.0",
                    "listen nolisten_\\w+ .*", "SOCKET_ERROR WSAEINVAL", "SOCKET_ERROR (WSAEISCONN|WSAEOPNOTSUPP)",
                    "fact WSK-11 (test_listen: UDP WSAEOPNOTSUPP, not todo_wine in Wine's newer tree; listen's documentation: "
                            + "WSAEISCONN); observed: both -> WSAEINVAL"),
            // ---- UDP sweep (WUD) ----
            DivergenceRule.of("WU1", "recvfrom with an address length too short for a sockaddr_in succeeds on Wine, taking the datagram",
                    "recvfrom wudr_\\w+ .*len=1\\b.*", "\\d+.*", "SOCKET_ERROR WSAEFAULT",
                    "fact WUD-01 (todo_wine in test_UDP); observed: recvfrom(len=1) -> 16, no address written"),
            DivergenceRule.of("WU2", "the datagram WU1 took is gone on Wine: the next receive would block",
                    "recvfrom wudr_\\w+ .*", "SOCKET_ERROR WSAEWOULDBLOCK", "\\d+.*",
                    "a consequence of WU1: Wine's short-length recvfrom took the datagram the next receive gets on Windows").after("WU1"),
            DivergenceRule.of("WU3", "a WSASendMsg that fails for want of a byte count leaves the UDP socket unbound on Wine",
                    "getsockname wudb_a.*", "SOCKET_ERROR WSAEINVAL", "0 .*",
                    "fact WUD-04 (todo_wine in test_WSASendMsg); observed: getsockname after it -> WSAEINVAL"));
}
