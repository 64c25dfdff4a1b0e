package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSA_FLAG_OVERLAPPED;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.scenarios.lecture.OverlappedEventEcho.SOCKET_INFORMATION;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's overlapped server with completion routines, steps 1-7: the main thread accepts and
 * signals an event; the worker waits alertably (step 5), so each completed WSARecv/WSASend runs its
 * routine in the worker, the wait returns WSA_WAIT_IO_COMPLETION (step 6), and the routine posts the
 * next WSARecv or WSASend. One thread serves every connection: no event array, no 64-handle limit.
 *
 * <p>The alertable WSAWaitForMultipleEvents(1, EventArray, FALSE, WSA_INFINITE, TRUE) is written as the
 * WaitForMultipleObjectsEx it is; WSA_WAIT_IO_COMPLETION is WAIT_IO_COMPLETION. The lecture hands the
 * accepted socket over in one global (AcceptSocket), which the next accept() may overwrite before the
 * worker has taken it: here accepted sockets wait in a queue under a critical section.
 */
public final class CompletionRoutineEcho implements Scenario {
    @Override
    public String name() {
        return "completion-routine-echo";
    }

    @Override
    public String description() {
        return "overlapped echo server with completion routines: one worker in an alertable wait serves every connection";
    }

    @Override
    public boolean needsWindows() {
        return true;
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> new Server(w, stats).main(port));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    static final class Server {
        final Win32 w;
        final ScenarioStats stats;
        final ArrayDeque<Long> accepted = new ArrayDeque<>();
        final CRITICAL_SECTION CriticalSection = new CRITICAL_SECTION();
        /** CONTAINING_RECORD: the SOCKET_INFORMATION whose Overlapped a routine is handed. */
        final Map<WSAOVERLAPPED, SOCKET_INFORMATION> byOverlapped = new IdentityHashMap<>();
        final LPWSAOVERLAPPED_COMPLETION_ROUTINE WorkerRoutine = this::WorkerRoutine;

        Server(Win32 w, ScenarioStats stats) {
            this.w = w;
            this.stats = stats;
        }

        int main(int port) {
            w.WSAStartup(Winsock.MAKEWORD(2, 2), new WSADATA());
            w.InitializeCriticalSection(CriticalSection);
            // Step 1: create a socket and begin listening
            long ListenSocket = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            w.bind(ListenSocket, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN);
            if (w.listen(ListenSocket, 200) == SOCKET_ERROR) { // the lecture's 5 would refuse a burst of clients on Windows
                stats.problem("server: listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            long AcceptEvent = w.CreateEvent(null, true, false, null); // WSACreateEvent()
            w.CreateThread(null, 0, param -> WorkerThread((Long) param), AcceptEvent, 0, new int[1]);
            while (true) {
                // Step 2: accept an inbound connection
                long AcceptSocket = w.accept(ListenSocket, null, null);
                if (AcceptSocket == INVALID_SOCKET) {
                    stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                w.EnterCriticalSection(CriticalSection);
                accepted.addLast(AcceptSocket);
                w.LeaveCriticalSection(CriticalSection);
                w.SetEvent(AcceptEvent); // WSASetEvent
            }
        }

        int WorkerThread(long acceptEvent) {
            w.SetThreadDescription(w.GetCurrentThread(), "worker");
            long[] EventArray = {acceptEvent};
            while (true) {
                // Step 5: wait alertably; step 6: WSA_WAIT_IO_COMPLETION means routines ran, wait again
                while (true) {
                    int Index = w.WaitForMultipleObjectsEx(1, EventArray, false, WinBase.INFINITE, true);
                    if (Index == WinBase.WAIT_FAILED) {
                        stats.problem("server: WSAWaitForMultipleEvents failed: " + WsaError.nameOf(w.GetLastError()));
                        return 1;
                    }
                    if (Index != WinBase.WAIT_IO_COMPLETION) {
                        break; // the accept event: a new connection
                    }
                }
                w.ResetEvent(EventArray[0]);
                while (true) {
                    w.EnterCriticalSection(CriticalSection);
                    Long s = accepted.pollFirst();
                    w.LeaveCriticalSection(CriticalSection);
                    if (s == null) {
                        break;
                    }
                    // Step 3: a WSAOVERLAPPED structure for the accepted socket
                    SOCKET_INFORMATION SI = new SOCKET_INFORMATION();
                    SI.Socket = s;
                    OverlappedEventEcho.ZeroMemory(SI.Overlapped);
                    byOverlapped.put(SI.Overlapped, SI);
                    SI.BytesSEND = 0;
                    SI.BytesRECV = 0;
                    SI.DataBuf.len = OverlappedEventEcho.DATA_BUFSIZE;
                    SI.DataBuf.buf = SI.Buffer;
                    // Step 4: post a WSARecv with the structure and a completion routine
                    int[] Flags = {0};
                    if (w.WSARecv(SI.Socket, new WSABUF[] {SI.DataBuf}, 1, new int[1], Flags, SI.Overlapped, WorkerRoutine) == SOCKET_ERROR
                            && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                        stats.problem("server: WSARecv failed: " + WsaError.nameOf(w.WSAGetLastError()));
                        // The lecture returns FALSE here, ending the only worker: every later connection would
                        // wait forever (a connection reset before its first WSARecv is enough). Close this one.
                        byOverlapped.remove(SI.Overlapped);
                        w.closesocket(SI.Socket);
                    }
                }
            }
        }

        /** The completion routine: echoes what a WSARecv brought, and posts the next WSASend or WSARecv (step 5). */
        void WorkerRoutine(int Error, int BytesTransferred, WSAOVERLAPPED Overlapped, int InFlags) {
            SOCKET_INFORMATION SI = byOverlapped.get(Overlapped); // (LPSOCKET_INFORMATION) Overlapped
            if (Error != 0 || BytesTransferred == 0) {
                w.closesocket(SI.Socket);
                byOverlapped.remove(Overlapped); // GlobalFree(SI)
                return;
            }
            if (SI.BytesRECV == 0) {
                SI.BytesRECV = BytesTransferred;
                SI.BytesSEND = 0;
            } else {
                SI.BytesSEND += BytesTransferred;
            }
            if (SI.BytesRECV > SI.BytesSEND) {
                OverlappedEventEcho.ZeroMemory(SI.Overlapped);
                SI.DataBuf.buf = SI.Buffer;
                SI.DataBuf.off = SI.BytesSEND;
                SI.DataBuf.len = SI.BytesRECV - SI.BytesSEND;
                if (w.WSASend(SI.Socket, new WSABUF[] {SI.DataBuf}, 1, new int[1], 0, SI.Overlapped, WorkerRoutine) == SOCKET_ERROR
                        && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                    stats.problem("server: WSASend failed: " + WsaError.nameOf(w.WSAGetLastError()));
                }
            } else {
                SI.BytesRECV = 0;
                int[] Flags = {0};
                OverlappedEventEcho.ZeroMemory(SI.Overlapped);
                SI.DataBuf.len = OverlappedEventEcho.DATA_BUFSIZE;
                SI.DataBuf.buf = SI.Buffer;
                SI.DataBuf.off = 0;
                if (w.WSARecv(SI.Socket, new WSABUF[] {SI.DataBuf}, 1, new int[1], Flags, SI.Overlapped, WorkerRoutine) == SOCKET_ERROR
                        && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
                    stats.problem("server: WSARecv failed: " + WsaError.nameOf(w.WSAGetLastError()));
                }
            }
        }
    }
}
