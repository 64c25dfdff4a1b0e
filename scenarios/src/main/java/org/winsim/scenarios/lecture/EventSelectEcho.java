package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FD_ACCEPT;
import static org.winsim.winsock.api.Winsock.FD_ACCEPT_BIT;
import static org.winsim.winsock.api.Winsock.FD_CLOSE;
import static org.winsim.winsock.api.Winsock.FD_CLOSE_BIT;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.FD_READ_BIT;
import static org.winsim.winsock.api.Winsock.FD_WRITE;
import static org.winsim.winsock.api.Winsock.FD_WRITE_BIT;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSA_INFINITE;
import static org.winsim.winsock.api.Winsock.WSA_MAXIMUM_WAIT_EVENTS;
import static org.winsim.winsock.api.Winsock.WSA_WAIT_EVENT_0;
import static org.winsim.winsock.api.Winsock.WSA_WAIT_FAILED;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSANETWORKEVENTS;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's EventSelectServer (chapter05): sockets selected with WSAEventSelect, one event each, a
 * thread waiting on its events with WSAWaitForMultipleEvents and handling the lowest signalled one with
 * WSAEnumNetworkEvents — accept, echo (the sample's BytesRECV/BytesSEND logic), close. One thread waits
 * on at most 64 events (WSA_MAXIMUM_WAIT_EVENTS): the listener and 63 connections. The sample stops at
 * "Too many connections"; as real servers do, this one hands the next connections to further waiting
 * threads, each with a wake-up event in slot 0 and room for 63 connections. The clients are the blocking
 * echo clients, one thread per connection.
 */
public final class EventSelectEcho implements Scenario {
    static final int DATA_BUFSIZE = 8192;

    @Override
    public String name() {
        return "event-select-echo";
    }

    @Override
    public String description() {
        return "WSAEventSelect echo server: a thread per 64 events (WSAWaitForMultipleEvents, WSAEnumNetworkEvents); blocking clients";
    }

    @Override
    public boolean needsWindows() {
        return true;
    }

    @Override
    public boolean hasAsWritten() {
        return true;
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> new Server(w, p.asWritten(), stats).main(port));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    /** SOCKET_INFORMATION: a socket's buffer and how much of it was received and sent back. */
    static final class SocketInformation {
        final byte[] Buffer = new byte[DATA_BUFSIZE];
        final long Socket;
        int BytesSEND;
        int BytesRECV;

        SocketInformation(long socket) {
            this.Socket = socket;
        }
    }

    /** One waiting thread's arrays: EventArray[i] is SocketArray[i]'s event; slot 0 is the listener's or the wake-up event. */
    static final class EventSet {
        final long[] EventArray = new long[WSA_MAXIMUM_WAIT_EVENTS];
        final SocketInformation[] SocketArray = new SocketInformation[WSA_MAXIMUM_WAIT_EVENTS];
        int EventTotal;
        /** Sockets the listening thread handed over, taken when slot 0's wake-up event is set. */
        final ArrayDeque<Long> handedOver = new ArrayDeque<>();
        /** Connections this set holds or was promised: the listening thread counts them when it hands one over. */
        int promised;
    }

    static final class Server {
        final Win32 w;
        /** The echo logic exactly as the sample prints it (see the fix in ProcessNetworkEvents). */
        final boolean asWritten;
        final ScenarioStats stats;
        final CRITICAL_SECTION CriticalSection = new CRITICAL_SECTION();
        final List<EventSet> workers = new ArrayList<>();

        Server(Win32 w, boolean asWritten, ScenarioStats stats) {
            this.w = w;
            this.asWritten = asWritten;
            this.stats = stats;
        }

        int main(int port) {
            w.InitializeCriticalSection(CriticalSection);
            if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
                stats.problem("server: WSAStartup failed");
                return 1;
            }
            EventSet first = new EventSet();
            long Listen = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            CreateSocketInformation(first, Listen);
            if (w.WSAEventSelect(Listen, first.EventArray[first.EventTotal - 1], FD_ACCEPT | FD_CLOSE) == SOCKET_ERROR) {
                stats.problem("server: WSAEventSelect failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            if (w.bind(Listen, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR
                    || w.listen(Listen, 200) == SOCKET_ERROR) {
                stats.problem("server: bind/listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            return ProcessNetworkEvents(first, true);
        }

        /** The sample's loop, for one thread's set of up to 64 events. */
        int ProcessNetworkEvents(EventSet set, boolean listening) {
            WSANETWORKEVENTS NetworkEvents = new WSANETWORKEVENTS();
            events:
            while (true) {
                int Event = w.WSAWaitForMultipleEvents(set.EventTotal, set.EventArray, false, WSA_INFINITE, false);
                if (Event == WSA_WAIT_FAILED) {
                    stats.problem("server: WSAWaitForMultipleEvents failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                int i = Event - WSA_WAIT_EVENT_0;
                if (i == 0 && !listening) {
                    TakeHandedOver(set);
                    continue;
                }
                if (w.WSAEnumNetworkEvents(set.SocketArray[i].Socket, set.EventArray[i], NetworkEvents) == SOCKET_ERROR) {
                    stats.problem("server: WSAEnumNetworkEvents failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                if ((NetworkEvents.lNetworkEvents & FD_ACCEPT) != 0) {
                    if (NetworkEvents.iErrorCode[FD_ACCEPT_BIT] != 0) {
                        stats.problem("server: FD_ACCEPT failed with error " + NetworkEvents.iErrorCode[FD_ACCEPT_BIT]);
                        break;
                    }
                    long Accept = w.accept(set.SocketArray[i].Socket, null, null);
                    if (Accept == INVALID_SOCKET) {
                        stats.problem("server: accept() failed with error " + WsaError.nameOf(w.WSAGetLastError()));
                        break;
                    }
                    if (set.EventTotal < WSA_MAXIMUM_WAIT_EVENTS) {
                        CreateSocketInformation(set, Accept);
                        w.WSAEventSelect(Accept, set.EventArray[set.EventTotal - 1], FD_READ | FD_WRITE | FD_CLOSE);
                    } else {
                        HandOver(Accept); // the sample printed "Too many connections" and closed it here
                    }
                }
                if ((NetworkEvents.lNetworkEvents & (FD_READ | FD_WRITE)) != 0) {
                    if ((NetworkEvents.lNetworkEvents & FD_READ) != 0 && NetworkEvents.iErrorCode[FD_READ_BIT] != 0) {
                        stats.problem("server: FD_READ failed with error " + NetworkEvents.iErrorCode[FD_READ_BIT]);
                        break;
                    }
                    if ((NetworkEvents.lNetworkEvents & FD_WRITE) != 0 && NetworkEvents.iErrorCode[FD_WRITE_BIT] != 0) {
                        stats.problem("server: FD_WRITE failed with error " + NetworkEvents.iErrorCode[FD_WRITE_BIT]);
                        break;
                    }
                    SocketInformation SocketInfo = set.SocketArray[i];
                    boolean readAgain;
                    do {
                        readAgain = false;
                        boolean received = false;
                        // Read data only if the receive buffer is empty
                        if (SocketInfo.BytesRECV == 0) {
                            received = true;
                            int RecvBytes = w.recv(SocketInfo.Socket, SocketInfo.Buffer, DATA_BUFSIZE, 0); // WSARecv, no overlapped
                            if (RecvBytes == SOCKET_ERROR) {
                                if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                                    FreeSocketInformation(set, i);
                                    continue events;
                                }
                            } else {
                                SocketInfo.BytesSEND = 0;
                                SocketInfo.BytesRECV = RecvBytes;
                            }
                        }
                        // Write buffer data if it is available
                        if (SocketInfo.BytesRECV > SocketInfo.BytesSEND) {
                            int SendBytes = w.send(SocketInfo.Socket, SocketInfo.Buffer, SocketInfo.BytesSEND,
                                    SocketInfo.BytesRECV - SocketInfo.BytesSEND, 0); // WSASend, no overlapped
                            if (SendBytes == SOCKET_ERROR) {
                                if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                                    FreeSocketInformation(set, i);
                                    continue events;
                                }
                            } else {
                                SocketInfo.BytesSEND += SendBytes;
                                if (SocketInfo.BytesSEND == SocketInfo.BytesRECV) {
                                    SocketInfo.BytesSEND = 0;
                                    SocketInfo.BytesRECV = 0;
                                    // The fix: after a short send, an FD_READ that came while the rest waited for
                                    // FD_WRITE was answered with a send, not a recv, and FD_READ is re-enabled only
                                    // by a recv — so the sample never hears of that data again (a deadlock). Having
                                    // sent everything without reading in this pass, read now.
                                    readAgain = !asWritten && !received;
                                }
                            }
                        }
                    } while (readAgain);
                }
                if ((NetworkEvents.lNetworkEvents & FD_CLOSE) != 0) {
                    if (NetworkEvents.iErrorCode[FD_CLOSE_BIT] != 0) {
                        stats.problem("server: FD_CLOSE failed with error " + NetworkEvents.iErrorCode[FD_CLOSE_BIT]);
                        break;
                    }
                    FreeSocketInformation(set, i);
                }
            }
            return 1;
        }

        void CreateSocketInformation(EventSet set, long s) {
            set.EventArray[set.EventTotal] = w.WSACreateEvent();
            set.SocketArray[set.EventTotal] = new SocketInformation(s);
            set.EventTotal++;
        }

        /** Closes the socket and its event, and moves the last entry into its slot (the sample's compaction). */
        void FreeSocketInformation(EventSet set, int Event) {
            w.closesocket(set.SocketArray[Event].Socket);
            w.WSACloseEvent(set.EventArray[Event]);
            set.EventTotal--;
            set.EventArray[Event] = set.EventArray[set.EventTotal];
            set.SocketArray[Event] = set.SocketArray[set.EventTotal];
            w.EnterCriticalSection(CriticalSection);
            set.promised--;
            w.LeaveCriticalSection(CriticalSection);
        }

        /** Gives an accepted socket to a waiting thread with room, starting a new one when all are full. */
        void HandOver(long Accept) {
            w.EnterCriticalSection(CriticalSection);
            EventSet target = null;
            for (EventSet s : workers) {
                if (s.promised < WSA_MAXIMUM_WAIT_EVENTS - 1) {
                    target = s;
                    break;
                }
            }
            boolean start = target == null;
            if (start) {
                target = new EventSet();
                target.EventArray[0] = w.WSACreateEvent();
                target.EventTotal = 1;
                workers.add(target);
            }
            target.promised++;
            target.handedOver.addLast(Accept);
            w.LeaveCriticalSection(CriticalSection);
            if (start) {
                EventSet set = target;
                String name = "events-" + workers.size();
                long t = w.CreateThread(null, 0, param -> {
                    w.SetThreadDescription(w.GetCurrentThread(), name);
                    return ProcessNetworkEvents(set, false);
                }, null, 0, null);
                if (t == 0) {
                    stats.problem("server: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                }
                w.CloseHandle(t);
            }
            w.WSASetEvent(target.EventArray[0]);
        }

        /** Slot 0 of a worker was set: select the sockets handed over into its own events. */
        void TakeHandedOver(EventSet set) {
            w.EnterCriticalSection(CriticalSection);
            w.WSAResetEvent(set.EventArray[0]);
            List<Long> taken = new ArrayList<>(set.handedOver);
            set.handedOver.clear();
            w.LeaveCriticalSection(CriticalSection);
            for (long s : taken) {
                CreateSocketInformation(set, s);
                w.WSAEventSelect(s, set.EventArray[set.EventTotal - 1], FD_READ | FD_WRITE | FD_CLOSE);
            }
        }
    }
}
