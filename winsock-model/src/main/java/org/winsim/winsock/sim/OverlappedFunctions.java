package org.winsim.winsock.sim;

import org.winsim.winsock.api.Kernel32Functions;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Ws2_32Functions;

/**
 * The overlapped-I/O part of the simulated Win32 API (issue 12), mixed into {@link SimWin32}: each
 * function is {@link OverlappedApi}'s, so the facade stays one short method per function per file.
 */
interface OverlappedFunctions extends Ws2_32Functions, Kernel32Functions {
    /** The process's overlapped-I/O facade. */
    OverlappedApi overlapped();

    @Override
    default long WSASocket(int af, int type, int protocol, Object lpProtocolInfo, int g, int dwFlags) {
        return overlapped().WSASocket(af, type, protocol, lpProtocolInfo, g, dwFlags);
    }

    @Override
    default int WSASend(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags,
                        WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return overlapped().WSASend(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped, lpCompletionRoutine);
    }

    @Override
    default int WSARecv(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                        WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return overlapped().WSARecv(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpOverlapped, lpCompletionRoutine);
    }

    @Override
    default int WSAGetOverlappedResult(long s, WSAOVERLAPPED lpOverlapped, int[] lpcbTransfer, boolean fWait, int[] lpdwFlags) {
        return overlapped().WSAGetOverlappedResult(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags);
    }

    @Override
    default int WSAIoctl(long s, int dwIoControlCode, Object lpvInBuffer, int cbInBuffer, Object lpvOutBuffer, int cbOutBuffer,
                         int[] lpcbBytesReturned, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return overlapped().WSAIoctl(s, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer, cbOutBuffer, lpcbBytesReturned,
                lpOverlapped, lpCompletionRoutine);
    }

    @Override
    default int GetOverlappedResult(long hFile, WSAOVERLAPPED lpOverlapped, int[] lpNumberOfBytesTransferred, boolean bWait) {
        return overlapped().GetOverlappedResult(hFile, lpOverlapped, lpNumberOfBytesTransferred, bWait);
    }

    @Override
    default int CancelIo(long hFile) {
        return overlapped().CancelIo(hFile);
    }

    @Override
    default int CancelIoEx(long hFile, WSAOVERLAPPED lpOverlapped) {
        return overlapped().CancelIoEx(hFile, lpOverlapped);
    }
}
