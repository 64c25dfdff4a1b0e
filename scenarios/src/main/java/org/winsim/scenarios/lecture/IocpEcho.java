package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSA_FLAG_OVERLAPPED;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.GUID;
import org.winsim.winsock.api.LPFN_ACCEPTEX;
import org.winsim.winsock.api.SYSTEM_INFO;
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
 * The lecture's completion-port server, steps 1-9: a port (step 1), one worker per processor that
 * GetSystemInfo reports (steps 2-3), a listening socket (step 4), and an accept loop that accepts (5),
 * allocates per-handle data (6), associates the socket with the port with that data as its key (7) and
 * posts the first WSARecv (8), forever (9). The workers' loop, which the lecture leaves out ("not
 * defined in this listing"), is the book's: GetQueuedCompletionStatus, CONTAINING_RECORD from the
 * OVERLAPPED to the per-I/O data, then echo — a WSASend of what was received, again for the rest while a
 * send completes with fewer bytes than asked, then the next WSARecv; 0 bytes or a failed packet closes.
 *
 * <p>{@code iocp-acceptex-echo} accepts with AcceptEx instead: the listening socket joins the port with a
 * per-handle key of its own, so an AcceptEx completes as a packet carrying the listener's key (not the
 * accept socket's, which is not associated yet), and the worker that takes it finishes the accept, gives
 * the new socket its key, posts its first WSARecv and a fresh AcceptEx in its place. The main thread only
 * sets up and waits.
 */
public final class IocpEcho implements Scenario {
    static final int DATA_BUFSIZE = 8192;
    /**
     * AcceptEx calls kept outstanding in the AcceptEx variant. A pending AcceptEx takes a connection as it
     * arrives, without the server's CPU, where the listen queue holds 200 and refuses the rest: so a burst
     * of connections finds accept sockets ready (2,048 sockets hold 4 MiB of the non-paged pool).
     */
    static final int OUTSTANDING_ACCEPTS = 2048;
    static final int RECV_POSTED = 0;
    static final int SEND_POSTED = 1;

    private final boolean acceptEx;

    private IocpEcho(boolean acceptEx) {
        this.acceptEx = acceptEx;
    }

    /** The lecture's server: an accept() loop in the main thread. */
    public static IocpEcho withAccept() {
        return new IocpEcho(false);
    }

    /** The AcceptEx variant: accepts complete on the port, with the listener's key. */
    public static IocpEcho withAcceptEx() {
        return new IocpEcho(true);
    }

    @Override
    public String name() {
        return acceptEx ? "iocp-acceptex-echo" : "iocp-echo";
    }

    @Override
    public String description() {
        return acceptEx ? "completion-port echo server: AcceptEx packets (the listener's key) and WSARecv/WSASend on one port"
                : "completion-port echo server: accept loop, one GetQueuedCompletionStatus worker per processor";
    }

