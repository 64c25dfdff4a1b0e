package org.winsim.scenarios.lecture;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.WSA_FLAG_OVERLAPPED;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.winsim.scenarios.Backend;
import org.winsim.scenarios.EchoClient;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioStats;
import org.winsim.winsock.api.CRITICAL_SECTION;
import org.winsim.winsock.api.SYSTEM_INFO;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The lecture's "IOCP server with acceptor thread" class design ({@code tcpserver_socket_accepter_thread
 * iocp}): {@link KOverlapped} (an OVERLAPPED with m_bSending, m_dwRemained, m_eIoMode and a fixed buffer of
 * MAX_PACKET_SIZE), {@link KSocket} (ReceiveData, SendData, OnReceiveCompleted, OnSendCompleted,
 * CloseSocket, guarded by its critical section) and {@link KIocp} (BindSocket, one worker thread per
 * processor in GetCompletionStatus, OnIoCompleted dispatching by m_eIoMode, OnClosedByLocal,
 * PostCompletionStatus), with an acceptor thread (the process's main thread) that accepts, binds each
 * socket to the port and posts its first receive. The echo socket replies with SendData.
 *
 * <p>{@code --as-written} runs the send path exactly as printed. {@code SendData} appends the data to
 * {@code m_ovlSend.m_pBuffer} at {@code m_dwRemained} with memmove while a WSASend may still be pending,
 * and nothing bounds it: when the peer reads slowly, the pending WSASend does not complete, echoes pile
 * up, and the memmove writes past the MAX_PACKET_SIZE buffer (a finding: "memmove writes past m_pBuffer").
 * {@code OnSendCompleted}'s bookkeeping of partial completions ({@code m_dwRemained -= InternalHigh},
 * memmove of the rest to the front, WSASend again) is right as printed, and also covers what was appended
 * meanwhile. The default corrects the program:
 * <ol>
 * <li>A receive never asks for more than the send buffer has room for, so an echo always fits: when
 * the buffer is full the socket posts no receive until OnSendCompleted has drained it (TCP's flow
 * control then slows the client, instead of the server writing past its buffer).</li>
 * <li>SendData returns false when the data does not fit or WSASend fails (the printed function falls off
 * its end without a return value: undefined behaviour in C++).</li>
 * </ol>
 * MAX_PACKET_SIZE is not in the lecture's excerpt; 8 KiB here. Where the lecture's text stops
 * ({@code case WSAECONNRESET:} in ReceiveData, the "..." of OnIoCompleted) the port closes the socket
 * through the same path a graceful close takes, and ignores a packet whose key was already deleted.
 */
public final class KIocpEcho implements Scenario {
    static final int MAX_PACKET_SIZE = 8192;

    @Override
    public String name() {
        return "kiocp-echo";
    }

    @Override
    public String description() {
        return "the lecture's KIocp/KSocket/KOverlapped classes: acceptor thread, IOCP workers, SendData into a fixed buffer"
                + " (--as-written: the printed send path)";
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
        backend.startProcess("server", Backend.Role.SERVER, w -> new KIocp(w, p.asWritten(), stats).acceptor(port));
        backend.startProcess("client", Backend.Role.CLIENT, w -> EchoClient.main(w, backend.serverAddress(port), p, stats));
    }

    /** {@code KOverlapped}: an OVERLAPPED (here a member: Java cannot derive from it) with the lecture's fields. */
    static final class KOverlapped {
        enum IoMode { IO_RECEIVE, IO_SEND }

        final WSAOVERLAPPED ov = new WSAOVERLAPPED();
        boolean m_bSending;
        int m_dwRemained;
        final IoMode m_eIoMode;
        final byte[] m_pBuffer = new byte[MAX_PACKET_SIZE];
        final WSABUF m_wsaBuffer = new WSABUF(m_pBuffer, 0, MAX_PACKET_SIZE);

        KOverlapped(IoMode mode) {
            m_eIoMode = mode;
        }

        /** Zeroes the OVERLAPPED part (the lecture's {@code Clear}). */
        void Clear() {
            ov.Internal = 0;
            ov.InternalHigh = 0;
            ov.Offset = 0;
            ov.OffsetHigh = 0;
            ov.hEvent = 0;
        }

