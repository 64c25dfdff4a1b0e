package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FD_ACCEPT;
import static org.winsim.winsock.api.Winsock.FD_CLOSE;
import static org.winsim.winsock.api.Winsock.FD_READ;
import static org.winsim.winsock.api.Winsock.FD_WRITE;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSAGETSELECTERROR;
import static org.winsim.winsock.api.Winsock.WSAGETSELECTEVENT;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.MSG;
import org.winsim.winsock.api.WNDCLASS;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.FaultPlan;

/**
 * The lecture's AsyncSelectServer (chapter05): one thread, one window, and a message loop; every
 * socket's network events arrive as WM_SOCKET messages and the WindowProc handles them exactly as in
 * the lecture — FD_ACCEPT accepts and selects FD_READ|FD_WRITE|FD_CLOSE on the new socket; FD_READ reads
 * only when the buffer is empty (otherwise it notes RecvPosted) and falls through, without a break, into
 * FD_WRITE, which sends BytesRECV - BytesSEND and, once everything went, re-posts the FD_READ it put off;
 * FD_CLOSE frees the socket. The clients are the blocking echo clients.
 */
public final class AsyncSelectEcho implements Scenario {
    static final int WM_SOCKET = WinUser.WM_USER + 1;
    static final int DATA_BUFSIZE = 8192;
    /** The message size of the lecture's timing cases. */
    public static final int CASE_SIZE = 1024;

    /** The lecture's timing case this run reproduces (1 to 4), or 0 for the plain echo. */
    private final int timingCase;

    public AsyncSelectEcho() {
        this(0);
    }

    private AsyncSelectEcho(int timingCase) {
        this.timingCase = timingCase;
    }

