package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSA_FLAG_OVERLAPPED;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's overlapped server with event notification: {@code EventArray} and {@code SocketArray},
 * a worker ({@code ProcessIO}) that waits on the events, reads each completion with
 * WSAGetOverlappedResult and echoes with the BytesRECV/BytesSEND logic, and compacts the arrays when a
 * client leaves. {@code overlapped-event-echo} accepts with {@code accept()} and signals EventArray[0];
 * {@code overlapped-acceptex-echo} is the AcceptEx version the lecture's "Question: what's this code?"
 * fragment belongs to (a pre-created WSASocket accept socket, EventArray[0] from WSACreateEvent as the
 * AcceptEx's event), where one thread does everything and index 0 means "a connection was accepted".
 *
 * <p>{@code --as-written} runs the lecture's code with its two mistakes; the default corrects them:
 * <ol>
 * <li>The compaction loop runs {@code for (i = Index; i < EventTotal; i++) EventArray[i] = EventArray[i + 1]}:
 * it reads one entry past the live ones, past the end of the arrays when EventTotal is
 * WSA_MAXIMUM_WAIT_EVENTS. The bound must be {@code EventTotal - 1}.</li>
 * <li>Nothing bounds EventTotal: the 64th connection is written to {@code SocketArray[64]}, past the end
 * (and a wait on more than 64 events fails, WSA_WAIT_FAILED, which the worker would take for an index:
 * it treats every result but 0 as a socket). The corrected server checks the wait's result and gives
 * every 63 connections a worker of their own, with its own arrays, whose EventArray[0] wakes it.</li>
 * </ol>
 * WSACreateEvent, WSASetEvent, WSAResetEvent, WSACloseEvent and WSAWaitForMultipleEvents are written with
 * their kernel32 equivalents (CreateEvent(NULL, TRUE, FALSE, NULL), SetEvent, ResetEvent, CloseHandle,
 * WaitForMultipleObjectsEx), which is what they are on Windows.
 */
public final class OverlappedEventEcho implements Scenario {
    static final int DATA_BUFSIZE = 8192;
    /** WSA_MAXIMUM_WAIT_EVENTS. */
    static final int WSA_MAXIMUM_WAIT_EVENTS = WinBase.MAXIMUM_WAIT_OBJECTS;
    static final int ADDRESS_SLOT = Winsock.SIZEOF_SOCKADDR_IN + 16;

    private final boolean acceptEx;

    private OverlappedEventEcho(boolean acceptEx) {
        this.acceptEx = acceptEx;
    }

    /** The lecture's server: accept() and a ProcessIO thread. */
    public static OverlappedEventEcho withAccept() {
        return new OverlappedEventEcho(false);
    }

    /** The AcceptEx version of the "Question" fragment. */
    public static OverlappedEventEcho withAcceptEx() {
        return new OverlappedEventEcho(true);
    }

    @Override
    public String name() {
        return acceptEx ? "overlapped-acceptex-echo" : "overlapped-event-echo";
    }

    @Override
    public String description() {
        return acceptEx ? "overlapped echo server, one thread: AcceptEx and WSARecv/WSASend completions on EventArray"
                : "overlapped echo server: accept() thread and a ProcessIO thread waiting on EventArray (--as-written: the lecture's bugs)";
    }

    @Override
    public boolean hasAsWritten() {
        return true;
    }

    @Override
    public boolean needsWindows() {
        return true;
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> new Server(w, p.asWritten(), stats).main(port, acceptEx));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    /** {@code SOCKET_INFORMATION}. */
    static final class SOCKET_INFORMATION {
        final byte[] Buffer = new byte[DATA_BUFSIZE];
        final WSABUF DataBuf = new WSABUF();
        long Socket;
        final WSAOVERLAPPED Overlapped = new WSAOVERLAPPED();
        int BytesSEND;
        int BytesRECV;
    }

    /** {@code ZeroMemory(&Overlapped, sizeof(WSAOVERLAPPED))}: the same structure, every field 0. */
    static void ZeroMemory(WSAOVERLAPPED o) {
        o.Internal = 0;
        o.InternalHigh = 0;
        o.Offset = 0;
        o.OffsetHigh = 0;
        o.hEvent = 0;
    }

    /** The lecture's globals, one set per ProcessIO thread: EventTotal, EventArray, SocketArray, CriticalSection. */
    static final class Worker {
        int EventTotal;
        final long[] EventArray = new long[WSA_MAXIMUM_WAIT_EVENTS];
        final SOCKET_INFORMATION[] SocketArray = new SOCKET_INFORMATION[WSA_MAXIMUM_WAIT_EVENTS];
        final CRITICAL_SECTION CriticalSection = new CRITICAL_SECTION();
    }

    /** One server process. */
    static final class Server {
        final Win32 w;
        final boolean asWritten;
        final ScenarioStats stats;
        final List<Worker> workers = new ArrayList<>();
        long ListenSocket;
        long AcceptSocket;
        final WSAOVERLAPPED ListenOverlapped = new WSAOVERLAPPED();
        final byte[] AcceptBuffer = new byte[2 * ADDRESS_SLOT];
        LPFN_ACCEPTEX AcceptEx;

        Server(Win32 w, boolean asWritten, ScenarioStats stats) {
            this.w = w;
            this.asWritten = asWritten;
            this.stats = stats;
        }

        int main(int port, boolean withAcceptEx) {
            WSADATA wsaData = new WSADATA();
            w.WSAStartup(Winsock.MAKEWORD(2, 2), wsaData);
            // Step 1
            ListenSocket = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            sockaddr_in InternetAddr = new sockaddr_in(AF_INET, INADDR_ANY, port);
            w.bind(ListenSocket, InternetAddr, Winsock.SIZEOF_SOCKADDR_IN);
            // The lecture listens with a backlog of 5; a burst of clients would be refused on Windows, so 200.
            if (w.listen(ListenSocket, 200) == SOCKET_ERROR) {
                stats.problem("server: listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            return withAcceptEx ? acceptExLoop() : acceptLoop();
        }

        /** A ProcessIO thread with its arrays; EventArray[0] is the event that wakes it for a new socket. */
        Worker newWorker() {
            Worker wk = new Worker();
            w.InitializeCriticalSection(wk.CriticalSection);
            wk.EventArray[0] = w.CreateEvent(null, true, false, null); // WSACreateEvent()
            wk.EventTotal = 1;
            workers.add(wk);
            String name = "process-io-" + workers.size();
            w.CreateThread(null, 0, param -> {
                w.SetThreadDescription(w.GetCurrentThread(), name);
                return ProcessIO(wk, () -> w.ResetEvent(wk.EventArray[0]));
            }, null, 0, new int[1]);
            return wk;
        }

        /** Where the next socket goes: the first worker as written; corrected, a worker with a free slot, or a new one. */
        Worker workerWithRoom() {
            if (asWritten) {
                return workers.get(0);
            }
            for (Worker wk : workers) {
                if (wk.EventTotal < WSA_MAXIMUM_WAIT_EVENTS) {
                    return wk;
                }
            }
            return newWorker();
        }

        int acceptLoop() {
            newWorker();
            while (true) {
                // Step 2: accept inbound connections
                AcceptSocket = w.accept(ListenSocket, null, null);
                if (AcceptSocket == INVALID_SOCKET) {
                    stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                Worker wk = workerWithRoom();
                addSocket(wk, AcceptSocket);
                // Signal the first event in the event array to tell the worker thread to
                // service an additional event in the event array
                w.SetEvent(wk.EventArray[0]); // WSASetEvent
            }
        }

        /** Step 3: a socket information structure for the accepted socket, its event, and the first WSARecv. */
        void addSocket(Worker wk, long s) {
            w.EnterCriticalSection(wk.CriticalSection);
            SOCKET_INFORMATION si = new SOCKET_INFORMATION();
            wk.SocketArray[wk.EventTotal] = si; // as written: SocketArray[64] is past the end of the array
            si.Socket = s;
            ZeroMemory(si.Overlapped);
            si.BytesSEND = 0;
            si.BytesRECV = 0;
            si.DataBuf.len = DATA_BUFSIZE;
            si.DataBuf.buf = si.Buffer;
            si.DataBuf.off = 0;
            si.Overlapped.hEvent = wk.EventArray[wk.EventTotal] = w.CreateEvent(null, true, false, null); // WSACreateEvent()
            // Post a WSARecv() request to begin receiving data on the socket
            int[] Flags = {0};
            int[] RecvBytes = {0};
            if (w.WSARecv(si.Socket, new WSABUF[] {si.DataBuf}, 1, RecvBytes, Flags, si.Overlapped, null) == SOCKET_ERROR
                    && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                stats.problem("server: WSARecv failed: " + WsaError.nameOf(w.WSAGetLastError()));
            }
            wk.EventTotal++;
            w.LeaveCriticalSection(wk.CriticalSection);
        }

        /** Step 4-8: ProcessIO. {@code indexZero} is what event 0 means to this thread. */
        int ProcessIO(Worker wk, Runnable indexZero) {
            int[] BytesTransferred = {0};
            int[] Flags = {0};
            int[] RecvBytes = {0};
            int[] SendBytes = {0};
            while (true) {
                int Index = w.WaitForMultipleObjectsEx(wk.EventTotal, wk.EventArray, false, WinBase.INFINITE, false);
                if (!asWritten && Index == WinBase.WAIT_FAILED) { // as written, WSA_WAIT_FAILED is taken for an index
                    stats.problem("server: WSAWaitForMultipleEvents failed: " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                // If the event triggered was zero then a connection attempt was made on our listening socket.
                if (Index - WinBase.WAIT_OBJECT_0 == 0) {
                    indexZero.run();
                    continue;
                }
                SOCKET_INFORMATION SI = wk.SocketArray[Index - WinBase.WAIT_OBJECT_0];
                w.ResetEvent(wk.EventArray[Index - WinBase.WAIT_OBJECT_0]);
                w.WSAGetOverlappedResult(SI.Socket, SI.Overlapped, BytesTransferred, false, Flags);
                if (BytesTransferred[0] == 0) {
                    // Step 5: the client closed (or failed): close the socket and compact the arrays
                    w.closesocket(SI.Socket);
                    w.CloseHandle(wk.EventArray[Index - WinBase.WAIT_OBJECT_0]); // WSACloseEvent
                    w.EnterCriticalSection(wk.CriticalSection);
                    if ((Index - WinBase.WAIT_OBJECT_0) + 1 != wk.EventTotal) {
                        int last = asWritten ? wk.EventTotal : wk.EventTotal - 1; // as written it copies EventArray[EventTotal]
                        for (int i = Index - WinBase.WAIT_OBJECT_0; i < last; i++) {
                            wk.EventArray[i] = wk.EventArray[i + 1];
                            wk.SocketArray[i] = wk.SocketArray[i + 1];
                        }
                    }
                    wk.EventTotal--;
                    w.LeaveCriticalSection(wk.CriticalSection);
                    continue;
                }
                // Step 6, 7: a WSARecv just completed when BytesRECV is 0, else a WSASend did
                if (SI.BytesRECV == 0) {
                    SI.BytesRECV = BytesTransferred[0];
                    SI.BytesSEND = 0;
                } else {
                    SI.BytesSEND += BytesTransferred[0];
                }
                if (SI.BytesSEND < SI.BytesRECV) {
                    // Post another WSASend() request until all received bytes are sent
                    ZeroMemory(SI.Overlapped);
                    SI.Overlapped.hEvent = wk.EventArray[Index - WinBase.WAIT_OBJECT_0];
                    SI.DataBuf.buf = SI.Buffer;
                    SI.DataBuf.off = SI.BytesSEND;
                    SI.DataBuf.len = SI.BytesRECV - SI.BytesSEND;
                    w.WSASend(SI.Socket, new WSABUF[] {SI.DataBuf}, 1, SendBytes, 0, SI.Overlapped, null);
                } else {
                    SI.BytesRECV = 0;
                    // Step 8: now that there are no more bytes to send post another WSARecv() request
                    Flags[0] = 0;
                    ZeroMemory(SI.Overlapped);
                    SI.Overlapped.hEvent = wk.EventArray[Index - WinBase.WAIT_OBJECT_0];
                    SI.DataBuf.len = DATA_BUFSIZE;
                    SI.DataBuf.buf = SI.Buffer;
                    SI.DataBuf.off = 0;
                    w.WSARecv(SI.Socket, new WSABUF[] {SI.DataBuf}, 1, RecvBytes, Flags, SI.Overlapped, null);
                }
            }
        }

        // ---- the AcceptEx version ----

        int acceptExLoop() {
            Object[] fn = new Object[1];
            int[] dwBytes = {0};
            w.WSAIoctl(ListenSocket, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER, GUID.WSAID_ACCEPTEX, GUID.SIZE, fn,
                    Winsock.SIZEOF_POINTER, dwBytes, null, null);
            AcceptEx = (LPFN_ACCEPTEX) fn[0];
            Worker self = new Worker();
            w.InitializeCriticalSection(self.CriticalSection);
            workers.add(self);
            // The lecture's "Question: what's this code?": the accept socket is created before the connection
            // arrives, and EventArray[0] is the event of the AcceptEx that will fill it.
            if ((AcceptSocket = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED)) == INVALID_SOCKET) {
                stats.problem("server: WSASocket failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            if ((self.EventArray[0] = w.CreateEvent(null, true, false, null)) == WinBase.NULL) { // WSACreateEvent()
                stats.problem("server: WSACreateEvent failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
            self.EventTotal = 1;
            postAcceptEx(self);
            return ProcessIO(self, () -> acceptCompleted(self));
        }

        void postAcceptEx(Worker self) {
            ZeroMemory(ListenOverlapped);
            ListenOverlapped.hEvent = self.EventArray[0];
            int[] dwBytes = {0};
            if (AcceptEx.AcceptEx(ListenSocket, AcceptSocket, AcceptBuffer, 0, ADDRESS_SLOT, ADDRESS_SLOT, dwBytes, ListenOverlapped)
                    == WinBase.FALSE && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                stats.problem("server: AcceptEx failed: " + WsaError.nameOf(w.WSAGetLastError()));
            }
        }

        /** Index 0 in the AcceptEx version: the accept completed; the socket joins the arrays, and the next AcceptEx is posted. */
        void acceptCompleted(Worker self) {
            int[] BytesTransferred = {0};
            int[] Flags = {0};
            if (w.WSAGetOverlappedResult(ListenSocket, ListenOverlapped, BytesTransferred, false, Flags) == WinBase.FALSE) {
                stats.problem("server: AcceptEx completed with " + WsaError.nameOf(w.WSAGetLastError()));
            }
            w.ResetEvent(self.EventArray[0]);
            w.setsockopt(AcceptSocket, Winsock.SOL_SOCKET, Winsock.SO_UPDATE_ACCEPT_CONTEXT, Structs.int32((int) ListenSocket), 4);
            Worker wk = asWritten || self.EventTotal < WSA_MAXIMUM_WAIT_EVENTS ? self : helperWithRoom(self);
            addSocket(wk, AcceptSocket);
            if (wk != self) {
                w.SetEvent(wk.EventArray[0]);
            }
            AcceptSocket = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            postAcceptEx(self);
        }

        /** Corrected: when this thread's 63 slots are taken, a ProcessIO thread of the accept() kind takes the socket. */
        Worker helperWithRoom(Worker self) {
            for (Worker wk : workers) {
                if (wk != self && wk.EventTotal < WSA_MAXIMUM_WAIT_EVENTS) {
                    return wk;
                }
            }
            return newWorker();
        }
    }
}