        /**
         * {@code memmove(&m_pBuffer[at], src + from, n)}: overlapping ranges allowed. C writes past the end
         * of the array without a word; here that write is the program's error, with its numbers.
         */
        void memmove(int at, byte[] src, int from, int n) {
            if (at + n > MAX_PACKET_SIZE) {
                throw new IndexOutOfBoundsException("memmove writes past m_pBuffer (MAX_PACKET_SIZE " + MAX_PACKET_SIZE
                        + "): " + n + " bytes at m_pBuffer[" + at + "] end at " + (at + n));
            }
            System.arraycopy(src, from, m_pBuffer, at, n);
        }
    }

    /** {@code KSocket}, with the echo server's OnReceiveCompleted (reply with SendData, receive again). */
    static final class KSocket {
        final KIocp iocp;
        final Win32 w;
        final CRITICAL_SECTION m_csSock = new CRITICAL_SECTION();
        long m_dwKey;
        long m_sock;
        final KOverlapped m_ovlReceive = new KOverlapped(KOverlapped.IoMode.IO_RECEIVE);
        final KOverlapped m_ovlSend = new KOverlapped(KOverlapped.IoMode.IO_SEND);
        /** Corrected only: no receive is posted because the send buffer is full; OnSendCompleted posts it. */
        boolean receiveDeferred;

        KSocket(KIocp iocp, long sock) {
            this.iocp = iocp;
            this.w = iocp.w;
            this.m_sock = sock;
            w.InitializeCriticalSection(m_csSock);
        }

        boolean ReceiveData() {
            w.EnterCriticalSection(m_csSock); // KCriticalSectionLock lock( m_csSock );
            try {
                if (m_sock == INVALID_SOCKET) {
                    return false;
                }
                int[] dwRead = {0};
                int[] dwFlag = {0};
                m_ovlReceive.Clear();
                m_ovlReceive.m_wsaBuffer.off = m_ovlReceive.m_dwRemained;
                m_ovlReceive.m_wsaBuffer.len = MAX_PACKET_SIZE - m_ovlReceive.m_dwRemained;
                if (!iocp.asWritten) { // fix 1: never receive more than the send buffer can echo
                    int room = MAX_PACKET_SIZE - m_ovlSend.m_dwRemained;
                    if (room == 0) {
                        receiveDeferred = true;
                        return true;
                    }
                    m_ovlReceive.m_wsaBuffer.len = Math.min(m_ovlReceive.m_wsaBuffer.len, room);
                }
                int ret = w.WSARecv(m_sock, new WSABUF[] {m_ovlReceive.m_wsaBuffer}, 1, dwRead, dwFlag, m_ovlReceive.ov, null);
                if (ret == SOCKET_ERROR && w.GetLastError() != WsaError.WSA_IO_PENDING.code) {
                    // WSAECONNRESET and the rest: a worker closes the socket as for a graceful close
                    iocp.PostCompletionStatus(m_dwKey, 0, m_ovlReceive.ov);
                    return false;
                }
                return true; // pending, or done at once: the packet comes either way
            } finally {
                w.LeaveCriticalSection(m_csSock);
            }
        }

        boolean SendData(byte[] szData_, int iSize_) {
            w.EnterCriticalSection(m_csSock);
            try {
                if (!iocp.asWritten && m_ovlSend.m_dwRemained + iSize_ > MAX_PACKET_SIZE) {
                    return false; // fix 2 (fix 1 keeps it from happening in the echo)
                }
                // copy data to buffer.
                m_ovlSend.memmove(m_ovlSend.m_dwRemained, szData_, 0, iSize_);
                m_ovlSend.m_dwRemained += iSize_;
                // when last WSASend() is not pending.
                if (!m_ovlSend.m_bSending) {
                    int[] dwWrite = {0};
                    m_ovlSend.m_wsaBuffer.len = m_ovlSend.m_dwRemained;
                    int ret = w.WSASend(m_sock, new WSABUF[] {m_ovlSend.m_wsaBuffer}, 1, dwWrite, 0, m_ovlSend.ov, null);
                    boolean isSendOk = false;
                    if (ret != SOCKET_ERROR) {
                        isSendOk = true;
                    } else if (w.WSAGetLastError() == WsaError.WSA_IO_PENDING.code) {
                        isSendOk = true;
                    }
                    if (isSendOk) {
                        m_ovlSend.m_bSending = true;
                        return true;
                    }
                    return false;
                }
                // as printed, the function ends here without a return value; the data waits for OnSendCompleted
                return !iocp.asWritten;
            } finally {
                w.LeaveCriticalSection(m_csSock);
            }
        }

