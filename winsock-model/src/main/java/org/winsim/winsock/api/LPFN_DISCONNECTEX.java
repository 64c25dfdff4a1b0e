package org.winsim.winsock.api;

/**
 * {@code LPFN_DISCONNECTEX}: DisconnectEx, from {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER,
 * WSAID_DISCONNECTEX)}: closes the sending side of a connection (overlapped when given an OVERLAPPED);
 * with TF_REUSE_SOCKET the socket may then be connected or accepted into again.
 */
@FunctionalInterface
public interface LPFN_DISCONNECTEX {
    int DisconnectEx(long s, WSAOVERLAPPED lpOverlapped, int dwFlags, int dwReserved);
}
