package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import org.winsim.scenarios.Backend;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's answer to "recv might never return": a reading thread and a computation thread that
 * share a buffer under a critical section, the reader announcing each NUM_BYTES_REQUIRED with an
 * auto-reset event. A data source sends {@code clients x messages} chunks of {@code size} bytes.
 *
 * <p>Two changes to the lecture's sketch, both marked below, because the simulator reports the
 * original's flaws as findings: the reader writes at {@code &buff[nBytes]} (the lecture's
 * {@code &buff[MAX_BUFFER_SIZE - nBytes]} writes past the end of the buffer when nBytes is 0), and it
 * does not hold the critical section across the blocking recv (which starves the computation
 * thread until the buffer overflows); it waits for room instead, on a second event.
 */
public final class ReaderCompute implements Scenario {
    /** CPU time of DoSomeComputationOnData per byte. */
    static final long COMPUTE_NANOS_PER_BYTE = 4;

    @Override
    public String name() {
        return "reader-compute";
    }

    @Override
    public String description() {
        return "a reader thread and a computation thread sharing a buffer (critical section + auto-reset event)";
    }

    @Override
    public void start(Backend backend, ScenarioParams p, ScenarioStats stats) {
        int port = backend.port(LECTURE_PORT);
        backend.startProcess("source", Backend.Role.SERVER, w -> sourceMain(w, port, p, stats));
        backend.startProcess("reader", Backend.Role.CLIENT, w -> new Program(w, backend.serverAddress(port), p, stats).main());
    }

    private static long chunks(ScenarioParams p) {
        return (long) p.clients() * p.messages();
    }

    /** The data source: accepts one connection and sends the stream, then closes gracefully. */
    static int sourceMain(Win32 w, int port, ScenarioParams p, ScenarioStats stats) {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (w.bind(l, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR
                || w.listen(l, 5) == SOCKET_ERROR) {
            stats.problem("source: bind/listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        long s = w.accept(l, null, null);
        if (s == INVALID_SOCKET) {
            stats.problem("source: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
            return 1;
        }
        byte[] chunk = new byte[p.size()];
        for (long i = 0; i < chunks(p); i++) {
            p.fillPattern(0, i * p.size(), chunk, chunk.length);
            int off = 0;
            while (off < chunk.length) {
                int n = w.send(s, chunk, off, chunk.length - off, 0);
                if (n == SOCKET_ERROR) {
                    stats.problem("source: send failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                off += n;
            }
        }
        w.closesocket(s);
        w.closesocket(l);
        w.WSACleanup();
        return 0;
    }

    /** The reading program: its globals are the lecture's (data, hEvent, sock, buff, done, nBytes). */
    static final class Program {
        private final Win32 w;
        private final sockaddr_in source;
        private final ScenarioParams p;
        private final ScenarioStats stats;
        private final int numBytesRequired;
        private final int maxBufferSize;
        private final CRITICAL_SECTION data = new CRITICAL_SECTION();
        private long hEvent;
        private long hSpace;
        private long sock;
        private byte[] buff;
        private boolean done;
        private int nBytes;
        private long processed;

        Program(Win32 w, sockaddr_in source, ScenarioParams p, ScenarioStats stats) {
            this.w = w;
            this.source = source;
            this.p = p;
            this.stats = stats;
            this.numBytesRequired = p.size();
            this.maxBufferSize = Math.max(4096, 4 * p.size());
        }

        int main() {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            // Initialize critical section (data) and create an auto-reset event (hEvent) before creating the two threads
            w.InitializeCriticalSection(data);
            hEvent = w.CreateEvent(null, false, false, null);
            hSpace = w.CreateEvent(null, false, false, null);
            buff = new byte[maxBufferSize];
            // Create and connect sock
            sock = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            if (w.connect(sock, source, Winsock.SIZEOF_SOCKADDR_IN) == SOCKET_ERROR) {
                stats.problem("reader: connect failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            long reader = w.CreateThread(null, 0, param -> readThread(), null, 0, null);
            long processor = w.CreateThread(null, 0, param -> processThread(), null, 0, null);
            w.WaitForMultipleObjects(2, new long[] {reader, processor}, true, WinBase.INFINITE);
            w.CloseHandle(reader);
            w.CloseHandle(processor);
            w.CloseHandle(hEvent);
            w.CloseHandle(hSpace);
            w.DeleteCriticalSection(data);
            w.closesocket(sock);
            w.WSACleanup();
            if (processed != chunks(p)) {
                stats.problem("reader: processed " + processed + " of " + chunks(p) + " chunks");
            }
            return 0;
        }

        /** Reader thread. */
        int readThread() {
            w.SetThreadDescription(w.GetCurrentThread(), "reader");
            byte[] tmp = new byte[numBytesRequired];
            while (!done) {
                int nTotal = 0;
                int nLeft = numBytesRequired;
                // However many bytes constitutes enough data for processing (i.e. non-zero)
                while (nTotal != numBytesRequired) {
                    int nRead = w.recv(sock, tmp, nLeft, 0); // changed: recv outside the critical section
                    if (nRead == SOCKET_ERROR || nRead == 0) {
                        if (nRead == SOCKET_ERROR) {
                            stats.problem("reader: recv failed: " + WsaError.nameOf(w.WSAGetLastError()));
                        }
                        w.EnterCriticalSection(data);
                        done = true;
                        w.LeaveCriticalSection(data);
                        w.SetEvent(hEvent);
                        return 0;
                    }
                    waitForRoom(nRead);
                    w.EnterCriticalSection(data);
                    System.arraycopy(tmp, 0, buff, nBytes, nRead); // changed: &buff[nBytes]
                    nBytes += nRead;
                    w.LeaveCriticalSection(data);
                    nTotal += nRead;
                    nLeft -= nRead;
                }
                w.SetEvent(hEvent);
            }
            return 0;
        }

        private void waitForRoom(int n) {
            while (true) {
                w.EnterCriticalSection(data);
                boolean room = nBytes + n <= maxBufferSize;
                w.LeaveCriticalSection(data);
                if (room) {
                    return;
                }
                w.WaitForSingleObject(hSpace, WinBase.INFINITE);
            }
        }

        /** Computation thread: one chunk per NUM_BYTES_REQUIRED, checked against the source's stream. */
        int processThread() {
            w.SetThreadDescription(w.GetCurrentThread(), "computation");
            byte[] expected = new byte[numBytesRequired];
            while (true) {
                w.WaitForSingleObject(hEvent, WinBase.INFINITE);
                w.EnterCriticalSection(data);
                while (nBytes >= numBytesRequired) {
                    // DoSomeComputationOnData(buff)
                    p.fillPattern(0, processed * numBytesRequired, expected, numBytesRequired);
                    for (int i = 0; i < numBytesRequired; i++) {
                        if (buff[i] != expected[i]) {
                            stats.problem("reader: chunk " + processed + " differs at byte " + i);
                            break;
                        }
                    }
                    w.compute(COMPUTE_NANOS_PER_BYTE * numBytesRequired);
                    stats.verified(numBytesRequired);
                    stats.messageVerified();
                    processed++;
                    // Remove the processed data from the input buffer, and shift the remaining data to the start of the array
                    nBytes -= numBytesRequired;
                    System.arraycopy(buff, numBytesRequired, buff, 0, nBytes);
                }
                boolean finished = done;
                w.LeaveCriticalSection(data);
                w.SetEvent(hSpace);
                if (finished) {
                    return 0;
                }
            }
        }
    }
}