        /** The echo: the bytes received go back with SendData, and the next receive is posted. */
        void OnReceiveCompleted(int dwTransferred) {
            if (dwTransferred == 0) {
                OnCloseSocket();
                return;
            }
            SendData(m_ovlReceive.m_pBuffer, dwTransferred);
            ReceiveData();
        }

        void OnSendCompleted(int dwTransferred_) {
            w.EnterCriticalSection(m_csSock);
            try {
                m_ovlSend.m_bSending = false;
                if (dwTransferred_ >= m_ovlSend.m_dwRemained) { // sent all requested data
                    m_ovlSend.m_dwRemained = 0;
                    resumeReceive();
                    return;
                }
                // there is remained data, send again
                m_ovlSend.m_dwRemained -= (int) m_ovlSend.ov.InternalHigh;
                m_ovlSend.memmove(0, m_ovlSend.m_pBuffer, dwTransferred_, m_ovlSend.m_dwRemained);
                int[] dwWrite = {0};
                m_ovlSend.m_wsaBuffer.len = m_ovlSend.m_dwRemained;
                int ret = w.WSASend(m_sock, new WSABUF[] {m_ovlSend.m_wsaBuffer}, 1, dwWrite, 0, m_ovlSend.ov, null);
                // Io is pending, or all data was sent after WSASend(): the completion comes either way
                if (ret != SOCKET_ERROR || w.WSAGetLastError() == WsaError.WSA_IO_PENDING.code) {
                    m_ovlSend.m_bSending = true;
                }
                resumeReceive();
            } finally {
                w.LeaveCriticalSection(m_csSock);
            }
        }

        /** Corrected only: a receive deferred for want of room is posted once the send buffer has drained some. */
        private void resumeReceive() {
            if (receiveDeferred && m_ovlSend.m_dwRemained < MAX_PACKET_SIZE) {
                receiveDeferred = false;
                ReceiveData();
            }
        }

        void CloseSocket() {
            w.EnterCriticalSection(m_csSock);
            try {
                if (m_sock != INVALID_SOCKET) {
                    w.closesocket(m_sock);
                    m_sock = INVALID_SOCKET;
                }
            } finally {
                w.LeaveCriticalSection(m_csSock);
            }
        }

        void OnCloseSocket() {
            CloseSocket();
            iocp.OnClosedByLocal(m_dwKey);
        }
    }

    /** {@code KIocp}: the port, its socket objects by completion key, and the worker threads. */
    static final class KIocp {
        final Win32 w;
        final boolean asWritten;
        final ScenarioStats stats;
        long m_hIocp;
        final CRITICAL_SECTION m_csSockObj = new CRITICAL_SECTION();
        final Map<Long, KSocket> sockObjects = new TreeMap<>();
        /** static_cast from OVERLAPPED* to KOverlapped*: the OVERLAPPED is a member, so its KOverlapped is looked up. */
        final Map<WSAOVERLAPPED, KOverlapped> overlappeds = new IdentityHashMap<>();
        long lastKey;

        KIocp(Win32 w, boolean asWritten, ScenarioStats stats) {
            this.w = w;
            this.asWritten = asWritten;
            this.stats = stats;
        }

        boolean Initialize() {
            w.InitializeCriticalSection(m_csSockObj);
            m_hIocp = w.CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, WinBase.NULL, 0, 0);
            if (m_hIocp == WinBase.NULL) {
                stats.problem("server: CreateIoCompletionPort failed: " + WsaError.nameOf(w.GetLastError()));
                return false;
            }
            SYSTEM_INFO si = new SYSTEM_INFO();
            w.GetSystemInfo(si);
            for (int i = 0; i < si.dwNumberOfProcessors; i++) {
                if (!CreateThread()) {
                    return false;
                }
            }
            return true;
        }

        boolean CreateThread() {
            if (w.CreateThread(null, 0, param -> GetCompletionStatus(), null, 0, null) == WinBase.NULL) {
                stats.problem("server: CreateThread failed: " + WsaError.nameOf(w.GetLastError()));
                return false;
            }
            return true;
        }