    @Override
    public boolean needsWindows() {
        return true;
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> new Server(w, stats).main(port, acceptEx));
        EchoClient.start(backend, port, p, stats);
    }

    /** {@code PER_HANDLE_DATA}: what the completion key stands for. */
    static final class PER_HANDLE_DATA {
        long Socket;
        sockaddr_in ClientAddr;
    }

    /** {@code PER_IO_DATA}: an OVERLAPPED followed by what the worker needs to finish the operation. */
    static final class PER_IO_DATA {
        final WSAOVERLAPPED Overlapped = new WSAOVERLAPPED();
        final WSABUF DataBuf = new WSABUF();
        final byte[] Buffer = new byte[DATA_BUFSIZE];
        int BytesSEND;
        int BytesRECV;
        int OperationType;
        /** AcceptEx only: the socket the connection is accepted into. */
        long AcceptSocket;
    }

    /** One server process. */
    static final class Server {
        final Win32 w;
        final ScenarioStats stats;
        /**
         * CONTAINING_RECORD(lpOverlapped, PER_IO_DATA, Overlapped): C recovers the record from the
         * OVERLAPPED's address by subtracting the field's offset. WSAOVERLAPPED is final (it stands for the
         * program's structure, its identity for the address) so it cannot be subclassed into PER_IO_DATA;
         * the record is found through this map from the OVERLAPPED object instead. WSAOVERLAPPED keeps
         * Object's identity equals/hashCode; a concurrent map because workers are threads (on real
         * backends, truly concurrent). It is only looked up, never iterated: no order enters the run.
         */
        final Map<WSAOVERLAPPED, PER_IO_DATA> containingRecord = new ConcurrentHashMap<>();
        /** The completion key is PER_HANDLE_DATA's address in C; here a number the server gives it, and this map. */
        final Map<Long, PER_HANDLE_DATA> perHandle = new ConcurrentHashMap<>();
        final AtomicLong nextKey = new AtomicLong(1);
        long Listen;
        /** The listener's completion key in the AcceptEx variant; keys start at 1, so 0 names no handle. */
        long ListenKey;
        LPFN_ACCEPTEX AcceptEx;

        Server(Win32 w, ScenarioStats stats) {
            this.w = w;
            this.stats = stats;
        }

        /** {@code (DWORD)PerHandleData}: the key that stands for {@code data}. */
        long keyOf(PER_HANDLE_DATA data) {
            long key = nextKey.getAndIncrement();
            perHandle.put(key, data);
            return key;
        }

        /** {@code GlobalAlloc(GPTR, sizeof(PER_IO_DATA))}, reachable from its OVERLAPPED. */
        PER_IO_DATA newPerIoData() {
            PER_IO_DATA io = new PER_IO_DATA();
            containingRecord.put(io.Overlapped, io);
            return io;
        }

        int main(int port, boolean withAcceptEx) {
            WSADATA wsd = new WSADATA();
            w.WSAStartup(Winsock.MAKEWORD(2, 2), wsd);
            // Step 1: create an I/O completion port
            long CompletionPort = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, WinBase.NULL, 0, 0);
            if (CompletionPort == WinBase.NULL) {
                stats.problem("server: CreateIoCompletionPort failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
            // Step 2: determine how many processors are on the system
            SYSTEM_INFO SystemInfo = new SYSTEM_INFO();
            w.GetSystemInfo(SystemInfo);
            // Step 3: one worker thread per processor, each passed the completion port
            for (int i = 0; i < SystemInfo.dwNumberOfProcessors; i++) {
                String name = "worker-" + (i + 1);
                long ThreadHandle = w.CreateThread(null, 0, param -> {
                    w.SetThreadDescription(w.GetCurrentThread(), name);
                    return ServerWorkerThread((Long) param);
                }, CompletionPort, 0, null);
                if (ThreadHandle == WinBase.NULL) {
                    stats.problem("server: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                w.CloseHandle(ThreadHandle);
            }
            // Step 4: create a listening socket
            Listen = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            sockaddr_in InternetAddr = new sockaddr_in(AF_INET, INADDR_ANY, port);
            w.bind(Listen, InternetAddr, Winsock.SIZEOF_SOCKADDR_IN);
            if (w.listen(Listen, 200) == SOCKET_ERROR) { // the lecture's 5 would refuse a burst of clients on Windows
                stats.problem("server: listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            return withAcceptEx ? acceptExSetup(CompletionPort) : acceptLoop(CompletionPort);
        }

        int acceptLoop(long CompletionPort) {
            while (true) {
                // Step 5: accept connections and assign them to the completion port
                sockaddr_in saRemote = new sockaddr_in();
                int[] RemoteLen = {Winsock.SIZEOF_SOCKADDR_IN};
                long Accept = w.accept(Listen, saRemote, RemoteLen); // the lecture's WSAAccept without a condition function
                if (Accept == INVALID_SOCKET) {
                    stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                // Step 6: per-handle data for the socket
                PER_HANDLE_DATA PerHandleData = new PER_HANDLE_DATA(); // GlobalAlloc(GPTR, sizeof(PER_HANDLE_DATA))
                PerHandleData.Socket = Accept;
                PerHandleData.ClientAddr = saRemote;
                // Step 7: associate the accepted socket with the completion port
                if (w.CreateIoCompletionPort(Accept, CompletionPort, keyOf(PerHandleData), 0) == WinBase.NULL) {
                    stats.problem("server: CreateIoCompletionPort failed: " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                // Step 8: start processing I/O on the accepted socket
                postRecv(PerHandleData, newPerIoData());
            } // Step 9: repeat steps 5-8 until the server terminates
        }

        /** A WSARecv into the whole buffer; its completion comes back as a packet. */
        void postRecv(PER_HANDLE_DATA PerHandleData, PER_IO_DATA PerIoData) {
            OverlappedEventEcho.ZeroMemory(PerIoData.Overlapped);
            PerIoData.OperationType = RECV_POSTED;
            PerIoData.BytesRECV = 0;
            PerIoData.BytesSEND = 0;
            PerIoData.DataBuf.buf = PerIoData.Buffer;
            PerIoData.DataBuf.off = 0;
            PerIoData.DataBuf.len = DATA_BUFSIZE;
            int[] RecvBytes = {0};
            int[] Flags = {0};
            if (w.WSARecv(PerHandleData.Socket, new WSABUF[] {PerIoData.DataBuf}, 1, RecvBytes, Flags, PerIoData.Overlapped, null)
                    == SOCKET_ERROR && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                stats.problem("server: WSARecv failed: " + WsaError.nameOf(w.WSAGetLastError()));
            }
        }

        /** A WSASend of the received bytes not sent yet. */
        void postSend(PER_HANDLE_DATA PerHandleData, PER_IO_DATA PerIoData) {
            OverlappedEventEcho.ZeroMemory(PerIoData.Overlapped);
            PerIoData.OperationType = SEND_POSTED;
            PerIoData.DataBuf.buf = PerIoData.Buffer;
            PerIoData.DataBuf.off = PerIoData.BytesSEND;
            PerIoData.DataBuf.len = PerIoData.BytesRECV - PerIoData.BytesSEND;
            int[] SendBytes = {0};
            if (w.WSASend(PerHandleData.Socket, new WSABUF[] {PerIoData.DataBuf}, 1, SendBytes, 0, PerIoData.Overlapped, null)
                    == SOCKET_ERROR && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                stats.problem("server: WSASend failed: " + WsaError.nameOf(w.WSAGetLastError()));
            }
        }

        /** The worker: takes a packet, recovers its operation, and carries the echo one step further. */
        int ServerWorkerThread(long CompletionPort) {
            int[] BytesTransferred = {0};
            long[] CompletionKey = {0};
            WSAOVERLAPPED[] lpOverlapped = {null};
            while (true) {
                int ret = w.GetQueuedCompletionStatus(CompletionPort, BytesTransferred, CompletionKey, lpOverlapped, WinBase.INFINITE);
                if (ret == WinBase.FALSE && lpOverlapped[0] == null) { // no packet: the port itself failed
                    stats.problem("server: GetQueuedCompletionStatus failed: " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                PER_HANDLE_DATA PerHandleData = perHandle.get(CompletionKey[0]);
                PER_IO_DATA PerIoData = containingRecord.get(lpOverlapped[0]); // CONTAINING_RECORD(lpOverlapped, PER_IO_DATA, Overlapped)
                if (CompletionKey[0] == ListenKey) { // an AcceptEx packet carries the listener's key (0: none in iocp-echo)
                    acceptCompleted(CompletionPort, PerIoData, ret);
                    continue;
                }
                // A failed operation (the peer reset) or a receive of 0 bytes (the peer closed): close the socket
                if (ret == WinBase.FALSE || BytesTransferred[0] == 0) {
                    w.closesocket(PerHandleData.Socket);
                    perHandle.remove(CompletionKey[0]); // GlobalFree(PerHandleData)
                    containingRecord.remove(lpOverlapped[0]); // GlobalFree(PerIoData)
                    continue;
                }
                if (PerIoData.OperationType == RECV_POSTED) {
                    PerIoData.BytesRECV = BytesTransferred[0];
                    PerIoData.BytesSEND = 0;
                } else {
                    PerIoData.BytesSEND += BytesTransferred[0];
                }
                if (PerIoData.BytesSEND < PerIoData.BytesRECV) {
                    postSend(PerHandleData, PerIoData); // what was received, or the rest a short send left
                } else {
                    postRecv(PerHandleData, PerIoData);
                }
            }
        }

        // ---- the AcceptEx variant ----

        /** The listener joins the port with its own key; AcceptEx calls are kept outstanding; the main thread waits. */
        int acceptExSetup(long CompletionPort) {
            Object[] fn = new Object[1];
            int[] dwBytes = {0};
            if (w.WSAIoctl(Listen, Winsock.SIO_GET_EXTENSION_FUNCTION_POINTER, GUID.WSAID_ACCEPTEX, GUID.SIZE, fn,
                    Winsock.SIZEOF_POINTER, dwBytes, null, null) == SOCKET_ERROR) {
                stats.problem("server: WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            AcceptEx = (LPFN_ACCEPTEX) fn[0];
            PER_HANDLE_DATA ListenData = new PER_HANDLE_DATA();
            ListenData.Socket = Listen;
            ListenKey = keyOf(ListenData);
            if (w.CreateIoCompletionPort(Listen, CompletionPort, ListenKey, 0) == WinBase.NULL) {
                stats.problem("server: CreateIoCompletionPort failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
            for (int i = 0; i < OUTSTANDING_ACCEPTS; i++) {
                postAcceptEx(newPerIoData());
            }
            w.Sleep(WinBase.INFINITE); // the workers do the rest
            return 0;
        }

        /** An AcceptEx into a fresh socket, receiving no data, completing on the port with the listener's key. */
        void postAcceptEx(PER_IO_DATA PerIoData) {
            OverlappedEventEcho.ZeroMemory(PerIoData.Overlapped);
            PerIoData.AcceptSocket = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            if (PerIoData.AcceptSocket == INVALID_SOCKET) {
                stats.problem("server: WSASocket failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return;
            }
            int[] dwBytes = {0};
            if (AcceptEx.AcceptEx(Listen, PerIoData.AcceptSocket, PerIoData.Buffer, 0, OverlappedEventEcho.ADDRESS_SLOT,
                    OverlappedEventEcho.ADDRESS_SLOT, dwBytes, PerIoData.Overlapped) == WinBase.FALSE
                    && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                stats.problem("server: AcceptEx failed: " + WsaError.nameOf(w.WSAGetLastError()));
            }
        }

        /** An AcceptEx packet (the listener's key): the accepted socket gets its own key and first WSARecv; another AcceptEx replaces this one. */
        void acceptCompleted(long CompletionPort, PER_IO_DATA AcceptIo, int ret) {
            long Accept = AcceptIo.AcceptSocket;
            postAcceptEx(AcceptIo);
            if (ret == WinBase.FALSE) {
                stats.problem("server: AcceptEx completed with " + WsaError.nameOf(w.GetLastError()));
                w.closesocket(Accept);
                return;
            }
            w.setsockopt(Accept, Winsock.SOL_SOCKET, Winsock.SO_UPDATE_ACCEPT_CONTEXT, Structs.int32((int) Listen), 4);
            PER_HANDLE_DATA PerHandleData = new PER_HANDLE_DATA();
            PerHandleData.Socket = Accept;
            if (w.CreateIoCompletionPort(Accept, CompletionPort, keyOf(PerHandleData), 0) == WinBase.NULL) {
                stats.problem("server: CreateIoCompletionPort failed: " + WsaError.nameOf(w.GetLastError()));
                return;
            }
            postRecv(PerHandleData, newPerIoData());
        }
    }
}
