package org.winsim.winsock.sim;

import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAMSG;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The datagram part of the simulated Win32 API (UDP), mixed into {@link SimWin32}: each function is
 * {@link DatagramApi}'s, so the facade stays one short method per function per file.
 */
interface DatagramFunctions extends OverlappedFunctions {
    /** The process's datagram facade, which the overlapped facade holds (they share its {@link OverlappedIo}). */
    default DatagramApi datagrams() {
        return overlapped().datagrams();
    }

    @Override
    default int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        return datagrams().sendto(s, buf, off, len, flags, to, tolen);
    }

    @Override
    default int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        return datagrams().recvfrom(s, buf, off, len, flags, from, fromlen);
    }

    @Override
    default int WSASendTo(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesSent, int dwFlags, sockaddr_in lpTo,
                          int iTolen, WSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return datagrams().WSASendTo(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo, iTolen, lpOverlapped,
                lpCompletionRoutine);
    }

    @Override
    default int WSARecvFrom(long s, WSABUF[] lpBuffers, int dwBufferCount, int[] lpNumberOfBytesRecvd, int[] lpFlags,
                            sockaddr_in lpFrom, int[] lpFromlen, WSAOVERLAPPED lpOverlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return datagrams().WSARecvFrom(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen, lpOverlapped,
                lpCompletionRoutine);
    }

    @Override
    default int WSASendMsg(long s, WSAMSG lpMsg, int dwFlags, int[] lpNumberOfBytesSent, WSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine) {
        return datagrams().WSASendMsg(s, lpMsg, dwFlags, lpNumberOfBytesSent, lpOverlapped, lpCompletionRoutine);
    }
}