        /** The acceptor thread: accept, bind the socket to the port with a new key, post its first receive. */
        int acceptor(int port) {
            w.WSAStartup(Winsock.MAKEWORD(2, 2), new WSADATA());
            if (!Initialize()) {
                return 1;
            }
            long listen = w.WSASocket(AF_INET, SOCK_STREAM, 0, null, 0, WSA_FLAG_OVERLAPPED);
            w.bind(listen, new sockaddr_in(AF_INET, INADDR_ANY, port), Winsock.SIZEOF_SOCKADDR_IN);
            if (w.listen(listen, 200) == SOCKET_ERROR) {
                stats.problem("server: listen failed: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            while (true) {
                long s = w.accept(listen, null, null);
                if (s == INVALID_SOCKET) {
                    stats.problem("server: accept failed: " + WsaError.nameOf(w.WSAGetLastError()));
                    return 1;
                }
                KSocket k = new KSocket(this, s);
                if (BindSocket(k)) {
                    k.ReceiveData();
                }
            }
        }

        boolean BindSocket(KSocket k) {
            w.EnterCriticalSection(m_csSockObj);
            try {
                k.m_dwKey = GenNewCompletionKey();
                if (w.CreateIoCompletionPort(k.m_sock, m_hIocp, k.m_dwKey, 0) == WinBase.NULL) {
                    stats.problem("server: CreateIoCompletionPort(socket) failed: " + WsaError.nameOf(w.GetLastError()));
                    k.CloseSocket();
                    return false;
                }
                sockObjects.put(k.m_dwKey, k);
                overlappeds.put(k.m_ovlReceive.ov, k.m_ovlReceive);
                overlappeds.put(k.m_ovlSend.ov, k.m_ovlSend);
                return true;
            } finally {
                w.LeaveCriticalSection(m_csSockObj);
            }
        }

        long GenNewCompletionKey() {
            return ++lastKey;
        }

        KSocket _GetSockObject(long key) {
            w.EnterCriticalSection(m_csSockObj);
            try {
                return sockObjects.get(key);
            } finally {
                w.LeaveCriticalSection(m_csSockObj);
            }
        }

        /** A worker: dequeues packets and hands each to OnIoCompleted; a failed I/O completes with 0 bytes. */
        int GetCompletionStatus() {
            int[] dwBytesTransferred = {0};
            long[] dwKey = {0};
            WSAOVERLAPPED[] pOverlapped = {null};
            while (true) {
                int ok = w.GetQueuedCompletionStatus(m_hIocp, dwBytesTransferred, dwKey, pOverlapped, WinBase.INFINITE);
                if (ok == WinBase.FALSE && pOverlapped[0] == null) {
                    stats.problem("server: GetQueuedCompletionStatus failed: " + WsaError.nameOf(w.GetLastError()));
                    return 1;
                }
                OnIoCompleted(dwKey[0], ok == WinBase.FALSE ? 0 : dwBytesTransferred[0], pOverlapped[0]);
            }
        }

        void OnIoCompleted(long dwKey_, int dwBytesTransferred_, WSAOVERLAPPED pOverlapped_) {
            if (pOverlapped_ == null) {
                stats.problem("server: IOCP Error");
                return;
            }
            KSocket pkSocket = _GetSockObject(dwKey_);
            if (pkSocket == null) {
                return; // closed by local: the key is gone
            }
            KOverlapped pkOverlapped = overlappeds.get(pOverlapped_);
            switch (pkOverlapped.m_eIoMode) {
                case IO_RECEIVE -> pkSocket.OnReceiveCompleted(dwBytesTransferred_);
                case IO_SEND -> pkSocket.OnSendCompleted(dwBytesTransferred_);
            }
        }

        /** A socket this side closed leaves the table (DeleteCompletionKey): later packets with its key are dropped. */
        void OnClosedByLocal(long key) {
            w.EnterCriticalSection(m_csSockObj);
            try {
                KSocket k = sockObjects.remove(key);
                if (k != null) {
                    overlappeds.remove(k.m_ovlReceive.ov);
                    overlappeds.remove(k.m_ovlSend.ov);
                }
            } finally {
                w.LeaveCriticalSection(m_csSockObj);
            }
        }

        void PostCompletionStatus(long key, int bytes, WSAOVERLAPPED ov) {
            w.PostQueuedCompletionStatus(m_hIocp, bytes, key, ov);
        }
    }
}