    /**
     * The scenario reproducing the lecture's timing case {@code n} on the first connection (messages of
     * {@link #CASE_SIZE} bytes): 1, each 1024 bytes read and echoed whole; 2, the echo leaves as two
     * 512-byte sends (a partial send: {@link #faults}); 3, the client writes 512 bytes, pauses, writes 512
     * more, so reads and sends interleave; 4, the echo falls short and the client's next message arrives
     * before the FD_WRITE, so the WindowProc sets RecvPosted and re-posts FD_READ itself.
     */
    public static AsyncSelectEcho timingCase(int n) {
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("the lecture's timing cases are 1 to 4");
        }
        return new AsyncSelectEcho(n);
    }

    /**
     * The faults the case needs: on Windows a non-blocking send is taken whole below SO_SNDBUF, so cases 2
     * and 4 need AFD short of resources for the first echo: {@code partial-send@conn1:512}.
     */
    public FaultPlan faults() {
        return timingCase == 2 || timingCase == 4 ? FaultPlan.parse("partial-send@conn1:512") : FaultPlan.NONE;
    }

    private EchoClient.Timing clientTiming() {
        return switch (timingCase) {
            case 3 -> EchoClient.Timing.HALVES_WITH_PAUSE;
            case 4 -> EchoClient.Timing.NEXT_ON_FIRST_ECHO;
            case 1, 2 -> EchoClient.Timing.PAUSED_LOCKSTEP;
            default -> EchoClient.Timing.LOCKSTEP;
        };
    }

    @Override
    public String name() {
        return "async-select-echo";
    }

    @Override
    public String description() {
        return "WSAAsyncSelect echo server: one thread, a window, GetMessage/DispatchMessage and the lecture's WindowProc; blocking clients";
    }

    @Override
    public boolean needsWindows() {
        return true;
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("server", Backend.Role.SERVER, w -> new Server(w, stats).main(port));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats, clientTiming()));
    }

    /** SOCKET_INFORMATION. */
    static final class SocketInformation {
        boolean RecvPosted;
        final byte[] Buffer = new byte[DATA_BUFSIZE];
        final long Socket;
        int BytesSEND;
        int BytesRECV;

        SocketInformation(long socket) {
            this.Socket = socket;
        }
    }

    static final class Server {
        final Win32 w;
        final ScenarioStats stats;
        /** The sample's linked list of SOCKET_INFORMATION, by socket. */
        final Map<Long, SocketInformation> SocketInfoList = new LinkedHashMap<>();

        Server(Win32 w, ScenarioStats stats) {
            this.w = w;
            this.stats = stats;
        }

        int main(int port) {
            MSG msg = new MSG();
            long Window = MakeWorkerWindow();
            if (Window == 0) {
                stats.problem("server: CreateWindow failed: " + WsaError.nameOf(w.GetLastError()));
                return 1;
            }
            if (w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()) != 0) {
                stats.problem("server: WSAStartup failed");
                return 1;
            }
            long Listen = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            w.WSAAsyncSelect(Listen, Window, WM_SOCKET, FD_ACCEPT | FD_CLOSE);
            if (w.bind(Listen, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR
                    || w.listen(Listen, 200) == SOCKET_ERROR) {
                stats.problem("server: bind/listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            // Translate and dispatch window messages for the application thread
            int Ret;
            while ((Ret = w.GetMessage(msg, 0, 0, 0)) != 0) {
                if (Ret == -1) {
                    stats.problem("server: GetMessage() failed with error " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                w.TranslateMessage(msg);
                w.DispatchMessage(msg);
            }
            return 0;
        }

        long MakeWorkerWindow() {
            WNDCLASS wndclass = new WNDCLASS("AsyncSelect", this::WindowProc);
            if (w.RegisterClass(wndclass) == 0) {
                return 0;
            }
            return w.CreateWindowEx(0, "AsyncSelect", "", 0, 0, 0, 0, 0, WinUser.HWND_MESSAGE, 0, 0, null);
        }

        long WindowProc(long hwnd, int uMsg, long wParam, long lParam) {
            if (uMsg == WM_SOCKET) {
                if (WSAGETSELECTERROR(lParam) != 0) {
                    FreeSocketInformation(wParam);
                } else {
                    SocketInformation SocketInfo;
                    switch (WSAGETSELECTEVENT(lParam)) {
                        case FD_ACCEPT: {
                            long Accept = w.accept(wParam, null, null);
                            if (Accept == INVALID_SOCKET) {
                                stats.problem("server: accept() failed with error " + WsaError.nameOf(w.WSAGetLastError()));
                                break;
                            }
                            // Create a socket information structure to associate with the socket for processing
                            CreateSocketInformation(Accept);
                            w.WSAAsyncSelect(Accept, hwnd, WM_SOCKET, FD_READ | FD_WRITE | FD_CLOSE);
                            break;
                        }
                        case FD_READ:
                            SocketInfo = GetSocketInformation(wParam);
                            if (SocketInfo == null) {
                                return 0; // posted before the socket was freed: the lecture's code would use a NULL pointer
                            }
                            // Read data only if the receive buffer is empty
                            if (SocketInfo.BytesRECV != 0) {
                                SocketInfo.RecvPosted = true;
                                return 0;
                            } else {
                                int RecvBytes = w.recv(SocketInfo.Socket, SocketInfo.Buffer, DATA_BUFSIZE, 0); // WSARecv, no overlapped
                                if (RecvBytes == SOCKET_ERROR) {
                                    if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                                        FreeSocketInformation(wParam);
                                        return 0;
                                    }
                                } else { // No error so update the byte count
                                    SocketInfo.BytesRECV = RecvBytes;
                                }
                            }
                            // DO NOT BREAK HERE SINCE WE GOT A SUCCESSFUL RECV. Go ahead and begin writing data to the client
                        case FD_WRITE:
                            SocketInfo = GetSocketInformation(wParam);
                            if (SocketInfo == null) {
                                return 0;
                            }
                            if (SocketInfo.BytesRECV > SocketInfo.BytesSEND) {
                                int SendBytes = w.send(SocketInfo.Socket, SocketInfo.Buffer, SocketInfo.BytesSEND,
                                        SocketInfo.BytesRECV - SocketInfo.BytesSEND, 0); // WSASend, no overlapped
                                if (SendBytes == SOCKET_ERROR) {
                                    if (w.WSAGetLastError() != WsaError.WSAEWOULDBLOCK.code) {
                                        FreeSocketInformation(wParam);
                                        return 0;
                                    }
                                } else { // No error so update the byte count
                                    SocketInfo.BytesSEND += SendBytes;
                                }
                            }
                            if (SocketInfo.BytesSEND == SocketInfo.BytesRECV) {
                                SocketInfo.BytesSEND = 0;
                                SocketInfo.BytesRECV = 0;
                                // If a RECV occurred during our SENDs then we need to post an FD_READ notification on the socket
                                if (SocketInfo.RecvPosted) {
                                    SocketInfo.RecvPosted = false;
                                    w.PostMessage(hwnd, WM_SOCKET, wParam, FD_READ);
                                }
                            }
                            break;
                        case FD_CLOSE:
                            FreeSocketInformation(wParam);
                            break;
                        default:
                            break;
                    }
                }
                return 0;
            }
            return w.DefWindowProc(hwnd, uMsg, wParam, lParam);
        }

        void CreateSocketInformation(long s) {
            SocketInfoList.put(s, new SocketInformation(s));
        }

        SocketInformation GetSocketInformation(long s) {
            return SocketInfoList.get(s);
        }

        void FreeSocketInformation(long s) {
            if (SocketInfoList.remove(s) != null) {
                w.closesocket(s);
            }
        }
    }
}
