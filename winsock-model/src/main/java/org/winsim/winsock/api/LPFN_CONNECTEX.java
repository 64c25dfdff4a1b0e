package org.winsim.winsock.api;

/**
 * {@code LPFN_CONNECTEX}: ConnectEx, from {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER,
 * WSAID_CONNECTEX)}: connects a bound socket, overlapped, optionally sending {@code dwSendDataLength}
 * bytes of {@code lpSendBuffer} once connected. TRUE when it completed at once, else FALSE with
 * ERROR_IO_PENDING or an error.
 */
@FunctionalInterface
public interface LPFN_CONNECTEX {
    int ConnectEx(long s, sockaddr_in name, int namelen, byte[] lpSendBuffer, int dwSendDataLength, int[] lpdwBytesSent,
                  WSAOVERLAPPED lpOverlapped);
}
