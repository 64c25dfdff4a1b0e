package org.winsim.winsock.api;

/**
 * {@code LPFN_ACCEPTEX}: AcceptEx, as {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_ACCEPTEX)}
 * hands it out. Accepts the next connection of {@code sListenSocket} into the pre-created
 * {@code sAcceptSocket}; {@code lpOutputBuffer} receives the first {@code dwReceiveDataLength} bytes,
 * then the local and the remote address (each slot at least 16 bytes more than a sockaddr_in). Returns
 * TRUE when it completed at once, else FALSE with ERROR_IO_PENDING or an error.
 */
@FunctionalInterface
public interface LPFN_ACCEPTEX {
    int AcceptEx(long sListenSocket, long sAcceptSocket, byte[] lpOutputBuffer, int dwReceiveDataLength,
                 int dwLocalAddressLength, int dwRemoteAddressLength, int[] lpdwBytesReceived, WSAOVERLAPPED lpOverlapped);
}
